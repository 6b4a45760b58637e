"""The keyboard contract of DESIGN.md, in one table the help overlay also reads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

# (keys, what they do) - shown by F1, bound by the console window.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Enter (in the capture box)", "capture what was typed"),
    ("PageDown / Ctrl+Right", "next step (or next timed phase)"),
    ("PageUp / Ctrl+Left", "previous step (or previous timed phase)"),
    ("B or .", "blank the projector / back"),
    ("F (outside a text field)", "freeze the projector while you tidy up / live again"),
    ("F5 / Esc", "projector full-screen on / off"),
    ("Space (outside a text field)", "start / pause the timer"),
    ("Ctrl+Up / Ctrl+Shift+Backspace", "one more minute / reset the timer"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("Ctrl+= / Ctrl+-", "projector font larger / smaller"),
    ("Ctrl+R", "reveal hidden results to the room / hide them"),
    ("Ctrl+T", "projector theme: dark, light, high contrast"),
    ("Alt+1 … Alt+9", "choose the section for the next note"),
    ("Ctrl+1 … Ctrl+9 / Ctrl+0", "choose the organisation for the next note / none"),
    ("F2 / Delete (in the notes)", "edit / delete the selected note"),
    ("Ctrl+O / Ctrl+E", "start page (open another workshop) / edit workshop and agenda"),
    ("F1", "this list of shortcuts"),
)


_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def typing_in_text_field(receiver: QObject | None = None) -> bool:
    """True when the key goes to (or the focus is in) a box that takes typed text."""
    if isinstance(receiver, _TEXT_FIELDS):
        return True
    return isinstance(QApplication.focusWidget(), _TEXT_FIELDS)


class RoomKeyFilter(QObject):
    """B, '.', F and Space for the room, wherever the focus is in our windows.

    Installed on the application so item views (which would take B for type-ahead
    search, or Space for selection) cannot swallow them; inside a text field
    they stay ordinary typing.
    """

    def __init__(self, windows: Callable[[], list[QWidget]], *, blank: Callable[[], None],
                 toggle_timer: Callable[[], None], freeze: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._windows = windows
        self._keys = {Qt.Key.Key_B: blank, Qt.Key.Key_Period: blank,
                      Qt.Key.Key_Space: toggle_timer, Qt.Key.Key_F: freeze}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() not in self._windows():
            return False
        if (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                or typing_in_text_field(watched)):
            return False
        action = self._keys.get(Qt.Key(event.key()))
        if action is None:
            return False
        action()
        return True
