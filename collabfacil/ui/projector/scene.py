"""What a step type puts on the projector: a Scene that lays itself out and paints.

The projector view draws the title, prompt and timer, and gives the rest of
the screen (``area``) to the current step type's scene. A scene paints plain
text only (QPainter.drawText) and reports every text it shows, so tests can
check what the room sees, and hidden results never reach it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from collabfacil.ui.projector.layout import (
    STRIPE,
    TAG_SCALE,
    BoardLayout,
    Column,
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
        if self.is_empty():
            msg = MessageScene(self.empty)
            msg.layout(self._area, min_px=self._min_px, max_px=self._min_px)
            msg.paint(p)
            return
        px = self.board.font_px
        body, tag_font = card_font(px), card_font(px * TAG_SCALE)
        for col in self.board.columns:
            if col.column.title:
                p.setPen(HEADER_INK)
                p.setFont(card_font(px, bold=True))
                label, _ = shorten_to_height(QFontMetricsF(p.font()), header_label(col.column),
                                             col.header.width(), Qt.TextFlag.TextWordWrap,
                                             col.header.height() - px * 0.3)
                p.drawText(col.header, int(Qt.TextFlag.TextWordWrap), label)
            for placed in col.cards:
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
                    p.drawText(placed.tag_rect(px), int(Qt.TextFlag.TextWordWrap),
                               placed.card.tag)
            if col.hidden:
                p.setPen(QPen(MUTED))
                p.setFont(card_font(px * 0.8))
                bottom = QRectF(col.area.left(), col.area.bottom() - px * 1.2,
                                col.area.width(), px * 1.2)
                noun = "note" if col.hidden == 1 else "notes"
                p.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft),
                           f"+{col.hidden} earlier {noun}")


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
