"""A horizontal bar chart for the projector, painted with QPainter as plain text.

General enough for any step type: give it labels, values, a colour, how a value
is written ("12 dots", "3.4") and an optional caption. It is a Scene
(``ui/projector/scene.py``): it picks the largest type between the floor and the
ceiling at which every bar fits, labels wrapped to two lines at most; when even
the floor is too big, the first bars are shown and the rest counted
("+12 more"), so pass the values in the order they matter (highest first).
Every value is written as text beside its bar: colour never carries it alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from collabfacil.ui.projector.layout import card_font, shorten_to_height, text_height
from collabfacil.ui.projector.theme import GRID, INK, MUTED, SERIES

LABEL_LINES = 2
LABEL_SHARE = 0.45  # the labels take at most this share of the width
SMALL_SCALE = 0.85  # the caption's size relative to the labels


def _plain_number(value: float) -> str:
    return f"{value:g}"


@dataclass
class PlacedBar:
    """One bar as laid out: its label (as drawn, maybe shortened) and rectangles."""

    label: str
    value: float
    value_text: str
    label_rect: QRectF
    bar_rect: QRectF
    value_rect: QRectF


@dataclass
class ChartLayout:
    font_px: float
    small_px: float = 0.0  # caption and "+N more": smaller, never below the floor
    caption_rect: QRectF = field(default_factory=QRectF)
    bars: list[PlacedBar] = field(default_factory=list)
    more_rect: QRectF = field(default_factory=QRectF)
    more: int = 0  # bars that did not fit


class BarChartScene:
    """Labels on the left, bars growing to the right, each value written after its bar."""

    def __init__(self, labels: Sequence[str], values: Sequence[float], *,
                 colour: QColor = SERIES[0],
                 value_text: Callable[[float], str] = _plain_number,
                 caption: str = "", empty: str = "Nothing to show yet",
                 more_text: Callable[[int], str] = lambda n: f"+{n} more",
                 left_out: int = 0) -> None:
        if len(labels) != len(values):
            raise ValueError("A bar chart needs one value per label.")
        self.labels = [" ".join(str(label).split()) for label in labels]
        self.values = [float(v) for v in values]
        self.colour = QColor(colour)
        self.value_text = value_text
        self.caption = caption
        self.empty = empty
        self.more_text = more_text
        self.left_out = left_out  # values the caller did not chart, counted with the rest
        self.chart = ChartLayout(20.0)
        self._area = QRectF()
        self._min_px = 20.0

    # ------------------------------------------------------------ layout

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._area, self._min_px = area, min_px
        px = max_px
        while px > min_px:
            laid = self._try(area, px, allow_hiding=False)
            if laid is not None:
                self.chart = laid
                return
            px *= 0.9
        self.chart = self._try(area, min_px, allow_hiding=True) or ChartLayout(min_px)

    def _try(self, area: QRectF, px: float, *, allow_hiding: bool) -> ChartLayout | None:
        metrics = QFontMetricsF(card_font(px))
        line = metrics.lineSpacing()
        out = ChartLayout(px, max(px * SMALL_SCALE, self._min_px))
        top = area.top()
        if self.caption:
            caption_font = QFontMetricsF(card_font(out.small_px, bold=True))
            height = min(text_height(caption_font, self.caption, area.width()),
                         caption_font.lineSpacing() * 2)
            out.caption_rect = QRectF(area.left(), top, area.width(), height)
            top += height + px * 0.6
        if not self.labels:
            return out
        gap = px * 0.8
        texts = [self.value_text(v) for v in self.values]
        bold = QFontMetricsF(card_font(px, bold=True))
        value_w = max(bold.horizontalAdvance(t) for t in texts) + px * 0.5
        widest = max(metrics.horizontalAdvance(label) for label in self.labels)
        label_w = min(widest + px * 0.2, area.width() * LABEL_SHARE)
        bar_left = area.left() + label_w + gap
        bar_room = area.right() - value_w - bar_left
        if bar_room < px * 3:
            return None
        peak = max(max(self.values), 0.0) or 1.0
        y = top
        bottom = area.bottom()
        for i, (label, value, text) in enumerate(zip(self.labels, self.values, texts,
                                                     strict=True)):
            shown, label_h = shorten_to_height(metrics, label, label_w,
                                               Qt.TextFlag.TextWordWrap,
                                               line * LABEL_LINES + 1)
            if not allow_hiding and shown != label:
                return None
            row_h = max(label_h, line) + px * 0.35
            left = len(self.labels) - i - 1
            room_needed = row_h + (line if (left and allow_hiding) or self.left_out else 0)
            if y + room_needed > bottom:
                if not allow_hiding:
                    return None
                out.more = len(self.labels) - i
                break
            bar_h = min(row_h - px * 0.35, line * 1.1)
            mid = y + row_h / 2
            length = bar_room * max(value, 0.0) / peak
            out.bars.append(PlacedBar(
                shown, value, text,
                QRectF(area.left(), y, label_w, row_h),
                QRectF(bar_left, mid - bar_h / 2, length, bar_h),
                QRectF(bar_left + length + px * 0.3, y, value_w, row_h)))
            y += row_h
        out.more += self.left_out
        if out.more:
            out.more_rect = QRectF(area.left(), y, area.width(), line)
        return out

    # ------------------------------------------------------------ queries

    def visible_texts(self) -> list[str]:
        texts = [self.caption] if self.caption else []
        if not self.labels:
            return [*texts, self.empty]
        for bar in self.chart.bars:
            texts += [bar.label, bar.value_text]
        if self.chart.more:
            texts.append(self.more_text(self.chart.more))
        return texts

    # ------------------------------------------------------------ painting

    def paint(self, p: QPainter) -> None:
        px = self.chart.font_px
        if self.caption:
            p.setPen(MUTED)
            p.setFont(card_font(self.chart.small_px, bold=True))
            p.drawText(self.chart.caption_rect, int(Qt.TextFlag.TextWordWrap), self.caption)
        if not self.labels:
            p.setPen(MUTED)
            p.setFont(card_font(px))
            p.drawText(self._area, int(Qt.AlignmentFlag.AlignCenter), self.empty)
            return
        body = card_font(px)
        if self.chart.bars:
            first, last = self.chart.bars[0], self.chart.bars[-1]
            p.setPen(GRID)
            x = first.bar_rect.left() - 1
            p.drawLine(int(x), int(first.label_rect.top()), int(x),
                       int(last.label_rect.bottom()))
        for bar in self.chart.bars:
            p.setPen(INK)
            p.setFont(body)
            p.drawText(bar.label_rect, int(Qt.AlignmentFlag.AlignRight
                                           | Qt.AlignmentFlag.AlignVCenter
                                           | Qt.TextFlag.TextWordWrap), bar.label)
            if bar.bar_rect.width() > 0:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(self.colour)
                p.drawRect(bar.bar_rect)
            p.setPen(INK)
            p.setFont(card_font(px, bold=True))
            p.drawText(bar.value_rect, int(Qt.AlignmentFlag.AlignLeft
                                           | Qt.AlignmentFlag.AlignVCenter), bar.value_text)
        if self.chart.more:
            p.setPen(MUTED)
            p.setFont(card_font(self.chart.small_px))
            p.drawText(self.chart.more_rect, int(Qt.AlignmentFlag.AlignLeft
                                                 | Qt.AlignmentFlag.AlignVCenter),
                       self.more_text(self.chart.more))
