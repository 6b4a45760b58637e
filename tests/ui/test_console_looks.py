"""The console's text looks: titles stand out, hints are quiet, errors are red, and
the timer's clock warns in colour (looks.py sets them without a style sheet)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from support import close_session, show_session

from collabfacil.app import Session
from collabfacil.domain.demo import build_demo
from collabfacil.resources import load_default_library
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.looks import ERROR, LOOKS, MUTED, SCRIPT_BACKGROUND, WARNING


def text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.WindowText)


def ink_in(widget: QWidget, colour: str) -> bool:
    """Whether ``colour`` is painted anywhere in ``widget`` (its text, drawn)."""
    image = widget.grab().toImage()
    want = QColor(colour).rgb()
    return any(image.pixel(x, y) == want
               for y in range(image.height()) for x in range(image.width()))


def test_the_step_title_is_large_and_bold_and_the_prompt_larger_than_body_text(
        session: Session) -> None:
    console = session.console
    body = QFontInfo(console.script.font()).pixelSize()
    title = QFontInfo(console.step_title.font())
    assert title.pixelSize() == 22
    assert title.bold()
    assert QFontInfo(console.prompt.font()).pixelSize() == 15 > body
    assert not QFontInfo(console.prompt.font()).bold()


def test_hints_and_section_labels_are_muted_and_the_text_itself_is_not(
        session: Session) -> None:
    console = session.console
    assert text_colour(console.step_meta) == QColor(MUTED)
    sections = [w for w in console.findChildren(QLabel) if w.objectName() == "sectionLabel"]
    assert sections
    assert all(text_colour(w) == QColor(MUTED) and QFontInfo(w.font()).bold()
                            for w in sections)
    hint = next(w for w in console.editor.findChildren(QLabel)  # type: ignore[union-attr]
                if w.objectName() == "hint")
    assert text_colour(hint) == QColor(MUTED)
    assert ink_in(hint, MUTED)
    # the room's words and the prompt keep the window's own ink
    window_ink = console.palette().color(QPalette.ColorRole.WindowText)
    assert text_colour(console.prompt) == window_ink
    assert text_colour(console.script) == window_ink


def test_an_error_is_shown_in_bold_red(qtbot: QtBot, session: Session) -> None:
    session.controller.error_raised.emit("The note is empty.")
    message = session.console.message
    assert message.text() == "The note is empty."
    assert text_colour(message) == QColor(ERROR)
    assert QFontInfo(message.font()).bold()
    assert ink_in(message, ERROR)


def test_the_script_sits_on_its_own_background(session: Session) -> None:
    frame = session.console.script_scroll.parentWidget()
    assert frame.autoFillBackground()
    assert frame.palette().color(QPalette.ColorRole.Window) == QColor(SCRIPT_BACKGROUND)
    image = frame.grab().toImage()
    assert image.pixelColor(2, image.height() // 2) == QColor(SCRIPT_BACKGROUND)


def test_a_step_editor_label_gets_its_role_look(qtbot: QtBot,
                                                repo: WorkshopRepository) -> None:
    """Labels inside a step's editor look like the console's own (here the vote's
    'Table 4: 3 dots so far' line, in the phases' bold blue)."""
    demo = show_session(qtbot, repo,
                        repo.insert_workshop_data(build_demo(load_default_library())))
    try:
        c = demo.controller
        c.go_to_step(next(i for i, s in enumerate(c.steps) if s.type == "vote"))
        status = demo.console.editor.voter_status  # type: ignore[union-attr]
        assert status.text()
        assert status.objectName() == "phases"
        assert text_colour(status) == QColor("#0B4F8A")
        assert QFontInfo(status.font()).bold()
        assert ink_in(status, "#0B4F8A")
    finally:
        close_session(demo)


def test_the_clock_turns_amber_in_the_last_minute_and_red_over_time(
        session: Session) -> None:
    now = [1000.0]
    c = session.controller
    c.clock = lambda: now[0]
    clock = session.console.timer.clock
    window_ink = session.console.palette().color(QPalette.ColorRole.WindowText)
    c.toggle_timer()
    c.timer_ticked.emit()
    assert text_colour(clock) == window_ink
    assert QFontInfo(clock.font()).pixelSize() == 28
    assert QFontInfo(clock.font()).bold()
    assert clock.font().featureValue(QFont.Tag("tnum")) == 1  # digits of one width
    now[0] += c.remaining_seconds() - 30
    c.timer_ticked.emit()
    assert clock.text() == "0:30"
    assert text_colour(clock) == QColor(WARNING)
    now[0] += 45
    c.timer_ticked.emit()
    assert clock.text() == "+0:15"
    assert text_colour(clock) == QColor(ERROR)
    c.reset_timer()
    c.timer_ticked.emit()
    assert text_colour(clock) == window_ink


def test_the_clock_flashes_at_a_signal_through_the_ticks_then_stops(
        qtbot: QtBot, session: Session) -> None:
    """The flash lasts its 2.5 seconds even while the timer ticks every second."""
    timer = session.console.timer
    timer.sound = False  # no beep in the tests
    session.controller.timer_signalled.emit("one_minute")
    clock = timer.clock
    assert clock.autoFillBackground()
    assert clock.palette().color(QPalette.ColorRole.Window) == QColor("#FFE08A")
    session.controller.timer_ticked.emit()
    assert clock.autoFillBackground()  # a tick does not end it
    assert clock.palette().color(QPalette.ColorRole.Window) == QColor("#FFE08A")
    qtbot.waitUntil(lambda: not clock.autoFillBackground(), timeout=4000)
    assert timer.flash == ""


def test_every_step_editors_role_labels_have_their_look(qtbot: QtBot,
                                                         repo: WorkshopRepository) -> None:
    """On every step of the demo (all its step types), each label of the console
    named for a role (hint, section label, error, phases, title) has that role's
    colour, weight and size."""
    demo = show_session(qtbot, repo,
                        repo.insert_workshop_data(build_demo(load_default_library())))
    try:
        seen: set[str] = set()
        for index, step in enumerate(demo.controller.steps):
            demo.controller.go_to_step(index)
            for label in demo.console.findChildren(QLabel):
                look = LOOKS.get(label.objectName())
                if look is None:
                    continue
                seen.add(f"{step.type}:{label.objectName()}")
                if look.colour:
                    assert text_colour(label) == QColor(look.colour), label.objectName()
                assert QFontInfo(label.font()).bold() == look.bold, label.objectName()
                if look.pixel_size:
                    assert QFontInfo(label.font()).pixelSize() == look.pixel_size
        types = {s.type for s in demo.controller.steps}
        assert {key.split(":")[0] for key in seen if key.endswith(":hint")} >= (
            types - {"actions"})  # every editor but the actions form has a hint
    finally:
        close_session(demo)
