"""The reflection step: What? So what? Now what?, and relationship commitments."""

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
from collabfacil.domain.steps.reflection import check_config
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.reflection import ReflectionEditor

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier



def open_reflection(qtbot: QtBot, repo: WorkshopRepository,
                    config: dict[str, object]) -> Session:
    wid = repo.create_workshop(
        Workshop("Closing"),
        organisations=[Organisation("Northshire Acute Hospitals NHS Trust", "Acute"),
                       Organisation("Riverside GP Federation", "GP Fed")],
        participants=[Participant("Sam Hughes")],
        steps=[Step(type="reflection", title="What? So what? Now what?",
                    prompt="Whose well will you dig?", config=config)])
    return show_session(qtbot, repo, wid)


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    s = open_reflection(qtbot, repo, {})
    yield s
    s.close()


def editor(session: Session) -> ReflectionEditor:
    ed = session.console.editor
    assert isinstance(ed, ReflectionEditor)
    return ed


def room(session: Session) -> list[str]:
    return session.projector.view.visible_texts()


def column(session: Session, title: str) -> list[tuple[str, str]]:
    """The (text, tag) of each card in the projector column called ``title``."""
    for col in session.projector.view.board_layout().columns:
        if col.column.title == title:
            return [(p.text, p.card.tag) for p in col.cards]
    return []


def capture(qtbot: QtBot, session: Session, alt_digit: Qt.Key, text: str) -> None:
    ed = editor(session)
    qtbot.keyClick(ed.tabs.currentWidget().capture, alt_digit, ALT)
    box = ed.tabs.currentWidget().capture
    assert box.hasFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def commit(qtbot: QtBot, session: Session, who: str, with_: str, by: str, text: str) -> None:
    """Fill the commitments form from the keyboard: Enter moves on, then adds."""
    ed = editor(session)
    qtbot.keyClick(ed.tabs.currentWidget().capture, Qt.Key.Key_C, ALT)
    for key, value in (("who", who), ("with", with_), ("by", by), ("text", text)):
        assert ed.fields[key].hasFocus(), key
        qtbot.keyClicks(ed.fields[key], value)
        qtbot.keyClick(ed.fields[key], Qt.Key.Key_Return)


# ------------------------------------------------------------ pure logic


@pytest.mark.parametrize(("config", "field", "words"), [
    ({"prompts": []}, "prompts", "1 to 6"),
    ({"prompts": "What?"}, "prompts", "list"),
    ({"prompts": ["a", "b", "c", "d", "e", "f", "g"]}, "prompts", "the most is 6"),
    ({"prompts": ["What?", "what?"]}, "prompts", "same label"),
    ({"prompts": ["What?", ""]}, "prompts", "empty"),
    ({"commitments": "yes"}, "commitments", "true or false"),
])
def test_bad_settings_are_refused_naming_the_setting(config: dict[str, object], field: str,
                                                     words: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_config(config)
    assert err.value.field == field
    assert words in err.value.message


@pytest.mark.parametrize(("kind", "data", "field", "words"), [
    ("entry", {"prompt": "What?", "text": " "}, "text", "empty"),
    ("entry", {"text": "Something"}, "prompt", "empty"),
    ("entry", {"prompt": "What?", "text": "x", "colour": "red"}, "colour", "no field"),
    ("commitment", {"with": ""}, "with", "empty"),
    ("commitment", {"with": "GP Fed", "by": "31/02/2026"}, "by", "not a real date"),
    ("commitment", {"with": "GP Fed", "by": "next week"}, "by", "YYYY-MM-DD"),
    ("commitment", {"with": "GP Fed", "who": "Sam\nJo"}, "who", "single line"),
])
def test_bad_records_are_refused_with_a_clear_message(kind: str, data: dict[str, object],
                                                      field: str, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_item("reflection", kind, data)
    assert err.value.field == field
    assert words in err.value.message


@given(st.text(max_size=300))
def test_any_entry_is_refused_clearly_or_kept_stably(text: str) -> None:
    try:
        out = check_item("reflection", "entry", {"prompt": "What?", "text": text})
    except ValidationError as err:
        refused = err
    else:
        refused = None
    if refused is not None:
        assert refused.field == "text"
        assert "empty" in refused.message or "control character" in refused.message
        return
    assert check_item("reflection", "entry", out) == out


# ------------------------------------------------------------------ console


def test_alt_digits_pick_the_prompt_and_enter_puts_a_card_in_its_column(
        qtbot: QtBot, session: Session) -> None:
    """The three prompts are columns for the room; Alt+2 captures under So what?."""
    assert any("will appear here" in t for t in room(session))
    capture(qtbot, session, Qt.Key.Key_1, "Everyone came")
    capture(qtbot, session, Qt.Key.Key_2, "We agree more than we thought")
    assert editor(session).tabs.currentIndex() == 1
    for title in ("What?", "So what?", "Now what?"):
        assert title in room(session)
    assert column(session, "What?") == [("Everyone came", "")]
    assert column(session, "So what?") == [("We agree more than we thought", "")]
    assert column(session, "Now what?") == []


def test_ctrl_digit_tags_the_entry_with_an_organisation(qtbot: QtBot,
                                                       session: Session) -> None:
    box = editor(session).tabs.currentWidget().capture
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_2, CTRL)
    capture(qtbot, session, Qt.Key.Key_3, "Meet in each other's buildings")
    assert column(session, "Now what?") == [("Meet in each other's buildings", "GP Fed")]


def test_undo_and_delete_take_entries_off_the_projector(qtbot: QtBot,
                                                        session: Session) -> None:
    capture(qtbot, session, Qt.Key.Key_1, "First")
    capture(qtbot, session, Qt.Key.Key_1, "Second")
    qtbot.keyClick(editor(session).tabs.currentWidget().capture, Qt.Key.Key_Z, CTRL)
    assert column(session, "What?") == [("First", "")]
    entries = editor(session).tabs.currentWidget().entries
    entries.setFocus()
    entries.setCurrentRow(0)
    qtbot.keyClick(entries, Qt.Key.Key_Delete)
    assert column(session, "What?") == []
    session.controller.undo_stack.undo()
    assert column(session, "What?") == [("First", "")]


def test_a_commitment_from_the_keyboard_becomes_a_card(qtbot: QtBot,
                                                      session: Session) -> None:
    """Who → with, by date; a UK date is understood; the form empties for the next."""
    commit(qtbot, session, "Sam Hughes", "Riverside GP Federation", "30/04/2026",
           "Coffee before the board")
    assert column(session, "Relationship commitments") == [
        ("Sam Hughes → Riverside GP Federation, by 30 Apr 2026\nCoffee before the board", "")]
    ed = editor(session)
    assert all(not f.text() for f in ed.fields.values())
    assert ed.fields["who"].hasFocus()
    assert session.controller.items("commitment")[0].data["by"] == "2026-04-30"


def test_names_are_optional_in_commitments(qtbot: QtBot, session: Session) -> None:
    commit(qtbot, session, "", "the discharge hub lead", "", "Shadow a ward round")
    assert column(session, "Relationship commitments") == [
        ("With the discharge hub lead\nShadow a ward round", "")]


def test_a_bad_date_is_refused_and_the_form_is_kept(qtbot: QtBot, session: Session) -> None:
    commit(qtbot, session, "Sam", "GP Fed", "31/02/2026", "Call")
    assert session.controller.items("commitment") == []
    ed = editor(session)
    assert "not a real date" in ed.message.text()
    assert ed.fields["with"].text() == "GP Fed"


def test_own_prompts_and_no_commitments(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """Two prompts of the facilitator's own; with commitments off there is no form."""
    s = open_reflection(qtbot, repo, {"prompts": ["Glow", "Grow"], "commitments": False})
    try:
        ed = editor(s)
        assert ed.tabs.count() == 2
        assert not ed.fields["with"].isVisibleTo(ed)
        ed.tabs.setCurrentIndex(1)
        box = ed.tabs.currentWidget().capture
        box.setFocus()
        box.insert("Dŵr: we share data now 💧")
        qtbot.keyClick(box, Qt.Key.Key_Return)
        assert column(s, "Grow") == [("Dŵr: we share data now 💧", "")]
        assert "Relationship commitments" not in room(s)
    finally:
        s.close()


# ------------------------------------------------------------------ exports


def test_json_round_trip_keeps_entries_and_commitments(qtbot: QtBot, session: Session,
                                                       repo: WorkshopRepository) -> None:
    capture(qtbot, session, Qt.Key.Key_1, "<b>bold</b> & plain")
    commit(qtbot, session, "Sam Hughes", "GP Fed", "2026-05-01", "")
    data = repo.load(session.controller.workshop_id)
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data, i.uid) for i in back.items] == [
        (i.kind, i.data, i.uid) for i in data.items]


def test_the_pdf_has_the_w3_summary_and_the_commitments_table(
        qtbot: QtBot, session: Session, repo: WorkshopRepository) -> None:
    """Board members read the reflections by prompt and who will dig which well."""
    capture(qtbot, session, Qt.Key.Key_1, "Everyone came")
    capture(qtbot, session, Qt.Key.Key_3, "Monthly <joint> huddles & data")
    commit(qtbot, session, "Sam Hughes", "Riverside GP Federation", "2026-04-30",
           "Coffee before the board")
    commit(qtbot, session, "", "the hospice", "", "Visit")
    data = repo.load(session.controller.workshop_id)
    text = pdf_text(render_pdf(data)).rsplit("Appendix A", 1)[0]  # the section, not the record
    assert "What? • Everyone came" in text
    assert "Now what? • Monthly <joint> huddles & data" in text
    assert "So what?" not in text.split("Whose well will you dig?", 1)[1]  # empty: left out
    assert "Relationship commitments Who With By Commitment" in text
    assert "Sam Hughes Riverside GP Federation 30 Apr 2026 Coffee before the board" in text
    assert "| Sam Hughes | Riverside GP Federation | 30 Apr 2026 |" in markdown_text(data)
    hidden = pdf_text(render_pdf(data, anonymise=True))
    assert "Sam Hughes" not in hidden
    assert WITHHELD not in hidden
    assert "Relationship commitments With By Commitment" in hidden


def test_without_any_names_the_table_has_no_who_column(qtbot: QtBot, session: Session,
                                                       repo: WorkshopRepository) -> None:
    commit(qtbot, session, "", "the hospice", "2026-06-01", "Visit")
    text = pdf_text(render_pdf(repo.load(session.controller.workshop_id)))
    assert "Relationship commitments With By Commitment" in text
    assert "the hospice 1 Jun 2026 Visit" in text
