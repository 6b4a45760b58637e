"""The statement step: draft and agree a purpose, values or rules; versions and consent."""

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
from collabfacil.domain.model import Participant, Step, StepItem, Workshop
from collabfacil.domain.steps import check_item
from collabfacil.domain.steps.statement import (
    StatementSettings,
    check_config,
    list_lines,
    read_state,
    too_many,
)
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.statement import StatementEditor

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier



def open_statement(qtbot: QtBot, repo: WorkshopRepository,
                   config: dict[str, object]) -> Session:
    wid = repo.create_workshop(
        Workshop("Shared purpose"), participants=[Participant("Gwen Price")],
        steps=[Step(type="statement", title="Our shared purpose",
                    prompt="Can everyone at least live with it?", config=config)])
    return show_session(qtbot, repo, wid)


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    s = open_statement(qtbot, repo, {"kind": "purpose"})
    yield s
    s.close()


def editor(session: Session) -> StatementEditor:
    ed = session.console.editor
    assert isinstance(ed, StatementEditor)
    return ed


def draft(qtbot: QtBot, session: Session, text: str) -> None:
    """Replace the draft with ``text`` (typed) and save it with Ctrl+Enter."""
    box = editor(session).draft
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)


def room(session: Session) -> list[str]:
    return session.projector.view.visible_texts()


def hands(qtbot: QtBot, session: Session, keys: str) -> None:
    ed = editor(session)
    qtbot.keyClick(ed.draft, Qt.Key.Key_C, ALT)
    assert ed.pad.hasFocus()
    for key in keys:
        qtbot.keyClick(ed.pad, key)


# ------------------------------------------------------------ pure logic


def test_versions_are_numbered_and_the_last_agreement_counts() -> None:
    """Reading the items gives the history in order, counts per version, one agreement."""
    v1 = StepItem(step_id=1, kind="version", data={"text": "One"}, uid="v1")
    v2 = StepItem(step_id=1, kind="version", data={"text": "Two"}, uid="v2")
    items = [v1, v2,
             StepItem(step_id=1, kind="consent", uid="c1",
                      data={"version": "v1", "agree": 3, "live_with": 0, "object": 2}),
             StepItem(step_id=1, kind="consent", uid="c9",
                      data={"version": "gone", "agree": 9, "live_with": 0, "object": 0}),
             StepItem(step_id=1, kind="agreed", data={"version": "v2"}, uid="a1")]
    state = read_state(items)
    assert [(v.number, v.text) for v in state.versions] == [(1, "One"), (2, "Two")]
    assert state.consent("v1").summary() == "Agree 3 · Can live with it 0 · Object 2"
    assert state.consent("v1").outcome() == "2 objections"
    assert "gone" not in state.consents  # a count for an undone version is ignored
    assert state.agreed is not None
    assert state.agreed.number == 2


def test_list_lines_drop_typed_bullets_and_blank_lines() -> None:
    """"- ", "•" and "3." typed by the facilitator do not double up with our numbers."""
    assert list_lines("- No surprises\n\n2. Bring data\n• Turn up\n  Call it  ") == [
        "No surprises", "Bring data", "Turn up", "Call it"]
    rules = StatementSettings.of({"kind": "rules", "max_items": 2})
    assert too_many(rules, "a\nb") == ""
    assert "3 rules: the most for this step is 2" in too_many(rules, "a\nb\nc")


@pytest.mark.parametrize(("config", "field", "words"), [
    ({"kind": "vision"}, "kind", '"purpose", "values" or "rules"'),
    ({"kind": "rules", "max_items": 0}, "max_items", "1 to 50"),
    ({"kind": "rules", "max_items": "6"}, "max_items", "whole number"),
    ({"kind": "values", "max_items": True}, "max_items", "whole number"),
    ({"max_items": 6}, "max_items", "values or rules list"),
])
def test_bad_settings_are_refused_naming_the_setting(config: dict[str, object], field: str,
                                                     words: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_config(config)
    assert err.value.field == field
    assert words in err.value.message


@pytest.mark.parametrize(("kind", "data", "field", "words"), [
    ("version", {"text": "   "}, "text", "empty"),
    ("version", {"text": "x" * 4001}, "text", "limit is 4,000"),
    ("version", {"text": "ok", "agreed": True}, "agreed", "no field"),
    ("consent", {"version": "v1", "agree": -1}, "agree", "0 or more"),
    ("consent", {"version": "v1", "object": 2.5}, "object", "whole number"),
    ("consent", {"version": "v1", "live_with": True}, "live_with", "whole number"),
    ("consent", {"version": "v1", "agree": 10**6}, "agree", "more than any room"),
    ("consent", {"agree": 1}, "version", "saved version"),
    ("agreed", {"version": "not a uid!"}, "version", "saved version"),
])
def test_bad_records_are_refused_with_a_clear_message(kind: str, data: dict[str, object],
                                                      field: str, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_item("statement", kind, data)
    assert err.value.field == field
    assert words in err.value.message


@given(st.text(max_size=500))
def test_any_draft_is_refused_clearly_or_kept_stably(text: str) -> None:
    """Whatever is typed (emoji, right-to-left, markup) is kept as typed or refused."""
    try:
        out = check_item("statement", "version", {"text": text})
    except ValidationError as err:
        refused = err
    else:
        refused = None
    if refused is not None:
        assert refused.field == "text"
        assert "empty" in refused.message or "control character" in refused.message
        return
    assert check_item("statement", "version", out) == out


# ------------------------------------------------------------------ console


def test_ctrl_enter_saves_versions_and_the_room_sees_the_latest(
        qtbot: QtBot, session: Session) -> None:
    """Each save is a new version; the first is kept unchanged in the history."""
    assert any("will appear here" in t for t in room(session))
    draft(qtbot, session, "Frail people get care at home.")
    assert "Draft · Purpose statement, version 1" in room(session)
    assert "Frail people get care at home." in room(session)
    draft(qtbot, session, "Older people with frailty get the right care, first time.")
    assert "Draft · Purpose statement, version 2" in room(session)
    assert "Older people with frailty get the right care, first time." in room(session)
    state = read_state(session.controller.items())
    assert [v.text for v in state.versions] == [
        "Frail people get care at home.",
        "Older people with frailty get the right care, first time."]
    assert editor(session).history.count() == 2


def test_saving_an_unchanged_draft_says_so(qtbot: QtBot, session: Session) -> None:
    draft(qtbot, session, "Same words")
    qtbot.keyClick(editor(session).draft, Qt.Key.Key_Return, CTRL)
    assert len(session.controller.items("version")) == 1
    assert "No change since version 1" in editor(session).message.text()


def test_undo_takes_a_saved_version_back_off_the_projector(qtbot: QtBot,
                                                           session: Session) -> None:
    """Ctrl+Z right after a save removes that version; the one before shows again."""
    draft(qtbot, session, "First")
    draft(qtbot, session, "Second")
    qtbot.keyClick(editor(session).draft, Qt.Key.Key_Z, CTRL)
    assert "First" in room(session)
    assert "Second" not in room(session)
    assert len(session.controller.items("version")) == 1


def test_hands_are_counted_with_a_l_o_and_shown_as_labelled_bars(
        qtbot: QtBot, session: Session) -> None:
    """In the consent pad A, L and O each count one hand; Ctrl+Z takes one back."""
    draft(qtbot, session, "Our purpose")
    hands(qtbot, session, "aaalo")
    texts = room(session)
    for expected in ("Agree 3", "Can live with it 1", "Object 1", "1 objection"):
        assert expected in texts
    qtbot.keyClick(editor(session).pad, Qt.Key.Key_Z, CTRL)
    assert "Object 0" in room(session)
    assert "No objections" in room(session)


def test_counts_can_be_typed(qtbot: QtBot, session: Session) -> None:
    """After counting the room at once, the number is typed in the box."""
    draft(qtbot, session, "Our purpose")
    spin = editor(session).spins["agree"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "14")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert "Agree 14" in room(session)


def test_agreeing_marks_the_version_and_re_agreeing_moves_the_mark(
        qtbot: QtBot, session: Session) -> None:
    """Ctrl+Shift+A agrees the latest version; a later agreement replaces it."""
    draft(qtbot, session, "Version one")
    qtbot.keyClick(editor(session).draft, Qt.Key.Key_A, CTRL | SHIFT)
    assert "✓ Agreed · Purpose statement, version 1" in room(session)
    draft(qtbot, session, "Version two")
    assert "Draft · Purpose statement, version 2 (version 1 was agreed)" in room(session)
    qtbot.keyClick(editor(session).draft, Qt.Key.Key_A, CTRL | SHIFT)
    assert "✓ Agreed · Purpose statement, version 2" in room(session)
    assert len(session.controller.items("agreed")) == 1
    session.controller.undo_stack.undo()
    assert read_state(session.controller.items()).agreed.text == "Version one"


def test_a_rules_list_is_numbered_and_capped_at_max_items(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    """Min Specs: one rule per line, numbered for the room; over the cap, no agreement."""
    s = open_statement(qtbot, repo, {"kind": "rules", "max_items": 2})
    try:
        ed = editor(s)
        ed.draft.setFocus()
        qtbot.keyClicks(ed.draft, "- No surprises")
        qtbot.keyClick(ed.draft, Qt.Key.Key_Return)
        qtbot.keyClicks(ed.draft, "- Bring data")
        qtbot.keyClick(ed.draft, Qt.Key.Key_Return)
        ed.draft.insertPlainText("- Siân calls it when we slip")
        assert "3 rules: the most for this step is 2" in ed.limit.text()
        qtbot.keyClick(ed.draft, Qt.Key.Key_Return, CTRL)
        assert "1. No surprises\n2. Bring data\n3. Siân calls it when we slip" in room(s)
        qtbot.keyClick(ed.draft, Qt.Key.Key_A, CTRL | SHIFT)
        assert s.controller.items("agreed") == []
        assert "Cut 1 before agreeing" in ed.message.text()
    finally:
        s.close()


def test_an_earlier_version_can_be_restored_as_a_new_draft(qtbot: QtBot,
                                                           session: Session) -> None:
    """Enter on a version in the history saves it again as the newest."""
    draft(qtbot, session, "Alpha")
    draft(qtbot, session, "Beta")
    ed = editor(session)
    ed.history.setFocus()
    ed.history.setCurrentRow(1)  # newest first: row 1 is version 1
    assert ed.preview.toPlainText() == "Alpha"
    qtbot.keyClick(ed.history, Qt.Key.Key_Return)
    state = read_state(session.controller.items())
    assert [v.text for v in state.versions] == ["Alpha", "Beta", "Alpha"]
    assert "Draft · Purpose statement, version 3" in room(session)
    assert ed.draft.toPlainText() == "Alpha"


# ------------------------------------------------------------------ exports


def test_json_round_trip_keeps_versions_counts_and_agreement(
        qtbot: QtBot, session: Session, repo: WorkshopRepository) -> None:
    draft(qtbot, session, "<b>Ours</b> & theirs")
    hands(qtbot, session, "al")
    qtbot.keyClick(editor(session).draft, Qt.Key.Key_A, CTRL | SHIFT)
    data = repo.load(session.controller.workshop_id)
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data, i.uid) for i in back.items] == [
        (i.kind, i.data, i.uid) for i in data.items]
    assert read_state(back.items).agreed.text == "<b>Ours</b> & theirs"


def test_the_pdf_prints_the_agreed_wording_consent_and_versions(
        qtbot: QtBot, session: Session, repo: WorkshopRepository) -> None:
    """Board members read the agreed text, the show of hands, and how many drafts."""
    draft(qtbot, session, "Draft that lost")
    draft(qtbot, session, "Gwen Price and all of us put <people> first & always")
    hands(qtbot, session, "aaal")
    qtbot.keyClick(editor(session).draft, Qt.Key.Key_A, CTRL | SHIFT)
    draft(qtbot, session, "A later idea")
    data = repo.load(session.controller.workshop_id)
    text = pdf_text(render_pdf(data))
    assert "AGREED PURPOSE STATEMENT" in text
    assert "Gwen Price and all of us put <people> first & always" in text
    assert "Consent check on version 2: Agree 3 · Can live with it 1 · Object 0" in text
    assert "version 2 of 3 drafted" in text
    assert "A later draft (version 3) was not agreed." in text
    section, record = text.rsplit("Appendix A: every contribution", 1)  # (1st: contents)
    assert "Draft that lost" not in section
    assert "Version 1 Draft that lost" in record  # every draft stays on the record
    assert "Version 2 (agreed; consent: Agree 3 · Can live with it 1 · Object 0)" in record
    assert "Gwen Price" not in pdf_text(render_pdf(data, anonymise=True))
    assert "**Agreed: purpose statement**" in markdown_text(data)


def test_an_unagreed_statement_is_printed_as_a_draft(qtbot: QtBot, session: Session,
                                                     repo: WorkshopRepository) -> None:
    draft(qtbot, session, "Still arguing")
    text = pdf_text(render_pdf(repo.load(session.controller.workshop_id)))
    assert "PURPOSE STATEMENT: DRAFT, NOT AGREED" in text
    assert "Still arguing" in text
    assert "did not mark this purpose statement as agreed" in text
