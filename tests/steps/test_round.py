"""The round step: round the room, one entry each, a timer per person, pass and skip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import pdf_text, show_session

from collabfacil.app import Session
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Organisation, Participant, Step, Workshop
from collabfacil.domain.steps import check_item
from collabfacil.domain.steps.round import RoundQueue, RoundRun, Turn, check_config
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.round import RoundEditor

CTRL = Qt.KeyboardModifier.ControlModifier
PEOPLE = ("Alice Smith", "Bob Jones", "Carol White", "Dev Patel")
PARTNERS = (("Northshire Acute Hospitals NHS Trust", "Acute"),
            ("Northshire County Council", "Council"), ("Riverside GP Federation", ""))



class FakeClock:
    """A clock the test moves by hand: no sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def open_round(qtbot: QtBot, repo: WorkshopRepository, config: dict[str, object], *,
               people: tuple[str, ...] = PEOPLE) -> Session:
    wid = repo.create_workshop(
        Workshop("Round the room"),
        organisations=[Organisation(n, s) for n, s in PARTNERS],
        participants=[Participant(p) for p in people],
        steps=[Step(type="round", title="What brought me here", prompt="Why this job?",
                    minutes=10, config=config)])
    return show_session(qtbot, repo, wid)


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """A public round by person over four named participants, on a fake clock."""
    s = open_round(qtbot, repo, {"seconds_each": 60})
    s.controller.clock = FakeClock()
    yield s
    s.close()


def editor(session: Session) -> RoundEditor:
    ed = session.console.editor
    assert isinstance(ed, RoundEditor)
    return ed


def say(qtbot: QtBot, session: Session, text: str) -> None:
    box = editor(session).boxes[0]
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def room(session: Session) -> list[str]:
    return session.projector.view.visible_texts()


# ------------------------------------------------------------ pure logic


def test_the_turn_clock_restarts_for_each_speaker_on_a_fake_clock() -> None:
    """Each new speaker gets the full time; the clock keeps running across speakers."""
    run = RoundRun.new(90).follow("Alice", 0.0)
    assert run.clock_text(500.0) == "1:30"  # not started: time does not pass
    run = run.toggle_clock(0.0)
    assert run.clock_text(30.0) == "1:00"
    assert run.clock_text(100.0) == "+0:10"  # over time
    run = run.follow("Bob", 100.0)
    assert run.running
    assert run.clock_text(100.0) == "1:30"
    assert run.clock_text(145.0) == "0:45"
    run = run.toggle_clock(145.0)
    assert run.clock_text(999.0) == "0:45"  # paused
    assert run.restart_clock(999.0).clock_text(1500.0) == "1:30"


def test_the_queue_moves_on_skips_and_comes_back_when_chosen() -> None:
    """Skipped people wait at the end; choosing them gives them the floor again."""
    names = ("Ann", "Ben", "Cat")
    run = RoundRun.new(60)
    q = run.queue(names, [Turn("Ann", "hello")])
    assert (q.current(), q.upcoming()) == ("Ben", ["Cat"])
    run = run.skip("Ben")
    q = run.queue(names, [Turn("Ann", "hello")])
    assert (q.current(), q.upcoming()) == ("Cat", [])
    q = run.queue(names, [Turn("Ann", "hello"), Turn("Cat", "", passed=True)])
    assert q.complete
    run = run.choose("Ben")
    assert run.queue(names, [Turn("Ann", "hello")]).current() == "Ben"


def test_with_no_names_speakers_are_numbered() -> None:
    """A round with nobody named still moves on: Person 1, Person 2..."""
    q = RoundQueue((), (Turn("Person 1", "a"),))
    assert q.current() == "Person 2"
    assert RoundQueue((), (), ("Person 1",)).current() == "Person 2"


@pytest.mark.parametrize(("config", "field", "words"), [
    ({"by": "table"}, "by", '"person" or "organisation"'),
    ({"seconds_each": 5}, "seconds_each", "10 to 1800"),
    ({"seconds_each": "90"}, "seconds_each", "whole number"),
    ({"seconds_each": True}, "seconds_each", "whole number"),
    ({"order": ["Ann", "ann"]}, "order", "twice"),
    ({"order": "Ann, Ben"}, "order", "list"),
    ({"columns": ["a", "b", "c", "d", "e"]}, "columns", "the most is 4"),
    ({"columns": []}, "columns", "at least one"),
    ({"private": "yes"}, "private", "true or false"),
])
def test_bad_settings_are_refused_naming_the_setting(config: dict[str, object], field: str,
                                                     words: str) -> None:
    """An exercise file with a wrong round setting gets a message naming it."""
    with pytest.raises(ValidationError) as err:
        check_config(config)
    assert err.value.field == field
    assert words in err.value.message


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"who": "", "text": "hi"}, "who", "empty"),
    ({"who": "Ann", "text": "  "}, "text", "empty"),
    ({"who": "Ann", "text": "hi", "passed": True}, "text", "passed"),
    ({"who": "Ann", "text": "", "passed": "yes"}, "passed", "true or false"),
    ({"who": "Ann", "text": "hi", "speaker": "x"}, "speaker", "no field"),
    ({"who": "Ann", "parts": ["a", "b", "c", "d", "e"]}, "parts", "up to 4"),
    ({"who": "Ann\nBen", "text": "hi"}, "who", "single line"),
    ({"who": "Ann", "text": "bell\x07"}, "text", "control character"),
])
def test_bad_turns_are_refused_with_a_clear_message(data: dict[str, object], field: str,
                                                    words: str) -> None:
    """A turn with no speaker, no words (and no pass), or words on a pass is refused."""
    with pytest.raises(ValidationError) as err:
        check_item("round", "turn", data)
    assert err.value.field == field
    assert words in err.value.message


@given(st.text(max_size=300))
def test_any_text_is_either_refused_clearly_or_kept_exactly(text: str) -> None:
    """Whatever is typed, the entry is refused with a message or stored stably."""
    try:
        out = check_item("round", "turn", {"who": "Ann", "text": text})
    except ValidationError as err:
        refused = err
    else:
        refused = None
    if refused is not None:
        assert refused.field == "text"
        assert "empty" in refused.message or "control character" in refused.message
        return
    assert out["text"] == out["text"].strip()
    assert check_item("round", "turn", out) == out


# ------------------------------------------------------------------ console


def test_enter_captures_for_the_speaker_and_the_next_person_is_shown(
        qtbot: QtBot, session: Session) -> None:
    """The room sees who speaks now and next; Enter captures and moves on."""
    texts = room(session)
    assert "Now: Alice Smith" in texts
    assert "Next: Bob Jones · then Carol White" in texts
    say(qtbot, session, "Started as a ward nurse")
    texts = room(session)
    assert "Now: Bob Jones" in texts
    assert "Next: Carol White · then Dev Patel" in texts
    assert "Started as a ward nurse" in texts
    assert "Alice Smith" in session.projector.view.board_layout().columns[0].cards[0].card.tag
    assert editor(session).boxes[0].text() == ""


def test_a_pass_is_recorded_not_shown_and_undo_brings_the_speaker_back(
        qtbot: QtBot, session: Session) -> None:
    """Ctrl+P records a pass and moves on; Ctrl+Z makes it their turn again."""
    say(qtbot, session, "Data analyst")
    box = editor(session).boxes[0]
    qtbot.keyClick(box, Qt.Key.Key_P, CTRL)
    assert "Now: Carol White" in room(session)
    turns = session.controller.items("turn")
    assert [(t.data["who"], t.data["passed"]) for t in turns] == [
        ("Alice Smith", False), ("Bob Jones", True)]
    assert "Bob Jones" not in " ".join(room(session))  # a pass is not put up as a card
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert "Now: Bob Jones" in room(session)
    assert len(session.controller.items("turn")) == 1
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert "Now: Alice Smith" in room(session)
    assert "Data analyst" not in room(session)


def test_skip_moves_on_without_recording_and_the_queue_can_come_back(
        qtbot: QtBot, session: Session) -> None:
    """Ctrl+L skips; the skipped person can be picked in the queue with Enter."""
    ed = editor(session)
    qtbot.keyClick(ed.boxes[0], Qt.Key.Key_L, CTRL)
    assert "Now: Bob Jones" in room(session)
    assert session.controller.items("turn") == []
    row = next(i for i in range(ed.queue.count())
               if ed.queue.item(i).data(Qt.ItemDataRole.UserRole) == "Alice Smith")
    assert "skipped" in ed.queue.item(row).text()
    ed.queue.setFocus()
    ed.queue.setCurrentRow(row)
    qtbot.keyClick(ed.queue, Qt.Key.Key_Return)
    assert "Now: Alice Smith" in room(session)
    say(qtbot, session, "Back to me")
    assert "Now: Bob Jones" in room(session)


def test_everyone_done_says_so(qtbot: QtBot, session: Session) -> None:
    """After the last person the projector says everyone has had a turn."""
    for text in ("one", "two", "three", "four"):
        say(qtbot, session, text)
    assert "Everyone has had a turn" in room(session)
    assert not editor(session).capture_button.isEnabled()


def test_choosing_someone_again_changes_their_entry(qtbot: QtBot, session: Session) -> None:
    """Picking a person who spoke puts their words back in the box; Enter replaces them."""
    say(qtbot, session, "Nurse")
    ed = editor(session)
    ed.choose("Alice Smith")
    assert ed.boxes[0].text() == "Nurse"
    ed.boxes[0].clear()
    say(qtbot, session, "Midwife")
    assert [t.data["text"] for t in session.controller.items("turn")] == ["Midwife"]
    assert "Midwife" in room(session)
    session.controller.undo_stack.undo()
    assert "Nurse" in room(session)


def test_empty_enter_is_refused_with_a_message(qtbot: QtBot, session: Session) -> None:
    """Enter on an empty box records nothing and says what to do instead."""
    say(qtbot, session, "")
    assert session.controller.items("turn") == []
    assert "record a pass" in editor(session).message.text()
    assert "Now: Alice Smith" in room(session)


def test_the_per_person_countdown_runs_on_the_projector(qtbot: QtBot,
                                                       session: Session) -> None:
    """Ctrl+G starts the speaker's clock; over time shows +; the next speaker gets it all."""
    clock = session.controller.clock
    assert isinstance(clock, FakeClock)
    ed = editor(session)
    assert "1:00" in room(session)
    qtbot.keyClick(ed.boxes[0], Qt.Key.Key_G, CTRL)
    clock.now += 45
    assert "0:15" in room(session)
    clock.now += 30
    assert "+0:15" in room(session)
    ed._tick()
    assert ed.clock_label.text() == "+0:15"
    say(qtbot, session, "Over time")
    assert "Now: Bob Jones" in room(session)
    assert "1:00" in room(session)
    clock.now += 10
    assert "0:50" in room(session)  # still running for Bob


def test_a_name_added_live_joins_the_queue_and_undo_removes_it(
        qtbot: QtBot, session: Session) -> None:
    """Alt+N, a name, Enter: they join the end of the queue."""
    ed = editor(session)
    qtbot.keyClick(ed.boxes[0], Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert ed.add_name.hasFocus()
    qtbot.keyClicks(ed.add_name, "Eve Late")
    qtbot.keyClick(ed.add_name, Qt.Key.Key_Return)
    for text in ("one", "two", "three"):
        say(qtbot, session, text)
    assert "Next: Eve Late" in room(session)
    session.controller.undo_stack.undo()
    session.controller.undo_stack.undo()
    session.controller.undo_stack.undo()
    session.controller.undo_stack.undo()
    assert not any("Eve Late" in t for t in room(session))


def test_with_no_names_the_facilitator_captures_person_by_person(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    """No participant list: speakers are numbered so capture still flows."""
    s = open_round(qtbot, repo, {}, people=())
    try:
        assert "Now: Person 1" in room(s)
        say(qtbot, s, "Keyword: trust")
        assert "Now: Person 2" in room(s)
        assert "Keyword: trust" in room(s)
    finally:
        s.close()


def test_a_private_round_shows_no_entries_and_prints_one_line(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    """E1: what people say stays off the projector, the PDF and the summary."""
    s = open_round(qtbot, repo, {"private": True})
    try:
        say(qtbot, s, "My gran's discharge")
        texts = room(s)
        assert "Now: Bob Jones" in texts
        assert not any("gran" in t for t in texts)
        assert any("private" in t for t in texts)
        data = repo.load(s.controller.workshop_id)
        text = pdf_text(render_pdf(data))
        assert "gran" not in text
        assert "This round was private: 1 person took a turn" in text
        summary = markdown_text(data)
        assert "gran" not in summary
        assert "private" in summary
    finally:
        s.close()


def test_two_part_entries_by_organisation_make_a_commitments_table(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    """E12: We will… / We need…, by organisation; Enter moves to the second box."""
    s = open_round(qtbot, repo, {"by": "organisation", "columns": ["We will…", "We need…"]})
    try:
        assert "Now: Acute" in room(s)
        ed = editor(s)
        ed.boxes[0].setFocus()
        qtbot.keyClicks(ed.boxes[0], "Share the frailty list weekly")
        qtbot.keyClick(ed.boxes[0], Qt.Key.Key_Return)
        assert ed.boxes[1].hasFocus()
        qtbot.keyClicks(ed.boxes[1], "A named social worker on the ward")
        qtbot.keyClick(ed.boxes[1], Qt.Key.Key_Return)
        assert "Now: Council" in room(s)
        assert ("We will… Share the frailty list weekly\n"
                "We need… A named social worker on the ward") in room(s)
        qtbot.keyClick(ed.boxes[0], Qt.Key.Key_P, CTRL)  # the council passes
        ed.boxes[1].setFocus()
        ed.boxes[1].insert("Dementia café referrals — Llŷr")
        qtbot.keyClick(ed.boxes[1], Qt.Key.Key_Return)
        assert "Everyone has had a turn" in room(s)
        data = repo.load(s.controller.workshop_id)
        text = pdf_text(render_pdf(data))
        for expected in ("Organisation We will… We need…",
                         "Northshire Acute Hospitals NHS Trust Share the frailty list weekly",
                         "Riverside GP Federation Dementia café referrals — Llŷr"):
            assert expected in text
        assert "Northshire County Council" not in text.split("We need…", 1)[1]
        assert "| Riverside GP Federation |  | Dementia café referrals — Llŷr |" in \
            markdown_text(data)
    finally:
        s.close()


# ------------------------------------------------------------------ exports


def test_json_round_trip_keeps_every_turn(qtbot: QtBot, session: Session,
                                          repo: WorkshopRepository) -> None:
    """Export and import give the same turns and live-added names, in order."""
    say(qtbot, session, "<b>Nurse</b> & proud")
    qtbot.keyClick(editor(session).boxes[0], Qt.Key.Key_P, CTRL)
    session.controller.add_item("person", {"name": "Eve Late"})
    data = repo.load(session.controller.workshop_id)
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data, i.uid) for i in back.items] == [
        (i.kind, i.data, i.uid) for i in data.items]
    assert back.steps[0].config == data.steps[0].config


def test_the_pdf_lists_entries_not_passes_and_anonymise_withholds_names(
        qtbot: QtBot, session: Session, repo: WorkshopRepository) -> None:
    """Entries are listed with who said them; passes are not; --anonymise drops names."""
    say(qtbot, session, "Started as a <b>porter</b> & stayed")
    qtbot.keyClick(editor(session).boxes[0], Qt.Key.Key_P, CTRL)
    data = repo.load(session.controller.workshop_id)
    text = pdf_text(render_pdf(data))
    assert "Alice Smith — Started as a <b>porter</b> & stayed" in text
    assert "Bob Jones" not in text
    hidden = pdf_text(render_pdf(data, anonymise=True))
    assert "Started as a <b>porter</b> & stayed" in hidden
    assert "Alice Smith" not in hidden
    assert WITHHELD not in hidden  # the name is left out, not replaced by a marker


def test_a_skip_reaches_the_console_preview_of_the_projector(qtbot: QtBot,
                                                             session: Session) -> None:
    """A skip is not stored, yet the facilitator's preview of the room changes at once."""
    preview = session.console.preview
    preview.refresh()
    before = preview.picture().toImage()
    qtbot.keyClick(editor(session).boxes[0], Qt.Key.Key_L, CTRL)
    assert preview.picture().toImage() != before


def test_a_long_name_wraps_rather_than_being_cut(qtbot: QtBot,
                                                 repo: WorkshopRepository) -> None:
    """On a 4:3 projector a long organisation name is shown whole, on two lines."""
    long_name = "Northshire and Riverside Integrated Care Board – Place Partnership Team"
    s = open_round(qtbot, repo, {"by": "organisation", "order": [long_name, "Hospice"]})
    try:
        s.projector.resize(1024, 768)
        assert f"Now: {long_name}" in room(s)
        assert "Next: Hospice" in room(s)
    finally:
        s.close()
