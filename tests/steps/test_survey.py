"""The survey step: slips and show of fingers in, aggregates out, hidden until revealed."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import Step, StepItem, Workshop
from collabfacil.domain.steps import check_item
from collabfacil.domain.steps.survey import (
    Statement,
    StatementResult,
    by_concern,
    categories,
    check_config,
    has_radar,
    parse_slip,
    results,
)
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.survey import SurveyEditor
from collabfacil.ui.projector.steps.survey import RADAR, set_view

STATEMENTS = [
    {"text": "People here follow through on what they say they will do.",
     "category": "Reliability"},
    {"text": "It is easy to ask another organisation in this room for help.",
     "category": "Openness"},
    {"text": "Partners keep bad news to themselves.", "category": "Candour", "reverse": True},
]
EMPTY_LIBRARY = Library(exercises={}, templates={})
NOT_ENOUGH = "not enough responses to show (n < 4)"


def flat(text: str) -> str:
    return " ".join(text.split())


def result(counts: list[int], *, reverse: bool = False, minimum: int = 4) -> StatementResult:
    return StatementResult(1, Statement("s", "", reverse), tuple(counts), minimum)


# ------------------------------------------------------------------ pure logic


def test_mean_and_spread_leave_out_dont_know_and_are_exact() -> None:
    """Ratings 2, 3, 4, 4, 5, 5, 5 and one don't know: mean 4, spread sqrt(8/7)."""
    r = result([1, 0, 1, 1, 2, 3])
    assert (r.n, r.dont_know, r.responses) == (7, 1, 8)
    assert r.mean == 4.0
    assert r.spread == pytest.approx(math.sqrt(8 / 7))
    assert r.flags == []


def test_a_reversed_statement_is_flipped_for_the_mean_only() -> None:
    """The same answers to a negatively worded statement: mean 6 - 4 = 2, flagged low;
    the histogram keeps the answers as given and the spread does not change."""
    r = result([1, 0, 1, 1, 2, 3], reverse=True)
    assert r.mean == 2.0
    assert r.ratings == (0, 1, 1, 2, 3)
    assert r.spread == pytest.approx(math.sqrt(8 / 7))
    assert r.flags == ["low"]


def test_a_split_room_is_flagged_split_not_low() -> None:
    r = result([0, 3, 0, 0, 0, 3])
    assert (r.mean, r.spread) == (3.0, 2.0)
    assert r.flags == ["split"]
    edge = result([0, 0, 0, 3, 0, 0])  # all agree on 3: mean 3 is not below 3
    assert edge.flags == []


def test_below_the_minimum_nothing_is_shown() -> None:
    assert not result([5, 1, 1, 1, 0, 0]).shown  # three ratings, five don't knows
    assert result([0, 1, 1, 1, 1, 0]).shown
    assert not result([0, 1, 1, 1, 1, 0], minimum=5).shown


def test_categories_average_their_shown_statements() -> None:
    config = {"statements": [
        {"text": "a", "category": "Trust"}, {"text": "b", "category": "Trust"},
        {"text": "c", "category": "Openness"}, {"text": "d", "category": "Reliability"}],
        "categories_order": ["Reliability"]}
    items = [StepItem(step_id=1, kind="tally", data={"statement": 0,
                                                     "counts": [0, 0, 0, 0, 4, 0]}),
             StepItem(step_id=1, kind="tally", data={"statement": 1,
                                                     "counts": [0, 0, 4, 0, 0, 0]}),
             StepItem(step_id=1, kind="tally", data={"statement": 2,
                                                     "counts": [0, 1, 0, 0, 0, 0]})]
    cats = categories(config, results(config, items))
    assert [c.name for c in cats] == ["Reliability", "Trust", "Openness"]
    assert cats[1].mean == 3.0  # (4 + 2) / 2
    assert cats[1].spread == 1.0
    assert cats[2].mean is None  # one rating only: not shown, not averaged
    assert has_radar(config)
    assert not has_radar({"statements": [{"text": "a", "category": "x"}]})


def test_statements_most_worth_discussing_come_first() -> None:
    fine = StatementResult(1, Statement("fine"), (0, 0, 0, 1, 3, 0), 4)
    low = StatementResult(2, Statement("low"), (0, 2, 2, 0, 0, 0), 4)
    hidden = StatementResult(3, Statement("hidden"), (0, 1, 0, 0, 0, 0), 4)
    assert [r.statement.text for r in by_concern([fine, hidden, low])] == [
        "low", "fine", "hidden"]


def test_a_slip_is_read_one_character_per_statement() -> None:
    assert parse_slip("45 3x2", 7) == [4, 5, None, 3, 0, 2, None]
    assert parse_slip("0?X", 3) == [0, 0, 0]


@pytest.mark.parametrize(("slip", "words"), [
    ("", "empty"), ("   ", "empty"), ("1234", "only 3 statements"),
    ("17", "Answer 2 is '7'"), ("a", "Answer 1 is 'a'"),
])
def test_a_bad_slip_is_refused_saying_where(slip: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_slip(slip, 3)
    assert words in caught.value.message


@given(st.text(max_size=12))
def test_any_typed_slip_parses_or_is_refused_clearly(slip: str) -> None:
    refused: ValidationError | None = None
    try:
        answers = parse_slip(slip, 8)
    except ValidationError as exc:
        refused = exc
    if refused is not None:
        assert refused.field == "slip"
        return
    assert len(answers) == 8
    assert all(a is None or 0 <= a <= 5 for a in answers)


# ------------------------------------------------------------------ settings and items


@pytest.mark.parametrize(("config", "field", "words"), [
    ({"statements": "Trust"}, "statements", "list"),
    ({"statements": [{"text": ""}]}, "statements", "empty"),
    ({"statements": [{"text": "a", "reverse": "yes"}]}, "statements", "true or false"),
    ({"statements": [{"text": "a", "weight": 2}]}, "statements", "no field 'weight'"),
    ({"statements": [{"text": "Same"}, {"text": "same"}]}, "statements", "repeats"),
    ({"min_responses": 1}, "min_responses", "from 2"),
    ({"min_responses": True}, "min_responses", "whole number"),
    ({"statements": [{"text": "a", "category": "x"}], "categories_order": ["y"]},
     "categories_order", "not used"),
])
def test_bad_settings_are_refused_naming_the_setting(config: dict, field: str,
                                                     words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_config(config)
    assert caught.value.field == field
    assert words in caught.value.message


def test_the_exercise_keys_are_kept() -> None:
    config = {"statements": STATEMENTS, "min_responses": 5,
              "categories_order": ["Openness"], "phases": []}
    assert check_config(config)["statements"][2]["reverse"] is True


@pytest.mark.parametrize(("kind", "data", "field", "words"), [
    ("tally", {"statement": 0, "counts": [0, 1, 2, 3, 4]}, "counts", "six numbers"),
    ("tally", {"statement": 0, "counts": [0, 1, 2, 3, 4, -1]}, "counts", "0 to"),
    ("tally", {"statement": 0, "counts": [0, 1, 2, 3, 4, True]}, "counts", "whole"),
    ("tally", {"statement": -1, "counts": [0] * 6}, "statement", "0 to"),
    ("tally", {"statement": 0, "counts": [0] * 6, "who": "Sam"}, "who", "no field"),
    ("slips", {"count": -1}, "count", "0 to"),
])
def test_bad_records_are_refused_with_a_clear_message(kind: str, data: dict, field: str,
                                                      words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_item("survey", kind, data)
    assert caught.value.field == field
    assert words in caught.value.message


def test_individual_responses_cannot_be_stored() -> None:
    with pytest.raises(ValidationError) as caught:
        check_item("survey", "response", {"statement": 0, "rating": 4})
    assert "no 'response' records" in caught.value.message


# ------------------------------------------------------------------ the session


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    wid = repo.create_workshop(Workshop("Pulse"), steps=[
        Step(type="survey", title="Trust pulse", prompt="Only the group picture is shown",
             config={"statements": STATEMENTS}),
    ])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1280, 720)
    yield s
    s.close()


def editor(session: Session) -> SurveyEditor:
    ed = session.console.editor
    assert isinstance(ed, SurveyEditor)
    return ed


def slip(qtbot: QtBot, session: Session, text: str) -> None:
    box = editor(session).slip
    box.setFocus()  # Space outside a text field is the timer's
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def body(session: Session) -> list[str]:
    """What the step itself shows (title, prompt and clock left out)."""
    return session.projector.view.scene().visible_texts()


def counts(session: Session) -> list[tuple[int, ...]]:
    return [r.counts for r in results(session.controller.current_step.config,
                                      session.controller.items())]


FOUR_SLIPS = ("45x", "43 ", "5x3", "3")  # statement 1: 4, 4, 5, 3 -> mean 4.0


def test_before_the_reveal_the_room_sees_only_the_count(qtbot: QtBot,
                                                        session: Session) -> None:
    assert body(session)[0] == "0 responses so far"
    for text in FOUR_SLIPS:
        slip(qtbot, session, text)
    texts = body(session)
    assert texts == ["4 responses so far",
                     "The group's results are shown when the facilitator reveals them."]
    assert editor(session).count_label.text().startswith("4 slips entered")


def test_after_the_reveal_numbers_show_only_above_the_minimum(qtbot: QtBot,
                                                             session: Session) -> None:
    for text in FOUR_SLIPS:
        slip(qtbot, session, text)
    session.controller.toggle_reveal()
    texts = body(session)
    assert "4.0" in texts  # statement 1: 4, 4, 5, 3
    assert STATEMENTS[0]["text"] in texts
    assert texts.count(NOT_ENOUGH) == 2  # two ratings and one rating
    assert f"{STATEMENTS[2]['text']} (reverse-scored)" in texts


def test_a_slip_is_one_undo_step(qtbot: QtBot, session: Session) -> None:
    slip(qtbot, session, "45x")
    slip(qtbot, session, "2 5")
    assert counts(session) == [(0, 0, 1, 0, 1, 0), (0, 0, 0, 0, 0, 1), (1, 0, 0, 0, 0, 1)]
    session.controller.undo_stack.undo()
    assert counts(session) == [(0, 0, 0, 0, 1, 0), (0, 0, 0, 0, 0, 1), (1, 0, 0, 0, 0, 0)]
    assert editor(session).count_label.text().startswith("1 slip entered")
    assert session.controller.undo_stack.undoText() == "Add slip 1"


def test_only_counts_are_stored(qtbot: QtBot, session: Session) -> None:
    """Two slips give one tally per statement and a slip count, nothing per person."""
    slip(qtbot, session, "45x")
    slip(qtbot, session, "44x")
    stored = session.controller.repo.items(session.controller.current_step.id or 0)
    assert sorted(i.kind for i in stored) == ["slips", "tally", "tally", "tally"]
    assert {tuple(i.data.get("counts", ())) for i in stored if i.kind == "tally"} == {
        (0, 0, 0, 0, 2, 0), (0, 0, 0, 0, 1, 1), (2, 0, 0, 0, 0, 0)}


def test_a_bad_slip_changes_nothing_and_says_why(qtbot: QtBot, session: Session) -> None:
    slip(qtbot, session, "46")
    assert "Answer 2 is '6'" in editor(session).message.text()
    assert session.controller.items() == []
    assert editor(session).slip.text() == "46"  # left to correct


def test_show_of_fingers_tallies_the_selected_statement(qtbot: QtBot,
                                                        session: Session) -> None:
    ed = editor(session)
    ed.table.setFocus()
    ed.table.selectRow(1)
    for key in (Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_5, Qt.Key.Key_X):
        qtbot.keyClick(ed.table, key)
    assert counts(session)[1] == (1, 0, 2, 0, 0, 1)
    qtbot.keyClick(ed.table, Qt.Key.Key_2, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(ed.table, Qt.Key.Key_Backspace)  # the answer last changed: 2
    assert counts(session)[1] == (1, 0, 0, 0, 0, 1)
    session.controller.undo_stack.undo()
    assert counts(session)[1] == (1, 0, 1, 0, 0, 1)


def test_the_radar_view_shows_categories_once_revealed(qtbot: QtBot,
                                                       session: Session) -> None:
    for text in ("455", "445", "543", "333"):
        slip(qtbot, session, text)
    session.controller.toggle_reveal()
    set_view(session.controller, RADAR)
    texts = body(session)
    for name in ("Reliability", "Openness", "Candour"):
        assert name in texts
    assert "mean 4.0 · spread 0.7" in texts  # 4, 4, 5, 3
    assert "mean 2.0 · spread 1.0" in texts  # 5, 5, 3, 3 reversed: 1, 1, 3, 3


def test_many_statements_fit_at_the_floor_or_are_counted(qtbot: QtBot,
                                                         repo: WorkshopRepository) -> None:
    many = [{"text": f"Statement number {i} about how we work together"} for i in range(40)]
    wid = repo.create_workshop(Workshop("Long"), steps=[
        Step(type="survey", title="Long survey", config={"statements": many})])
    step_id = repo.steps(wid)[0].id or 0
    for i in range(40):
        repo.add_item(StepItem(step_id=step_id, kind="tally", data={
            "statement": i, "counts": [0, 0, 0, 1, 2, 2]}))
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1024, 768)
    try:
        s.controller.toggle_reveal()
        scene = s.projector.view.scene()
        texts = scene.visible_texts()
        shown = sum(1 for i in range(40) if many[i]["text"] in texts)
        assert 0 < shown < 40
        assert f"+{40 - shown} more statements (those most worth discussing are shown)" \
            in texts
        assert scene.table.px >= 768 * 0.025 - 0.01  # type: ignore[attr-defined]
    finally:
        s.close()


# ------------------------------------------------------------------ exports


@pytest.fixture
def surveyed(repo: WorkshopRepository) -> int:
    wid = repo.create_workshop(Workshop("Survey export", date="2026-03-12"), steps=[
        Step(type="survey", title="Partnership health", config={"statements": STATEMENTS}),
    ])
    step_id = repo.steps(wid)[0].id or 0
    for statement, tally in ((0, [0, 0, 0, 1, 2, 1]), (1, [2, 0, 1, 1, 0, 0]),
                             (2, [0, 0, 0, 2, 2, 1])):
        repo.add_item(StepItem(step_id=step_id, kind="tally",
                               data={"statement": statement, "counts": tally}))
    repo.add_item(StepItem(step_id=step_id, kind="slips", data={"count": 5}))
    return wid


def test_json_round_trip_keeps_every_item(repo: WorkshopRepository, surveyed: int) -> None:
    before = repo.load(surveyed)
    new_id = repo.insert_workshop_data(exchange.parse(exchange.dumps(before)))
    after = repo.load(new_id)
    assert [(i.kind, i.data, i.uid) for i in after.items] == [
        (i.kind, i.data, i.uid) for i in before.items]
    assert after.steps[0].config == before.steps[0].config


def test_the_pdf_has_aggregates_and_hides_what_is_below_the_minimum(
        repo: WorkshopRepository, surveyed: int) -> None:
    pdf = render_pdf(repo.load(surveyed), library=EMPTY_LIBRARY)
    text = flat("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    # statement 1: 3, 4, 4, 5 -> mean 4.0, spread 0.7
    assert f"{STATEMENTS[0]['text']} 4 4.0 0.7" in text
    # statement 2: two ratings (and two don't knows): no numbers at all
    assert f"{STATEMENTS[1]['text']} {NOT_ENOUGH}" in text
    # statement 3, reversed: 3, 3, 4, 4, 5 -> 3, 3, 2, 2, 1 -> mean 2.2, flagged low
    assert "(reverse-scored) 5 2.2 0.7 LOW" in text
    assert "By category" in text
    assert "not a validated scale" in text


def test_an_unanswered_survey_prints_nothing(repo: WorkshopRepository) -> None:
    wid = repo.create_workshop(Workshop("Empty"), steps=[
        Step(type="survey", title="Survey never run", config={"statements": STATEMENTS})])
    pdf = render_pdf(repo.load(wid), library=EMPTY_LIBRARY)
    text = flat("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    assert "Survey never run" not in text


def test_markdown_has_the_aggregate_table(repo: WorkshopRepository, surveyed: int) -> None:
    text = markdown_text(repo.load(surveyed))
    assert f"| 1 | {STATEMENTS[0]['text']} | Reliability | 4 | 4.0 | 0.7 |  |" in text
    assert f"| 2 | {STATEMENTS[1]['text']} | Openness |  | {NOT_ENOUGH} |  |  |" in text
