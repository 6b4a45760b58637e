"""The projector's card layout: readable sizes, no overlap, the newest always shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from collabfacil.ui.projector.layout import Card, Column, layout_board


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1024, 768)])
@pytest.mark.parametrize("count", [5, 80])
def test_cards_never_overlap_or_leave_the_board(qtbot: QtBot, width: int, height: int,
                                                count: int) -> None:
    """Every card lies inside the board and no two cards overlap, at 16:9 and 4:3."""
    cards = tuple(Card(f"Note {i}: weekend discharge needs a named lead") for i in range(count))
    area = QRectF(40, 200, width - 80, height - 240)
    layout = layout_board([Column("", cards)], area, min_px=height * 0.025,
                          max_px=height * 0.05)
    rects = [p.rect for c in layout.columns for p in c.cards]
    assert rects
    for r in rects:
        assert area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(r)
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    assert layout.font_px >= height * 0.025 - 0.01
    assert len(layout.visible_texts()) + layout.hidden == count


def test_newest_notes_are_the_ones_shown_when_the_board_is_full(qtbot: QtBot) -> None:
    """With more notes than fit, the latest note is visible and the rest are counted."""
    cards = tuple(Card(f"Note number {i} about shared records") for i in range(300))
    layout = layout_board([Column("", cards)], QRectF(0, 0, 1024, 500), min_px=19, max_px=38)
    assert "Note number 299 about shared records" in layout.visible_texts()
    assert layout.hidden > 0


def test_few_notes_get_larger_type_than_many(qtbot: QtBot) -> None:
    """Five notes are shown larger than eighty."""
    area = QRectF(0, 0, 1800, 800)

    def size(n: int) -> float:
        cards = tuple(Card(f"Idea {i} on shared purpose") for i in range(n))
        return layout_board([Column("", cards)], area, min_px=27, max_px=54).font_px

    assert size(5) > size(80)


def test_long_note_is_shortened_not_cut(qtbot: QtBot) -> None:
    """A very long note ends with an ellipsis on the card rather than running off it."""
    long_text = "word " * 400
    layout = layout_board([Column("", (Card(long_text),))], QRectF(0, 0, 1000, 600),
                          min_px=20, max_px=40)
    (shown,) = layout.visible_texts()
    assert shown.endswith("…")
    assert len(shown) < len(long_text)
