"""The console's list of notes: one line a note, the newest shown after a capture."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import brainstorm_editor, capture

from collabfacil.app import Session


def test_a_captured_note_is_the_last_line_and_in_view(qtbot: QtBot, session: Session) -> None:
    """On a list longer than the window, Enter adds the note as the last line, scrolled
    into view, with its section and organisation after it."""
    c = session.controller
    for i in range(80):
        assert c.add_note(f"Earlier note {i}", section="Time")
    ed = brainstorm_editor(session)
    ed.organisation_box.setCurrentIndex(1)  # the first partner
    capture(qtbot, session, "Weekend discharge delays")
    notes = ed.notes
    model = c.notes
    last = model.index(model.rowCount() - 1, 0)
    assert last.data() == "Weekend discharge delays"
    qtbot.waitUntil(lambda: notes.viewport().rect().contains(notes.visualRect(last)))
    assert notes.visualRect(last).height() == notes.fontMetrics().height()  # one line
    assert notes.itemDelegate().line(last) == "Weekend discharge delays    [Time · Acute]"
    assert notes.model() is model


def test_home_and_end_go_to_the_first_and_last_note(qtbot: QtBot, session: Session) -> None:
    """The list behaves as a list for the keyboard: Home, End; Tab leaves it."""
    c = session.controller
    for i in range(30):
        assert c.add_note(f"Note {i}", section="Data")
    notes = brainstorm_editor(session).notes
    notes.setFocus()
    notes.setCurrentIndex(c.notes.index(5, 0))
    qtbot.keyClick(notes, Qt.Key.Key_End)
    assert notes.currentIndex().row() == 29
    qtbot.keyClick(notes, Qt.Key.Key_Home)
    assert notes.currentIndex().row() == 0
    qtbot.keyClick(notes, Qt.Key.Key_Down)
    assert notes.currentIndex().row() == 1
    assert [n.text for n in brainstorm_editor(session).selected_notes()] == ["Note 1"]
    assert not notes.tabKeyNavigation()


def test_rows_drawn_from_kept_pictures_look_as_painted_afresh(qtbot: QtBot,
                                                              session: Session) -> None:
    """Rows come from pictures kept per row: alternate, selected and focused rows,
    after a capture and a scroll, look exactly as the style paints them."""
    c = session.controller
    for i in range(60):
        assert c.add_note(f"Note {i}: weekend discharge", section="Time" if i % 2 else "Data",
                          organisation_id=1 + i % 2)
    notes = brainstorm_editor(session).notes
    delegate = notes.itemDelegate()
    notes.setFocus()
    notes.setCurrentIndex(c.notes.index(3, 0))

    def looks() -> tuple[object, object]:
        delegate.cache_rows = True
        kept = notes.viewport().grab().toImage()
        delegate.cache_rows = False
        fresh = notes.viewport().grab().toImage()
        delegate.cache_rows = True
        return kept, fresh

    kept, fresh = looks()
    assert kept == fresh
    assert c.add_note("Captured just now")
    notes.scrollToBottom()
    kept, fresh = looks()
    assert kept == fresh
    c.undo_stack.undo()  # the capture taken back: the rows move again
    kept, fresh = looks()
    assert kept == fresh
