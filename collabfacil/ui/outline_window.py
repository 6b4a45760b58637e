"""A text outline of the board: what the projector shows, as plain text.

For people who cannot see the projector well: large type, a screen reader can
read it, and it follows the board live. It shows exactly what the projector
shows (hidden results stay hidden; blank and frozen apply).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from collabfacil.ui.controller import SessionController
from collabfacil.ui.projector.view import ProjectorView


def outline_text(view: ProjectorView) -> str:
    """The projector's texts, one per line, the step title first."""
    texts = view.visible_texts()
    if not texts:
        return "(The projector is blank.)"
    title, *rest = texts
    return "\n".join([title, "=" * min(len(title), 60), *(f"• {t}" for t in rest)])


class OutlineWindow(QWidget):
    """A window with the board as large plain text, updated as it changes."""

    def __init__(self, controller: SessionController, view: ProjectorView) -> None:
        super().__init__()
        self.view = view
        self.setWindowTitle("Text outline of the board")
        self.setAccessibleName("Text outline of the board")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The board as text")
        font = QFont()
        font.setPointSize(16)
        self.text.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.resize(700, 800)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(200)
        self._refresh.timeout.connect(self.refresh)
        for signal in (controller.step_changed, controller.phase_changed,
                       controller.contribution_added, controller.contribution_updated,
                       controller.contribution_removed, controller.actions_changed,
                       controller.items_changed, controller.projector_mode_changed):
            signal.connect(lambda *_: self._refresh.start())
        self.refresh()

    def refresh(self) -> None:
        """Rewrite the outline from the projector, keeping the reader's place."""
        bar = self.text.verticalScrollBar()
        at = bar.value()
        self.text.setPlainText(outline_text(self.view))
        bar.setValue(at)
