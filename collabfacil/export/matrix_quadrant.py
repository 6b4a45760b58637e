"""The 2×2 map in the PDF and the Markdown summary: a vector drawing, the table of
points by quadrant, and the show-of-hands counts per zone.

On the map every point carries the number of its row in the table (the rows go
quadrant by quadrant, so the numbers do too), then its name on up to two lines in
the room there is beside it, inside its own quadrant; when the room runs out the
name is shortened with "…" but the number stays. A zone shows its name, wrapped
(in smaller type if need be) inside its box, and under it the zone's count of hands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from collabfacil.domain.frozen import frozen
from collabfacil.domain.matrix_maps import (
    DISPOSITION_WORDS,
    Point,
    points_of,
    quadrant_names,
    scenarios_of,
    x_axis,
    y_axis,
    zone_counts,
    zone_totals,
    zones_of,
)
from collabfacil.domain.model import Step, StepItem
from collabfacil.export.pdf_table import page_table
from collabfacil.export.pdf_theme import FONT, FONT_BOLD, Palette, markup, new_drawing, printable
from collabfacil.export.sections.base import SectionContext

FILLS = {"+": Palette.green, "0": Palette.rule, "-": Palette.orange, "": Palette.sky}
MARKS = {"+": "+", "0": "0", "-": "\u2212", "": ""}
TINTS = (Palette.band, Palette.white, Palette.white, Palette.band)
ELLIPSIS = "\u2026"
LABEL_SIZE = 7.0
LEADING = 8.5  # a point label's line
AXIS_SIZE = 8.0
R = 4.0  # a marker's radius
LABEL_MAX = 150.0  # the widest a point's label grows, its number included
NUMBER_GAP = 2.5  # between a point's number and its name
MIN_TEXT = 30.0  # a name cut shorter than this is left out: the number alone
ZONE_SIZES = (7.5, 7.0, 6.5, 6.0)  # a zone's name: the largest that fits it whole
COUNT_SIZE = 9.0
ZONE_PAD = (6.0, 4.0)  # inside a zone's box, left and right / top and bottom
SCENARIO_COLUMNS = 6  # the most scenarios side by side in one table of counts

Box = tuple[float, float, float, float]  # x, y (bottom left), width, height
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


@frozen
class MapFrame:
    """The 2×2's box inside a drawing: its bottom left corner, width and height."""

    left: float
    bottom: float
    width: float
    height: float

    def at(self, x: float, y: float) -> tuple[float, float]:
        return self.left + x * self.width, self.bottom + y * self.height

    def quadrant(self, i: int) -> Box:
        """Quadrant ``i`` (0 top left, 1 top right, 2 bottom left, 3 bottom right)."""
        hw, hh = self.width / 2, self.height / 2
        return self.left + (i % 2) * hw, self.bottom + (1 - i // 2) * hh, hw, hh

    def zone(self, zone: Mapping[str, Any]) -> Box:
        """A zone's box: 30% of the map each way round its centre, inside the map."""
        cx, cy = self.at(float(zone["x"]), float(zone["y"]))
        zw, zh = self.width * 0.3, self.height * 0.3
        x0, y0 = max(self.left, cx - zw / 2), max(self.bottom, cy - zh / 2)
        x1 = min(self.left + self.width, cx + zw / 2)
        y1 = min(self.bottom + self.height, cy + zh / 2)
        return x0, y0, max(0.0, x1 - x0), max(0.0, y1 - y0)


def map_frame(width: float) -> MapFrame:
    """Where the map sits in a drawing ``width`` wide (and 0.6 × ``width`` high)."""
    left, bottom, top_pad = 52.0, 26.0, 14.0
    return MapFrame(left, bottom, width - left - 4, width * 0.6 - bottom - top_pad)


# ------------------------------------------------------------------ text in a box


def _prefix(text: str, width: float, font: str, size: float) -> int:
    """How many of ``text``'s first characters fit in ``width``."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid], font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _fit(text: str, width: float, font: str, size: float) -> str:
    """``text`` on one line of ``width``, cut with "…" if need be ("" if not even that fits)."""
    text = printable(text)
    if stringWidth(text, font, size) <= width:
        return text
    room = width - stringWidth(ELLIPSIS, font, size)
    if room < 0:
        return ""
    return text[:_prefix(text, room, font, size)].rstrip() + ELLIPSIS


def wrap(text: str, width: float, font: str, size: float,
         max_lines: int) -> tuple[list[str], bool]:
    """``text`` in at most ``max_lines`` lines no wider than ``width``, a word too long
    for a line broken inside it; if the text does not all fit, the last line ends
    in "…". Returns the lines and whether they hold the whole text."""
    words = printable(text).split()
    if max_lines < 1 or not words:
        return [], not words
    lines: list[str] = []
    joins: list[str] = []  # what went between each line and the next: " " or "" (a word cut)
    i = 0
    while i < len(words) and len(lines) < max_lines:
        word = words[i]
        if stringWidth(word, font, size) > width:
            cut = _prefix(word, width, font, size)
            if cut == 0:
                break
            lines.append(word[:cut])
            joins.append("")
            words[i] = word[cut:]
            continue
        line, i = word, i + 1
        while i < len(words) and stringWidth(f"{line} {words[i]}", font, size) <= width:
            line, i = f"{line} {words[i]}", i + 1
        lines.append(line)
        joins.append(" ")
    if i >= len(words):
        return lines, True
    rest = " ".join(words[i:])
    if lines:
        rest = lines.pop() + joins[len(lines)] + rest
    last = _fit(rest, width, font, size)
    if last and last != ELLIPSIS:
        lines.append(last)
    return lines, False


# ------------------------------------------------------------------ the drawing


def drawing(step: Step, points: list[Point], width: float,
            totals: dict[str, int] | None = None) -> Drawing:
    """The map as vector graphics: quadrants, axes, zones, points, labels, arrows.

    ``totals`` (zone name -> hands over all scenarios) puts a count in every zone;
    a zone nobody chose shows 0."""
    config = step.config
    xa, ya = x_axis(config), y_axis(config)
    names = quadrant_names(config)
    zones = zones_of(config)
    height = width * 0.6
    d = new_drawing(width, height)
    frame = map_frame(width)
    left, bottom, mw, mh = frame.left, frame.bottom, frame.width, frame.height
    half_w, half_h = mw / 2, mh / 2

    for i, tint in enumerate(TINTS):
        d.add(Rect(*frame.quadrant(i), fillColor=tint, strokeColor=None))
    d.add(Rect(left, bottom, mw, mh, fillColor=None, strokeColor=Palette.rule,
               strokeWidth=0.8))
    d.add(Line(left + half_w, bottom, left + half_w, bottom + mh, strokeColor=Palette.rule))
    d.add(Line(left, bottom + half_h, left + mw, bottom + half_h, strokeColor=Palette.rule))
    d.add(String(left, height - 10, _fit(f"\u25b2 {ya['label']}", width - left, FONT_BOLD,
                                         AXIS_SIZE), fontName=FONT_BOLD, fontSize=AXIS_SIZE))
    for word, y in ((ya["high"], bottom + mh - AXIS_SIZE), (ya["low"], bottom + 2)):
        d.add(String(left - 4, y, _fit(word, left - 6, FONT, AXIS_SIZE - 1),
                     fontName=FONT, fontSize=AXIS_SIZE - 1, textAnchor="end",
                     fillColor=Palette.muted))
    d.add(String(left, bottom - 11, _fit(xa["low"], mw / 4, FONT, AXIS_SIZE - 1),
                 fontName=FONT, fontSize=AXIS_SIZE - 1, fillColor=Palette.muted))
    d.add(String(left + mw, bottom - 11, _fit(xa["high"], mw / 4, FONT, AXIS_SIZE - 1),
                 fontName=FONT, fontSize=AXIS_SIZE - 1, textAnchor="end",
                 fillColor=Palette.muted))
    d.add(String(left + half_w, bottom - 22, _fit(f"{xa['label']} \u25b6", mw / 2, FONT_BOLD,
                                                  AXIS_SIZE),
                 fontName=FONT_BOLD, fontSize=AXIS_SIZE, textAnchor="middle"))
    taken: list[Box] = []
    if not zones:
        for i, name in enumerate(names):
            x = left + 4 if i % 2 == 0 else left + mw - 4
            y = bottom + mh - 11 if i < 2 else bottom + 4
            text = _fit(name, half_w - 10, FONT_BOLD, AXIS_SIZE)
            w = stringWidth(text, FONT_BOLD, AXIS_SIZE)
            d.add(String(x, y, text, fontName=FONT_BOLD, fontSize=AXIS_SIZE,
                         textAnchor="start" if i % 2 == 0 else "end",
                         fillColor=Palette.blue))
            taken.append((x if i % 2 == 0 else x - w, y - 2, w, AXIS_SIZE + 3))
    for zone in zones:
        total = None if not totals else totals.get(str(zone["name"]), 0)
        taken.append(_zone(d, frame.zone(zone), str(zone["name"]), total))
    arrows: list[Segment] = []
    for p in points:
        if p.target is not None:
            x, y = frame.at(p.x, p.y)
            tx, ty = frame.at(*p.target)
            d.add(Line(x, y, tx, ty, strokeColor=Palette.ink, strokeWidth=0.7,
                       strokeDashArray=[2, 1.5]))
            d.add(_head(x, y, tx, ty))
            arrows.append((x, y, tx, ty))
            taken.append((tx - 5, ty - 5, 10, 10))
    numbers = numbered(points)
    for _, p in numbers:
        x, y = frame.at(p.x, p.y)
        d.add(Circle(x, y, R, fillColor=FILLS[p.disposition], strokeColor=colors.white,
                     strokeWidth=0.5))
        if MARKS[p.disposition]:
            d.add(String(x, y - 2.2, MARKS[p.disposition], fontName=FONT_BOLD, fontSize=6,
                         textAnchor="middle", fillColor=Palette.ink))
        taken.append((x - R, y - R, 2 * R, 2 * R))
    for n, p in numbers:
        x, y = frame.at(p.x, p.y)
        label = _place(str(n), p.label, x, y, frame.quadrant(p.quadrant), taken, arrows)
        taken.append(label.box)
        d.add(label.group())
    return d


def _zone(d: Drawing, box: Box, name: str, total: int | None) -> Box:
    """A zone's dashed box, its name wrapped inside and its count under it; returns
    the box the words take up (for the points' labels to keep clear of)."""
    x0, y0, w, h = box
    group = Group(Rect(x0, y0, w, h, rx=min(8.0, w / 4, h / 4), ry=min(8.0, w / 4, h / 4),
                       fillColor=Palette.white, strokeColor=Palette.blue, strokeWidth=0.8,
                       strokeDashArray=[3, 2]))
    inner_w, inner_h = w - 2 * ZONE_PAD[0], h - 2 * ZONE_PAD[1]
    count, count_size = "", COUNT_SIZE
    if total is not None:
        count = f"{total:,} hand" + ("" if total == 1 else "s")
        while count_size > 5 and stringWidth(count, FONT_BOLD, count_size) > inner_w:
            count_size -= 0.5
        if stringWidth(count, FONT_BOLD, count_size) > inner_w:
            count = f"{total:,}"
    count_h = count_size * 1.2 if count else 0.0
    lines: list[str] = []
    size = ZONE_SIZES[0]
    for size in ZONE_SIZES:
        lines, whole = wrap(name, inner_w, FONT, size, int((inner_h - count_h) // (size * 1.2)))
        if whole:
            break
    block_h = len(lines) * size * 1.2 + count_h
    top = y0 + h / 2 + block_h / 2
    cx = x0 + w / 2
    for line in lines:
        top -= size * 1.2
        group.add(String(cx, top + size * 0.25, line, fontName=FONT, fontSize=size,
                         textAnchor="middle", fillColor=Palette.blue))
    if count:
        top -= count_h
        group.add(String(cx, top + count_size * 0.25, count, fontName=FONT_BOLD,
                         fontSize=count_size, textAnchor="middle", fillColor=Palette.ink))
    d.add(group)
    block_w = max([stringWidth(t, FONT, size) for t in lines]
                  + [stringWidth(count, FONT_BOLD, count_size)])
    return cx - block_w / 2, y0 + h / 2 - block_h / 2, block_w, block_h


@dataclass
class PointLabel:
    """A point's number and name, placed: bottom left corner and the lines of the name."""

    x: float
    y: float
    number: str
    lines: list[str]
    whole: bool = True

    @property
    def number_w(self) -> float:
        return stringWidth(self.number, FONT_BOLD, LABEL_SIZE)

    @property
    def w(self) -> float:
        text = max((stringWidth(t, FONT, LABEL_SIZE) for t in self.lines), default=0.0)
        return self.number_w + (NUMBER_GAP + text if self.lines else 0.0)

    @property
    def h(self) -> float:
        return max(1, len(self.lines)) * LEADING

    @property
    def box(self) -> Box:
        return self.x, self.y, self.w, self.h

    def group(self) -> Group:
        """On a white patch (arrows pass under it): the number in bold, the name after it."""
        top = self.y + self.h
        g = Group(Rect(self.x - 1, self.y, self.w + 2, self.h, fillColor=Palette.white,
                       strokeColor=None))
        g.add(String(self.x, top - LEADING + 2, self.number, fontName=FONT_BOLD,
                     fontSize=LABEL_SIZE, fillColor=Palette.ink))
        for i, line in enumerate(self.lines):
            g.add(String(self.x + self.number_w + NUMBER_GAP, top - (i + 1) * LEADING + 2,
                         line, fontName=FONT, fontSize=LABEL_SIZE, fillColor=Palette.ink))
        return g


# Where a label may go, in order of preference: the side and its lines. A label
# beside its marker starts with its first line level with the marker; a two-line one
# may then slide up (see _shifts) until its last line is.
SPOTS = (*((side, 1) for side in ("right", "left", "above", "below")),
         *((side, 2) for side in ("right", "left", "above", "below")))


def _spots(x: float, y: float, taken: Sequence[Box]) -> list[tuple[str, int, float]]:
    """SPOTS, each with how far its top is raised above the first line's level with
    the marker, then the two-line ones beside it raised further: by quarter lines,
    and to just under or just over anything taken nearby (to fit a gap exactly)."""
    out = [(side, n_lines, 0.0) for side, n_lines in SPOTS]
    shifts = [LEADING * k / 4 for k in (2, 4, 1, 3)]
    low, high = y + LEADING / 2, y + LEADING * 1.5  # the top's range: first to last line
    for tx, ty, tw, th in taken:
        if tx < x + R + LABEL_MAX and x - R - LABEL_MAX < tx + tw:
            shifts += [top - low for top in (ty - 0.5, ty + th + 2 * LEADING + 0.5)
                       if low < top <= high]
    out += [(side, 2, shift) for shift in dict.fromkeys(shifts) for side in ("right", "left")]
    return out


def _place(number: str, text: str, x: float, y: float, quadrant: Box,
           taken: Sequence[Box], arrows: Sequence[Segment]) -> PointLabel:
    """The best spot for the label of the marker at (x, y): inside its quadrant,
    clear of ``taken``; the whole name first, then the most of it, then not over an
    arrow, then the earlier spot (_spots). If no spot is clear, the number alone where it
    overlaps least."""
    qx, qy, qw, qh = quadrant[0] + 1, quadrant[1] + 1, quadrant[2] - 2, quadrant[3] - 2
    best: PointLabel | None = None
    best_key: tuple[bool, int, bool, int] | None = None
    for index, (side, n_lines, shift) in enumerate(_spots(x, y, taken)):
        band_h = n_lines * LEADING
        if side in ("right", "left"):
            top = min(max(y + LEADING / 2 + shift, qy + band_h), qy + qh)
            lo = top - band_h
            start = x + R + 2 if side == "right" else x - R - 2
            room = _room(start, 1 if side == "right" else -1, lo, top,
                         qx + qw if side == "right" else qx, taken)
            span = (start, start + room) if side == "right" else (start - room, start)
        else:
            lo = y + R + 1 if side == "above" else y - R - 1 - band_h
            top = lo + band_h
            if lo < qy or top > qy + qh:
                continue
            found = _span(x, lo, top, qx, qx + qw, taken)
            if found is None:
                continue
            span = found
            room = span[1] - span[0]
        label = _fill(number, text, min(room, LABEL_MAX), n_lines)
        if label is None:
            continue
        if side == "above":
            label.y = lo
        elif side == "below" or len(label.lines) > 1:
            label.y = top - label.h
        else:  # one line beside the marker, level with it as near as the band allows
            label.y = min(max(y - LEADING / 2, lo), top - label.h)
        if side == "right":
            label.x = span[0]
        elif side == "left":
            label.x = span[1] - label.w
        else:
            label.x = min(max(x - label.w / 2, span[0]), span[1] - label.w)
        clear = not any(_crosses(label.box, a) for a in arrows)
        shown = sum(len(t) for t in label.lines)
        key = (label.whole, 0 if label.whole else shown, clear, -index)
        if best_key is None or key > best_key:
            best, best_key = label, key
    return best if best is not None else _anywhere(number, x, y, (qx, qy, qw, qh), taken)


def _fill(number: str, text: str, room: float, n_lines: int) -> PointLabel | None:
    """The number and as much of ``text`` as fits ``room`` wide in ``n_lines`` (none of
    it if only a few letters would); None if not even the number fits."""
    label = PointLabel(0.0, 0.0, number, [])
    if room < label.number_w:
        return None
    text_w = room - label.number_w - NUMBER_GAP
    label.lines, label.whole = wrap(text, text_w, FONT, LABEL_SIZE, n_lines)
    if not label.whole and text_w < MIN_TEXT:
        label.lines = []  # a few letters say nothing: the number alone
    return label


def _anywhere(number: str, x: float, y: float, quadrant: Box,
              taken: Sequence[Box]) -> PointLabel:
    """The number alone beside its marker, inside the quadrant, over as little as may be."""
    qx, qy, qw, qh = quadrant
    w = stringWidth(number, FONT_BOLD, LABEL_SIZE)
    spots = ((x + R + 2, y - LEADING / 2), (x - R - 2 - w, y - LEADING / 2),
             (x - w / 2, y + R + 1), (x - w / 2, y - R - 1 - LEADING))
    best: PointLabel | None = None
    least = float("inf")
    for sx, sy in spots:
        label = PointLabel(min(max(sx, qx), qx + qw - w), min(max(sy, qy), qy + qh - LEADING),
                           number, [], whole=False)
        over = sum(_overlap(label.box, t) for t in taken)
        if over < least:
            best, least = label, over
    assert best is not None
    return best


def _room(start: float, direction: int, lo: float, hi: float, limit: float,
          taken: Sequence[Box]) -> float:
    """How far a label between heights ``lo`` and ``hi`` can run from ``start``
    (rightwards for direction 1, leftwards for -1) before ``limit`` or anything taken."""
    edge = limit
    for tx, ty, tw, th in taken:
        if ty < hi and lo < ty + th:
            if direction > 0 and tx + tw > start:
                edge = min(edge, tx - 1)
            elif direction < 0 and tx < start:
                edge = max(edge, tx + tw + 1)
    return (edge - start) * direction


def _span(x: float, lo: float, hi: float, left: float, right: float,
          taken: Sequence[Box]) -> tuple[float, float] | None:
    """The free stretch round ``x`` between heights ``lo`` and ``hi``, or None."""
    for tx, ty, tw, th in taken:
        if ty < hi and lo < ty + th:
            if tx + tw <= x:
                left = max(left, tx + tw + 1)
            elif tx >= x:
                right = min(right, tx - 1)
            else:
                return None
    return (left, right) if right > left else None


def _overlap(a: Box, b: Box) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def _crosses(box: Box, segment: Segment) -> bool:
    """True if the line ``segment`` passes through ``box`` (Liang–Barsky clipping)."""
    bx, by, bw, bh = box
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - bx), (dx, bx + bw - x1), (-dy, y1 - by), (dy, by + bh - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _head(x: float, y: float, tx: float, ty: float) -> Polygon:
    length = max(1e-6, ((tx - x) ** 2 + (ty - y) ** 2) ** 0.5)
    ux, uy = (tx - x) / length, (ty - y) / length
    size = 5.0
    bx, by = tx - ux * size, ty - uy * size
    return Polygon([tx, ty, bx - uy * size / 2, by + ux * size / 2,
                    bx + uy * size / 2, by - ux * size / 2],
                   fillColor=Palette.ink, strokeColor=None)


# ------------------------------------------------------------------ the tables


def render(step: Step, items: list[StepItem], ctx: SectionContext) -> list[Flowable]:
    """The drawing, a line on how to read it, the points by quadrant, and the zone counts."""
    points = points_of(items)
    counts = zone_counts(items)
    if not points and not any(counts.values()):
        return []
    totals = zone_totals(counts)
    story: list[Flowable] = [drawing(step, points, ctx.width, totals), Spacer(1, 6)]
    notes = []
    if points:
        notes.append("each point\u2019s number is its row in the table below")
        marks = [f"{MARKS[k]} {DISPOSITION_WORDS[k]}" for k in ("+", "0", "-")
                 if any(p.disposition == k for p in points)]
        if marks:
            notes.append("the mark in a point: " + ", ".join(marks))
        if any(p.target is not None for p in points):
            notes.append("a dashed arrow points to where they should be")
    if totals:
        notes.append("each zone\u2019s count is its show of hands over all the scenarios")
    story.append(Paragraph("On the map: " + "; ".join(notes) + ".", ctx.styles["Small"]))
    if points:
        story += [Spacer(1, 4), _points_table(step, points, ctx)]
    if any(counts.values()):
        story += [Spacer(1, 8), *_zones_tables(step, items, ctx)]
    return story


def numbered(points: list[Point]) -> list[tuple[int, Point]]:
    """(number on the map and in the table, point): quadrant by quadrant, in reading
    order, each quadrant's points in the order they were added."""
    return list(enumerate(sorted(points, key=lambda p: p.quadrant), start=1))


def _points_table(step: Step, points: list[Point], ctx: SectionContext) -> Flowable:
    names = quadrant_names(step.config)
    s = ctx.styles
    rows: list[list[Any]] = [[Paragraph(h, s["CellHead"]) for h in
                              ("#", "Name", "Quadrant", "Stance", "Should be")]]
    for n, p in numbered(points):
        stance = (f"{MARKS[p.disposition]} {DISPOSITION_WORDS[p.disposition]}"
                  if p.disposition else "")
        should = names[p.target_quadrant] if p.target_quadrant is not None else ""
        if should and p.target_quadrant == p.quadrant:
            should = f"{should} (moved within it)"
        rows.append([Paragraph(f"<b>{n}</b>", s["Cell"]), Paragraph(markup(p.label), s["Cell"]),
                     Paragraph(markup(names[p.quadrant]), s["Cell"]),
                     Paragraph(markup(stance), s["Cell"]),
                     Paragraph(markup(should), s["Cell"])])
    table = page_table(ctx.height)(rows, colWidths=[ctx.width * w for w in
                                                    (0.06, 0.32, 0.26, 0.14, 0.22)],
                                   repeatRows=1, hAlign="LEFT")
    table.setStyle(_style())
    return table


def _zones_tables(step: Step, items: list[StepItem], ctx: SectionContext) -> list[Flowable]:
    """One row per zone, one column per scenario (numbered, each scenario written out
    above the table) and the zone's count over all of them; the last row the hands
    raised in each scenario. More than SCENARIO_COLUMNS scenarios take more tables."""
    s = ctx.styles
    zones = [str(z["name"]) for z in zones_of(step.config)]
    counts = zone_counts(items)
    for per_zone in counts.values():
        zones += [z for z in per_zone if z not in zones]
    shown = [(n, scenario) for n, scenario in enumerate(scenarios_of(step.config, items),
                                                        start=1) if counts.get(scenario)]
    named = any(scenario for _, scenario in shown)
    key: list[Flowable] = []
    if named:
        key = [Paragraph(f"<b>Scenario {n}:</b> "
                         + (markup(scenario) if scenario else "<i>counted without one</i>"),
                         s["Cell"]) for n, scenario in shown]
        key = [Paragraph("Hands per zone in each scenario", s["Label"]), *key, Spacer(1, 4)]
    # every table's columns as wide as the first's, so each heads them the same way
    col_w = min(80.0, ctx.width * 0.6 / (min(len(shown), SCENARIO_COLUMNS)
                                         + (1 if len(shown) > 1 else 0)))
    head_style = ParagraphStyle("CellHeadCentre", parent=s["CellHead"], alignment=TA_CENTER)
    spelt = all(stringWidth(f"Scenario {n}", FONT_BOLD, head_style.fontSize) <= col_w - 6
                for n, _ in shown)
    out: list[Flowable] = []
    for start in range(0, len(shown), SCENARIO_COLUMNS):
        chunk = shown[start:start + SCENARIO_COLUMNS]
        last = start + SCENARIO_COLUMNS >= len(shown)
        heads = [f"Scenario {n}" if spelt else str(n) for n, _ in chunk] if named else [
            "Hands"]
        if last and len(shown) > 1:
            fits = stringWidth("All scenarios", FONT_BOLD, head_style.fontSize) <= col_w - 6
            heads.append("All scenarios" if fits else "All")
        table = _counts_table(zones, counts, chunk, [Paragraph(h, head_style) for h in heads],
                              everything=[sc for _, sc in shown], col_w=col_w, ctx=ctx)
        out.append(KeepTogether([*key, table]))
        key = [Spacer(1, 6)]
    return out


def _counts_table(zones: list[str], counts: dict[str, dict[str, int]],
                  chunk: list[tuple[int, str]], heads: list[Paragraph], *,
                  everything: list[str], col_w: float, ctx: SectionContext) -> Flowable:
    """The counts of the scenarios in ``chunk``; with a last column of the zones' counts
    over ``everything`` if ``heads`` has one more heading than ``chunk`` has scenarios."""
    s = ctx.styles
    with_all = len(heads) > len(chunk)
    columns = len(heads)
    first_w = min(ctx.width - columns * col_w, ctx.width * 0.5)
    rows: list[list[Any]] = [[Paragraph("Zone", s["CellHead"]), *heads]]
    for zone in zones:
        row: list[Any] = [Paragraph(markup(zone), s["Cell"])]
        row += [f"{counts[sc].get(zone, 0):,}" for _, sc in chunk]
        if with_all:
            row.append(f"{sum(counts[sc].get(zone, 0) for sc in everything):,}")
        rows.append(row)
    total: list[Any] = [Paragraph("<b>Hands raised</b>", s["Cell"])]
    total += [f"{sum(counts[sc].values()):,}" for _, sc in chunk]
    if with_all:
        total.append(f"{sum(sum(counts[sc].values()) for sc in everything):,}")
    rows.append(total)
    size = s["Cell"].fontSize  # smaller for a count too wide for its column
    widest = max(stringWidth(c, FONT_BOLD, size) for row in rows[1:] for c in row[1:])
    if widest > col_w - 6:
        size = max(5.0, size * (col_w - 6) / widest)
    table = page_table(ctx.height)(rows, colWidths=[first_w] + [col_w] * columns,
                                   repeatRows=1, hAlign="LEFT")
    style = _style()
    style.add("FONTSIZE", (1, 1), (-1, -1), size)
    style.add("ALIGN", (1, 1), (-1, -1), "CENTER")
    style.add("FONT", (1, -1), (-1, -1), FONT_BOLD)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.8, Palette.ink)
    if with_all:
        style.add("FONT", (-1, 1), (-1, -1), FONT_BOLD)
    table.setStyle(style)
    return table


def _style() -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [Palette.white, Palette.band]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])


def markdown(step: Step, items: list[StepItem]) -> list[str]:
    points = points_of(items)
    counts = zone_counts(items)
    names = quadrant_names(step.config)
    lines: list[str] = []
    if points:
        lines += ["| Name | Quadrant | Stance | Should be |", "|---|---|---|---|"]
        for _, p in numbered(points):
            stance = DISPOSITION_WORDS[p.disposition]
            should = names[p.target_quadrant] if p.target_quadrant is not None else ""
            lines.append("| " + " | ".join(_cell(x) for x in (p.label, names[p.quadrant],
                                                              stance, should)) + " |")
    if any(counts.values()):
        zones = [str(z["name"]) for z in zones_of(step.config)]
        if lines:
            lines.append("")
        lines += ["| Scenario | " + " | ".join(_cell(z) for z in zones) + " | Hands |",
                  "|---|" + "---|" * (len(zones) + 1)]
        for scenario in scenarios_of(step.config, items):
            per_zone = counts.get(scenario)
            if per_zone:
                lines.append("| " + " | ".join([_cell(scenario or "All"), *(
                    str(per_zone.get(z, "")) for z in zones), str(sum(per_zone.values()))])
                    + " |")
    return lines


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())
