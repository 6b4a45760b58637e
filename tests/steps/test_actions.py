"""The actions step: SMART checklist and drafts carried in from earlier steps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.model import Contribution, Step, Workshop
from collabfacil.domain.steps.actions import smart_checklist
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.actions import ActionsEditor


def test_smart_checklist_flags_what_is_missing() -> None:
    """A vague action fails 'specific' and 'measure'; 'realistic' is left to the room."""
    checks = {c.question: c.passed for c in smart_checklist(
        text="We should look at data", owner="", due="", measure="")}
    assert checks == {"Is it specific?": False, "Is there a measure?": False,
                      "Is it assigned to a named person?": False,
                      "Is it realistic in the time we have?": None,
                      "Does it have a date?": False}
    good = smart_checklist(text="I will share the frailty list weekly", owner="Sam",
                           due="2026-05-01", measure="Lists shared each Monday")
    assert [c.passed for c in good] == [True, True, True, None, True]


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """A stop-doing brainstorm (offering drafts), a plain brainstorm, then actions."""
    wid = repo.create_workshop(Workshop("Drafts"), steps=[
        Step(type="brainstorm", title="What we will stop doing", config={"drafts": True}),
        Step(type="brainstorm", title="Ideas"),
        Step(type="actions", title="Actions"),
    ])
    steps = repo.steps(wid)
    for text in ("Stop sending deputies", "Stop the monthly highlight report"):
        repo.add_contribution(Contribution(step_id=steps[0].id or 0, text=text))
    repo.add_contribution(Contribution(step_id=steps[1].id or 0, text="Not a draft"))
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.controller.go_to_step(2)
    yield s
    s.close()


def editor(session: Session) -> ActionsEditor:
    ed = session.console.editor
    assert isinstance(ed, ActionsEditor)
    return ed


def drafts(ed: ActionsEditor) -> list[str]:
    return [ed.drafts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(ed.drafts.count())]


def test_stop_doing_notes_are_offered_as_drafts(session: Session) -> None:
    """Notes of a 'drafts' brainstorm are listed; other steps' notes are not."""
    assert drafts(editor(session)) == ["Stop sending deputies",
                                       "Stop the monthly highlight report"]


def test_a_draft_becomes_an_action_and_leaves_the_list(qtbot: QtBot, session: Session) -> None:
    """Enter on a draft fills the form; once agreed, it is no longer offered."""
    ed = editor(session)
    ed.drafts.setFocus()
    ed.drafts.setCurrentRow(0)
    qtbot.keyClick(ed.drafts, Qt.Key.Key_Return)
    assert ed.fields["text"].text() == "Stop sending deputies"
    qtbot.keyClicks(ed.fields["owner"], "Joanne Whitfield")
    qtbot.keyClicks(ed.fields["due"], "2026-04-30")
    qtbot.keyClicks(ed.fields["first_step"], "Tell the board")
    qtbot.keyClick(ed.fields["first_step"], Qt.Key.Key_Return)
    assert drafts(ed) == ["Stop the monthly highlight report"]
    assert "Stop sending deputies" in session.projector.view.visible_texts()


def test_smart_checklist_updates_as_the_facilitator_types(qtbot: QtBot,
                                                          session: Session) -> None:
    """Typing a measure turns the measure question from ✗ to ✓."""
    ed = editor(session)
    assert "✗ Is there a measure?" in ed.smart.text()
    qtbot.keyClicks(ed.fields["measure"], "Fewer delayed discharges")
    assert "✓ Is there a measure?" in ed.smart.text()
