"""Helpers the step-type tests share: both windows on a workshop (opened and closed),
a PDF's text."""

from __future__ import annotations

import io

import pypdf
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.brainstorm import BrainstormEditor


def show_session(qtbot: QtBot, repo: WorkshopRepository, workshop_id: int) -> Session:
    """Console and projector on the workshop, offscreen, with the console active so the
    editor's keys (Enter, Alt+digit, Ctrl+M...) reach it rather than the room."""
    s = Session(repo, workshop_id)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.console.resize(1280, 800)
    s.show()
    s.projector.resize(1280, 720)
    qtbot.waitExposed(s.console)
    s.console.activateWindow()
    qtbot.waitUntil(s.console.isActiveWindow)
    return s


def brainstorm_editor(session: Session) -> BrainstormEditor:
    """The console's editor, on a brainstorm step."""
    ed = session.console.editor
    assert isinstance(ed, BrainstormEditor)
    return ed


def capture(qtbot: QtBot, session: Session, text: str) -> None:
    """Type ``text`` in the brainstorm's capture box and press Enter."""
    box = brainstorm_editor(session).capture
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def close_session(s: Session) -> None:
    """Close both windows and stop the console's timers (the projector preview's
    refresh among them), so none fires after the projector window is gone."""
    from PySide6.QtCore import QTimer

    s.close()
    for timer in s.console.findChildren(QTimer):
        timer.stop()


def pdf_text(pdf: bytes) -> str:
    """All the PDF's text as a reader would copy it, whitespace folded to spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
