"""Moving through the agenda, the timer and the projector keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.ui.console.steps.actions import ActionsEditor


def test_page_down_moves_both_windows_to_the_next_step(qtbot: QtBot,
                                                       session: Session) -> None:
    """PageDown (a clicker's 'next') changes the step on the console and the projector."""
    with qtbot.waitSignal(session.controller.step_changed):
        qtbot.keyClick(session.console, Qt.Key.Key_PageDown)
    assert session.console.step_title.text() == "Our 15%"
    assert "Our 15%" in session.projector.view.visible_texts()
    qtbot.keyClick(session.console, Qt.Key.Key_PageUp)
    assert session.console.step_title.text() == "Ways to fail"


def test_page_down_works_while_typing_in_the_capture_box(qtbot: QtBot,
                                                         session: Session) -> None:
    """A clicker's PageDown acts even when the cursor is in the capture box."""
    box = session.console.editor.capture  # type: ignore[union-attr]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert session.controller.current_index == 1


def test_notes_belong_to_their_step(qtbot: QtBot, session: Session) -> None:
    """Notes captured on one step are not shown on the next, and come back on return."""
    session.controller.add_note("On step one")
    session.controller.next_step()
    assert "On step one" not in session.projector.view.visible_texts()
    session.controller.previous_step()
    assert "On step one" in session.projector.view.visible_texts()


def test_the_step_is_remembered_for_reopening(session: Session) -> None:
    """Changing step records it, so a reopened workshop returns to it."""
    session.controller.go_to_step(2)
    assert session.controller.repo.workshop(session.controller.workshop_id).current_step == 2


def test_b_blanks_the_projector_outside_text_fields(qtbot: QtBot, session: Session) -> None:
    """B blanks the projector (nothing readable on it) and B again brings it back."""
    session.controller.add_note("Visible note")
    session.console.agenda.setFocus()
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_B)
    assert session.controller.blanked
    assert session.projector.view.visible_texts() == []
    qtbot.keyClick(session.projector, Qt.Key.Key_Period)
    assert "Visible note" in session.projector.view.visible_texts()


def test_b_in_the_capture_box_is_just_a_letter(qtbot: QtBot, session: Session) -> None:
    """Typing a word with 'b' in the capture box does not blank the projector."""
    box = session.console.editor.capture  # type: ignore[union-attr]
    box.setFocus()
    qtbot.keyClicks(box, "bb .")
    assert box.text() == "bb ."
    assert not session.controller.blanked


def test_space_starts_and_pauses_the_timer(qtbot: QtBot, session: Session) -> None:
    """Space outside a text field starts the countdown; again, it pauses."""
    session.console.agenda.setFocus()
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_Space)
    assert session.controller.countdown.running
    assert session.console.timer.start_button.text() == "Pause"
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_Space)
    assert not session.controller.countdown.running


def test_timer_counts_down_on_both_windows(session: Session) -> None:
    """With a fake clock: 90 seconds into a 10-minute step both windows show 8:30."""
    now = [1000.0]
    session.controller.clock = lambda: now[0]
    session.controller.toggle_timer()
    now[0] += 90
    session.controller.timer_ticked.emit()
    assert session.console.timer.clock.text() == "8:30"
    assert "8:30" in session.projector.view.visible_texts()
    now[0] += 600
    session.controller.timer_ticked.emit()
    assert session.console.timer.clock.text() == "+1:30"


def test_font_scale_keys_change_projector_text_size(qtbot: QtBot, session: Session) -> None:
    """Ctrl+= makes the projector's cards larger; Ctrl+- smaller."""
    session.controller.add_note("Scale me")
    before = session.projector.view.board_layout().font_px
    qtbot.keyClick(session.console, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert session.projector.view.board_layout().font_px < before


def test_actions_step_adds_an_action_from_the_keyboard(qtbot: QtBot,
                                                       session: Session) -> None:
    """On the actions step, filling the form and pressing Enter adds the action everywhere."""
    session.controller.go_to_step(2)
    ed = session.console.editor
    assert isinstance(ed, ActionsEditor)
    qtbot.keyClicks(ed.fields["text"], "Share the frailty register weekly")
    ed.fields["owner"].insert("Siân Llŷr")  # QTest can only type ASCII
    qtbot.keyClicks(ed.fields["due"], "30/04/2026")
    qtbot.keyClicks(ed.fields["first_step"], "Ask IG lead for the DPIA")
    qtbot.keyClick(ed.fields["first_step"], Qt.Key.Key_Return)
    actions = session.controller.repo.actions(session.controller.workshop_id)
    assert [(a.text, a.owner, a.due.isoformat() if a.due else "") for a in actions] == [
        ("Share the frailty register weekly", "Siân Llŷr", "2026-04-30")]
    assert "Share the frailty register weekly" in session.projector.view.visible_texts()
    assert ed.fields["text"].text() == ""


def test_action_without_owner_is_refused_and_the_form_kept(qtbot: QtBot,
                                                           session: Session) -> None:
    """An action with no owner is not added; the message names the owner; typing is kept."""
    session.controller.go_to_step(2)
    ed = session.console.editor
    assert isinstance(ed, ActionsEditor)
    qtbot.keyClicks(ed.fields["text"], "Joint MDT")
    qtbot.keyClicks(ed.fields["due"], "2026-05-01")
    qtbot.keyClicks(ed.fields["first_step"], "Book a room")
    qtbot.keyClick(ed.fields["first_step"], Qt.Key.Key_Return)
    assert session.controller.repo.actions(session.controller.workshop_id) == []
    assert "owner" in ed.message.text().lower()
    assert ed.fields["text"].text() == "Joint MDT"


def test_the_console_says_how_far_behind_plan_the_session_is(session: Session) -> None:
    """Starting at 9:00 and spending 13 minutes on a 10-minute step: 3 min behind."""
    from datetime import datetime

    now = [datetime(2026, 3, 4, 9, 0)]
    clock = [0.0]
    c = session.controller
    c.wall_clock = lambda: now[0]
    c.clock = lambda: clock[0]
    assert session.console.timer.pace.text().startswith("Planned 25 min")
    c.toggle_timer()
    now[0], clock[0] = datetime(2026, 3, 4, 9, 13), 13 * 60.0
    c.timer_ticked.emit()
    assert session.console.timer.pace.text() == "3 min behind plan · finish about 09:28"


def test_freeze_keeps_the_room_on_the_last_picture(qtbot: QtBot, session: Session) -> None:
    """F freezes the projector: notes captured meanwhile stay private until F again."""
    session.controller.add_note("Shown before freezing")
    session.console.agenda.setFocus()
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_F)
    assert session.controller.frozen
    session.controller.add_note("Tidied in private")
    session.controller.next_step()
    texts = session.projector.view.visible_texts()
    assert "Shown before freezing" in texts
    assert "Tidied in private" not in texts
    assert "Our 15%" not in texts
    session.console.agenda.setFocus()  # the step change put the cursor in the capture box
    qtbot.keyClick(session.console.agenda, Qt.Key.Key_F)
    assert "Our 15%" in session.projector.view.visible_texts()


def test_one_minute_left_and_time_up_are_signalled_once_each(qtbot: QtBot,
                                                             session: Session) -> None:
    """With a fake clock: a signal at one minute left, one at zero, none repeated."""
    clock = [0.0]
    c = session.controller
    c.clock = lambda: clock[0]
    c.reset_timer()
    c.toggle_timer()
    seen: list[str] = []
    c.timer_signalled.connect(seen.append)
    for t in (500.0, 540.0, 541.0, 599.0, 600.0, 601.0, 700.0):
        clock[0] = t
        c.tick()
    assert seen == ["one_minute", "time_up"]
    assert session.console.timer.last_signal == "time_up"
    assert session.console.timer.clock.text() == "+1:40"


def test_private_notes_are_kept_per_step_and_never_projected(qtbot: QtBot,
                                                             session: Session) -> None:
    """Notes typed in 'your private notes' stay with their step and off the projector."""
    notes = session.console.private_notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Ask Gareth about the budget")
    session.controller.next_step()  # saved on leaving the step, before the timer fires
    assert notes.toPlainText() == ""
    assert "Ask Gareth about the budget" not in " ".join(
        session.projector.view.visible_texts())
    step = session.controller.repo.steps(session.controller.workshop_id)[0]
    assert step.state["private_notes"] == "Ask Gareth about the budget"
    session.controller.previous_step()
    assert notes.toPlainText() == "Ask Gareth about the budget"


def test_console_preview_shows_what_the_projector_shows(qtbot: QtBot, session: Session) -> None:
    """The preview's picture changes when a note is captured, and goes black when blanked."""
    preview = session.console.preview
    preview.refresh()
    before = preview.picture().toImage()
    session.controller.add_note("A note the room can see")
    preview.refresh()
    after = preview.picture().toImage()
    assert after != before
    session.controller.toggle_blank()
    preview.refresh()
    image = preview.picture().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
               for y in range(0, image.height(), 37)}
    assert colours == {0xFF000000}


def test_text_outline_follows_the_board(qtbot: QtBot, session: Session) -> None:
    """The outline window lists the board as text and updates when a note is added."""
    session.console.show_outline()
    outline = session.outline
    assert outline is not None
    qtbot.addWidget(outline)
    assert outline.text.toPlainText().startswith("Ways to fail\n")
    session.controller.add_note("Nobody owns the discharge list")
    outline.refresh()
    assert "• Nobody owns the discharge list" in outline.text.toPlainText()
    session.controller.toggle_blank()
    outline.refresh()
    assert outline.text.toPlainText() == "(The projector is blank.)"


def test_f1_lists_the_shortcuts_over_the_console(qtbot: QtBot, session: Session) -> None:
    """F1 shows every shortcut of the keyboard contract; F1 again hides the list."""
    from PySide6.QtWidgets import QLabel

    qtbot.keyClick(session.console, Qt.Key.Key_F1)
    overlay = session.console.shortcuts
    assert overlay is not None
    assert overlay.isVisible()
    shown = {label.text() for label in overlay.findChildren(QLabel)}
    for keys in ("PageDown / Ctrl+Right", "B or .", "F5 / Esc", "Ctrl+Z / Ctrl+Shift+Z",
                 "Ctrl+= / Ctrl+-", "Space (outside a text field)"):
        assert keys in shown
    qtbot.keyClick(session.console, Qt.Key.Key_F1)
    assert not overlay.isVisible()


def test_projector_themes_change_the_picture(qtbot: QtBot, session: Session) -> None:
    """Ctrl+T goes dark → light → high contrast; the projector's background follows."""
    from collabfacil.ui.projector.theme import THEMES

    def corner() -> str:
        image = session.projector.view.grab().toImage()
        return image.pixelColor(2, image.height() - 3).name()

    try:
        assert corner() == THEMES["dark"]["BACKGROUND"].lower()
        qtbot.keyClick(session.console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        assert session.controller.theme == "light"
        assert corner() == THEMES["light"]["BACKGROUND"].lower()
        qtbot.keyClick(session.console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        assert corner() == "#000000"
        assert session.preferences.theme == "contrast"
    finally:
        session.controller.set_theme("dark")


def test_timer_keys_add_a_minute_and_reset(qtbot: QtBot, session: Session) -> None:
    """Ctrl+Up gives one more minute; Ctrl+Shift+Backspace resets to the step's time."""
    qtbot.keyClick(session.console, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert session.console.timer.clock.text() == "11:00"
    qtbot.keyClick(session.console, Qt.Key.Key_Backspace,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert session.console.timer.clock.text() == "10:00"
