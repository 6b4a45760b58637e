"""Laying out cards for the projector: the largest type that fits, never below the floor.

Cards are plain text measured with QFontMetrics and drawn with QPainter, so a
note can never be interpreted as rich text. Columns are brainstorm sections
(or one open board split into as many columns as reads best). When even the
smallest allowed type cannot fit every card, the newest cards are shown and the
rest counted ("+12 earlier notes").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from collabfacil.domain.frozen import frozen

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
# Ordered for stripes on a pale card: the yellow, too faint there, comes last.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
             "#000000", "#F0E442")

MAX_CARD_LINES = 6
MAX_TAG_LINES = 2
STRIPE = 0.4  # the organisation's colour stripe, in ems
TAG_SCALE = 0.8  # the tag line's size relative to the card text


@frozen
class Card:
    """One card: its text, a small tag line (e.g. the organisation) and an accent."""

    text: str
    tag: str = ""
    accent: str = ""
    fill: str = ""  # the card's colour (a pale tint); "" for the usual pale yellow


@frozen
class Column:
    """A titled group of cards, e.g. one section of a brainstorm."""

    title: str
    cards: tuple[Card, ...]
    marker: str = ""  # e.g. "must agree"


@frozen
class Fit:
    """How one card fits a width at one font size."""

    height: float  # the whole card, padding included
    text: str  # what is drawn (shortened with … when the card was capped)
    wrap: Qt.TextFlag
    text_height: float
    tag_height: float
    shortened: bool


@dataclass
class PlacedCard:
    """A card where the layout put it, with its text fitted to its box."""

    card: Card
    rect: QRectF
    fit: Fit

    @property
    def text(self) -> str:
        return self.fit.text

    def text_rect(self, px: float) -> QRectF:
        """Where the card's own text goes (left of it: the stripe; below: the tag)."""
        pad = px * 0.45
        r = self.rect
        return QRectF(r.left() + pad + px * STRIPE, r.top() + pad,
                      r.width() - 2 * pad - px * STRIPE, self.fit.text_height)

    def tag_rect(self, px: float) -> QRectF:
        t = self.text_rect(px)
        return QRectF(t.left(), t.bottom(), t.width(), self.fit.tag_height)


@dataclass
class PlacedColumn:
    """A column where the layout put it: header, card area and the cards shown."""

    column: Column
    header: QRectF
    area: QRectF
    cards: list[PlacedCard] = field(default_factory=list)
    hidden: int = 0  # older cards that did not fit


@dataclass
class BoardLayout:
    """The whole board laid out: one font size for every card, and its columns."""

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
    """Card heights at one font size; measurements are kept (by font size, width,
    text and tag), so laying the board out again after a capture measures only the
    new card."""

    _fits: ClassVar[dict[tuple[float, float, str, str], Fit]] = {}
    _FITS_MAX = 50_000

    def __init__(self, px: float) -> None:
        self.px = px
        self.metrics = QFontMetricsF(card_font(px))
        self.tag_metrics = QFontMetricsF(card_font(px * TAG_SCALE))
        self.pad = px * 0.45

    def place(self, card: Card, width: float) -> Fit:
        key = (round(self.px, 3), round(width, 3), card.text, card.tag)
        fit = self._fits.get(key)
        if fit is None:
            if len(self._fits) >= self._FITS_MAX:
                self._fits.clear()
            fit = self._fits[key] = self._place(card, width)
        return fit

    def wrap_for(self, text: str, width: float) -> Qt.TextFlag:
        longest = max((self.metrics.horizontalAdvance(w) for w in text.split()),
                      default=0.0)
        return (Qt.TextFlag.TextWrapAnywhere if longest > width
                else Qt.TextFlag.TextWordWrap)

    def _place(self, card: Card, width: float) -> Fit:
        inner = max(10.0, width - 2 * self.pad - self.px * STRIPE)
        wrap = self.wrap_for(card.text, inner)
        limit = self.metrics.lineSpacing() * MAX_CARD_LINES
        text = card.text
        text_h = self._text_height(text, inner, wrap)
        shortened = text_h > limit
        if shortened:
            text, text_h = self._shorten(text, inner, wrap, limit)
        tag_h = 0.0
        if card.tag:
            bound = self.tag_metrics.boundingRect(QRectF(0, 0, inner, 1e6),
                                                  int(Qt.TextFlag.TextWordWrap), card.tag)
            tag_h = min(bound.height(), self.tag_metrics.lineSpacing() * MAX_TAG_LINES)
        return Fit(text_h + tag_h + 2 * self.pad, text, wrap, text_h, tag_h, shortened)

    def _text_height(self, text: str, width: float, wrap: Qt.TextFlag) -> float:
        return text_height(self.metrics, text, width, wrap)

    def _shorten(self, text: str, width: float, wrap: Qt.TextFlag,
                 limit: float) -> tuple[str, float]:
        return shorten_to_height(self.metrics, text, width, wrap, limit)


def text_height(metrics: QFontMetricsF, text: str, width: float,
                wrap: Qt.TextFlag = Qt.TextFlag.TextWordWrap) -> float:
    """The height of ``text`` wrapped to ``width``."""
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), int(wrap), text).height()


def shorten_to_height(metrics: QFontMetricsF, text: str, width: float, wrap: Qt.TextFlag,
                      limit: float) -> tuple[str, float]:
    """The longest start of ``text`` that, with "…", fits ``limit``; and its height."""
    height = text_height(metrics, text, width, wrap)
    if height <= limit:
        return text, height
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_height(metrics, text[:mid].rstrip() + "…", width, wrap) <= limit:
            lo = mid
        else:
            hi = mid - 1
    short = text[:lo].rstrip() + "…"
    return short, text_height(metrics, short, width, wrap)


def header_label(column: Column) -> str:
    """A section's heading as shown, with its marker (e.g. "★ must agree")."""
    return (f"★ {column.marker.capitalize()}: " if column.marker else "") + column.title


def _header_height(columns: list[Column], rects: list[QRectF], px: float) -> float:
    """Room for the tallest heading, wrapped to at most two lines."""
    if not any(c.title for c in columns):
        return 0.0
    metrics = QFontMetricsF(card_font(px, bold=True))
    tallest = max(
        metrics.boundingRect(QRectF(0, 0, r.width(), 1e6), int(Qt.TextFlag.TextWordWrap),
                             header_label(c)).height()
        for c, r in zip(columns, rects, strict=True))
    return min(tallest, metrics.lineSpacing() * 2) + px * 0.35


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
    header_h = _header_height(columns, rects, m.px)
    if not allow_hiding:
        # every card is at least its padding high: a column with more cards than
        # that allows cannot fit, and is known not to without measuring any
        least = 2 * m.pad + gap
        if any(header_h + len(col.cards) * least - gap > rect.height()
               for col, rect in zip(columns, rects, strict=True)):
            return None
    placed: list[PlacedColumn] = []
    for col, rect in zip(columns, rects, strict=True):
        header = QRectF(rect.left(), rect.top(), rect.width(), header_h)
        pc = PlacedColumn(col, header, rect)
        measured = []
        used = header_h
        for card in reversed(col.cards):  # newest first, so the newest always show
            fit = m.place(card, rect.width())
            too_big = used + fit.height > rect.height()
            awkward = fit.wrap == Qt.TextFlag.TextWrapAnywhere or fit.shortened
            if not allow_hiding and (too_big or awkward):
                return None
            if too_big:
                break
            measured.append((card, fit))
            used += fit.height + gap
        pc.hidden = len(col.cards) - len(measured)
        if pc.hidden:
            # leave a line for "+N earlier notes"
            while measured and used + m.metrics.lineSpacing() > rect.height():
                _, fit = measured.pop()
                used -= fit.height + gap
                pc.hidden += 1
        y = rect.top() + header_h
        for card, fit in reversed(measured):
            pc.cards.append(PlacedCard(card, QRectF(rect.left(), y, rect.width(), fit.height),
                                       fit))
            y += fit.height + gap
        placed.append(pc)
    return BoardLayout(m.px, placed)


def _split_open_board(cards: tuple[Card, ...], count: int) -> list[Column]:
    """Deal one untitled board's cards into ``count`` columns, row by row."""
    return [Column("", cards[i::count]) for i in range(count)]


def _column_counts(n: int) -> list[int]:
    """Column counts to try for an open board, best-looking first."""
    first = max(1, min(3, n))
    return [*range(first, min(6, max(n, 1)) + 1), *range(first - 1, 0, -1)]


def _arrangements(columns: list[Column], area: QRectF, gap: float,
                  splits: dict[int, list[Column]] | None = None
                  ) -> list[tuple[list[Column], list[QRectF]]]:
    """The ways to place the columns, best-looking first (``splits``: the open
    board already dealt into so many columns, kept from one font size to the next)."""
    if len(columns) == 1 and not columns[0].title:  # one open board: deal into columns
        cards = columns[0].cards
        splits = {} if splits is None else splits
        out = []
        for count in _column_counts(len(cards)):
            split = splits.get(count)
            if split is None:
                split = splits[count] = _split_open_board(cards, count)
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
    splits: dict[int, list[Column]] = {}
    total = sum(len(c.cards) for c in columns)
    most_columns = 6 if len(columns) == 1 and not columns[0].title else len(columns)
    while px >= min_px:
        # each card is at least its padding high: when even the most columns at
        # full height could not hold them all, no arrangement at this size can
        least = px * 0.9 + px * 0.5
        if total > most_columns * (area.height() + px * 0.5) / least:
            px *= 0.9
            continue
        m = _Measure(px)
        for cols, rects in _arrangements(columns, area, px * 0.75, splits):
            laid = _fill(cols, rects, m, allow_hiding=False)
            if laid:
                return laid
        px *= 0.9
    m = _Measure(min_px)
    options = _arrangements(columns, area, min_px * 0.75, splits)
    # columns at least 11 ems wide, so words are not broken
    good = [o for o in options if o[1][0].width() >= min_px * 11] or options[-1:]
    fallbacks = [_fill(cols, rects, m, allow_hiding=True) for cols, rects in good]
    return min((f for f in fallbacks if f is not None), key=lambda f: f.hidden)
