"""The projector keeps its last picture and, after a change, paints only what changed.

Whatever it paints that way must be exactly what painting the whole view would
give: every test compares the kept picture with one painted whole.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.ui.projector.view import ProjectorView, changed_region


def picture(view: ProjectorView) -> QImage:
    return view.grab().toImage()


def whole(view: ProjectorView) -> QImage:
    """The view painted whole, from nothing."""
    view.forget_picture()
    return picture(view)


def fill_board(session: Session, count: int, *, step: int = 1) -> None:
    session.controller.go_to_step(step)
    for i in range(count):
        assert session.controller.add_note(f"Note {i}: shared records and transport",
                                           organisation_id=None)


def test_a_captured_card_appears_and_the_rest_is_kept(qtbot: QtBot, session: Session) -> None:
    """On a board with room to spare, a capture paints the new card and nothing else."""
    view = session.projector.view
    fill_board(session, 3)
    before = picture(view)
    units_before = view.scene().units()  # type: ignore[attr-defined]
    assert session.controller.add_note("Weekend discharge delays")
    after = picture(view)
    assert "Weekend discharge delays" in view.visible_texts()
    assert after != before
    new_card = next(p.rect for c in view.board_layout().columns for p in c.cards
                    if p.text == "Weekend discharge delays").toAlignedRect()
    changed = changed_region(units_before, view.scene().units())  # type: ignore[attr-defined]
    assert changed.boundingRect().contains(new_card)
    assert changed.boundingRect().height() * changed.boundingRect().width() < \
        view.width() * view.height() / 4
    # outside the changed region, not one pixel differs from the picture before
    outside = QRect(0, 0, view.width(), new_card.top() - 10)
    assert after.copy(outside) == before.copy(outside)
    assert after == whole(view)


def test_captures_on_a_full_board_paint_what_a_whole_repaint_paints(
        qtbot: QtBot, session: Session) -> None:
    """With more notes than fit (older ones counted), each capture matches a full paint."""
    view = session.projector.view
    fill_board(session, 120)
    assert view.board_layout().hidden > 0
    picture(view)
    for i in range(6):
        assert session.controller.add_note(f"Captured {i} " + "word " * (i * 3),
                                           organisation_id=1 + i % 2)
        assert picture(view) == whole(view)


def test_sections_edits_and_deletes_match_a_whole_repaint(qtbot: QtBot,
                                                          session: Session) -> None:
    """Titled columns, a note edited, recoloured and deleted: each matches a full paint."""
    view = session.projector.view
    c = session.controller
    c.go_to_step(0)
    picture(view)
    for i, section in enumerate(["Time", "Data", "Time"]):
        assert c.add_note(f"Note {i}", section=section)
        assert picture(view) == whole(view)
    first = c.notes.items()[0]
    assert first.id is not None
    c.edit_note(first.id, text="Edited: no shared care record")
    assert picture(view) == whole(view)
    c.edit_note(first.id, colour="green")
    assert picture(view) == whole(view)
    c.delete_note(first.id)
    assert picture(view) == whole(view)
    assert "Edited: no shared care record" not in view.visible_texts()


def test_the_timer_theme_and_size_are_painted_again(qtbot: QtBot, session: Session) -> None:
    """A new time, another theme, another size: the kept picture follows each."""
    view = session.projector.view
    c = session.controller
    fill_board(session, 5)
    now = [0.0]
    c.clock = lambda: now[0]
    c.toggle_timer()
    first = picture(view)
    now[0] += 61
    c.timer_ticked.emit()
    ticked = picture(view)
    assert ticked != first
    assert ticked == whole(view)
    c.set_theme("light")
    assert picture(view) == whole(view)
    assert picture(view).pixelColor(view.width() // 2, view.height() - 3) != \
        first.pixelColor(view.width() // 2, view.height() - 3)
    session.projector.resize(1024, 768)
    assert picture(view).size() == view.size() * view.devicePixelRatio()
    assert picture(view) == whole(view)
    c.set_theme("dark")
