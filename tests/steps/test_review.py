"""A series: actions carried into the next workshop and reviewed there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Action, Participant
from collabfacil.domain.series import next_in_series
from collabfacil.domain.steps.review import check_item
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.review import ReviewEditor


@pytest.fixture
def follow_up(repo: WorkshopRepository, workshop_id: int) -> int:
    """The fixture workshop with two actions, then its next in series."""
    for text, due in (("Share the frailty list weekly", "2026-04-01"),
                      ("Agree who chairs Home First", "2026-03-20")):
        repo.add_action(Action(text, "Siân Llŷr", due, "Ask the IG lead",
                               organisation_id=repo.organisations(workshop_id)[0].id),
                        workshop_id=workshop_id)
    data = repo.load(workshop_id)
    follow = next_in_series(data, title="Frailty partnership: six months on",
                            day=date(2026, 9, 10))
    return repo.insert_workshop_data(follow)


def test_the_next_workshop_keeps_partners_and_agenda_and_carries_actions(
        repo: WorkshopRepository, workshop_id: int, follow_up: int) -> None:
    """Same partners; a review step first; the old agenda after it, with nothing captured."""
    old, new = repo.load(workshop_id), repo.load(follow_up)
    assert [o.name for o in new.organisations] == [o.name for o in old.organisations]
    assert new.steps[0].type == "review"
    assert "Frailty pathway partnership (4 March 2026)" in new.steps[0].config["from"]
    assert [s.title for s in new.steps[1:]] == [s.title for s in old.steps]
    assert new.contributions == []
    assert new.actions == []
    reviews = new.items_for(new.steps[0].id, "review")
    assert [r.data["action"] for r in reviews] == ["Agree who chairs Home First",
                                                   "Share the frailty list weekly"]
    assert {r.data["status"] for r in reviews} == {"open"}
    assert {r.data["organisation"] for r in reviews} == {old.organisations[0].name}


def test_participants_come_along(repo: WorkshopRepository) -> None:
    """People recorded last time are listed again."""
    from collabfacil.domain.model import Step, Workshop

    wid = repo.insert_workshop_data(next_in_series(
        repo.load(repo.create_workshop(
            Workshop("W"), participants=[Participant("Dafydd ap Rhŷs")],
            steps=[Step(type="brainstorm", title="S")])),
        title="W2", day=None))
    assert [p.name for p in repo.participants(wid)] == ["Dafydd ap Rhŷs"]


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository, follow_up: int) -> Iterator[Session]:
    s = Session(repo, follow_up)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    yield s
    s.close()


def test_marking_actions_from_the_keyboard(qtbot: QtBot, session: Session) -> None:
    """D marks the selected action done and moves down; P in progress; the room sees both."""
    ed = session.console.editor
    assert isinstance(ed, ReviewEditor)
    ed.table.setFocus()
    qtbot.keyClick(ed.table, Qt.Key.Key_D)
    qtbot.keyClick(ed.table, Qt.Key.Key_P)
    statuses = [i.data["status"] for i in session.controller.items("review")]
    assert statuses == ["done", "in_progress"]
    texts = session.projector.view.visible_texts()
    assert "Done (1)" in texts
    assert "In progress (1)" in texts
    session.controller.undo_stack.undo()
    assert [i.data["status"] for i in session.controller.items("review")] == ["done", "open"]


def test_a_note_on_an_action(qtbot: QtBot, session: Session) -> None:
    """Typing a note and Enter stores it against the selected action."""
    ed = session.console.editor
    assert isinstance(ed, ReviewEditor)
    ed.table.selectRow(1)
    qtbot.keyClicks(ed.note, "Waiting for the IG sign-off")
    qtbot.keyClick(ed.note, Qt.Key.Key_Return)
    assert session.controller.items("review")[1].data["note"] == "Waiting for the IG sign-off"


def test_unfinished_actions_are_offered_again(session: Session) -> None:
    """Open and in-progress actions become drafts for this workshop's actions step."""
    from collabfacil.domain.steps.actions import drafts_for

    c = session.controller
    first = c.items("review")[0]
    c.update_item(first, {**first.data, "status": "done"})
    data = c.repo.load(c.workshop_id)
    actions_step = next(s for s in data.steps if s.type == "actions")
    assert [t for _, t in drafts_for(actions_step, data)] == ["Share the frailty list weekly"]


def test_review_survives_export_import_and_prints(repo: WorkshopRepository,
                                                  follow_up: int) -> None:
    """The review round-trips through JSON and appears in the PDF."""
    from io import BytesIO

    from pypdf import PdfReader

    data = repo.load(follow_up)
    again = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [i.data for i in again.items] == [i.data for i in data.items]
    text = " ".join(" ".join(p.extract_text() for p in
                             PdfReader(BytesIO(render_pdf(data))).pages).split())
    assert "Agree who chairs Home First" in text
    assert "Not yet reviewed" in text


@given(st.text(max_size=50))
def test_bad_review_data_is_refused_clearly(status: str) -> None:
    """Any status but the four is refused with a message naming them."""
    if status in ("open", "done", "in_progress", "dropped"):
        return
    with pytest.raises(ValidationError) as info:
        check_item("review", {"action": "A", "status": status})
    assert info.value.field == "status"
