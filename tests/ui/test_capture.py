"""Capturing notes on the console and seeing them on the projector."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import brainstorm_editor, capture

from collabfacil.app import Session


def test_typed_note_appears_on_the_projector(qtbot: QtBot, session: Session) -> None:
    """Typing a note and pressing Enter puts it on the projector and empties the box."""
    capture(qtbot, session, "Weekend discharge delays")
    assert "Weekend discharge delays" in session.projector.view.visible_texts()
    assert brainstorm_editor(session).capture.text() == ""


def test_note_is_stored_when_captured(qtbot: QtBot, session: Session) -> None:
    """A captured note is in the database at once: there is no Save button."""
    capture(qtbot, session, "No shared care record")
    step_id = session.controller.current_step.id
    assert step_id is not None
    texts = [c.text for c in session.controller.repo.contributions(step_id)]
    assert texts == ["No shared care record"]


def test_note_goes_to_the_chosen_section_and_organisation(qtbot: QtBot,
                                                          session: Session) -> None:
    """The section and organisation pickers tag the next note."""
    ed = brainstorm_editor(session)
    ed.section_box.setCurrentIndex(1)  # "Data"
    ed.organisation_box.setCurrentIndex(2)  # the council
    capture(qtbot, session, "IG says no")
    note = session.controller.notes.items()[0]
    assert note.section == "Data"
    assert session.controller.notes.organisation_label(note.organisation_id) == "Council"
    layout = session.projector.view.board_layout()
    data_column = next(c for c in layout.columns if c.column.title == "Data")
    assert [p.text for p in data_column.cards] == ["IG says no"]


def test_undo_and_redo_a_capture(qtbot: QtBot, session: Session) -> None:
    """Ctrl+Z takes the last note off the projector and the store; Ctrl+Shift+Z restores it."""
    capture(qtbot, session, "Budget silos")
    box = brainstorm_editor(session).capture
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Budget silos" not in session.projector.view.visible_texts()
    step_id = session.controller.current_step.id
    assert step_id is not None
    assert session.controller.repo.contributions(step_id) == []
    qtbot.keyClick(box, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Budget silos" in session.projector.view.visible_texts()
    assert [c.text for c in session.controller.repo.contributions(step_id)] == ["Budget silos"]


def test_undo_while_typing_undoes_the_typing_not_the_last_note(qtbot: QtBot,
                                                               session: Session) -> None:
    """Ctrl+Z in a box with text in it undoes the typing; once nothing typed is left
    to undo, it takes back the last note."""
    capture(qtbot, session, "Budget silos")
    box = brainstorm_editor(session).capture
    qtbot.keyClicks(box, "Half a thou")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == ""
    assert "Budget silos" in session.projector.view.visible_texts()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # redoes the typing
    assert box.text() == "Half a thou"
    box.setText("")  # as after a capture: nothing of the box's own to undo
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Budget silos" not in session.projector.view.visible_texts()


def test_empty_note_is_refused_with_a_message(qtbot: QtBot, session: Session) -> None:
    """Enter on an empty (or blank) box captures nothing and says why."""
    capture(qtbot, session, "   ")
    assert session.controller.notes.rowCount() == 0
    assert "empty" in session.console.message.text()
    assert session.controller.undo_stack.count() == 0


def test_markup_is_shown_as_plain_text(qtbot: QtBot, session: Session) -> None:
    """A note that looks like HTML is shown exactly as typed, never interpreted."""
    capture(qtbot, session, "<b>bold</b> & <img src=x>")
    assert "<b>bold</b> & <img src=x>" in session.projector.view.visible_texts()


def test_edit_a_note_and_undo_the_edit(qtbot: QtBot, session: Session) -> None:
    """Changing a note's text updates both views; undo brings back the old text."""
    capture(qtbot, session, "Too many meetings")
    note = session.controller.notes.items()[0]
    assert note.id is not None
    assert session.controller.edit_note(note.id, text="Too many boards")
    assert "Too many boards" in session.projector.view.visible_texts()
    session.controller.undo_stack.undo()
    assert "Too many meetings" in session.projector.view.visible_texts()


def test_delete_key_removes_the_selected_note(qtbot: QtBot, session: Session) -> None:
    """Selecting a note and pressing Delete removes it from both views; undo restores it."""
    capture(qtbot, session, "First")
    capture(qtbot, session, "Second")
    ed = brainstorm_editor(session)
    ed.notes.setFocus()
    ed.notes.setCurrentIndex(session.controller.notes.index(0, 0))
    qtbot.keyClick(ed.notes, Qt.Key.Key_Delete)
    assert [c.text for c in session.controller.notes.items()] == ["Second"]
    assert "First" not in session.projector.view.visible_texts()
    session.controller.undo_stack.undo()
    assert [c.text for c in session.controller.notes.items()] == ["First", "Second"]


def test_note_colour_shows_on_the_projector_card(qtbot: QtBot, session: Session) -> None:
    """A note captured as 'green' is drawn on a green card; recolouring is undoable."""
    from collabfacil.ui.projector.theme import NOTE_FILLS

    ed = brainstorm_editor(session)
    ed.colour_box.setCurrentIndex(ed.colour_box.findData("green"))
    capture(qtbot, session, "Shared rota")
    card = session.projector.view.board_layout().columns[0].cards[0].card
    assert card.fill == NOTE_FILLS["green"]
    note = session.controller.notes.items()[0]
    assert note.id is not None
    session.controller.edit_note(note.id, colour="purple")
    assert session.projector.view.board_layout().columns[0].cards[0].card.fill == \
        NOTE_FILLS["purple"]
    session.controller.undo_stack.undo()
    assert session.controller.notes.items()[0].colour == "green"


def test_a_room_of_notes_can_be_captured_without_the_mouse(qtbot: QtBot,
                                                          session: Session) -> None:
    """Alt+2 picks the second section and Ctrl+1 the first partner, all from the capture box."""
    box = brainstorm_editor(session).capture
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(box, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    for i in range(30):
        qtbot.keyClicks(box, f"Idea {i}")
        qtbot.keyClick(box, Qt.Key.Key_Return)
    notes = session.controller.notes.items()
    assert len(notes) == 30
    assert {n.section for n in notes} == {"Data"}
    assert {session.controller.notes.organisation_label(n.organisation_id) for n in notes} \
        == {"Acute"}
    qtbot.keyClick(box, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    capture(qtbot, session, "Untagged")
    assert session.controller.notes.items()[-1].organisation_id is None
