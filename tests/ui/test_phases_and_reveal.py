"""Timed sub-phases and results hidden until revealed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.model import Step, Workshop
from collabfacil.storage.repository import WorkshopRepository

PHASES = [
    {"title": "Alone", "minutes": 2, "prompt": "Write your own ideas, in silence."},
    {"title": "Pairs", "minutes": 4, "prompt": "Share with one neighbour."},
    {"title": "All", "minutes": 6},
]


@pytest.fixture
def phased(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """A silent, phased brainstorm followed by a plain one."""
    wid = repo.create_workshop(Workshop("Phases"), steps=[
        Step(type="brainstorm", title="1-2-All", prompt="What gets in the way?", minutes=12,
             config={"phases": PHASES, "silent": True}),
        Step(type="brainstorm", title="Next", minutes=5),
    ])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    yield s
    s.close()


def test_page_down_walks_through_the_phases_before_the_next_step(
        qtbot: QtBot, phased: Session) -> None:
    """PageDown moves Alone → Pairs → All, then to the next step; each phase has its timer."""
    c = phased.controller
    assert "Alone · part 1 of 3" in phased.projector.view.visible_texts()
    assert "Write your own ideas, in silence." in phased.projector.view.visible_texts()
    assert phased.console.timer.clock.text() == "2:00"
    qtbot.keyClick(phased.console, Qt.Key.Key_PageDown)
    assert c.phase_index == 1
    assert "Share with one neighbour." in phased.projector.view.visible_texts()
    assert phased.console.timer.clock.text() == "4:00"
    qtbot.keyClick(phased.console, Qt.Key.Key_PageDown)
    assert "What gets in the way?" in phased.projector.view.visible_texts()  # no own prompt
    qtbot.keyClick(phased.console, Qt.Key.Key_PageDown)
    assert c.current_index == 1
    qtbot.keyClick(phased.console, Qt.Key.Key_PageUp)
    assert (c.current_index, c.phase_index) == (0, 2)


def test_the_phase_is_remembered(phased: Session) -> None:
    """The current phase is stored, so reopening the workshop returns to it."""
    phased.controller.next_step()
    step = phased.controller.repo.steps(phased.controller.workshop_id)[0]
    assert step.state["phase"] == 1


def test_silent_notes_stay_off_the_projector_until_revealed(phased: Session) -> None:
    """In a silent brainstorm the room sees only a count; Ctrl+R shows the notes."""
    c = phased.controller
    c.add_note("Hidden idea")
    texts = phased.projector.view.visible_texts()
    assert "Hidden idea" not in texts
    assert any("1 note so far" in t for t in texts)
    assert phased.console.reveal_button.isVisible()
    c.toggle_reveal()
    assert "Hidden idea" in phased.projector.view.visible_texts()
    assert phased.console.reveal_button.text() == "Hide from the room"
    assert c.repo.steps(c.workshop_id)[0].state["revealed"] is True


def test_reveal_button_is_absent_where_nothing_is_hidden(phased: Session) -> None:
    """A plain brainstorm has nothing to reveal, so no button."""
    phased.controller.go_to_step(1)
    assert not phased.console.reveal_button.isVisible()
