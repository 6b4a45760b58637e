"""Spectrum on the projector: every subject on one labelled scale, now and target.

One row per subject: its name, then two lanes across the scale's levels, "now"
(sky-blue circles) and "target" (orange diamonds), labelled in words as well;
a white tick marks each median and an arrow runs from the now median to the
target median; the gap is printed at the right. The level names head the
columns once, for every row. Type shrinks to the 2.5%-of-height floor; if the
subjects still do not fit, the biggest gaps are shown (and the subject being
counted on the console) with "+N more subjects".
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from collabfacil.domain.repeats import baseline_source, spectrum_changes
from collabfacil.domain.steps.spectrum import (
    SubjectResult,
    by_gap,
    format_gap,
    results,
    settings,
)
from collabfacil.ui.projector.layout import card_font, shorten_to_height, text_height
from collabfacil.ui.projector.scene import MessageScene, Scene
from collabfacil.ui.projector.since_last_time import with_changes
from collabfacil.ui.projector.theme import (
    BACKGROUND,
    BAND,
    GRID,
    HEADER_INK,
    INK,
    MUTED,
    PANEL,
    SERIES,
)

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

NOW = SERIES[1]  # Okabe–Ito sky blue: circles
TARGET = SERIES[0]  # Okabe–Ito orange: diamonds
MARKER_COLOURS = {"now": NOW, "target": TARGET}
SPLIT = "split"  # the room's placements spread over more than a level
# The subject the console is counting, per controller: a view choice, not data.
_FOCUS: weakref.WeakKeyDictionary[SessionController, str] = weakref.WeakKeyDictionary()
_CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)


def set_focus(controller: SessionController, subject: str) -> None:
    """The console tells the room's view which subject is being counted."""
    key = f"{controller.current_step.id}\x1f{subject}"
    if _FOCUS.get(controller) != key:
        _FOCUS[controller] = key
        controller.projector_mode_changed.emit()  # a view change: redraw, nothing stored


def focus(controller: SessionController) -> str:
    """The subject the console has selected on the current step ("" for none)."""
    key = _FOCUS.get(controller, "")
    step_id, _, subject = key.partition("\x1f")
    return subject if step_id == str(controller.current_step.id) else ""


def draw_marker(p: QPainter, marker: str, centre: QPointF, r: float, colour: QColor,
                *, outline: QColor | None = None) -> None:
    """The marker's shape: a circle for "now", a diamond for "target"."""
    p.setPen(QPen(outline, max(1.0, r * 0.25)) if outline else Qt.PenStyle.NoPen)
    p.setBrush(colour)
    if marker == "now":
        p.drawEllipse(centre, r, r)
    else:
        d = r * 1.25
        x, y = centre.x(), centre.y()
        p.drawPolygon(QPolygonF([QPointF(x, y - d), QPointF(x + d, y), QPointF(x, y + d),
                                 QPointF(x - d, y)]))


@dataclass
class _Row:
    result: SubjectResult
    rect: QRectF
    name: str  # as drawn (shortened with … when long)
    wrap: Qt.TextFlag
    focused: bool


@dataclass
class _Layout:
    px: float
    header: QRectF
    labels: list[tuple[QRectF, str]]  # level labels as placed
    notes: list[tuple[QRectF, str]]  # the levels' one-line descriptions, if shown
    name_w: float
    lane_label_w: float
    scale: QRectF  # the level columns' extent, across the rows
    gap_w: float
    lane_h: float
    rows: list[_Row] = field(default_factory=list)
    more: int = 0
    dots: bool = True
    biggest: int = 1

    def column(self, level: int, levels: int) -> QRectF:
        w = self.scale.width() / levels
        return QRectF(self.scale.left() + level * w, self.scale.top(), w,
                      self.scale.height())


def _fit_name(metrics: QFontMetricsF, text: str, width: float, height: float
              ) -> tuple[str, Qt.TextFlag, bool]:
    """The name as it fits the box (… when cut); whether its words stayed whole."""
    whole = all(metrics.horizontalAdvance(w) <= width for w in text.split())
    wrap = Qt.TextFlag.TextWordWrap if whole else Qt.TextFlag.TextWrapAnywhere
    shown, _ = shorten_to_height(metrics, text, width, wrap, height)
    return shown, wrap, whole


class SpectrumScene:
    """The subjects on the scale, laid out as large as the screen allows."""

    def __init__(self, levels: tuple[str, ...], notes: tuple[str, ...],
                 found: list[SubjectResult], focus_subject: str = "") -> None:
        self.levels = levels
        self.notes = notes
        self.found = found
        self.focus_subject = focus_subject.casefold()
        self.laid: _Layout | None = None
        self._area = QRectF()
        self._min_px = 20.0

    # ------------------------------------------------------------ layout

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        """The largest type that shows every subject with whole words; the levels'
        descriptions too when they cost little; else the floor and the biggest gaps."""
        self._area, self._min_px = area, min_px
        self.laid = None
        if not self.found or area.width() < 50 or area.height() < 50:
            return
        plain = self._largest(area, min_px, max_px, with_notes=False)
        if self.notes:
            noted = self._largest(area, min_px, max_px, with_notes=True)
            no_hands = not any(r.responses for r in self.found)
            if noted is not None and (plain is None or no_hands
                                      or noted.px >= plain.px * 0.8):
                plain = noted
        self.laid = plain or self._try(area, min_px, False, min_px, allow_fewer=True)

    def _largest(self, area: QRectF, min_px: float, max_px: float, *,
                 with_notes: bool) -> _Layout | None:
        px = max_px
        while px >= min_px:
            laid = self._try(area, px, with_notes, min_px, allow_fewer=False)
            if laid is not None:
                return laid
            px = px * 0.95 if px * 0.95 >= min_px or px == min_px else min_px
        return None

    def _try(self, area: QRectF, px: float, with_notes: bool, min_px: float, *,
             allow_fewer: bool) -> _Layout | None:
        bold = QFontMetricsF(card_font(px, bold=True))
        plain = QFontMetricsF(card_font(px))
        pad = px * 0.4
        lane_label_w = plain.horizontalAdvance("target") + px * 1.5
        name_w = max(area.width() * 0.28, lane_label_w + px * 6)
        gap_w = max(bold.horizontalAdvance("Gap"), plain.horizontalAdvance(SPLIT),
                    QFontMetricsF(card_font(px * 1.2, bold=True)).horizontalAdvance(
                        "\u22122.5")) + px * 0.6
        scale_w = area.width() - name_w - gap_w
        col_w = scale_w / len(self.levels)
        # level labels: whole words in their column, else staggered over two columns
        left = area.left() + name_w
        labels = (self._place_labels(area.top(), left, col_w, px, bold, stagger=False)
                  or self._place_labels(area.top(), left, col_w, px, bold, stagger=True))
        if labels is None:
            if not allow_fewer:
                return None
            labels = self._place_labels(area.top(), left, col_w, px, bold, stagger=True,
                                        force=True)
        assert labels is not None
        label_bottom = max(r.bottom() for r, _ in labels)
        notes: list[tuple[QRectF, str]] = []
        if with_notes:
            metrics = QFontMetricsF(card_font(max(min_px, px * 0.8)))
            for level, text in enumerate(self.notes):
                if any(metrics.horizontalAdvance(w) > col_w - pad for w in text.split()):
                    return None
                h = text_height(metrics, text, col_w - pad)
                notes.append((QRectF(left + level * col_w + pad / 2,
                                     label_bottom + px * 0.15, col_w - pad, h), text))
            label_bottom = max(r.bottom() for r, _ in notes)
        header_bottom = max(label_bottom, area.top() + bold.lineSpacing() * 2) + px * 0.4
        header = QRectF(area.left(), area.top(), area.width(), header_bottom - area.top())
        lane_h = px * 1.45
        row_h = lane_h * 2 + px * 0.3
        row_gap = px * 0.3
        room = area.bottom() - header_bottom
        fits = int((room + row_gap) // (row_h + row_gap))
        shown = list(self.found)
        more = 0
        if fits < len(shown):
            if not allow_fewer:
                return None
            footer_h = plain.lineSpacing() * 1.3
            fits = max(1, int((room - footer_h + row_gap) // (row_h + row_gap)))
            chosen = by_gap(shown)[:fits]
            focused = [r for r in shown if r.name.casefold() == self.focus_subject]
            if focused and focused[0] not in chosen:
                chosen = [*chosen[:-1], focused[0]]
            more = len(shown) - len(chosen)
            shown = chosen
        else:
            # room to spare (a width-bound scale): taller lanes, bigger dots
            stretch = min(1.5, (room + row_gap) / (len(shown) * (row_h + row_gap)))
            lane_h *= stretch
            row_h = lane_h * 2 + px * 0.3
            row_gap *= stretch
        name_box = name_w - lane_label_w - px * 0.5
        rows: list[_Row] = []
        y = header_bottom
        for r in shown:
            name, wrap, whole = _fit_name(bold, r.name, name_box, row_h - px * 0.15)
            if not whole and not allow_fewer:
                return None
            rows.append(_Row(r, QRectF(area.left(), y, area.width(), row_h), name, wrap,
                             r.name.casefold() == self.focus_subject))
            y += row_h + row_gap
        laid = _Layout(px, header, labels, notes, name_w, lane_label_w,
                       QRectF(left, header_bottom, scale_w, y - row_gap - header_bottom),
                       gap_w, lane_h, rows, more)
        laid.biggest = max([1, *(c for r in shown for c in (*r.now.counts,
                                                              *r.target.counts))])
        count_w = bold.horizontalAdvance(f" {laid.biggest}")
        laid.dots = laid.biggest * lane_h * 0.62 + count_w + pad <= col_w
        return laid

    def _place_labels(self, top: float, left: float, col_w: float, px: float,
                      metrics: QFontMetricsF, *, stagger: bool, force: bool = False
                      ) -> list[tuple[QRectF, str]] | None:
        placed = []
        line = metrics.lineSpacing()
        width = col_w * (1.9 if stagger else 1.0) - px * 0.3
        for level, text in enumerate(self.levels):
            words_fit = all(metrics.horizontalAdvance(w) <= width for w in text.split())
            h = text_height(metrics, text, width)
            if not force and (not words_fit or h > line * 2.05):
                return None
            if force:
                text, h = shorten_to_height(metrics, text, width, Qt.TextFlag.TextWrapAnywhere,
                                            line * 2.05)
            row = (level % 2) if stagger else 0
            centre = left + (level + 0.5) * col_w
            y = top + row * line * 2.1
            placed.append((QRectF(centre - width / 2, y, width, max(h, line)), text))
        return placed

    # ------------------------------------------------------------ queries

    def visible_texts(self) -> list[str]:
        if self.laid is None:
            return [self._empty_text()]
        laid = self.laid
        texts = ["now", "target", "Gap"]
        texts += [t for _, t in laid.labels] + [t for _, t in laid.notes]
        for row in laid.rows:
            r = row.result
            texts.append(row.name)
            for marker in ("now", "target"):
                texts += [str(c) for c in r.marker(marker).counts if c]
            texts.append(format_gap(r.gap))
            if r.views_differ:
                texts.append(SPLIT)
        if laid.more:
            texts.append(self._more_text())
        return texts

    def _empty_text(self) -> str:
        return "Subjects will appear here as they are added"

    def _more_text(self) -> str:
        n = self.laid.more if self.laid else 0
        return f"+{n} more subject{'s' if n != 1 else ''} (biggest gaps shown)"

    # ------------------------------------------------------------ painting

    def paint(self, p: QPainter) -> None:
        laid = self.laid
        if laid is None:
            msg = MessageScene(self._empty_text())
            msg.layout(self._area, min_px=self._min_px, max_px=self._min_px)
            msg.paint(p)
            return
        px = laid.px
        bold, plain = card_font(px, bold=True), card_font(px)
        # legend in the corner above the names: shape and word for each marker
        line = QFontMetricsF(bold).lineSpacing()
        for i, marker in enumerate(("now", "target")):
            cy = laid.header.top() + line * (i + 0.5)
            draw_marker(p, marker, QPointF(laid.header.left() + px * 0.5, cy), px * 0.32,
                        MARKER_COLOURS[marker])
            p.setPen(INK)
            p.setFont(plain)
            p.drawText(QRectF(laid.header.left() + px * 1.2, cy - line / 2, laid.name_w,
                              line), int(Qt.AlignmentFlag.AlignVCenter), marker)
        p.setPen(HEADER_INK)
        p.setFont(bold)
        for rect, text in laid.labels:
            p.drawText(rect, _CENTRE, text)
        p.drawText(QRectF(laid.scale.right(), laid.header.top(), laid.gap_w, line),
                   int(Qt.AlignmentFlag.AlignRight), "Gap")
        if laid.notes:
            p.setPen(MUTED)
            p.setFont(card_font(max(self._min_px, px * 0.8)))
            for rect, text in laid.notes:
                p.drawText(rect, _CENTRE, text)
        levels = len(self.levels)
        # rows: band, name, lane labels, the two lanes, medians, gap
        for i, row in enumerate(laid.rows):
            self._paint_row(p, laid, row, i, levels, bold, plain)
        # column lines over the whole scale
        p.setPen(QPen(GRID, max(1.0, px * 0.05)))
        for level in range(levels + 1):
            x = laid.scale.left() + level * laid.scale.width() / levels
            p.drawLine(QPointF(x, laid.scale.top()), QPointF(x, laid.scale.bottom()))
        if laid.more:
            p.setPen(MUTED)
            p.setFont(plain)
            p.drawText(QRectF(self._area.left(), self._area.bottom() - px * 1.3,
                              self._area.width(), px * 1.3),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                       self._more_text())

    def _paint_row(self, p: QPainter, laid: _Layout, row: _Row, index: int, levels: int,
                   bold: object, plain: object) -> None:
        px, r, rect = laid.px, row.result, row.rect
        p.setPen(Qt.PenStyle.NoPen)
        if row.focused:
            p.setBrush(PANEL)
            p.drawRect(rect)
            p.setBrush(HEADER_INK)
            p.drawRect(QRectF(rect.left(), rect.top(), px * 0.18, rect.height()))
        elif index % 2 == 0:
            p.setBrush(BAND)
            p.drawRect(rect)
        p.setPen(INK)
        p.setFont(bold)  # type: ignore[arg-type]
        name_rect = QRectF(rect.left() + px * 0.4, rect.top(),
                           laid.name_w - laid.lane_label_w - px * 0.5, rect.height())
        p.drawText(name_rect, int(row.wrap | Qt.AlignmentFlag.AlignVCenter), row.name)
        lane_h = laid.lane_h
        plain_metrics = QFontMetricsF(plain)  # type: ignore[arg-type]
        for lane, marker in enumerate(("now", "target")):
            top = rect.top() + (rect.height() - 2 * lane_h) / 2 + lane * lane_h
            cy = top + lane_h / 2
            colour = MARKER_COLOURS[marker]
            label_left = rect.left() + laid.name_w - laid.lane_label_w
            draw_marker(p, marker, QPointF(label_left + px * 0.5, cy), px * 0.3, colour)
            p.setPen(MUTED)
            p.setFont(plain)  # type: ignore[arg-type]
            p.drawText(QRectF(label_left + px * 1.1, top, laid.lane_label_w - px * 1.1,
                              lane_h), int(Qt.AlignmentFlag.AlignVCenter), marker)
            dist = r.marker(marker)
            for level, count in enumerate(dist.counts):
                if not count:
                    continue
                col = laid.column(level, levels)
                x = col.left() + px * 0.45
                if laid.dots:
                    step = lane_h * 0.62
                    for k in range(count):
                        draw_marker(p, marker, QPointF(x + k * step, cy), lane_h * 0.22,
                                    colour)
                    end = x + (count - 1) * step + lane_h * 0.3
                else:
                    room = col.width() - px * 0.9 - plain_metrics.horizontalAdvance(
                        f" {laid.biggest}")
                    length = max(lane_h * 0.3, room * count / laid.biggest)
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(colour)
                    p.drawRect(QRectF(x, cy - lane_h * 0.28, length, lane_h * 0.56))
                    draw_marker(p, marker, QPointF(x, cy), lane_h * 0.3, colour,
                                outline=BACKGROUND)
                    end = x + length
                p.setPen(INK)
                p.setFont(bold)  # type: ignore[arg-type]
                p.drawText(QRectF(end + px * 0.2, top, col.right() - end, lane_h),
                           int(Qt.AlignmentFlag.AlignVCenter), str(count))
            if dist.median is not None:
                x = self._level_x(laid, dist.median, levels)
                p.setPen(QPen(INK, max(2.0, px * 0.12)))
                p.drawLine(QPointF(x, top + lane_h * 0.08), QPointF(x, top + lane_h * 0.92))
        if r.gap and r.now.median is not None and r.target.median is not None:
            x0 = self._level_x(laid, r.now.median, levels)
            x1 = self._level_x(laid, r.target.median, levels)
            y = rect.top() + rect.height() / 2
            pen = QPen(INK, max(2.0, px * 0.1))
            p.setPen(pen)
            p.drawLine(QPointF(x0, y), QPointF(x1, y))
            head = px * 0.4 * (1 if x1 > x0 else -1)
            p.setBrush(INK)
            p.drawPolygon(QPolygonF([QPointF(x1, y), QPointF(x1 - head, y - px * 0.28),
                                     QPointF(x1 - head, y + px * 0.28)]))
        gap_rect = QRectF(laid.scale.right(), rect.top(), laid.gap_w, rect.height())
        p.setPen(INK)
        p.setFont(card_font(px * 1.2, bold=True))
        p.drawText(QRectF(gap_rect.left(), gap_rect.top(), gap_rect.width(), lane_h * 1.1),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                   format_gap(r.gap))
        if r.views_differ:
            p.setPen(HEADER_INK)
            p.setFont(plain)  # type: ignore[arg-type]
            p.drawText(QRectF(gap_rect.left(), gap_rect.top() + lane_h * 1.05,
                              gap_rect.width(), gap_rect.height() - lane_h),
                       int(Qt.AlignmentFlag.AlignRight | Qt.TextFlag.TextWordWrap),
                       SPLIT)

    @staticmethod
    def _level_x(laid: _Layout, level: float, levels: int) -> float:
        w = laid.scale.width() / levels
        return laid.scale.left() + (level + 0.5) * w


def scene(controller: SessionController) -> Scene:
    """The projector body: every subject's now and target on the scale."""
    step = controller.current_step
    s = settings(step.config)
    inner = SpectrumScene(s.levels, s.level_notes, results(step.config, controller.items()),
                          focus(controller))
    return with_changes(inner, spectrum_changes(step, controller.items()),
                        source=baseline_source(step), unit="level")
