"""The capture box: type, press Enter, the note is captured."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget


class CaptureBox(QLineEdit):
    """A one-line box that emits ``submitted`` with its text on Enter.

    Ctrl+Z in an empty box undoes the last capture (the app's undo) instead of
    the box's own typing history.
    """

    submitted = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(placeholder)
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self._on_return_pressed)

    def accept_capture(self) -> None:
        """The text was captured: empty the box (and its own undo history)."""
        self.setText("")

    def _on_return_pressed(self) -> None:
        self.submitted.emit(self.text())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            is_undo = event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo)
            if is_undo and not self.isUndoAvailable() and not self.isRedoAvailable():
                event.ignore()  # let the application's Undo/Redo have it
                return False
        return super().event(event)
