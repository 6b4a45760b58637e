"""Laying out cards for the projector: the largest type that fits, never below the floor.

Cards are plain text measured with QFontMetrics and drawn with QPainter, so a
note can never be interpreted as rich text. Columns are brainstorm sections
(or one open board split into as many columns as reads best). When even the
smallest allowed type cannot fit every card, the newest cards are shown and the
rest counted ("+12 earlier notes").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
# Ordered for stripes on a pale card: the yellow, too faint there, comes last.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
             "#000000", "#F0E442")

MAX_CARD_LINES = 6


@dataclass(frozen=True)
class Card:
    """One card: its text, a small tag line (e.g. the organisation) and an accent."""

    text: str
    tag: str = ""
    accent: str = ""


@dataclass(frozen=True)
class Column:
    """A titled group of cards, e.g. one section of a brainstorm."""

    title: str
    cards: tuple[Card, ...]
    marker: str = ""  # e.g. "must agree"


@dataclass
class PlacedCard:
    card: Card
    rect: QRectF
    text: str  # what is drawn (shortened with … when the card was capped)
    wrap: Qt.TextFlag


@dataclass
class PlacedColumn:
    column: Column
    header: QRectF
    area: QRectF
    cards: list[PlacedCard] = field(default_factory=list)
    hidden: int = 0  # older cards that did not fit


@dataclass
class BoardLayout:
    font_px: float
    columns: list[PlacedColumn]

    def visible_texts(self) -> list[str]:
        return [p.text for c in self.columns for p in c.cards]

    @property
    def hidden(self) -> int:
        return sum(c.hidden for c in self.columns)


def card_font(px: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, round(px)))
    font.setBold(bold)
    return font


class _Measure:
    """Card heights at one font size, cached by text and width."""

    def __init__(self, px: float) -> None:
        self.px = px
        self.metrics = QFontMetricsF(card_font(px))
        self.tag_metrics = QFontMetricsF(card_font(px * 0.8))
        self.pad = px * 0.45

    def wrap_for(self, text: str, width: float) -> Qt.TextFlag:
        longest = max((self.metrics.horizontalAdvance(w) for w in text.split()),
                      default=0.0)
        return (Qt.TextFlag.TextWrapAnywhere if longest > width
                else Qt.TextFlag.TextWordWrap)

    def place(self, card: Card, width: float) -> tuple[float, str, Qt.TextFlag]:
        inner = max(10.0, width - 2 * self.pad - self.px * 0.3)
        wrap = self.wrap_for(card.text, inner)
        limit = self.metrics.lineSpacing() * MAX_CARD_LINES
        text = card.text
        height = self._text_height(text, inner, wrap)
        if height > limit:
            text, height = self._shorten(text, inner, wrap, limit)
        if card.tag:
            height += self.tag_metrics.lineSpacing()
        return height + 2 * self.pad, text, wrap

    def _text_height(self, text: str, width: float, wrap: Qt.TextFlag) -> float:
        rect = self.metrics.boundingRect(QRectF(0, 0, width, 1e6), int(wrap), text)
        return rect.height()

    def _shorten(self, text: str, width: float, wrap: Qt.TextFlag,
                 limit: float) -> tuple[str, float]:
        lo, hi = 1, len(text)
        while lo < hi:  # the longest prefix (with …) that fits the line limit
            mid = (lo + hi + 1) // 2
            if self._text_height(text[:mid].rstrip() + "…", width, wrap) <= limit:
                lo = mid
            else:
                hi = mid - 1
        short = text[:lo].rstrip() + "…"
        return short, self._text_height(short, width, wrap)


def _grid_rects(area: QRectF, count: int, rows: int, gap: float) -> list[QRectF]:
    """``count`` blocks in ``rows`` rows, filled left to right."""
    per_row = -(-count // rows)
    height = (area.height() - gap * (rows - 1)) / rows
    width = (area.width() - gap * (per_row - 1)) / per_row
    return [QRectF(area.left() + (i % per_row) * (width + gap),
                   area.top() + (i // per_row) * (height + gap), width, height)
            for i in range(count)]


def _fill(columns: list[Column], rects: list[QRectF], m: _Measure, *,
          allow_hiding: bool) -> BoardLayout | None:
    """Stack each column's cards in its rect (newest kept); None if something does not fit.

    Without ``allow_hiding``, a card that would need a word broken mid-way also
    counts as not fitting, so a larger layout with whole words wins.
    """
    gap = m.px * 0.5
    header_h = m.metrics.lineSpacing() * 1.3 if any(c.title for c in columns) else 0.0
    placed: list[PlacedColumn] = []
    for col, rect in zip(columns, rects, strict=True):
        header = QRectF(rect.left(), rect.top(), rect.width(), header_h)
        pc = PlacedColumn(col, header, rect)
        measured = []
        used = header_h
        for card in reversed(col.cards):  # newest first, so the newest always show
            h, text, wrap = m.place(card, rect.width())
            too_big = used + h > rect.height()
            if not allow_hiding and (too_big or wrap == Qt.TextFlag.TextWrapAnywhere):
                return None
            if too_big:
                break
            measured.append((card, h, text, wrap))
            used += h + gap
        pc.hidden = len(col.cards) - len(measured)
        if pc.hidden:
            # leave a line for "+N earlier notes"
            while measured and used + m.metrics.lineSpacing() > rect.height():
                _, h, _, _ = measured.pop()
                used -= h + gap
                pc.hidden += 1
        y = rect.top() + header_h
        for card, h, text, wrap in reversed(measured):
            pc.cards.append(PlacedCard(card, QRectF(rect.left(), y, rect.width(), h),
                                       text, wrap))
            y += h + gap
        placed.append(pc)
    return BoardLayout(m.px, placed)


def _split_open_board(cards: tuple[Card, ...], count: int) -> list[Column]:
    """Deal one untitled board's cards into ``count`` columns, row by row."""
    return [Column("", cards[i::count]) for i in range(count)]


def _column_counts(n: int) -> list[int]:
    """Column counts to try for an open board, best-looking first."""
    first = max(1, min(3, n))
    return [*range(first, min(6, max(n, 1)) + 1), *range(first - 1, 0, -1)]


def _arrangements(columns: list[Column], area: QRectF, gap: float
                  ) -> list[tuple[list[Column], list[QRectF]]]:
    """The ways to place the columns, best-looking first."""
    if len(columns) == 1 and not columns[0].title:  # one open board: deal into columns
        cards = columns[0].cards
        out = []
        for count in _column_counts(len(cards)):
            split = _split_open_board(cards, count)
            out.append((split, _grid_rects(area, count, 1, gap)))
        return out
    rows_options = [1, 2, 3] if len(columns) > 2 else [1]
    return [(columns, _grid_rects(area, len(columns), rows, gap))
            for rows in rows_options if rows <= len(columns)]


def layout_board(columns: list[Column], area: QRectF, *, min_px: float,
                 max_px: float) -> BoardLayout:
    """The layout with the largest font (between ``min_px`` and ``max_px``) that fits.

    When nothing fits even at ``min_px``, the arrangement with the widest columns
    that keeps whole words is used, and the oldest cards are counted, not shown.
    """
    if not columns or area.width() < 20 or area.height() < 20:
        return BoardLayout(min_px, [])
    px = max_px
    while px >= min_px:
        m = _Measure(px)
        for cols, rects in _arrangements(columns, area, px * 0.75):
            laid = _fill(cols, rects, m, allow_hiding=False)
            if laid:
                return laid
        px *= 0.9
    m = _Measure(min_px)
    options = _arrangements(columns, area, min_px * 0.75)
    # widest columns that still use the width: about 16 ems or more each
    good = [o for o in options if o[1][0].width() >= min_px * 16] or options[-1:]
    if len(columns) == 1 and not columns[0].title:
        good.sort(key=lambda o: -len(o[1]))  # the most columns of a readable width
    cols, rects = good[0]
    return _fill(cols, rects, m, allow_hiding=True)  # type: ignore[return-value]
