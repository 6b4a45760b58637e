"""The 2×2 map on the projector: axes, quadrant names, points with plain-text labels
placed clear of each other, arrows to where they should be, and zones with counts."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from collabfacil.domain.matrix_maps import (
    DISPOSITION_WORDS,
    Point,
    points_of,
    quadrant_names,
    scenarios_of,
    x_axis,
    y_axis,
    zone_counts,
    zones_of,
)
from collabfacil.domain.model import StepItem
from collabfacil.ui.projector.matrix_paint import (
    FILL_INK,
    FOCUS,
    Text,
    fit_lines,
    metrics,
    width_of,
)
from collabfacil.ui.projector.scene import Scene
from collabfacil.ui.projector.theme import BACKGROUND, BAND, GRID, HEADER_INK, INK, MUTED

DISPOSITION_FILLS = {"+": "#009E73", "0": "#C9CDD3", "-": "#E69F00", "": "#56B4E9"}
MARKS = {"+": "+", "0": "0", "-": "−", "": ""}
ZONE_FILL = QColor(86, 180, 233, 40)  # a wash of Okabe–Ito sky blue
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
LABEL_EMS = 11  # the widest a point's label may be, in ems


@dataclass
class _Layout:
    px: float
    map: QRectF = field(default_factory=QRectF)
    texts: list[Text] = field(default_factory=list)
    backed: list[QRectF] = field(default_factory=list)  # label backgrounds
    markers: list[tuple[QPointF, float, Point]] = field(default_factory=list)
    arrows: list[tuple[QPointF, QPointF]] = field(default_factory=list)
    zones: list[QRectF] = field(default_factory=list)
    swatches: list[tuple[QPointF, float, str]] = field(default_factory=list)
    hidden: int = 0


class QuadrantScene:
    """The map, laid out at the largest type whose labels all fit (never below the floor)."""

    def __init__(self, config: Mapping[str, Any], points: list[Point], *,
                 zones: Sequence[Mapping[str, Any]] = (), counts: Mapping[str, int] | None = None,
                 scenario: str = "", scenario_number: tuple[int, int] = (0, 0),
                 selected: str = "") -> None:
        self.names = quadrant_names(config)
        self.named = bool(config.get("quadrants")) and not zones
        self.x_axis, self.y_axis = x_axis(config), y_axis(config)
        self.points = points
        self.zones = list(zones)
        self.counts = dict(counts or {})
        self.scenario = scenario
        self.scenario_number = scenario_number
        self.selected = selected
        self.plan = _Layout(20.0)

    # ------------------------------------------------------------ layout

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        px = max(min_px, max_px * 0.8)
        while True:
            plan = self._plan(area, px)
            if plan.hidden == 0 or px * 0.9 < min_px:
                break
            px *= 0.9
        if plan.hidden and px > min_px:
            plan = self._plan(area, min_px)
        self.plan = plan

    def _plan(self, area: QRectF, px: float) -> _Layout:
        plan = _Layout(px)
        line = metrics(px).lineSpacing()
        top = area.top()
        if self.zones and self.scenario:
            n, total = self.scenario_number
            caption = f"Scenario {n} of {total}: {self.scenario}" if total > 1 else (
                f"Scenario: {self.scenario}")
            text, h = fit_lines(caption, area.width(), px, 2, bold=True)
            plan.texts.append(Text(QRectF(area.left(), top, area.width(), h), text, px,
                                   HEADER_INK, bold=True))
            top += h + px * 0.4
        ya, xa = self.y_axis, self.x_axis
        legend = self._legend_entries()
        bottom_lines = 1 + (1 if self.points else 0)  # axis words; the key and notes
        side = max(width_of(ya["high"], px), width_of(ya["low"], px)) + px * 0.6
        side = min(side, area.width() * 0.2)
        m = QRectF(area.left() + side, top + line * 1.2, area.width() - side,
                   area.bottom() - top - line * 1.2 - line * bottom_lines - px * 0.5)
        plan.map = m
        # axis labels
        plan.texts.append(Text(QRectF(area.left(), top, area.width(), line),
                               f"▲ {ya['label']}", px, INK, bold=True, flags=LEFT))
        for word, y in ((ya["high"], m.top()), (ya["low"], m.bottom() - line)):
            text, _ = fit_lines(word, side - px * 0.4, px, 2)
            plan.texts.append(Text(QRectF(area.left(), y, side - px * 0.4, line * 2
                                          if y == m.top() else line), text, px, MUTED,
                                   flags=int(Qt.AlignmentFlag.AlignRight
                                             | Qt.AlignmentFlag.AlignTop
                                             | Qt.TextFlag.TextWordWrap)))
        below = QRectF(m.left(), m.bottom() + px * 0.3, m.width(), line)
        low_w = width_of(xa["low"], px) + px
        high_w = width_of(xa["high"], px) + px
        plan.texts.append(Text(below, xa["low"], px, MUTED, flags=LEFT))
        plan.texts.append(Text(below, xa["high"], px, MUTED,
                               flags=int(Qt.AlignmentFlag.AlignRight
                                         | Qt.AlignmentFlag.AlignVCenter)))
        label, _ = fit_lines(f"{xa['label']} ▶", max(px * 4, m.width() - low_w - high_w),
                             px, 1, bold=True)
        plan.texts.append(Text(QRectF(m.left() + low_w, below.top(),
                                      m.width() - low_w - high_w, line), label, px, INK,
                               bold=True, flags=int(Qt.AlignmentFlag.AlignCenter)))
        notes_row = QRectF(area.left(), below.bottom(), area.width(), line)
        if legend:
            self._place_legend(plan, notes_row, legend)
        obstacles: list[QRectF] = []
        if self.named:
            for i, name in enumerate(self.names):
                qw = m.width() / 2
                text, h = fit_lines(name, qw * 0.6, px, 2, bold=True)
                x = m.left() + px * 0.4 if i % 2 == 0 else m.right() - px * 0.4 - qw * 0.6
                y = m.top() + px * 0.3 if i < 2 else m.bottom() - px * 0.3 - h
                rect = QRectF(x, y, qw * 0.6, h)
                align = Qt.AlignmentFlag.AlignLeft if i % 2 == 0 else Qt.AlignmentFlag.AlignRight
                plan.texts.append(Text(rect, text, px, HEADER_INK, bold=True,
                                       flags=int(align | Qt.TextFlag.TextWordWrap)))
                tight = max(width_of(part, px, bold=True)
                            for part in text.split("\n")) + px * 0.4
                if "\n" not in text:
                    tight = min(tight, max(width_of(part, px, bold=True)
                                           for part in _lines(text, qw * 0.6, px)) + px * 0.4)
                plan.backed.append(rect.adjusted(
                    0 if i % 2 == 0 else rect.width() - tight, 0,
                    -(rect.width() - tight) if i % 2 == 0 else 0, 0))
                obstacles.append(rect)
        for zone in self.zones:
            obstacles += self._place_zone(plan, m, zone, px)
        r = px * 0.5
        centres = {p.uid: QPointF(m.left() + p.x * m.width(), m.bottom() - p.y * m.height())
                   for p in self.points}
        for p in self.points:
            c = centres[p.uid]
            obstacles.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
            plan.markers.append((c, r, p))
            if p.target is not None:
                t = QPointF(m.left() + p.target[0] * m.width(),
                            m.bottom() - p.target[1] * m.height())
                plan.arrows.append((c, t))
        # the point being discussed is labelled first, so it always is
        for p in sorted(self.points, key=lambda q: q.uid != self.selected):
            placed = self._place_label(p, centres[p.uid], r, px, m, obstacles)
            if placed is None:
                plan.hidden += 1
                continue
            rect, text = placed
            obstacles.append(rect)
            plan.backed.append(rect)
            plan.texts.append(Text(rect, text, px, INK, flags=CENTRE))
        for c, radius, p in plan.markers:
            if MARKS[p.disposition]:
                plan.texts.append(Text(QRectF(c.x() - radius, c.y() - radius, 2 * radius,
                                              2 * radius), MARKS[p.disposition], px * 0.8,
                                       FILL_INK, bold=True, flags=CENTRE))
        if plan.hidden:
            note = (f"{plan.hidden} name{'s' if plan.hidden != 1 else ''} not shown "
                    "(crowded; all in the PDF)")
            plan.texts.append(Text(QRectF(area.left(), m.top() - line * 1.2, area.width(),
                                          line), note, px, MUTED,
                                   flags=int(Qt.AlignmentFlag.AlignRight
                                             | Qt.AlignmentFlag.AlignVCenter)))
        return plan

    def _place_zone(self, plan: _Layout, m: QRectF, zone: Mapping[str, Any],
                    px: float) -> list[QRectF]:
        cx = m.left() + float(zone["x"]) * m.width()
        cy = m.bottom() - float(zone["y"]) * m.height()
        w, h = m.width() * 0.34, m.height() * 0.36
        rect = QRectF(cx - w / 2, cy - h / 2, w, h).intersected(m)
        plan.zones.append(rect)
        count = self.counts.get(str(zone["name"]))
        count_text = "" if count is None else str(count)
        big = px * 1.5
        count_h = metrics(big, bold=True).lineSpacing() * 0.9 if count_text else 0.0
        line = metrics(px).lineSpacing()
        lines = max(1, min(3, int((rect.height() * 0.92 - count_h) / line)))
        name, name_h = fit_lines(str(zone["name"]), rect.width() * 0.9, px, lines)
        y = rect.center().y() - (name_h + count_h) / 2
        name_rect = QRectF(rect.left() + rect.width() * 0.05, y, rect.width() * 0.9, name_h)
        plan.texts.append(Text(name_rect, name, px, INK, flags=CENTRE))
        used = [name_rect]
        if count_text:
            count_rect = QRectF(rect.left(), y + name_h, rect.width(), count_h)
            plan.texts.append(Text(count_rect, count_text, big, HEADER_INK, bold=True,
                                   flags=CENTRE))
            used.append(count_rect.adjusted(rect.width() * 0.35, 0, -rect.width() * 0.35, 0))
        return used

    def _place_label(self, p: Point, c: QPointF, r: float, px: float, m: QRectF,
                     obstacles: list[QRectF]) -> tuple[QRectF, str] | None:
        """A place for the point's label (at most two lines) clear of everything
        placed so far, trying eight spots round the marker; None if none is free."""
        natural = width_of(p.label, px)
        text, text_h = fit_lines(p.label, min(natural, px * LABEL_EMS) + 1, px, 2)
        w = min(natural, px * LABEL_EMS) + px * 0.5
        if text_h > metrics(px).lineSpacing() * 1.5:  # two lines: as wide as they need
            w = max(width_of(part, px) for part in _lines(text, w - px * 0.5, px)) + px * 0.5
        h = text_h + px * 0.1
        g = px * 0.25
        candidates = [(c.x() + r + g, c.y() - h / 2), (c.x() - r - g - w, c.y() - h / 2),
                      (c.x() - w / 2, c.y() - r - g - h), (c.x() - w / 2, c.y() + r + g),
                      (c.x() + r * 0.7, c.y() - r * 0.7 - h), (c.x() + r * 0.7, c.y() + r * 0.7),
                      (c.x() - r * 0.7 - w, c.y() - r * 0.7 - h),
                      (c.x() - r * 0.7 - w, c.y() + r * 0.7)]
        for x, y in candidates:
            rect = QRectF(x, y, w, h)
            if m.contains(rect) and not any(rect.intersects(o) for o in obstacles):
                return rect, text
        return None

    def _legend_entries(self) -> list[tuple[str, str]]:
        used = {p.disposition for p in self.points if p.disposition}
        entries = [(d, f"{DISPOSITION_WORDS[d]}") for d in ("+", "0", "-") if d in used]
        if any(p.target is not None for p in self.points):
            entries.append(("→", "where they should be"))
        return entries

    def _place_legend(self, plan: _Layout, row: QRectF, entries: list[tuple[str, str]]
                      ) -> None:
        px = plan.px
        x = row.left()
        for mark, words in entries:
            centre = QPointF(x + px * 0.5, row.center().y())
            if mark == "→":
                plan.arrows.append((QPointF(x, centre.y()), QPointF(x + px * 1.4, centre.y())))
                x += px * 1.8
            else:
                plan.swatches.append((centre, px * 0.5, mark))
                plan.texts.append(Text(QRectF(centre.x() - px * 0.5, centre.y() - px * 0.5,
                                              px, px), MARKS[mark], px * 0.8, FILL_INK,
                                       bold=True, flags=CENTRE))
                x += px * 1.3
            plan.texts.append(Text(QRectF(x, row.top(), width_of(words, px) + px, row.height()),
                                   words, px, MUTED, flags=LEFT))
            x += width_of(words, px) + px * 1.5

    # ------------------------------------------------------------ output

    def visible_texts(self) -> list[str]:
        return [t.text for t in self.plan.texts]

    def paint(self, p: QPainter) -> None:
        plan, m = self.plan, self.plan.map
        px = plan.px
        for i in range(4):  # the theme's band and background, chequered
            p.fillRect(QRectF(m.left() + (i % 2) * m.width() / 2,
                              m.top() + (i // 2) * m.height() / 2,
                              m.width() / 2, m.height() / 2),
                       BAND if i in (0, 3) else BACKGROUND)
        p.setPen(QPen(GRID, max(1.0, px * 0.08)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(m)
        p.drawLine(QPointF(m.center().x(), m.top()), QPointF(m.center().x(), m.bottom()))
        p.drawLine(QPointF(m.left(), m.center().y()), QPointF(m.right(), m.center().y()))
        p.setPen(QPen(MUTED, max(1.0, px * 0.06), Qt.PenStyle.DashLine))
        p.setBrush(ZONE_FILL)
        for zone in plan.zones:
            corner = min(zone.width(), zone.height()) * 0.25
            p.drawRoundedRect(zone, corner, corner)
        for a, b in plan.arrows:
            _arrow(p, a, b, px)
        for c, r, point in plan.markers:
            p.setPen(QPen(BACKGROUND, max(1.0, px * 0.08)))
            p.setBrush(QColor(DISPOSITION_FILLS[point.disposition]))
            p.drawEllipse(c, r, r)
            if point.uid == self.selected:
                p.setPen(QPen(FOCUS, max(2.0, px * 0.12)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(c, r * 1.6, r * 1.6)
        for c, r, mark in plan.swatches:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(DISPOSITION_FILLS[mark]))
            p.drawEllipse(c, r, r)
        backing = QColor(BACKGROUND)
        backing.setAlpha(200)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(backing)
        for rect in plan.backed:
            p.drawRoundedRect(rect, px * 0.2, px * 0.2)
        for text in plan.texts:
            text.paint(p)


def _lines(text: str, width: float, px: float) -> list[str]:
    """``text`` broken into the lines word wrapping gives at ``width``."""
    m = metrics(px)
    lines: list[str] = []
    for word in text.split():
        if lines and m.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _arrow(p: QPainter, a: QPointF, b: QPointF, px: float) -> None:
    """A dashed line from ``a`` to ``b`` ending in a solid arrowhead."""
    length = math.hypot(b.x() - a.x(), b.y() - a.y())
    if length < 1:
        return
    ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
    head = min(px * 0.7, length * 0.6)
    base = QPointF(b.x() - ux * head, b.y() - uy * head)
    p.setPen(QPen(INK, max(1.5, px * 0.1), Qt.PenStyle.DashLine))
    p.drawLine(a, base)
    path = QPainterPath()
    path.addPolygon(QPolygonF([b, QPointF(base.x() - uy * head * 0.5, base.y() + ux * head * 0.5),
                               QPointF(base.x() + uy * head * 0.5, base.y() - ux * head * 0.5)]))
    p.setPen(Qt.PenStyle.NoPen)
    p.fillPath(path, INK)


def quadrant_scene(config: Mapping[str, Any], items: list[StepItem],
                   pointed: Mapping[str, Any]) -> Scene:
    """The map for a quadrant step; with zones, the counts of the scenario the console
    is on (else the first with counts)."""
    zones = zones_of(config)
    counts = zone_counts(items)
    scenarios = scenarios_of(config, items) or [""]
    scenario = str(pointed.get("scenario", ""))
    if scenario not in scenarios:
        scenario = next((s for s in scenarios if counts.get(s)), scenarios[0])
    number = (scenarios.index(scenario) + 1, len(scenarios))
    return QuadrantScene(config, points_of(items), zones=zones,
                         counts=counts.get(scenario, {}), scenario=scenario,
                         scenario_number=number, selected=str(pointed.get("point", "")))
