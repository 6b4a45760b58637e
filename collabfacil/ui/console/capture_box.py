"""The capture box: type, press Enter, the note is captured."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A line edit takes Ctrl+Z and Ctrl+Shift+Z for itself, even with nothing
        # of its own to undo: then they are the window's Undo and Redo. (Handled
        # here rather than by declining the ShortcutOverride in event(): a Python
        # event() makes PySide6 build all fifty of Qt's event classes at start-up.)
        if (not self.isUndoAvailable() and not self.isRedoAvailable()
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo))):
            pressed = QKeySequence(event.keyCombination())
            for action in self.window().findChildren(QAction):
                if action.isEnabled() and pressed in action.shortcuts():
                    action.trigger()
                    return
        super().keyPressEvent(event)
