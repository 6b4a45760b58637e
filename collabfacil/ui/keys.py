"""The keyboard contract of DESIGN.md, in one table the help overlay also reads."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

# (keys, what they do) - shown by F1, bound by the console window.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Enter (in the capture box)", "capture what was typed"),
    ("PageDown / Ctrl+Right", "next step"),
    ("PageUp / Ctrl+Left", "previous step"),
    ("B or .", "blank the projector / back"),
    ("F5 / Esc", "projector full-screen on / off"),
    ("Space (outside a text field)", "start / pause the timer"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("Ctrl+= / Ctrl+-", "projector font larger / smaller"),
    ("Alt+1 … Alt+9", "choose the section for the next note"),
    ("F2 / Delete (in the notes)", "edit / delete the selected note"),
    ("F1", "this list of shortcuts"),
)


def typing_in_text_field() -> bool:
    """True when the keyboard focus is in a box that takes typed text."""
    widget = QApplication.focusWidget()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)
