"""Matrix, circles mode: entries in rings, moved toward "together", and what leaders
will let go of in the PDF and as draft actions."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.exercises import Library
from collabfacil.domain.matrix_maps import gives, moved_data, rings_of
from collabfacil.domain.model import Organisation, Step, StepItem, Workshop
from collabfacil.domain.steps import step_type
from collabfacil.domain.steps.actions import drafts_for
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.matrix_circles import CirclesEditor

RINGS = ["Only I decide", "I can influence", "We should decide together"]
ORGS = [("Northshire Acute Hospitals NHS Trust", "Acute"),
        ("Northshire County Council", "Council")]


def test_the_default_rings_are_the_relabelled_circles() -> None:
    assert rings_of({}) == RINGS


def test_a_move_remembers_where_the_entry_started() -> None:
    start = {"text": "Budget", "ring": 0, "organisation": ""}
    once = moved_data(start, 1)
    assert once == {"text": "Budget", "ring": 1, "organisation": "", "moved_from": 0}
    assert moved_data(once, 2)["moved_from"] == 0  # still where it started
    assert moved_data(once, 0) == start  # back home: not moved at all


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    wid = repo.create_workshop(
        Workshop("Letting go"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="What I'll let go of", config={"mode": "circles"}),
               Step(type="actions", title="Actions")])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1280, 720)
    yield s
    s.close()


def editor(session: Session) -> CirclesEditor:
    ed = session.console.editor
    assert isinstance(ed, CirclesEditor)
    return ed


def add(qtbot: QtBot, ed: CirclesEditor, text: str) -> None:
    ed.capture.setFocus()
    qtbot.keyClicks(ed.capture, text)
    qtbot.keyClick(ed.capture, Qt.Key.Key_Return)


def entries(session: Session) -> dict[str, dict]:
    return {i.data["text"]: i.data for i in session.controller.items("entry")}


def test_entries_go_into_the_chosen_ring_with_their_organisation(qtbot: QtBot,
                                                                 session: Session) -> None:
    ed = editor(session)
    ed.organisation.setCurrentIndex(2)  # the council
    add(qtbot, ed, "The frailty budget line")
    qtbot.keyClick(ed.capture, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    ed.organisation.setCurrentIndex(0)
    add(qtbot, ed, "Winter plan priorities")
    assert entries(session) == {
        "The frailty budget line": {"text": "The frailty budget line", "ring": 0,
                                    "organisation": "Council"},
        "Winter plan priorities": {"text": "Winter plan priorities", "ring": 1,
                                   "organisation": ""}}
    assert ed.texts(0) == ["The frailty budget line (Council)"]
    texts = session.projector.view.visible_texts()
    for expected in (*RINGS, "The frailty budget line (Council)", "Winter plan priorities"):
        assert expected in texts


def test_right_and_left_move_an_entry_between_rings_and_undo(qtbot: QtBot,
                                                             session: Session) -> None:
    ed = editor(session)
    add(qtbot, ed, "Data we share with GPs")
    box = ed.lists[0]
    box.setFocus()
    box.setCurrentRow(0)
    qtbot.keyClick(box, Qt.Key.Key_Right)
    assert entries(session)["Data we share with GPs"]["ring"] == 1
    qtbot.keyClicks(ed.lists[1], "]")
    data = entries(session)["Data we share with GPs"]
    assert (data["ring"], data["moved_from"]) == (2, 0)
    assert ed.texts(2) == ["➜ Data we share with GPs"]
    texts = session.projector.view.visible_texts()
    assert "➜ Data we share with GPs" in texts
    assert "➜ moved from where it started" in texts
    assert "Moved toward “We should decide together”" in ed.gives_label.text()
    session.controller.undo_stack.undo()
    assert entries(session)["Data we share with GPs"]["ring"] == 1
    ed.lists[1].setFocus()
    ed.lists[1].setCurrentRow(0)
    qtbot.keyClick(ed.lists[1], Qt.Key.Key_Left)
    assert "moved_from" not in entries(session)["Data we share with GPs"]
    qtbot.keyClick(ed.lists[0], Qt.Key.Key_Delete)
    assert entries(session) == {}


def test_moving_past_the_outer_ring_does_nothing(qtbot: QtBot, session: Session) -> None:
    ed = editor(session)
    add(qtbot, ed, "Staff time")
    ed.lists[0].setFocus()
    ed.lists[0].setCurrentRow(0)
    qtbot.keyClick(ed.lists[0], Qt.Key.Key_Left)
    assert entries(session)["Staff time"]["ring"] == 0
    assert session.controller.undo_stack.count() == 1


def test_many_entries_stay_at_or_above_the_floor_and_are_counted(qtbot: QtBot,
                                                                 session: Session) -> None:
    c = session.controller
    for i in range(40):
        c.add_item("entry", {"text": f"Something we control number {i}", "ring": i % 3})
    session.projector.resize(1024, 768)
    scene = session.projector.view.scene()
    assert scene.plan.px >= 768 * 0.025 - 0.01
    texts = scene.visible_texts()
    shown = sum(1 for t in texts if t.startswith("Something"))
    assert shown + scene.plan.hidden >= 40
    if scene.plan.hidden:
        assert any("more)" in t for t in texts)


def test_gives_become_drafts_and_fill_the_pdf(repo: WorkshopRepository) -> None:
    wid = repo.create_workshop(
        Workshop("Letting go"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="Circles", config={"mode": "circles"}),
               Step(type="actions", title="Actions")])
    step_id = repo.steps(wid)[0].id
    assert step_id is not None
    for data in ({"text": "Dŵr: the budget line", "ring": 2, "organisation": "Council",
                  "moved_from": 0},
                 {"text": "Our rota", "ring": 0, "organisation": "Acute"},
                 {"text": "Eligibility", "ring": 0, "organisation": "", "moved_from": 1}):
        repo.add_item(StepItem(step_id=step_id, kind="entry", data=data))
    data = repo.load(wid)
    assert [e.text for e in gives(data.steps[0].config, data.items)] == [
        "Dŵr: the budget line"]
    assert step_type("matrix").draft_actions(data.steps[0], data) == [  # type: ignore[misc]
        "Let go of: Dŵr: the budget line (Council)"]
    assert ("Circles", "Let go of: Dŵr: the budget line (Council)") in drafts_for(
        data.steps[1], data)
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data) for i in back.items] == [(i.kind, i.data) for i in data.items]
    pdf = render_pdf(data, library=Library({}, {}))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    for expected in ("What leaders will let go of",
                     "Dŵr: the budget line — Council: from “Only I decide” to “We should "
                     "decide together”", "Moved back inwards", *RINGS, "Our rota — Acute"):
        assert expected in text, expected
    md = markdown_text(data)
    assert "### What leaders will let go of" in md
    assert ("- Dŵr: the budget line (Council): from “Only I decide” to “We should decide "
            "together”") in md


def test_a_silent_step_shows_only_a_count_until_revealed(qtbot: QtBot,
                                                         repo: WorkshopRepository) -> None:
    """With silent = true nothing the room entered reaches the projector before Ctrl+R."""
    wid = repo.create_workshop(Workshop("Quiet"), organisations=[Organisation(n, s)
                                                                 for n, s in ORGS],
                               steps=[Step(type="matrix", title="Pairs",
                                           config={"mode": "pairwise", "silent": True})])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    try:
        s.controller.add_item("rating", {"from": "Acute", "to": "Council", "value": 4})
        texts = s.projector.view.visible_texts()
        assert "4" not in texts
        assert any(t.startswith("1 entry so far") for t in texts)
        assert s.console.reveal_button.isVisible()
        s.controller.toggle_reveal()
        assert "4" in s.projector.view.visible_texts()
    finally:
        s.close()
