"""The 2×2 map in the PDF and the Markdown summary: a vector drawing, the table of
points by quadrant, and the show-of-hands counts per zone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

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

FILLS = {"+": "#009E73", "0": "#BBBBBB", "-": "#E69F00", "": "#56B4E9"}
MARKS = {"+": "+", "0": "0", "-": "\u2212", "": ""}
TINTS = ("#EEF3F8", "#F8F8F8", "#F8F8F8", "#EEF3F8")
LABEL_SIZE = 7.0
AXIS_SIZE = 8.0


def _fit(text: str, width: float, font: str, size: float) -> str:
    text = printable(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def _label(d: Drawing, x: float, y: float, text: str, *, font: str = FONT,
           size: float = LABEL_SIZE, anchor: str = "start",
           colour: colors.Color = Palette.ink) -> None:
    """Text on a white patch, so lines and arrows never run through it."""
    w = stringWidth(text, font, size)
    x0 = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
    d.add(Rect(x0 - 1, y - 2, w + 2, size + 2, fillColor=colors.white, strokeColor=None))
    d.add(String(x, y, text, fontName=font, fontSize=size, textAnchor=anchor,
                 fillColor=colour))


def drawing(step: Step, points: list[Point], width: float,
            totals: dict[str, int] | None = None) -> Drawing:
    """The map as vector graphics: quadrants, axes, zones, points, labels, arrows."""
    config = step.config
    xa, ya = x_axis(config), y_axis(config)
    names = quadrant_names(config)
    zones = zones_of(config)
    height = width * 0.6
    d = new_drawing(width, height)
    left, bottom, top_pad = 52.0, 26.0, 14.0
    mw, mh = width - left - 4, height - bottom - top_pad
    half_w, half_h = mw / 2, mh / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * mw, bottom + y * mh

    for i, tint in enumerate(TINTS):
        d.add(Rect(left + (i % 2) * half_w, bottom + (1 - i // 2) * half_h, half_w, half_h,
                   fillColor=colors.HexColor(tint), strokeColor=None))
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
    taken: list[tuple[float, float, float, float]] = []
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
        cx, cy = at(float(zone["x"]), float(zone["y"]))
        zw, zh = mw * 0.3, mh * 0.3
        x0, y0 = max(left, cx - zw / 2), max(bottom, cy - zh / 2)
        x1, y1 = min(left + mw, cx + zw / 2), min(bottom + mh, cy + zh / 2)
        d.add(Rect(x0, y0, x1 - x0, y1 - y0, rx=8, ry=8, fillColor=None,
                   strokeColor=Palette.blue, strokeWidth=0.8, strokeDashArray=[3, 2]))
        total = (totals or {}).get(str(zone["name"]))
        name = f"{zone['name']}: {total}" if total is not None else str(zone["name"])
        _label(d, (x0 + x1) / 2, (y0 + y1) / 2 - 2, _fit(name, x1 - x0 - 6, FONT, LABEL_SIZE),
               anchor="middle", colour=Palette.blue)
    r = 4.0
    for p in points:
        if p.target is not None:
            x, y = at(p.x, p.y)
            tx, ty = at(*p.target)
            d.add(Line(x, y, tx, ty, strokeColor=Palette.ink, strokeWidth=0.7,
                       strokeDashArray=[2, 1.5]))
            d.add(_head(x, y, tx, ty))
    for p in points:
        x, y = at(p.x, p.y)
        d.add(Circle(x, y, r, fillColor=colors.HexColor(FILLS[p.disposition]),
                     strokeColor=colors.white, strokeWidth=0.5))
        if MARKS[p.disposition]:
            d.add(String(x, y - 2.2, MARKS[p.disposition], fontName=FONT_BOLD, fontSize=6,
                         textAnchor="middle"))
        taken.append((x - r, y - r, 2 * r, 2 * r))
    for n, p in enumerate(points, start=1):
        x, y = at(p.x, p.y)
        text = _fit(p.label, 90, FONT, LABEL_SIZE)
        for candidate in (text, str(n)):
            w = stringWidth(candidate, FONT, LABEL_SIZE)
            spot = _free(x, y, r, w, LABEL_SIZE + 1, taken, (left, bottom, mw, mh))
            if spot is not None:
                _label(d, spot[0], spot[1] + 1.5, candidate)
                taken.append((spot[0], spot[1], w, LABEL_SIZE + 1))
                break
    return d


def _free(x: float, y: float, r: float, w: float, h: float,
          taken: Sequence[tuple[float, float, float, float]],
          box: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """A spot for a w×h label beside the marker at (x, y), clear of ``taken``."""
    for lx, ly in ((x + r + 1.5, y - h / 2), (x - r - 1.5 - w, y - h / 2),
                   (x - w / 2, y + r + 1), (x - w / 2, y - r - 1 - h)):
        inside = (lx >= box[0] and ly >= box[1] and lx + w <= box[0] + box[2]
                  and ly + h <= box[1] + box[3])
        if inside and not any(lx < tx + tw and tx < lx + w and ly < ty + th and ty < ly + h
                              for tx, ty, tw, th in taken):
            return lx, ly
    return None


def _head(x: float, y: float, tx: float, ty: float) -> Polygon:
    length = max(1e-6, ((tx - x) ** 2 + (ty - y) ** 2) ** 0.5)
    ux, uy = (tx - x) / length, (ty - y) / length
    size = 5.0
    bx, by = tx - ux * size, ty - uy * size
    return Polygon([tx, ty, bx - uy * size / 2, by + ux * size / 2,
                    bx + uy * size / 2, by - ux * size / 2],
                   fillColor=Palette.ink, strokeColor=None)


def render(step: Step, items: list[StepItem], ctx: SectionContext) -> list[Flowable]:
    """The drawing, the points by quadrant, and the zone counts."""
    points = points_of(items)
    counts = zone_counts(items)
    if not points and not any(counts.values()):
        return []
    totals = zone_totals(counts)
    story: list[Flowable] = [drawing(step, points, ctx.width, totals), Spacer(1, 6)]
    if totals:
        story.append(Paragraph("On the map: each zone's show of hands over all the "
                               "scenarios.", ctx.styles["Small"]))
    if points:
        story.append(_points_table(step, points, ctx))
    if any(counts.values()):
        story += [Spacer(1, 8), _zones_table(step, items, ctx)]
    return story


def ordered(step: Step, points: list[Point]) -> list[tuple[int, Point]]:
    """(number on the drawing, point), grouped by quadrant in reading order."""
    return sorted(enumerate(points, start=1), key=lambda np: (np[1].quadrant, np[0]))


def _points_table(step: Step, points: list[Point], ctx: SectionContext) -> Flowable:
    names = quadrant_names(step.config)
    s = ctx.styles
    rows: list[list[Any]] = [[Paragraph(h, s["CellHead"]) for h in
                              ("#", "Name", "Quadrant", "Stance", "Should be")]]
    for n, p in ordered(step, points):
        stance = (f"{MARKS[p.disposition]} {DISPOSITION_WORDS[p.disposition]}"
                  if p.disposition else "")
        should = names[p.target_quadrant] if p.target_quadrant is not None else ""
        if should and p.target_quadrant == p.quadrant:
            should = f"{should} (moved within it)"
        rows.append([Paragraph(str(n), s["Cell"]), Paragraph(markup(p.label), s["Cell"]),
                     Paragraph(markup(names[p.quadrant]), s["Cell"]),
                     Paragraph(markup(stance), s["Cell"]),
                     Paragraph(markup(should), s["Cell"])])
    table = page_table(ctx.height)(rows, colWidths=[ctx.width * w for w in
                                                    (0.06, 0.32, 0.26, 0.14, 0.22)],
                                   repeatRows=1, hAlign="LEFT")
    table.setStyle(_style())
    return table


def _zones_table(step: Step, items: list[StepItem], ctx: SectionContext) -> Flowable:
    s = ctx.styles
    zones = [str(z["name"]) for z in zones_of(step.config)]
    counts = zone_counts(items)
    for per_zone in counts.values():
        zones += [z for z in per_zone if z not in zones]
    head = ["Scenario", *zones, "Hands"]
    rows: list[list[Any]] = [[Paragraph(markup(h), s["CellHead"]) for h in head]]
    for scenario in scenarios_of(step.config, items):
        per_zone = counts.get(scenario)
        if not per_zone:
            continue
        rows.append([Paragraph(markup(scenario or "All"), s["Cell"]),
                     *[Paragraph(str(per_zone.get(z, "")), s["Cell"]) for z in zones],
                     Paragraph(f"<b>{sum(per_zone.values())}</b>", s["Cell"])])
    share = 0.62 / (len(zones) + 1)
    table = page_table(ctx.height)(rows, colWidths=[ctx.width * 0.38] + [ctx.width * share]
                                   * (len(zones) + 1), repeatRows=1, hAlign="LEFT")
    table.setStyle(_style())
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
        for _, p in ordered(step, points):
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
