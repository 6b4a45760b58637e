"""Organisation pairs on the projector: a heatmap with the number in every rated
cell, and the pairs who rate each other 2 or more apart marked and listed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from collabfacil.domain.matrix_checks import SCALE_MAX
from collabfacil.domain.matrix_grid import (
    Pairs,
    asymmetric_cells,
    asymmetries,
    pairs_of,
    scale_label,
)
from collabfacil.domain.model import StepItem
from collabfacil.ui.projector.matrix_paint import (
    EMPTY_CELL,
    FOCUS,
    WARNING_INK,
    Text,
    column_headings,
    fit_lines,
    metrics,
    needs_lines,
    width_of,
)
from collabfacil.ui.projector.scene import MessageScene, Scene
from collabfacil.ui.projector.theme import GRID, INK, MUTED, PANEL

# ColorBrewer Blues (sequential, safe for colour-blind readers), 0 to 5, with the
# ink that reads on each; every rated cell prints its number as well.
HEAT = ("#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#4292C6", "#08519C")
HEAT_INK = ("#111111", "#111111", "#111111", "#111111", "#FFFFFF", "#FFFFFF")
ASYMMETRIC = "≠"
CENTRE = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            | Qt.TextFlag.TextWordWrap)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
           | Qt.TextFlag.TextWordWrap)


@dataclass
class _Plan:
    px: float
    texts: list[Text] = field(default_factory=list)
    cells: list[tuple[QRectF, int | None, bool, bool]] = field(default_factory=list)
    swatches: list[tuple[QRectF, int]] = field(default_factory=list)
    ticks: list[tuple[QPointF, QPointF]] = field(default_factory=list)
    focus: QRectF | None = None


class PairsScene:
    """The heatmap (rows rate columns) and the list of asymmetric pairs."""

    def __init__(self, config: Mapping[str, Any], pairs: Pairs, *, focus_row: str = "") -> None:
        self.config = config
        self.pairs = pairs
        self.focus_row = focus_row
        self.odd = asymmetric_cells(pairs)
        self.found = asymmetries(pairs)
        self.plan = _Plan(20.0)

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        px = max_px * 0.8
        while px * 0.92 >= min_px:
            plan = self._plan(area, px, final=False)
            if plan is not None:
                self.plan = plan
                return
            px *= 0.92
        plan = self._plan(area, min_px, final=True)
        assert plan is not None
        self.plan = plan

    def _list_lines(self) -> list[str]:
        if not self.found:
            return ["No asymmetric pairs so far"]
        return [f"{ASYMMETRIC} {p.sentence()}" for p in self.found]

    def _plan(self, area: QRectF, px: float, *, final: bool) -> _Plan | None:
        plan = _Plan(px)
        orgs = self.pairs.organisations
        n = len(orgs)
        line = metrics(px).lineSpacing()
        pad = px * 0.35
        wide = area.width() > area.height() * 1.45
        list_w = area.width() * 0.3 if wide else area.width()
        lines = self._list_lines()
        list_h = 0.0 if wide else line * 1.2 + sum(
            fit_lines(t, list_w, px, 3)[1] + px * 0.3 for t in lines[:3])
        grid_w = area.width() - (list_w + px if wide else 0)
        key_h = self._place_key(_Plan(px), QRectF(area.left(), 0, grid_w, line)) + px * 0.3
        label_w = min(max(width_of(o, px) for o in orgs) + 2 * pad, grid_w * 0.3)
        if not final and any(needs_lines(o, label_w - pad, px) > 2 for o in orgs):
            return None
        top = area.top() + line * 1.2
        # the headings' height depends on the cells' width and the other way round:
        # size the cells for two lines of heading, then check
        room_h = area.bottom() - top - key_h - list_h
        cell = min((grid_w - label_w) / n, (room_h - line * 2 - pad) / n)
        heads = None
        for _ in range(3):  # the headings' height and the cells' size depend on each other
            heads = column_headings(orgs, left=area.left() + label_w, top=top, col_w=cell,
                                    px=px, final=final, colour=INK)
            if heads is None:
                return None
            fits = min((grid_w - label_w) / n, (room_h - heads.height) / n)
            if fits >= cell - 0.5:
                break
            cell = fits
        assert heads is not None
        if not final and cell < px * 2.0:
            return None
        plan.texts.append(Text(QRectF(area.left(), area.top(), area.width(), line),
                               "Each row rates its relationship with each column", px,
                               MUTED, flags=LEFT))
        plan.texts += heads.texts
        plan.ticks = heads.ticks
        left, y = area.left() + label_w, top + heads.height
        for i, source in enumerate(orgs):
            text, _ = fit_lines(source, label_w - pad, px, 2)
            plan.texts.append(Text(QRectF(area.left(), y + i * cell, label_w - pad, cell),
                                   text, px, INK, flags=RIGHT))
            if source == self.focus_row:
                plan.focus = QRectF(area.left(), y + i * cell, label_w + n * cell, cell)
            for j, target in enumerate(orgs):
                rect = QRectF(left + j * cell, y + i * cell, cell, cell).adjusted(
                    px * 0.08, px * 0.08, -px * 0.08, -px * 0.08)
                value = self.pairs.value(source, target)
                odd = (source, target) in self.odd
                plan.cells.append((rect, value, source == target, odd))
                if value is not None:
                    label = f"{value}{ASYMMETRIC}" if odd else str(value)
                    plan.texts.append(Text(rect, label, min(px * 1.2, cell * 0.45),
                                           QColor(HEAT_INK[value]), bold=True, flags=CENTRE))
        bottom = y + n * cell + pad
        self._place_key(plan, QRectF(area.left(), bottom, grid_w, line))
        if wide:
            box = QRectF(area.left() + grid_w + px, top, list_w, area.bottom() - top)
        else:
            box = QRectF(area.left(), bottom + key_h, area.width(),
                         area.bottom() - bottom - key_h)
        self._place_list(plan, box, lines)
        return plan

    def _place_key(self, plan: _Plan, row: QRectF) -> float:
        """The scale's swatches and words, wrapping onto more lines; returns the height."""
        px = plan.px
        line = max(metrics(px).lineSpacing(), px * 1.4)
        x, y = row.left(), row.top()
        words = [scale_label(self.config, v) for v in range(SCALE_MAX + 1)]
        entries: list[tuple[int | None, str]] = [(v, words[v]) for v in range(SCALE_MAX + 1)]
        entries.append((None, f"{ASYMMETRIC} rated 2 or more apart"))
        for value, text in entries:
            need = (px * 1.7 if value is not None else 0) + (
                width_of(text, px, bold=value is None) + px * 0.8 if text else 0)
            if x + need > row.right() and x > row.left():
                x, y = row.left(), y + line
            if value is not None:
                swatch = QRectF(x, y + px * 0.1, px * 1.5, px * 1.2)
                plan.swatches.append((swatch, value))
                plan.texts.append(Text(swatch, str(value), px * 0.9,
                                       QColor(HEAT_INK[value]), bold=True, flags=CENTRE))
                x += px * 1.7
            if text:
                plan.texts.append(Text(QRectF(x, y, width_of(text, px, bold=True) + px,
                                              line), text, px,
                                       MUTED if value is not None else WARNING_INK,
                                       bold=value is None, flags=LEFT))
                x += width_of(text, px, bold=value is None) + px * 0.8
        return y + line - row.top()

    def _place_list(self, plan: _Plan, box: QRectF, lines: list[str]) -> None:
        px = plan.px
        line = metrics(px).lineSpacing()
        title = f"{ASYMMETRIC} Asymmetric pairs" if self.found else ""
        y = box.top()
        if title:
            plan.texts.append(Text(QRectF(box.left(), y, box.width(), line), title, px,
                                   WARNING_INK, bold=True, flags=LEFT))
            y += line * 1.2
        for i, text in enumerate(lines):
            shown, h = fit_lines(text, box.width(), px, 3)
            if y + h > box.bottom():
                more = len(lines) - i
                plan.texts.append(Text(QRectF(box.left(), y, box.width(), line),
                                       f"+{more} more (in the PDF)", px, MUTED, flags=LEFT))
                break
            plan.texts.append(Text(QRectF(box.left(), y, box.width(), h), shown, px,
                                   INK if self.found else MUTED, flags=LEFT))
            y += h + px * 0.3

    def visible_texts(self) -> list[str]:
        return [t.text for t in self.plan.texts]

    def paint(self, p: QPainter) -> None:
        plan = self.plan
        px = plan.px
        for rect, value, diagonal, odd in plan.cells:
            if diagonal:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(PANEL)
                p.drawRect(rect)
                p.setPen(QPen(EMPTY_CELL, max(1.0, px * 0.08)))
                p.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(),
                                                                         rect.top()))
                continue
            if value is None:
                p.setPen(QPen(EMPTY_CELL, max(1.0, px * 0.06)))
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:  # outlined too, so the palest cell stands out on a pale background
                p.setPen(QPen(GRID, max(1.0, px * 0.04)))
                p.setBrush(QColor(HEAT[value]))
            p.drawRect(rect)
            if odd:
                p.setPen(QPen(WARNING_INK, max(2.0, px * 0.16)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect.adjusted(px * 0.1, px * 0.1, -px * 0.1, -px * 0.1))
        p.setPen(Qt.PenStyle.NoPen)
        for rect, value in plan.swatches:
            p.setBrush(QColor(HEAT[value]))
            p.drawRect(rect)
        p.setPen(QPen(GRID, max(1.0, px * 0.06)))
        for a, b in plan.ticks:
            p.drawLine(a, b)
        if plan.focus is not None:
            p.setPen(QPen(FOCUS, max(2.0, px * 0.1)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(plan.focus)
        for text in plan.texts:
            text.paint(p)


def pairwise_scene(config: Mapping[str, Any], partners: Sequence[str],
                   items: list[StepItem], pointed: Mapping[str, Any]) -> Scene:
    pairs = pairs_of(config, partners, items)
    if len(pairs.organisations) < 2:
        return MessageScene("Pairs need at least two organisations: name them in the step, "
                            "or add partners to the workshop")
    return PairsScene(config, pairs, focus_row=str(pointed.get("row", "")))
