"""What a step type puts on the projector: a Scene that lays itself out and paints.

The projector view draws the title, prompt and timer, and gives the rest of
the screen (``area``) to the current step type's scene. A scene paints plain
text only (QPainter.drawText) and reports every text it shows, so tests can
check what the room sees, and hidden results never reach it.

A scene may also list what it paints as ``units()`` (see PaintUnit): the
projector then keeps its last picture and, after a change, paints again only
the pieces that differ (a capture on a full board: one column, not the screen).
CardScene does; a scene without ``units`` is painted whole every time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from collabfacil.domain.frozen import frozen
from collabfacil.ui.projector.layout import (
    STRIPE,
    TAG_SCALE,
    BoardLayout,
    Column,
    PlacedCard,
    card_font,
    header_label,
    layout_board,
    shorten_to_height,
)
from collabfacil.ui.projector.theme import (
    CARD,
    CARD_EDGE,
    CARD_INK,
    CARD_TAG,
    HEADER_INK,
    MUTED,
)


class Scene(Protocol):
    """The body of the projector for one step."""

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        """Fit the scene into ``area``; body text between ``min_px`` and ``max_px``."""

    def paint(self, painter: QPainter) -> None:
        """Draw the scene as laid out."""

    def visible_texts(self) -> list[str]:
        """Every piece of text the scene draws, as drawn."""


class MessageScene:
    """One centred line, e.g. "Results are hidden until the facilitator reveals them"."""

    def __init__(self, message: str) -> None:
        self.message = message
        self._area = QRectF()
        self._px = 20.0

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._area, self._px = area, min_px * 1.2

    def paint(self, painter: QPainter) -> None:
        painter.setPen(MUTED)
        painter.setFont(card_font(self._px))
        painter.drawText(self._area, int(Qt.AlignmentFlag.AlignCenter
                                         | Qt.TextFlag.TextWordWrap), self.message)

    def visible_texts(self) -> list[str]:
        return [self.message]


class CardScene:
    """Notes (or any short texts) as cards in titled columns: the brainstorm look."""

    def __init__(self, columns: list[Column], *,
                 empty: str = "Contributions will appear here") -> None:
        self.columns = columns
        self.empty = empty
        self.board = BoardLayout(0, [])
        self._area = QRectF()
        self._min_px = 20.0

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._area, self._min_px = area, min_px
        self.board = layout_board(self.columns, area, min_px=min_px, max_px=max_px)

    def is_empty(self) -> bool:
        return not any(c.cards for c in self.board.columns) and not self.board.hidden

    def visible_texts(self) -> list[str]:
        if self.is_empty():
            return [self.empty]
        titles = [c.column.title for c in self.board.columns if c.column.title]
        return titles + self.board.visible_texts()

    def paint(self, p: QPainter) -> None:
        """Draw the cards; with a clip set on ``p``, only the pieces that reach into it."""
        clip = p.clipRegion() if p.hasClipping() else None
        for unit in self.units():
            if clip is None or clip.intersects(unit.bounds.toAlignedRect()):
                unit.draw(p)

    def units(self) -> list[PaintUnit]:
        """What ``paint`` draws, piece by piece and in order (see PaintUnit)."""
        if self.is_empty():
            msg = MessageScene(self.empty)
            msg.layout(self._area, min_px=self._min_px, max_px=self._min_px)
            return [PaintUnit(_spread(self._area, self._min_px),
                              ("empty", _box(self._area), self.empty, self._min_px),
                              msg.paint)]
        px = self.board.font_px
        body, tag_font, header_font = card_font(px), card_font(px * TAG_SCALE), \
            card_font(px, bold=True)
        units: list[PaintUnit] = []
        for col in self.board.columns:
            if col.column.title:
                label, _ = shorten_to_height(QFontMetricsF(header_font), header_label(col.column),
                                             col.header.width(), Qt.TextFlag.TextWordWrap,
                                             col.header.height() - px * 0.3)
                units.append(PaintUnit(_spread(col.header, px),
                                       ("header", _box(col.header), label, px),
                                       partial(_draw_header, col.header, label, header_font)))
            for placed in col.cards:
                card = placed.card
                units.append(PaintUnit(
                    _spread(placed.rect, px),
                    ("card", _box(placed.rect), placed.text, card.tag, card.fill, card.accent,
                     int(placed.fit.wrap), placed.fit.text_height, placed.fit.tag_height, px),
                    partial(_draw_card, placed, px, body, tag_font)))
            if col.hidden:
                bottom = QRectF(col.area.left(), col.area.bottom() - px * 1.2,
                                col.area.width(), px * 1.2)
                noun = "note" if col.hidden == 1 else "notes"
                text = f"+{col.hidden} earlier {noun}"
                units.append(PaintUnit(_spread(bottom, px), ("hidden", _box(bottom), text, px),
                                       partial(_draw_hidden, bottom, text, card_font(px * 0.8))))
        return units


@frozen
class PaintUnit:
    """One piece of a scene as painted: a card, a heading, a "+N earlier notes" line.

    ``bounds`` holds every pixel ``draw`` can touch; ``key`` names exactly what it
    draws there (text, place, size, colours of the card), so two units with equal
    keys paint the same pixels. The projector compares the keys of the scene it
    painted last with the new scene's, and paints again only where they differ.
    Each ``draw`` sets every pen, brush and font it uses.
    """

    bounds: QRectF
    key: tuple[object, ...]
    draw: Callable[[QPainter], None]


def _box(r: QRectF) -> tuple[float, float, float, float]:
    return (r.x(), r.y(), r.width(), r.height())


def _spread(r: QRectF, px: float) -> QRectF:
    """``r`` with room for anti-aliased edges and glyphs reaching past their box."""
    margin = 2.0 + px * 0.15
    return r.adjusted(-margin, -margin, margin, margin)


def _draw_header(rect: QRectF, label: str, font: QFont, p: QPainter) -> None:
    p.setPen(HEADER_INK)
    p.setFont(font)
    p.drawText(rect, int(Qt.TextFlag.TextWordWrap), label)


def _draw_card(placed: PlacedCard, px: float, body: QFont, tag_font: QFont,
               p: QPainter) -> None:
    r = placed.rect
    p.setPen(QPen(CARD_EDGE, 1.5))
    p.setBrush(QColor(placed.card.fill) if placed.card.fill else CARD)
    p.drawRoundedRect(r, px * 0.25, px * 0.25)
    p.setPen(Qt.PenStyle.NoPen)
    if placed.card.accent:
        p.setBrush(QColor(placed.card.accent))
        p.drawRect(QRectF(r.left(), r.top(), px * STRIPE, r.height()))
    p.setPen(CARD_INK)
    p.setFont(body)
    p.drawText(placed.text_rect(px), int(placed.fit.wrap), placed.text)
    if placed.card.tag:
        p.setPen(CARD_TAG)
        p.setFont(tag_font)
        p.drawText(placed.tag_rect(px), int(Qt.TextFlag.TextWordWrap), placed.card.tag)


def _draw_hidden(rect: QRectF, text: str, font: QFont, p: QPainter) -> None:
    p.setPen(QPen(MUTED))
    p.setFont(font)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft), text)


class BannerScene:
    """One line of plain text above another scene, e.g. the change since last time."""

    def __init__(self, banner: str, inner: Scene) -> None:
        self.banner = banner
        self.inner = inner
        self._rect = QRectF()
        self._px = 20.0
        self._shown = banner

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._px = min_px
        metrics = QFontMetricsF(card_font(min_px, bold=True))
        self._shown, height = shorten_to_height(metrics, self.banner, area.width(),
                                                Qt.TextFlag.TextWordWrap,
                                                metrics.lineSpacing() * 2.1)
        self._rect = QRectF(area.left(), area.top(), area.width(), height)
        below = QRectF(area.left(), self._rect.bottom() + min_px * 0.5, area.width(),
                       area.bottom() - self._rect.bottom() - min_px * 0.5)
        self.inner.layout(below, min_px=min_px, max_px=max_px)

    def paint(self, painter: QPainter) -> None:
        painter.setPen(HEADER_INK)
        painter.setFont(card_font(self._px, bold=True))
        painter.drawText(self._rect, int(Qt.TextFlag.TextWordWrap), self._shown)
        self.inner.paint(painter)

    def visible_texts(self) -> list[str]:
        return [self._shown, *self.inner.visible_texts()]
