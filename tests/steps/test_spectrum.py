"""The spectrum step: hands per level for now and target, the gap, on every layer."""

from __future__ import annotations

import io
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
from collabfacil.domain.steps.spectrum import (
    HIMMELMAN,
    Distribution,
    SubjectResult,
    by_gap,
    check_config,
    format_gap,
    level_name,
    results,
    settings,
)
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.spectrum import SpectrumEditor

SUBJECTS = ["Hospital discharge", "Falls prevention", "Shared care records"]
EMPTY_LIBRARY = Library(exercises={}, templates={})


def flat(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ pure logic


def test_median_spread_and_mean_are_exact() -> None:
    """Hands 1, 2, 0, 3 on four levels are levels 0,1,1,3,3,3: median (1 + 3) / 2 = 2."""
    d = Distribution((1, 2, 0, 3))
    assert d.total == 6
    assert d.median == 2.0
    assert d.mean == pytest.approx(11 / 6)
    # population variance: sum c (x - mean)^2 / n
    assert d.spread == pytest.approx((((0 - 11 / 6) ** 2 + 2 * (1 - 11 / 6) ** 2
                                       + 3 * (3 - 11 / 6) ** 2) / 6) ** 0.5)
    assert Distribution((0, 4, 0, 0)).spread == 0.0
    assert Distribution((0, 0, 0, 0)).median is None


def test_median_between_two_levels_is_a_half() -> None:
    """Two hands at Coordinating and two at Cooperating: the median sits between them."""
    d = Distribution((0, 2, 2, 0))
    assert d.median == 1.5
    assert level_name(HIMMELMAN, d.median) == "Coordinating \u2013 Cooperating"
    assert level_name(HIMMELMAN, 3.0) == "Collaborating"


def test_gap_is_target_median_minus_now_median() -> None:
    r = SubjectResult("Falls", Distribution((3, 1, 0, 0)), Distribution((0, 0, 1, 3)))
    assert r.gap == 3.0
    assert format_gap(r.gap) == "+3"
    back = SubjectResult("Pull back", Distribution((0, 0, 0, 2)), Distribution((0, 2, 2, 0)))
    assert back.gap == -1.5
    assert format_gap(back.gap) == "\u22121.5"
    none_yet = SubjectResult("New", Distribution((1, 0, 0, 0)), Distribution((0, 0, 0, 0)))
    assert none_yet.gap is None


def test_subjects_sort_by_the_size_of_the_gap_either_way() -> None:
    """The biggest change first (a target below now counts too); unplaced subjects last."""
    small = SubjectResult("small", Distribution((0, 1, 0, 0)), Distribution((0, 0, 1, 0)))
    big_down = SubjectResult("down", Distribution((0, 0, 0, 1)), Distribution((1, 0, 0, 0)))
    none = SubjectResult("none", Distribution((0, 0, 0, 0)), Distribution((0, 0, 0, 0)))
    mid = SubjectResult("mid", Distribution((1, 0, 0, 0)), Distribution((0, 0, 1, 0)))
    assert [r.name for r in by_gap([small, none, mid, big_down])] == [
        "down", "mid", "small", "none"]


def test_results_add_up_hands_and_keep_subjects_named_only_by_hands() -> None:
    items = [
        StepItem(step_id=1, kind="subject", data={"name": "Added live"}),
        StepItem(step_id=1, kind="hands", data={"subject": "Falls prevention",
                                                "marker": "now", "level": 1, "count": 2}),
        StepItem(step_id=1, kind="hands", data={"subject": "falls prevention",
                                                "marker": "now", "level": 1, "count": 3}),
        StepItem(step_id=1, kind="hands", data={"subject": "Orphan", "marker": "target",
                                                "level": 6, "count": 9}),
    ]
    found = results({"subjects": ["Falls prevention"]}, items)
    assert [r.name for r in found] == ["Falls prevention", "Added live", "Orphan"]
    assert found[0].now.counts == (0, 5, 0, 0)
    assert found[2].target.total == 0  # level 7 of a 4-level scale is left out


# ------------------------------------------------------------------ settings and items


def test_config_defaults_to_himmelmans_four_levels_with_our_own_notes() -> None:
    s = settings({})
    assert s.levels == HIMMELMAN
    assert len(s.level_notes) == 4
    assert s.subjects == ()


@pytest.mark.parametrize(("config", "field", "words"), [
    ({"levels": ["a", "b", "c", "d", "e"]}, "levels", "4 or 7"),
    ({"levels": ["a", "b", "a", "d"]}, "levels", "twice"),
    ({"level_notes": ["only one"]}, "level_notes", "one line per level"),
    ({"subjects": ["Falls", "falls"]}, "subjects", "twice"),
    ({"subjects": "Falls"}, "subjects", "list"),
    ({"subjects": ["  "]}, "subjects", "empty"),
])
def test_bad_settings_are_refused_naming_the_setting(config: dict, field: str,
                                                     words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_config(config)
    assert caught.value.field == field
    assert words in caught.value.message


def test_seven_levels_with_notes_are_accepted() -> None:
    levels = [f"Level {i}" for i in range(7)]
    out = check_config({"levels": levels, "level_notes": [f"note {i}" for i in range(7)]})
    assert out["levels"] == levels


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"subject": "Falls", "marker": "later", "level": 0, "count": 1}, "marker", "now"),
    ({"subject": "Falls", "marker": "now", "level": 7, "count": 1}, "level", "0 to 6"),
    ({"subject": "Falls", "marker": "now", "level": -1, "count": 1}, "level", "0 to 6"),
    ({"subject": "Falls", "marker": "now", "level": 1, "count": -2}, "count", "0 to"),
    ({"subject": "Falls", "marker": "now", "level": True, "count": 1}, "level", "whole"),
    ({"subject": "Falls", "marker": "now", "level": 1, "count": 1.5}, "count", "whole"),
    ({"subject": "", "marker": "now", "level": 1, "count": 1}, "subject", "empty"),
    ({"subject": "Falls", "marker": "now", "level": 1, "count": 1, "who": "Sam"}, "who",
     "no field"),
])
def test_bad_hands_are_refused_with_a_clear_message(data: dict, field: str,
                                                    words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_item("spectrum", "hands", data)
    assert caught.value.field == field
    assert words in caught.value.message


@given(st.text(max_size=150))
def test_any_subject_name_is_kept_cleaned_or_refused_clearly(name: str) -> None:
    """Whatever is typed, check_item gives back the cleaned name or a ValidationError
    with a sentence; it never crashes, and a kept name checks again unchanged."""
    refused: ValidationError | None = None
    try:
        out = check_item("spectrum", "subject", {"name": name})
    except ValidationError as exc:
        refused = exc
    if refused is not None:
        assert refused.field == "name"
        assert refused.message.endswith(".")
        return
    assert out["name"] == out["name"].strip()
    assert out["name"]
    assert check_item("spectrum", "subject", out) == out


# ------------------------------------------------------------------ the session


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    wid = repo.create_workshop(Workshop("Spectrum"), steps=[
        Step(type="spectrum", title="Where are we?", prompt="Now and target, please",
             config={"subjects": SUBJECTS}),
    ])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1280, 720)
    yield s
    s.close()


def editor(session: Session) -> SpectrumEditor:
    ed = session.console.editor
    assert isinstance(ed, SpectrumEditor)
    return ed


def press(qtbot: QtBot, session: Session, keys: str) -> None:
    """Type into the hands pad: digits, n, t; '!' is Shift+1 and so on."""
    pad = editor(session).pad
    pad.setFocus()
    for ch in keys:
        if ch.isdigit():
            qtbot.keyClick(pad, Qt.Key(Qt.Key.Key_0 + int(ch)))
        elif ch == "<":
            qtbot.keyClick(pad, Qt.Key.Key_Backspace)
        elif ch in "!@#$":
            qtbot.keyClick(pad, Qt.Key(Qt.Key.Key_0 + "!@#$".index(ch) + 1),
                           Qt.KeyboardModifier.ShiftModifier)
        elif ch == "\t":
            qtbot.keyClick(pad, Qt.Key.Key_Tab)
        else:
            qtbot.keyClick(pad, ch)


def add_subject(qtbot: QtBot, session: Session, name: str) -> None:
    box = editor(session).add_box
    box.setFocus()  # B and Space outside a text field are the room's keys
    qtbot.keyClicks(box, name)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def hands(session: Session, subject: str, marker: str) -> tuple[int, ...]:
    found = results(session.controller.current_step.config, session.controller.items())
    return next(r for r in found if r.name == subject).marker(marker).counts


def projected(session: Session) -> list[str]:
    return session.projector.view.visible_texts()


def test_the_room_sees_every_subject_and_the_level_names(session: Session) -> None:
    texts = projected(session)
    for expected in [*SUBJECTS, *HIMMELMAN, "now", "target", "Gap"]:
        assert expected in texts


def test_digits_add_hands_and_the_projector_shows_the_gap(qtbot: QtBot,
                                                          session: Session) -> None:
    """Three hands at level 1 now, three at level 3 target: the room sees +2."""
    press(qtbot, session, "111t333")
    assert hands(session, "Hospital discharge", "now") == (3, 0, 0, 0)
    assert hands(session, "Hospital discharge", "target") == (0, 0, 3, 0)
    texts = projected(session)
    assert "+2" in texts
    assert "3" in texts
    stored = session.controller.repo.items(session.controller.current_step.id or 0)
    assert len(stored) == 2  # one record per subject, marker and level, updated


def test_shift_digit_and_backspace_take_hands_away(qtbot: QtBot, session: Session) -> None:
    press(qtbot, session, "2222!")  # Shift+1 with nothing at level 1: refused
    assert "No hands to take away" in editor(session).message.text()
    press(qtbot, session, "@<")
    assert hands(session, "Hospital discharge", "now") == (0, 2, 0, 0)


def test_every_hand_is_one_undo_step(qtbot: QtBot, session: Session) -> None:
    press(qtbot, session, "44")
    session.controller.undo_stack.undo()
    assert hands(session, "Hospital discharge", "now") == (0, 0, 0, 1)
    session.controller.undo_stack.undo()
    assert hands(session, "Hospital discharge", "now") == (0, 0, 0, 0)
    assert session.controller.items() == []
    session.controller.undo_stack.redo()
    assert hands(session, "Hospital discharge", "now") == (0, 0, 0, 1)


def test_ctrl_z_in_the_pad_undoes_the_last_hand(qtbot: QtBot, session: Session) -> None:
    press(qtbot, session, "33")
    qtbot.keyClick(editor(session).pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert hands(session, "Hospital discharge", "now") == (0, 0, 1, 0)


def test_tab_and_n_t_switch_between_now_and_target(qtbot: QtBot, session: Session) -> None:
    press(qtbot, session, "1\t2n3t4")
    assert hands(session, "Hospital discharge", "now") == (1, 0, 1, 0)
    assert hands(session, "Hospital discharge", "target") == (0, 1, 0, 1)


def test_a_digit_beyond_the_scale_is_refused(qtbot: QtBot, session: Session) -> None:
    press(qtbot, session, "5")
    assert "4 levels" in editor(session).message.text()
    assert session.controller.items() == []


def test_up_down_pick_the_subject_and_the_room_sees_which(qtbot: QtBot,
                                                          session: Session) -> None:
    pad = editor(session).pad
    press(qtbot, session, "1")
    qtbot.keyClick(pad, Qt.Key.Key_Down)
    press(qtbot, session, "22")
    assert hands(session, "Falls prevention", "now") == (0, 2, 0, 0)
    rows = session.projector.view.scene().laid.rows  # type: ignore[attr-defined]
    assert [r.result.name for r in rows if r.focused] == ["Falls prevention"]


def test_a_subject_added_live_goes_on_the_scale(qtbot: QtBot, session: Session) -> None:
    ed = editor(session)
    add_subject(qtbot, session, "Community <b>nursing</b> & care")
    assert "Community <b>nursing</b> & care" in projected(session)
    assert ed.subject == "Community <b>nursing</b> & care"
    press(qtbot, session, "2")
    assert hands(session, "Community <b>nursing</b> & care", "now") == (0, 1, 0, 0)
    add_subject(qtbot, session, "falls PREVENTION")
    assert "already a subject" in ed.message.text()
    assert len(session.controller.items("subject")) == 1


def test_delete_removes_a_live_subject_and_undo_brings_it_back(qtbot: QtBot,
                                                                session: Session) -> None:
    ed = editor(session)
    add_subject(qtbot, session, "Typo subjct")
    press(qtbot, session, "11")
    ed.subjects.setFocus()
    qtbot.keyClick(ed.subjects, Qt.Key.Key_Delete)
    assert "Typo subjct" not in projected(session)
    assert session.controller.items() == []
    session.controller.undo_stack.undo()
    assert "Typo subjct" in projected(session)
    assert hands(session, "Typo subjct", "now") == (2, 0, 0, 0)


def test_a_subject_from_the_exercise_cannot_be_deleted(qtbot: QtBot,
                                                       session: Session) -> None:
    ed = editor(session)
    ed.subjects.setFocus()
    qtbot.keyClick(ed.subjects, Qt.Key.Key_Delete)
    assert "comes from the exercise" in ed.message.text()
    assert "Hospital discharge" in projected(session)


def test_many_subjects_show_the_biggest_gaps_with_a_count_of_the_rest(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    names = [f"Workstream number {i}" for i in range(30)]
    wid = repo.create_workshop(Workshop("Big"), steps=[
        Step(type="spectrum", title="All the work", config={"subjects": names})])
    step_id = repo.steps(wid)[0].id or 0
    for marker, level in (("now", 0), ("target", 3)):  # the only gap: workstream 29
        repo.add_item(StepItem(step_id=step_id, kind="hands", data={
            "subject": names[29], "marker": marker, "level": level, "count": 4}))
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1024, 768)
    try:
        texts = s.projector.view.visible_texts()
        shown = [n for n in names if n in texts]
        assert names[29] in shown  # the biggest gap comes first
        assert len(shown) < 30
        assert f"+{30 - len(shown)} more subjects (biggest gaps shown)" in texts
        laid = s.projector.view.scene().laid  # type: ignore[attr-defined]
        assert laid.px >= 768 * 0.025 - 0.01  # never below the floor
    finally:
        s.close()


# ------------------------------------------------------------------ exports


@pytest.fixture
def placed_workshop(repo: WorkshopRepository) -> int:
    wid = repo.create_workshop(Workshop("Spectrum export", date="2026-03-12"), steps=[
        Step(type="spectrum", title="Where are we on the spectrum", config={
            "subjects": ["Falls prevention", "Hospital discharge", "Not placed"]}),
    ])
    step_id = repo.steps(wid)[0].id or 0
    for subject, marker, level, count in (
        ("Falls prevention", "now", 1, 4), ("Falls prevention", "target", 1, 4),
        ("Hospital discharge", "now", 0, 5), ("Hospital discharge", "target", 3, 5),
    ):
        repo.add_item(StepItem(step_id=step_id, kind="hands", data={
            "subject": subject, "marker": marker, "level": level, "count": count}))
    repo.add_item(StepItem(step_id=step_id, kind="subject", data={"name": "Added łive"}))
    return wid


def test_json_round_trip_keeps_every_item(repo: WorkshopRepository,
                                          placed_workshop: int) -> None:
    before = repo.load(placed_workshop)
    new_id = repo.insert_workshop_data(exchange.parse(exchange.dumps(before)))
    after = repo.load(new_id)
    assert [(i.kind, i.data, i.uid) for i in after.items] == [
        (i.kind, i.data, i.uid) for i in before.items]
    assert after.steps[0].config == before.steps[0].config


def test_the_pdf_has_the_table_sorted_by_gap_and_a_chart_per_subject(
        repo: WorkshopRepository, placed_workshop: int) -> None:
    pdf = render_pdf(repo.load(placed_workshop), library=EMPTY_LIBRARY)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    assert "Now (median level)" in text
    assert "Hospital discharge Networking Collaborating +3 levels 5 / 5" in text
    assert "Falls prevention Coordinating Coordinating no gap 4 / 4" in text
    assert text.index("Hospital discharge Networking") < text.index("Falls prevention "
                                                                    "Coordinating")
    assert "Not placed" not in text  # nothing to show for it
    assert "+3 gap" in text  # the chart's gap label
    assert "We share information with each other" in text  # the levels, in our words


def test_no_hands_means_no_spectrum_section(repo: WorkshopRepository) -> None:
    wid = repo.create_workshop(Workshop("Empty"), steps=[
        Step(type="spectrum", title="Spectrum never run", config={"subjects": ["A"]})])
    pdf = render_pdf(repo.load(wid), library=EMPTY_LIBRARY)
    text = flat("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    assert "Spectrum never run" not in text


def test_markdown_has_the_table(repo: WorkshopRepository, placed_workshop: int) -> None:
    text = markdown_text(repo.load(placed_workshop))
    assert "| Hospital discharge | Networking | Collaborating | +3 levels | 5 / 5 |" in text
    assert text.index("Hospital discharge |") < text.index("Falls prevention |")
