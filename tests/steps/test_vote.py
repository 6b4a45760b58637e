"""Vote: dots (per table or per person) and rankings, entered from the keyboard,
hidden from the room until revealed."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import close_session, show_session

from collabfacil.app import Session
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Contribution, Step, StepItem, Workshop
from collabfacil.domain.steps import check_item, vote
from collabfacil.domain.steps.actions import drafts_for
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.vote import VoteEditor

NOTES = ("Nobody has time to meet", "Records that do not join up", "Budgets ring-fenced",
         "Meetings that decide nothing")
OPTIONS = ["Delayed discharges", "Readmissions", "People supported at home"]


def make_workshop(repo: WorkshopRepository, config: dict[str, Any] | None = None, *,
                  notes: tuple[str, ...] = NOTES) -> int:
    """A brainstorm with ``notes``, then a vote step on it (the current step)."""
    wid = repo.create_workshop(Workshop("Frailty partnership", current_step=1), steps=[
        Step(type="brainstorm", title="Ways to fail", minutes=10),
        Step(type="vote", title="Stop first", prompt="Three dots each.", minutes=4,
             config=config or {}),
    ])
    brainstorm = repo.steps(wid)[0]
    for text in notes:
        repo.add_contribution(Contribution(step_id=brainstorm.id, text=text))
    return wid


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """Dot voting on four notes, 3 dots each, entered per table (the defaults)."""
    s = show_session(qtbot, repo, make_workshop(repo))
    yield s
    close_session(s)


@pytest.fixture
def per_person(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """Dot voting on four notes, 3 dots each, entered per person."""
    s = show_session(qtbot, repo, make_workshop(repo, {"entry": "person"}))
    yield s
    close_session(s)


def editor(session: Session) -> VoteEditor:
    ed = session.console.editor
    assert isinstance(ed, VoteEditor)
    return ed


def press(qtbot: QtBot, session: Session, *keys: Qt.Key) -> None:
    table = editor(session).table
    for key in keys:
        qtbot.keyClick(table, key)


def tallies(session: Session) -> list[tuple[str, str, int]]:
    """(choice text, voter, dots) for every stored tally, in order."""
    step_id = session.controller.current_step.id
    assert step_id is not None
    labels = {t.key: t.label for t in editor(session).targets}
    return [(labels[i.data["target"]], i.data["voter"], i.data["dots"])
            for i in session.controller.repo.items(step_id) if i.kind == "tally"]


DOWN, ENTER = Qt.Key.Key_Down, Qt.Key.Key_Return


# ---------------------------------------------------------------- entering


def test_digits_add_dots_to_the_chosen_note_for_the_current_table(qtbot: QtBot,
                                                                  session: Session) -> None:
    """↓ then 3 puts three dots from Table 1 on the second note; the console shows the total."""
    ed = editor(session)
    assert ed.voter.text() == "Table 1"
    press(qtbot, session, DOWN, Qt.Key.Key_3)
    assert tallies(session) == [("Records that do not join up", "Table 1", 3)]
    assert ed.model.index(1, 2).data() == "3"
    assert "Table 1: 3 dots so far" in ed.voter_status.text()


def test_enter_moves_on_to_the_next_table(qtbot: QtBot, session: Session) -> None:
    """Enter in the choices starts the next table; the cursor stays on its choice."""
    press(qtbot, session, Qt.Key.Key_2, ENTER, Qt.Key.Key_4)
    assert tallies(session) == [("Nobody has time to meet", "Table 1", 2),
                                ("Nobody has time to meet", "Table 2", 4)]
    assert editor(session).voter.text() == "Table 2"


def test_a_table_has_no_cap(qtbot: QtBot, session: Session) -> None:
    """Per table, any number of dots can be entered (a table holds several people)."""
    press(qtbot, session, Qt.Key.Key_9, Qt.Key.Key_9, Qt.Key.Key_9)
    assert sum(n for _, _, n in tallies(session)) == 27


def test_each_entry_is_one_undo_step(qtbot: QtBot, session: Session) -> None:
    """Ctrl+Z takes back the last entry only; Ctrl+Shift+Z puts it back."""
    press(qtbot, session, Qt.Key.Key_2, DOWN, Qt.Key.Key_1)
    table = editor(session).table
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tallies(session) == [("Nobody has time to meet", "Table 1", 2)]
    assert editor(session).model.index(1, 2).data() == "0"
    qtbot.keyClick(table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(tallies(session)) == 2


def test_minus_takes_back_one_dot(qtbot: QtBot, session: Session) -> None:
    """− removes one of the current table's dots on the chosen note (and is undoable)."""
    press(qtbot, session, Qt.Key.Key_2, Qt.Key.Key_Minus)
    assert tallies(session) == [("Nobody has time to meet", "Table 1", 1)]
    press(qtbot, session, Qt.Key.Key_Minus)
    assert tallies(session) == []
    press(qtbot, session, Qt.Key.Key_Minus)
    assert "no dots on this choice" in session.console.message.text()
    session.controller.undo_stack.undo()
    assert tallies(session) == [("Nobody has time to meet", "Table 1", 1)]


def test_a_typed_voter_name_is_used(qtbot: QtBot, session: Session) -> None:
    """Alt+W goes to the voter box; a typed table name labels its dots; Enter goes back."""
    ed = editor(session)
    ed.table.setFocus()
    qtbot.keyClick(ed.table, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ed.voter.hasFocus)
    ed.voter.selectAll()
    ed.voter.insert("Tŷ Gwyn table")
    qtbot.keyClick(ed.voter, ENTER)
    assert ed.table.hasFocus()
    press(qtbot, session, Qt.Key.Key_1)
    assert tallies(session) == [("Nobody has time to meet", "Tŷ Gwyn table", 1)]


def test_a_person_cannot_place_more_than_their_dots(qtbot: QtBot, per_person: Session) -> None:
    """Per person, 2 then 2 more is refused with the dots left; the store is unchanged."""
    press(qtbot, per_person, Qt.Key.Key_2, DOWN, Qt.Key.Key_2)
    assert "Person 1 has 1 dot left of 3; 2 is too many." in per_person.console.message.text()
    assert tallies(per_person) == [("Nobody has time to meet", "Person 1", 2)]
    press(qtbot, per_person, Qt.Key.Key_1)  # the right number: accepted, message gone
    assert per_person.console.message.text() == ""


def test_the_next_person_comes_up_when_dots_are_used(qtbot: QtBot,
                                                     per_person: Session) -> None:
    """Once Person 1's three dots are placed, Person 2 is next; undo brings Person 1 back."""
    ed = editor(per_person)
    press(qtbot, per_person, Qt.Key.Key_2, DOWN, Qt.Key.Key_1)
    assert ed.voter.text() == "Person 2"
    per_person.controller.undo_stack.undo()
    assert ed.voter.text() == "Person 1"
    press(qtbot, per_person, DOWN, Qt.Key.Key_1)
    assert tallies(per_person)[-1] == ("Budgets ring-fenced", "Person 1", 1)


def test_a_room_of_thirty_people_without_the_mouse(qtbot: QtBot,
                                                   per_person: Session) -> None:
    """Thirty people's three dots each, keys only: every dot counted, nobody over."""
    for person in range(30):
        choice = person % 4
        press(qtbot, per_person, *([Qt.Key.Key_Home] + [DOWN] * choice), Qt.Key.Key_2,
              *([Qt.Key.Key_Home] + [DOWN] * ((choice + 1) % 4)), Qt.Key.Key_1)
    items = per_person.controller.items()
    assert vote.summary(items).sentence(per_person.controller.current_step.config) == \
        "90 dots from 30 people"
    assert all(vote.used_by(items, f"Person {n}") == 3 for n in range(1, 31))
    assert per_person.controller.undo_stack.count() == 60


def test_deleting_an_entry_from_the_list(qtbot: QtBot, session: Session) -> None:
    """Delete in the entries list removes that entry (newest first) and is undoable."""
    press(qtbot, session, Qt.Key.Key_2, DOWN, Qt.Key.Key_1)
    ed = editor(session)
    ed.entries.setCurrentRow(1)  # the older entry
    qtbot.keyClick(ed.entries, Qt.Key.Key_Delete)
    assert tallies(session) == [("Records that do not join up", "Table 1", 1)]
    session.controller.undo_stack.undo()
    assert len(tallies(session)) == 2


# ---------------------------------------------------------------- the room sees


def test_results_are_hidden_until_revealed(qtbot: QtBot, session: Session) -> None:
    """Before the reveal the room sees the choices and a count, never a total or the order;
    after Ctrl+R, totals highest first, each written as a number."""
    press(qtbot, session, DOWN, DOWN, Qt.Key.Key_5, ENTER, Qt.Key.Key_Home, Qt.Key.Key_2)
    texts = session.projector.view.visible_texts()
    assert "Voting: 7 dots from 2 tables so far. The results will be shown when everyone " \
           "has voted." in texts
    listed = session.projector.view.scene().body.placed  # type: ignore[attr-defined]
    assert [(p.number, p.text) for p in listed] == [  # board order, the console's numbers
        ("1", NOTES[0]), ("2", NOTES[1]), ("3", NOTES[2]), ("4", NOTES[3])]
    assert not any("dot" in t and t[0].isdigit() for t in texts)
    qtbot.keyClick(session.console, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    texts = session.projector.view.visible_texts()
    body = texts[texts.index("Results: 7 dots from 2 tables · most dots first") + 1:]
    assert body == ["Budgets ring-fenced", "5 dots", "Nobody has time to meet", "2 dots",
                    "Records that do not join up", "0 dots",
                    "Meetings that decide nothing", "0 dots"]
    session.controller.toggle_reveal()
    assert "5 dots" not in session.projector.view.visible_texts()


def test_the_console_shows_totals_before_the_reveal(qtbot: QtBot, session: Session) -> None:
    """The facilitator sees running totals while the room does not."""
    press(qtbot, session, Qt.Key.Key_3)
    assert not session.controller.revealed
    assert editor(session).model.index(0, 2).data() == "3"
    assert editor(session).summary.text() == "Recorded: 3 dots from 1 table."


def test_eighty_choices_show_the_top_and_count_the_rest(qtbot: QtBot,
                                                        repo: WorkshopRepository) -> None:
    """With 80 notes the numbered choices and the revealed chart keep readable type,
    and count what did not fit."""
    notes = tuple(f"Way to fail number {i}" for i in range(80))
    s = show_session(qtbot, repo, make_workshop(repo, notes=notes))
    try:
        s.projector.resize(1024, 768)
        press(qtbot, s, DOWN, DOWN, Qt.Key.Key_9)
        listed = s.projector.view.scene().body  # type: ignore[attr-defined]
        numbers = [int(p.number) for p in listed.placed]
        assert numbers == list(range(1, len(numbers) + 1))  # in order, none skipped
        assert len(numbers) + listed.more == 80
        assert listed.font_px >= 768 * 0.025
        s.controller.toggle_reveal()
        texts = s.projector.view.visible_texts()
        chart = s.projector.view.scene().chart  # type: ignore[attr-defined]
        assert texts[texts.index("9 dots") - 1] == "Way to fail number 2"
        assert chart.font_px >= 768 * 0.025
        assert "+79 more with no dots" in texts  # zeros counted, not drawn, on a long list
    finally:
        close_session(s)


def test_ranking_by_typed_numbers_scores_borda_points(qtbot: QtBot,
                                                      repo: WorkshopRepository) -> None:
    """Typing "3 1 2" records one ranking; revealed, 2 points for the first, 0 for the last."""
    s = show_session(qtbot, repo, make_workshop(
        repo, {"on": "options", "options": OPTIONS, "mode": "rank"}))
    try:
        ed = editor(s)
        qtbot.keyClicks(ed.order, "3 1 2")
        qtbot.keyClick(ed.order, ENTER)
        qtbot.keyClicks(ed.order, "31")
        qtbot.keyClick(ed.order, ENTER)
        assert [dict(i.data) for i in s.controller.items()] == [
            {"voter": "Table 1", "order": [OPTIONS[2], OPTIONS[0], OPTIONS[1]]},
            {"voter": "Table 2", "order": [OPTIONS[2], OPTIONS[0]]}]
        assert "People supported at home" in s.projector.view.visible_texts()
        assert "4 points" not in s.projector.view.visible_texts()
        s.controller.toggle_reveal()
        texts = s.projector.view.visible_texts()
        body = texts[texts.index("Results: 2 rankings from 2 tables · 2 points for a "
                                 "first place, 0 for last") + 1:]
        assert body == ["People supported at home", "4 points", "Delayed discharges",
                        "2 points", "Readmissions", "0 points"]
    finally:
        close_session(s)


def test_a_bad_order_is_refused_with_a_message(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """A repeated or unknown number records nothing and says what is wrong."""
    s = show_session(qtbot, repo, make_workshop(
        repo, {"on": "options", "options": OPTIONS, "mode": "rank"}))
    try:
        ed = editor(s)
        for typed, words in (("1 1", "Target 1 is in the order twice"),
                             ("4", "There is no target 4"), ("a", "not a target number")):
            ed.order.clear()
            qtbot.keyClicks(ed.order, typed)
            qtbot.keyClick(ed.order, ENTER)
            assert words in s.console.message.text()
        assert s.controller.items() == []
        assert ed.order.text() == "a"  # kept, to correct
    finally:
        close_session(s)


def test_a_vote_on_themes_offers_the_cluster_themes(qtbot: QtBot,
                                                    repo: WorkshopRepository) -> None:
    """``on = "themes"`` votes on the earlier cluster step's themes, by their uids."""
    wid = repo.create_workshop(Workshop("Themes", current_step=2), steps=[
        Step(type="brainstorm", title="Ideas", minutes=5),
        Step(type="cluster", title="Group", minutes=5),
        Step(type="vote", title="Which theme?", minutes=5, config={"on": "themes"}),
    ])
    cluster_step = repo.steps(wid)[1]
    silos = repo.add_item(StepItem(step_id=cluster_step.id, kind="theme",
                                   data={"name": "Silos", "notes": []}))
    repo.add_item(StepItem(step_id=cluster_step.id, kind="theme",
                           data={"name": "Trust", "notes": []}))
    s = show_session(qtbot, repo, wid)
    try:
        assert [t.label for t in editor(s).targets] == ["Silos", "Trust"]
        press(qtbot, s, Qt.Key.Key_2)
        assert s.controller.items()[0].data["target"] == silos.uid
        assert {"Silos", "Trust"} <= set(s.projector.view.visible_texts())
    finally:
        close_session(s)


def test_a_vote_with_no_source_says_so(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """A vote on notes with no brainstorm before it explains, rather than failing."""
    wid = repo.create_workshop(Workshop("Odd"), steps=[
        Step(type="vote", title="Vote", minutes=2, config={"source": "Ideas"})])
    s = show_session(qtbot, repo, wid)
    try:
        assert "'Ideas', which is not before it" in editor(s).info.text()
        assert "The choices to vote on will appear here." in \
            s.projector.view.visible_texts()
        press(qtbot, s, Qt.Key.Key_1)
        assert s.controller.items() == []
    finally:
        close_session(s)


# ---------------------------------------------------------------- rules


def test_check_item_refuses_bad_records_with_clear_messages() -> None:
    """Tallies need a target, a voter (may be blank) and 1 or more dots; rankings an order."""
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        ("tally", {"target": "", "voter": "", "dots": 1}, "target", "empty"),
        ("tally", {"target": "n1", "voter": "", "dots": 0}, "dots", "from 1 to 999"),
        ("tally", {"target": "n1", "voter": "", "dots": True}, "dots", "whole number"),
        ("tally", {"target": "n1", "voter": "", "dots": 2.5}, "dots", "whole number"),
        ("tally", {"target": "n1", "voter": "A\nB", "dots": 1}, "voter", "single line"),
        ("tally", {"target": "n1", "dots": 1, "name": "x"}, "name", "no field 'name'"),
        ("ranking", {"voter": "", "order": []}, "order", "needs its order"),
        ("ranking", {"voter": "", "order": ["a", "a"]}, "order", "same thing twice"),
    ]
    for kind, data, field, words in cases:
        with pytest.raises(ValidationError) as err:
            check_item("vote", kind, data)
        assert err.value.field == field, data
        assert words in err.value.message, data
    assert check_item("vote", "tally", {"target": " n1 ", "dots": 2}) == \
        {"target": "n1", "voter": "", "dots": 2}


@given(st.text(max_size=150))
def test_any_voter_name_is_stored_clean_or_refused(voter: str) -> None:
    """Whatever is typed as a voter: one clean line, or a refusal naming the field."""
    refused: ValidationError | None = None
    try:
        data = check_item("vote", "tally", {"target": "n1", "voter": voter, "dots": 1})
    except ValidationError as exc:
        refused = exc
    if refused is not None:
        assert refused.field == "voter"
        return
    assert data["voter"] == data["voter"].strip()
    assert "\n" not in data["voter"]
    assert len(data["voter"]) <= vote.VOTER_MAX


@pytest.mark.parametrize(("config", "field"), [
    ({"dots": 0}, "dots"), ({"dots": 11}, "dots"), ({"dots": True}, "dots"),
    ({"dots": "3"}, "dots"), ({"on": "people"}, "on"), ({"mode": "score"}, "mode"),
    ({"entry": "room"}, "entry"), ({"on": "options"}, "options"),
    ({"on": "options", "options": ["A", "a"]}, "options"), ({"source": ""}, "source"),
])
def test_bad_settings_are_refused(config: dict[str, Any], field: str) -> None:
    """An exercise file with an impossible vote setting fails naming the setting."""
    with pytest.raises(ValidationError) as err:
        Step(type="vote", title="Vote", config=config)
    assert err.value.field == field


def test_tally_refusal_rules() -> None:
    """Per person: a name is needed and the cap holds; per table: no cap."""
    items = [StepItem(step_id=1, kind="tally", data={"target": "a", "voter": "Ann",
                                                     "dots": 3})]
    person = {"entry": "person", "dots": 3}
    assert vote.tally_refusal(person, items, "Ann", 1) == "Ann has already placed all 3 dots."
    assert "type who is voting" in (vote.tally_refusal(person, items, " ", 1) or "")
    assert vote.tally_refusal(person, items, "Bo", 3) is None
    assert vote.tally_refusal({"entry": "table"}, items, "Ann", 50) is None


# ---------------------------------------------------------------- exports


def voted_workshop(qtbot: QtBot, repo: WorkshopRepository) -> int:
    """Two tables' dots, entered through the console; one table named after a person."""
    wid = make_workshop(repo)
    s = show_session(qtbot, repo, wid)
    try:
        press(qtbot, s, DOWN, Qt.Key.Key_4, ENTER, Qt.Key.Key_Home, Qt.Key.Key_2,
              DOWN, DOWN, DOWN, Qt.Key.Key_1)
        ed = editor(s)
        ed.voter.setText("Gwenllian's table")
        press(qtbot, s, Qt.Key.Key_Home, DOWN, Qt.Key.Key_1)
    finally:
        close_session(s)
    return wid


def test_draft_actions_are_the_top_voted_texts(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """An actions step is offered the most-voted notes, most first, none without votes."""
    data = repo.load(voted_workshop(qtbot, repo))
    step = data.steps[1]
    draft = vote.STEP_TYPE.draft_actions
    assert draft is not None
    assert draft(step, data) == ["Records that do not join up", "Nobody has time to meet",
                                 "Meetings that decide nothing"]


def test_a_later_actions_step_is_offered_the_winners(repo: WorkshopRepository) -> None:
    """The actions step after a vote lists the top-voted notes as drafts, from that vote."""
    wid = repo.create_workshop(Workshop("Stop doing"), steps=[
        Step(type="brainstorm", title="Ways to fail", minutes=5),
        Step(type="vote", title="What to stop first", minutes=5),
        Step(type="actions", title="Actions", minutes=5),
    ])
    brainstorm, voting, actions = repo.steps(wid)
    notes = [repo.add_contribution(Contribution(step_id=brainstorm.id, text=t))
             for t in NOTES]
    for note, dots in zip(notes, (1, 6, 0, 3), strict=True):
        if dots:
            repo.add_item(StepItem(step_id=voting.id, kind="tally",
                                   data={"target": note.uid, "voter": "Table 1",
                                         "dots": dots}))
    offered = drafts_for(actions, repo.load(wid))
    assert ("What to stop first", "Records that do not join up") in offered
    assert [t for s, t in offered if s == "What to stop first"] == [
        "Records that do not join up", "Meetings that decide nothing",
        "Nobody has time to meet"]


def test_json_round_trip_keeps_every_entry(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """Export to JSON and import: the tallies are identical and still point at the notes."""
    before = repo.load(voted_workshop(qtbot, repo))
    after = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(before))))

    def records(data):  # type: ignore[no-untyped-def]
        return [(i.kind, i.data, i.uid, i.position) for i in data.items]

    assert records(after) == records(before)
    assert len(records(after)) == 4
    step = after.steps[1]
    assert vote.draft_actions(step, after)[0] == "Records that do not join up"


def test_pdf_shows_totals_sorted_with_a_chart_and_no_names(qtbot: QtBot,
                                                           repo: WorkshopRepository) -> None:
    """The plan lists choices by total with how many voted; voters' names never print."""
    data = repo.load(voted_workshop(qtbot, repo))
    pdf = render_pdf(data)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    section = text[text.index("Stop first"):]
    assert "Dot voting, 3 dots each: 8 dots from 3 tables." in section
    table = section[section.index("Place Choice Dots"):]
    assert table.index("Records that do not join up 5") < table.index(
        "Nobody has time to meet 2")
    assert "5 dots" in section  # the chart's values, written out
    assert "Gwenllian" not in text
    assert b"/Subtype /Image" not in pdf  # the chart is vector graphics


def test_markdown_is_a_ranked_list(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """The Markdown summary ranks the choices with their totals."""
    md = markdown_text(repo.load(voted_workshop(qtbot, repo)))
    assert "1. Records that do not join up — 5 dots" in md
    assert "2. Nobody has time to meet — 2 dots" in md
    assert "Dot voting, 3 dots each: 8 dots from 3 tables." in md


def test_a_ranking_prints_its_points_rule_with_the_chart(qtbot: QtBot,
                                                         repo: WorkshopRepository) -> None:
    """A ranking's PDF says how points were given and keeps the heading with the chart."""
    wid = make_workshop(repo, {"on": "options", "options": OPTIONS, "mode": "rank"})
    s = show_session(qtbot, repo, wid)
    try:
        for order in ("3 1 2", "3 2"):
            qtbot.keyClicks(editor(s).order, order)
            qtbot.keyClick(editor(s).order, ENTER)
    finally:
        close_session(s)
    data = repo.load(wid)
    pages = [" ".join(p.extract_text().split())
             for p in pypdf.PdfReader(io.BytesIO(render_pdf(data))).pages]
    page = next(p for p in pages if "Ranking (" in p)
    assert "Ranking (2 points for a first place, down to 0 for last): 2 rankings from " \
           "2 tables." in page
    assert "4 points" in page
    assert "People supported at home 4" in page
    md = markdown_text(data)
    assert "1. People supported at home — 4 points" in md
    assert "2. Delayed discharges — 1 point" in md  # a tie keeps board order
    assert "3. Readmissions — 1 point" in md


def test_leaving_and_coming_back_keeps_entering(qtbot: QtBot, session: Session) -> None:
    """PageUp to the brainstorm and PageDown back: a fresh editor, the totals kept,
    and entering works (the old editor no longer listens)."""
    press(qtbot, session, Qt.Key.Key_2)
    qtbot.keyClick(session.console, Qt.Key.Key_PageUp)
    qtbot.wait(1)  # let the old editor be deleted
    qtbot.keyClick(session.console, Qt.Key.Key_PageDown)
    ed = editor(session)
    assert ed.model.index(0, 2).data() == "2"
    assert ed.voter.text() == "Table 1"
    press(qtbot, session, Qt.Key.Key_1)
    assert ed.model.index(0, 2).data() == "3"
