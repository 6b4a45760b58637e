"""B, '.', F and Space for the room: shortcuts of the console and projector windows
that stay ordinary typing in text fields and in the app's other windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QVBoxLayout
from pytestqt.qtbot import QtBot

from collabfacil.app import Session


def test_keys_act_on_items_buttons_and_combo_boxes(qtbot: QtBot, session: Session) -> None:
    """Outside a text field the room's keys act, whatever has the focus: a list, a
    button (Space starts the timer rather than pressing it), a combo box."""
    c = session.controller
    console = session.console
    console.next_button.setFocus()
    assert QApplication.focusWidget() is console.next_button
    qtbot.keyClick(console.next_button, Qt.Key.Key_Space)
    assert c.countdown.running
    assert c.current_index == 0  # the button was not pressed
    box = console.editor.organisation_box  # type: ignore[union-attr]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_F)
    assert c.frozen
    assert box.currentIndex() == 0
    console.agenda.setFocus()
    qtbot.keyClick(console.agenda, Qt.Key.Key_F)
    assert not c.frozen


def test_keypad_period_and_shifted_letters(qtbot: QtBot, session: Session) -> None:
    """The keypad's '.' blanks as the other '.' does; Shift+B is not B."""
    c = session.controller
    session.console.agenda.setFocus()
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_Period,
                   Qt.KeyboardModifier.KeypadModifier)
    assert c.blanked
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert c.blanked
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_B)
    assert not c.blanked


def test_in_another_window_the_keys_are_letters_again(qtbot: QtBot, session: Session) -> None:
    """With another of the app's windows in front (the start page, an editor), B is
    type-ahead in its list, not a blank projector; back on the console it blanks."""
    other = QDialog()
    qtbot.addWidget(other)
    names = QListWidget(other)
    names.addItems(["Alpha", "Beta", "Bravo"])
    QVBoxLayout(other).addWidget(names)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is other.windowHandle())
    names.setFocus()
    qtbot.keyClick(names, Qt.Key.Key_B)
    assert not session.controller.blanked
    assert names.currentItem() is not None
    assert names.currentItem().text() == "Beta"
    other.close()
    session.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is session.console.windowHandle())
    session.console.agenda.setFocus()
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_B)
    assert session.controller.blanked


def test_a_closed_session_takes_no_keys(qtbot: QtBot, session: Session) -> None:
    """After the session closes, its keys do nothing (the next session has its own)."""
    actions = list(session.room_keys.actions)
    session.close()
    assert actions
    assert not any(a.isEnabled() for a in actions)
    session.close()  # twice is harmless
