"""Circles on the projector: concentric rings (drawn as ellipses to use a wide
screen), each ring's name at its top and its entries as plain-text labels packed
into the ring's band, row by row."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from collabfacil.domain.matrix_maps import Entry, by_ring, rings_of
from collabfacil.domain.model import StepItem
from collabfacil.ui.projector.matrix_paint import Text, blend, metrics, width_of
from collabfacil.ui.projector.scene import Scene
from collabfacil.ui.projector.theme import BACKGROUND, GRID, HEADER_INK, INK, MUTED, PANEL

MOVED = "➜"
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


@dataclass
class _Plan:
    px: float
    wrap: bool = False  # entries too wide for a row may be wrapped or shortened
    ellipses: list[QRectF] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    hidden: int = 0
    awkward: int = 0  # entries wrapped or shortened, ring names shortened


def _label(entry: Entry) -> str:
    return (f"{MOVED} " if entry.moved_from is not None else "") + entry.label()


def segments(cx: float, cy: float, y: float, h: float, outer: tuple[float, float],
             inner: tuple[float, float] | None, pad: float) -> list[tuple[float, float]]:
    """The stretches of the text row [y, y + h] that lie inside the ring between the
    ``inner`` and ``outer`` ellipses (semi-axes), at least ``pad`` from each edge."""
    a, b = outer
    far = max(abs(y - cy), abs(y + h - cy))
    if far >= b:
        return []
    half = a * math.sqrt(1 - (far / b) ** 2) - pad
    if half <= 0:
        return []
    if inner is None:
        return [(cx - half, cx + half)]
    ia, ib = inner
    near = 0.0 if y <= cy <= y + h else min(abs(y - cy), abs(y + h - cy))
    if near >= ib:
        return [(cx - half, cx + half)]
    inner_half = ia * math.sqrt(1 - (near / ib) ** 2) + pad
    if inner_half >= half:
        return []
    return [(cx - half, cx - inner_half), (cx + inner_half, cx + half)]


class CirclesScene:
    """Rings, innermost first, with their entries; moved entries marked ➜."""

    def __init__(self, rings: list[str], entries: list[list[Entry]]) -> None:
        self.rings = rings
        self.entries = entries
        self.moved = any(e.moved_from is not None for ring in entries for e in ring)
        self.plan = _Plan(20.0)

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        """The largest type at which every entry and name fits whole on one line;
        failing that, at the floor, long entries are wrapped down a ring's side."""
        px = max(min_px, max_px * 0.8)
        while px >= min_px:
            plan = self._plan(area, px, wrap=False)
            if plan.hidden == 0 and plan.awkward == 0:
                self.plan = plan
                return
            px *= 0.92
        self.plan = self._plan(area, min_px, wrap=True)

    def _plan(self, area: QRectF, px: float, *, wrap: bool) -> _Plan:
        plan = _Plan(px, wrap)
        line = metrics(px).lineSpacing()
        legend_h = line * 1.2 if self.moved else 0.0
        body = QRectF(area.left(), area.top(), area.width(), area.height() - legend_h)
        cx, cy = body.center().x(), body.center().y()
        n = len(self.rings)
        big_a, big_b = body.width() / 2, body.height() / 2
        # the inner rings get a little more than an equal share: they hold text too
        shares = [((i + 1) / n) ** 0.75 for i in range(n)]
        axes = [(big_a * f, big_b * f) for f in shares]
        pad, gap = px * 0.4, px * 0.9
        for a, b in axes:
            plan.ellipses.append(QRectF(cx - a, cy - b, 2 * a, 2 * b))
        for i, (ring, entries) in enumerate(zip(self.rings, self.entries, strict=True)):
            outer = axes[i]
            inner = axes[i - 1] if i else None
            rows = []
            y = cy - outer[1] + pad * 0.5
            while y + line <= cy + outer[1] - pad * 0.5:
                rows.append((y, segments(cx, cy, y, line, outer, inner, pad)))
                y += line
            rows = [(y, segs) for y, segs in rows if segs]
            if not rows:
                plan.hidden += len(entries)
                continue
            # the ring's name, centred on the first row near its top wide enough for it
            need = width_of(ring, px, bold=True)
            at = next((k for k, (_, segs) in enumerate(rows[:4])
                       if max(s[1] - s[0] for s in segs) >= need), None)
            if at is None:
                at = max(range(min(4, len(rows))),
                         key=lambda k: max(s[1] - s[0] for s in rows[k][1]))
            name_y, name_segs = rows[at]
            widest = max(name_segs, key=lambda s: s[1] - s[0])
            name = metrics(px, bold=True).elidedText(ring, Qt.TextElideMode.ElideRight,
                                                      widest[1] - widest[0])
            plan.awkward += name != ring
            name_text = Text(QRectF(widest[0], name_y, widest[1] - widest[0], line),
                             name, px, HEADER_INK, bold=True, flags=CENTRE)
            plan.texts.append(name_text)
            hidden = self._pack(plan, entries, rows[at + 1:], px, gap, line, cy)
            if hidden:  # say so on the ring's name line
                plan.texts[plan.texts.index(name_text)] = Text(
                    name_text.rect, metrics(px, bold=True).elidedText(
                        f"{ring} (+{hidden} more)", Qt.TextElideMode.ElideMiddle,
                        name_text.rect.width()), px, HEADER_INK, bold=True, flags=CENTRE)
            plan.hidden += hidden
        if self.moved:
            plan.texts.append(Text(QRectF(area.left(), area.bottom() - line, area.width(),
                                          line), f"{MOVED} moved from where it started",
                                   px, MUTED, flags=LEFT))
        return plan

    def _pack(self, plan: _Plan, entries: list[Entry], rows: list[tuple[float, list]],
              px: float, gap: float, line: float, cy: float) -> int:
        """Flow the entries into the ring: its top cap, then its left and right
        sides, then its bottom cap. Short entries share a row; one wider than its
        row is wrapped down the following rows of the same side. Returns how many
        found no room."""
        top = [(y, segs[0]) for y, segs in rows if len(segs) == 1 and y + line <= cy]
        bottom = [(y, segs[0]) for y, segs in rows if len(segs) == 1 and y + line > cy]
        left = [(y, segs[0]) for y, segs in rows if len(segs) == 2]
        right = [(y, segs[1]) for y, segs in rows if len(segs) == 2]
        index = 0
        for region, align in ((top, "centre"), (bottom, "centre"), (left, "right"),
                              (right, "left")):
            index = self._flow(plan, entries, index, region, px, gap, line, align)
        return len(entries) - index

    def _flow(self, plan: _Plan, entries: list[Entry], index: int,
              region: list[tuple[float, tuple[float, float]]], px: float, gap: float,
              line: float, align: str) -> int:
        r = 0
        while index < len(entries) and r < len(region):
            row: list[tuple[str, float, Entry]] = []
            y, (x0, x1) = region[r]
            width = x1 - x0
            while index < len(entries):
                text = _label(entries[index])
                w = width_of(text, px)
                if sum(x[1] for x in row) + gap * len(row) + w > width:
                    break
                row.append((text, w, entries[index]))
                index += 1
            if row:
                self._row(plan, row, y, x0, x1, px, gap, line, align)
                r += 1
                continue
            if not plan.wrap:
                r += 1  # wait for a wider row
                continue
            # the next entry is wider than this row: wrap it down this side
            entry = entries[index]
            plan.awkward += 1
            words, lines_used = _label(entry).split(), 0
            while words and r + lines_used < len(region):
                ly, (lx0, lx1) = region[r + lines_used]
                part = words.pop(0)
                while words and width_of(f"{part} {words[0]}", px) <= lx1 - lx0:
                    part = f"{part} {words.pop(0)}"
                if width_of(part, px) > lx1 - lx0:
                    part = metrics(px).elidedText(part, Qt.TextElideMode.ElideRight, lx1 - lx0)
                self._row(plan, [(part, width_of(part, px), entry)], ly, lx0, lx1, px, gap,
                          line, align)
                lines_used += 1
            if words:  # ran out of rows part-way: end what is shown with …
                last = plan.texts[-1]
                text = last.text.rstrip("…") + " …"
                plan.texts[-1] = Text(QRectF(last.rect.left(), last.rect.top(),
                                             width_of(text, px) + 1, last.rect.height()),
                                      text, last.px, last.colour, flags=last.flags)
            index += 1
            r += lines_used + 1  # a blank row after a wrapped entry keeps it apart
        return index

    def _row(self, plan: _Plan, row: list[tuple[str, float, Entry]], y: float, x0: float,
             x1: float, px: float, gap: float, line: float, align: str) -> None:
        """One row of entries: centred in a cap, hugging the inner ring on a side."""
        total = sum(w for _, w, _ in row) + gap * max(0, len(row) - 1)
        x = {"left": x0, "right": x1 - total}.get(align, x0 + (x1 - x0 - total) / 2)
        for text, w, entry in row:
            colour = HEADER_INK if entry.moved_from is not None else INK
            plan.texts.append(Text(QRectF(x, y, w + 1, line), text, px, colour, flags=LEFT))
            x += w + gap

    def visible_texts(self) -> list[str]:
        return [t.text for t in self.plan.texts]

    def paint(self, p: QPainter) -> None:
        plan = self.plan
        n = len(plan.ellipses)
        for i, ellipse in reversed(list(enumerate(plan.ellipses))):
            # the innermost ring the most tinted, fading out to the background
            p.setPen(QPen(GRID, max(1.5, plan.px * 0.08)))
            p.setBrush(blend(PANEL, BACKGROUND, i / max(1, n - 1) * 0.85))
            p.drawEllipse(ellipse)
        for text in plan.texts:
            text.paint(p)


def circles_scene(config: Mapping[str, Any], items: list[StepItem],
                  pointed: Mapping[str, Any]) -> Scene:
    return CirclesScene(rings_of(config), by_ring(config, items))
