"""Survey on the projector: nothing but a count until revealed, then aggregates only.

Before the facilitator reveals: "N responses so far". After: one row per
statement (number, text, a histogram of 1–5 and don't know, n, mean, spread
and the flags "low" / "split" in words), or, when the console picks it, a radar
by category. A statement with fewer ratings than the step's minimum shows
"not enough responses to show (n < 4)" and no numbers at all.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from collabfacil.domain.repeats import baseline_source, survey_changes
from collabfacil.domain.steps.survey import (
    CategoryResult,
    StatementResult,
    by_concern,
    categories,
    format_number,
    has_radar,
    not_enough,
    responses_so_far,
    results,
    settings,
)
from collabfacil.ui.projector.layout import card_font, shorten_to_height
from collabfacil.ui.projector.scene import MessageScene, Scene
from collabfacil.ui.projector.since_last_time import with_changes
from collabfacil.ui.projector.theme import BAND, GRID, HEADER_INK, INK, MUTED, SERIES

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

BAR = SERIES[1]  # Okabe–Ito sky blue: ratings 1–5
DK_BAR = QColor("#8A9099")  # don't know: grey, and set apart
AREA = QColor(86, 180, 233, 90)  # the radar's fill: sky blue, see-through
STATEMENTS, RADAR = "statements", "radar"
REVERSED = " (reverse-scored)"
_VIEW: weakref.WeakKeyDictionary[SessionController, str] = weakref.WeakKeyDictionary()
HEADINGS = {"number": "#", "n": "n", "mean": "Mean", "spread": "Spread"}
_LEFT_MIDDLE = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_MIDDLE = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def set_view(controller: SessionController, view: str) -> None:
    """The console picks what the room sees once revealed: statements or the radar."""
    key = f"{controller.current_step.id}\x1f{view}"
    if _VIEW.get(controller) != key:
        _VIEW[controller] = key
        controller.projector_mode_changed.emit()  # a view change: redraw, nothing stored


def view(controller: SessionController) -> str:
    step_id, _, chosen = _VIEW.get(controller, "").partition("\x1f")
    if step_id == str(controller.current_step.id) and chosen == RADAR \
            and has_radar(controller.current_step.config):
        return RADAR
    return STATEMENTS


def responses_text(n: int) -> str:
    return f"{n} response{'s' if n != 1 else ''} so far"


# ------------------------------------------------------------------ statements


@dataclass
class _Row:
    result: StatementResult
    rect: QRectF
    text: str  # as drawn (shortened with … when long)


@dataclass
class _Table:
    px: float
    cols: dict[str, QRectF]  # x extents of the columns (height: the header)
    rows: list[_Row] = field(default_factory=list)
    more: int = 0


class StatementsScene:
    """One row per statement: text, histogram, n, mean, spread, flags."""

    def __init__(self, found: list[StatementResult], min_responses: int) -> None:
        self.found = found
        self.min_responses = min_responses
        self.table: _Table | None = None
        self._area = QRectF()

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._area = area
        px = max_px
        while px > min_px:
            self.table = self._try(area, px, allow_fewer=False)
            if self.table is not None:
                return
            px = max(min_px, px * 0.94)
        self.table = self._try(area, min_px, allow_fewer=True)

    def _try(self, area: QRectF, px: float, *, allow_fewer: bool) -> _Table | None:
        plain = QFontMetricsF(card_font(px))
        bold = QFontMetricsF(card_font(px, bold=True))
        pad = px * 0.5
        widths = {
            "number": bold.horizontalAdvance("00") + pad,
            "hist": max(px * 7.5, bold.horizontalAdvance("1 2 3 4 5 DK") + pad),
            "n": bold.horizontalAdvance("000") + pad,
            "mean": bold.horizontalAdvance("Mean") + pad,
            "spread": bold.horizontalAdvance("Spread") + pad,
            "flags": bold.horizontalAdvance("split") + pad,
        }
        text_w = area.width() - sum(widths.values()) - pad
        if text_w < px * 10 and not allow_fewer:
            return None
        x = area.left()
        cols: dict[str, QRectF] = {}
        header_h = bold.lineSpacing() * 1.15
        for name in ("number", "text", "hist", "n", "mean", "spread", "flags"):
            w = text_w if name == "text" else widths[name]
            cols[name] = QRectF(x, area.top(), w, header_h)
            x += w + (pad if name == "text" else 0)
        gap = px * 0.2
        box = cols["text"].width()
        line = plain.lineSpacing()

        def fitted(r: StatementResult) -> tuple[str, float] | None:
            text = r.statement.text + (REVERSED if r.statement.reverse else "")
            whole = all(plain.horizontalAdvance(w) <= box for w in text.split())
            if not whole and not allow_fewer:
                return None
            wrap = Qt.TextFlag.TextWordWrap if whole else Qt.TextFlag.TextWrapAnywhere
            shown_text, h = shorten_to_height(plain, text, box, wrap,
                                              line * (2.05 if r.shown else 1.05))
            if shown_text != text and not allow_fewer:
                return None  # a smaller type that shows the whole statement is better
            height = max(h, line) + (line if not r.shown else 0) + px * 0.35
            return shown_text, max(height, line * (2.1 if len(r.flags) > 1 else 1.7))

        sized = []
        for r in self.found:
            f = fitted(r)
            if f is None:
                return None
            sized.append((r, *f))
        room = area.bottom() - area.top() - header_h
        more = 0
        if sum(h + gap for _, _, h in sized) - gap > room:
            if not allow_fewer:
                return None
            room -= line * 1.3
            order = {id(r): i for i, r in enumerate(by_concern(self.found))}
            chosen, used = [], 0.0
            for entry in sorted(sized, key=lambda e: order[id(e[0])]):
                if used + entry[2] > room and chosen:
                    break
                chosen.append(entry)
                used += entry[2] + gap
            more = len(sized) - len(chosen)
            sized = chosen
        table = _Table(px, cols, more=more)
        y = area.top() + header_h
        for r, text, h in sized:
            table.rows.append(_Row(r, QRectF(area.left(), y, area.width(), h), text))
            y += h + gap
        return table

    def visible_texts(self) -> list[str]:
        t = self.table
        if t is None:
            return []
        texts = ["Mean", "Spread", "1", "2", "3", "4", "5", "DK"]
        for row in t.rows:
            r = row.result
            texts += [str(r.number), row.text]
            if r.shown:
                texts += [str(r.n), format_number(r.mean), format_number(r.spread), *r.flags]
            else:
                texts.append(not_enough(self.min_responses))
        if t.more:
            texts.append(self._more_text())
        return texts

    def _more_text(self) -> str:
        n = self.table.more if self.table else 0
        return (f"+{n} more statement{'s' if n != 1 else ''} "
                "(those most worth discussing are shown)")

    def paint(self, p: QPainter) -> None:
        t = self.table
        if t is None:
            return
        px = t.px
        plain, bold = card_font(px), card_font(px, bold=True)
        c = t.cols
        p.setPen(HEADER_INK)
        p.setFont(bold)
        for name in ("number", "n", "mean", "spread"):
            p.drawText(c[name], _RIGHT_MIDDLE if name != "number" else _LEFT_MIDDLE,
                       HEADINGS[name])
        p.drawText(c["text"], _LEFT_MIDDLE, "Statement")
        hist = c["hist"]
        for k, label in enumerate(("1", "2", "3", "4", "5", "DK")):
            p.drawText(self._bar_rect(hist, k, c["hist"].top(), c["hist"].height()),
                       int(Qt.AlignmentFlag.AlignCenter), label)
        for i, row in enumerate(t.rows):
            r, rect = row.result, row.rect
            if i % 2 == 0:
                p.fillRect(rect, BAND)
            p.setPen(INK)
            p.setFont(bold)
            p.drawText(QRectF(c["number"].left() + px * 0.2, rect.top(),
                              c["number"].width(), rect.height()), _LEFT_MIDDLE, str(r.number))
            p.setFont(plain)
            text_rect = QRectF(c["text"].left(), rect.top(), c["text"].width(),
                               rect.height())
            if not r.shown:
                text_rect = QRectF(text_rect.left(), rect.top(), text_rect.width(),
                                   rect.height() / 2)
            p.drawText(text_rect, int(Qt.TextFlag.TextWordWrap
                                      | Qt.AlignmentFlag.AlignVCenter), row.text)
            if not r.shown:
                p.setPen(MUTED)
                p.drawText(QRectF(c["text"].left(), rect.top() + rect.height() / 2,
                                  rect.right() - c["text"].left(), rect.height() / 2),
                           _LEFT_MIDDLE, not_enough(self.min_responses))
                continue
            self._histogram(p, r, QRectF(hist.left(), rect.top() + px * 0.2, hist.width(),
                                         rect.height() - px * 0.4))
            p.setPen(INK)
            p.setFont(plain)
            p.drawText(QRectF(c["n"].left(), rect.top(), c["n"].width(), rect.height()),
                       _RIGHT_MIDDLE, str(r.n))
            p.setFont(bold)
            for name, value in (("mean", r.mean), ("spread", r.spread)):
                p.drawText(QRectF(c[name].left(), rect.top(), c[name].width(),
                                  rect.height()), _RIGHT_MIDDLE, format_number(value))
            if r.flags:
                p.setPen(HEADER_INK)
                p.drawText(QRectF(c["flags"].left() + px * 0.3, rect.top(),
                                  c["flags"].width(), rect.height()),
                           int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                           "\n".join(r.flags))
        if t.more:
            p.setPen(MUTED)
            p.setFont(plain)
            p.drawText(QRectF(self._area.left(), self._area.bottom() - px * 1.3,
                              self._area.width(), px * 1.3),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                       self._more_text())

    @staticmethod
    def _bar_rect(hist: QRectF, k: int, top: float, height: float) -> QRectF:
        """The k-th bar's column: five equal ones for 1–5, a wider one for DK after a gap."""
        unit = hist.width() / 7.2
        left = hist.left() + k * unit + (unit * 0.5 if k == 5 else 0)
        return QRectF(left, top, unit * (1.6 if k == 5 else 1), height)

    def _histogram(self, p: QPainter, r: StatementResult, rect: QRectF) -> None:
        counts = [*r.ratings, r.dont_know]
        biggest = max(1, *counts)
        p.setPen(QPen(GRID, 1.0))
        p.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        for k, count in enumerate(counts):
            col = self._bar_rect(rect, k, rect.top(), rect.height())
            h = rect.height() * count / biggest
            p.setBrush(DK_BAR if k == 5 else BAR)
            p.drawRect(QRectF(col.left() + col.width() * 0.12, rect.bottom() - h,
                              col.width() * 0.76, h))


# ------------------------------------------------------------------ radar


class RadarScene:
    """The categories' means on a radar (1 to 5), with a list of their numbers."""

    def __init__(self, cats: list[CategoryResult], min_responses: int) -> None:
        self.cats = cats
        self.min_responses = min_responses
        self._area = QRectF()
        self.px = 20.0
        self.centre = QPointF()
        self.radius = 0.0
        self.labels: list[tuple[QRectF, str, int]] = []
        self.list_rect = QRectF()
        self.label_px = 20.0

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._area = area
        chart = QRectF(area.left(), area.top(), area.width() * 0.58, area.height())
        px = max_px
        while px > min_px:
            list_rect = QRectF(chart.right() + px, area.top(),
                               area.right() - chart.right() - px, area.height())
            if self._list_height(list_rect.width(), px) <= area.height():
                break
            px = max(min_px, px * 0.94)
        self.px = px
        self.list_rect = QRectF(chart.right() + px, area.top(),
                                area.right() - chart.right() - px, area.height())
        # axis labels: the largest type (not above the list's, not below the floor)
        # at which every category name fits its box in whole words, two lines at most
        label_w = chart.width() * 0.25
        lp = px
        while True:
            metrics = QFontMetricsF(card_font(lp, bold=True))
            label_h = metrics.lineSpacing() * 2.1
            fits = all(all(metrics.horizontalAdvance(w) <= label_w for w in c.name.split())
                       and metrics.boundingRect(QRectF(0, 0, label_w, 1e6),
                                                int(Qt.TextFlag.TextWordWrap),
                                                c.name).height() <= label_h
                       for c in self.cats)
            if fits or lp <= min_px:
                break
            lp = max(min_px, lp * 0.94)
        self.label_px = lp
        gap = lp * 0.5
        self.radius = max(px * 2, min((chart.width() - 2 * (label_w + gap)) / 2,
                                      (chart.height() - 2 * (label_h + gap)) / 2))
        self.centre = chart.center()
        self.labels = []
        n = len(self.cats)
        for i, cat in enumerate(self.cats):
            angle = -math.pi / 2 + 2 * math.pi * i / n
            x = self.centre.x() + math.cos(angle) * (self.radius + gap)
            y = self.centre.y() + math.sin(angle) * (self.radius + gap)
            if abs(math.cos(angle)) < 0.3:  # above or below the chart
                above = math.sin(angle) < 0
                rect = QRectF(x - label_w, y - label_h if above else y, label_w * 2, label_h)
                align = int(Qt.AlignmentFlag.AlignHCenter) | int(
                    Qt.AlignmentFlag.AlignBottom if above else Qt.AlignmentFlag.AlignTop)
            elif math.cos(angle) > 0:
                rect = QRectF(x, y - label_h / 2, label_w, label_h)
                align = _LEFT_MIDDLE
            else:
                rect = QRectF(x - label_w, y - label_h / 2, label_w, label_h)
                align = _RIGHT_MIDDLE
            whole = all(metrics.horizontalAdvance(w) <= rect.width() for w in cat.name.split())
            wrap = Qt.TextFlag.TextWordWrap if whole else Qt.TextFlag.TextWrapAnywhere
            text, _ = shorten_to_height(metrics, cat.name, rect.width(), wrap, label_h)
            self.labels.append((rect, text, align | int(wrap)))

    def point(self, i: int, value: float) -> QPointF:
        angle = -math.pi / 2 + 2 * math.pi * i / len(self.cats)
        r = self.radius * (value - 1) / 4 if value >= 1 else 0.0
        return QPointF(self.centre.x() + math.cos(angle) * r,
                       self.centre.y() + math.sin(angle) * r)

    def _list_lines(self) -> list[tuple[str, str]]:
        out = []
        for cat in self.cats:
            if cat.mean is None:
                out.append((cat.name, not_enough(self.min_responses)))
            else:
                out.append((cat.name, f"mean {format_number(cat.mean)} · spread "
                                      f"{format_number(cat.spread)}"))
        return out

    def _list_blocks(self, width: float, px: float) -> list[tuple[str, float, str, float]]:
        """Each category's name and numbers with the height each takes at ``px``."""
        bold = QFontMetricsF(card_font(px, bold=True))
        plain = QFontMetricsF(card_font(px))
        wrap = int(Qt.TextFlag.TextWordWrap)
        return [(name, bold.boundingRect(QRectF(0, 0, width, 1e6), wrap, name).height(),
                 values, plain.boundingRect(QRectF(0, 0, width, 1e6), wrap, values).height())
                for name, values in self._list_lines()]

    def _list_height(self, width: float, px: float) -> float:
        return sum(a + b + px * 0.5 for _, a, _, b in self._list_blocks(width, px))

    def visible_texts(self) -> list[str]:
        texts = [t for _, t, _ in self.labels] + ["1", "3", "5"]
        for name, line in self._list_lines():
            texts += [name, line]
        return texts

    def paint(self, p: QPainter) -> None:
        px = self.px
        n = len(self.cats)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for ring in range(2, 6):  # 1 is the centre
            p.setPen(QPen(GRID, 2.0 if ring in (3, 5) else 1.0))
            p.drawPolygon(QPolygonF([self.point(i, ring) for i in range(n)]))
        for i in range(n):
            p.drawLine(self.centre, self.point(i, 5))
        # scale labels 1, 3, 5 along the first (upward) axis
        p.setPen(MUTED)
        p.setFont(card_font(px))
        for value in (1, 3, 5):  # just right of the upward axis, below each ring
            pt = self.point(0, value)
            p.drawText(QRectF(pt.x() + px * 0.3, pt.y() + px * 0.05, px * 2, px * 1.3),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                       str(value))
        means = [c.mean for c in self.cats]
        points = [self.point(i, m) for i, m in enumerate(means) if m is not None]
        if all(m is not None for m in means):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(AREA)
            p.drawPolygon(QPolygonF(points))
        p.setPen(QPen(BAR, max(2.0, px * 0.12)))
        for i, m in enumerate(means):  # no line through a category left out
            following = means[(i + 1) % n]
            if m is not None and following is not None:
                p.drawLine(self.point(i, m), self.point((i + 1) % n, following))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BAR)
        for pt in points:
            p.drawEllipse(pt, px * 0.3, px * 0.3)
        p.setFont(card_font(self.label_px, bold=True))
        for (rect, text, align), cat in zip(self.labels, self.cats, strict=True):
            p.setPen(INK if cat.mean is not None else MUTED)
            p.drawText(rect, align, text)
        # the numbers beside the chart
        y = self.list_rect.top()
        wrap = int(Qt.TextFlag.TextWordWrap)
        left, width = self.list_rect.left(), self.list_rect.width()
        for name, name_h, values, values_h in self._list_blocks(width, px):
            p.setPen(INK)
            p.setFont(card_font(px, bold=True))
            p.drawText(QRectF(left, y, width, name_h), wrap, name)
            p.setPen(MUTED)
            p.setFont(card_font(px))
            p.drawText(QRectF(left, y + name_h, width, values_h), wrap, values)
            y += name_h + values_h + px * 0.5


class HiddenScene:
    """Before the reveal: how many have answered, large, and nothing else."""

    HINT = "The group's results are shown when the facilitator reveals them."

    def __init__(self, n: int) -> None:
        self.count = responses_text(n)
        self._area = QRectF()
        self.px = 20.0

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._area, self.px = area, max(min_px, max_px)

    def visible_texts(self) -> list[str]:
        return [self.count, self.HINT]

    def paint(self, p: QPainter) -> None:
        a, px = self._area, self.px
        big = QRectF(a.left(), a.center().y() - px * 2.2, a.width(), px * 2.2)
        p.setPen(INK)
        p.setFont(card_font(px * 1.6, bold=True))
        p.drawText(big, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
                            | Qt.TextFlag.TextWordWrap), self.count)
        p.setPen(MUTED)
        p.setFont(card_font(px * 0.7))
        p.drawText(QRectF(a.left(), big.bottom() + px * 0.5, a.width(), px * 3),
                   int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), self.HINT)


def scene(controller: SessionController) -> Scene:
    """Hidden: the count only. Revealed: the statements, or the radar by category."""
    step = controller.current_step
    items = controller.items()
    found = results(step.config, items)
    n = responses_so_far(found, items)
    if not controller.revealed:
        return HiddenScene(n)
    if n == 0:
        return MessageScene("No responses yet")
    s = settings(step.config)
    if view(controller) == RADAR:
        return RadarScene(categories(step.config, found), s.min_responses)
    inner = StatementsScene(found, s.min_responses)
    return with_changes(inner, survey_changes(step, items), source=baseline_source(step),
                        unit="point")
