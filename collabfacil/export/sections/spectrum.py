"""The spectrum in the PDF: a table of now vs target, and a small chart per subject.

Subjects come biggest gap first. Each chart is vector graphics
(reportlab.graphics): the level columns, a "now" lane of blue bars with circles
and a "target" lane of orange bars with diamonds, each labelled in words, a
tick at each median and the gap at the right.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.repeats import repeat_of
from collabfacil.domain.steps.spectrum import (
    MARKERS,
    Distribution,
    SubjectResult,
    by_gap,
    format_gap,
    gap_words,
    level_name,
    results,
    settings,
)
from collabfacil.export.pdf_table import page_table
from collabfacil.export.pdf_theme import (
    FONT,
    FONT_BOLD,
    Palette,
    markup,
    new_drawing,
    printable,
    tag,
)
from collabfacil.export.sections.base import SectionContext
from collabfacil.export.since_last_time import repeat_table

NOW = Palette.blue
TARGET = Palette.orange
MARKER_COLOURS = {"now": NOW, "target": TARGET}
HEADINGS = ("Subject", "Now (median level)", "Target (median level)", "Gap", "Hands (now / target)")
_SHARES = (0.31, 0.2, 0.2, 0.14, 0.15)
SPLIT = "SPLIT"
SPLIT_NOTE = ("SPLIT: the room's placements spread over more than about a level, so "
              "people see this work differently.")


def placed(step: Step, data: WorkshopData) -> list[SubjectResult]:
    """The subjects that have hands, biggest gap first."""
    return by_gap([r for r in results(step.config, data.items_for(step.id)) if r.responses])


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The levels, the table, then a chart per subject; nothing when no hands were shown."""
    found = placed(step, ctx.data)
    if not found:
        return []
    s = settings(step.config)
    styles = ctx.styles
    story: list[Flowable] = []
    if s.level_notes:
        story.append(_levels_table(s.levels, s.level_notes, ctx))
        story.append(Spacer(1, 8))
    story.append(_summary_table(found, s.levels, ctx))
    story += repeat_table(repeat_of(step, ctx.data), ctx,
                          what="Subject (now, median level)", unit="level")
    if any(r.views_differ for r in found):
        story.append(Paragraph(markup(SPLIT_NOTE), styles["Small"]))
    for r in found:
        story.append(KeepTogether([
            Paragraph(markup(r.name), styles["Heading3"]),
            subject_chart(r, s.levels, ctx.width),
        ]))
    return story


def _levels_table(levels: Sequence[str], notes: Sequence[str], ctx: SectionContext) -> Table:
    cell = ctx.styles["Cell"]
    rows = [[Paragraph(f"<b>{i + 1}. {markup(name)}</b>", cell), Paragraph(markup(note), cell)]
            for i, (name, note) in enumerate(zip(levels, notes, strict=True))]
    table = Table(rows, colWidths=[ctx.width * 0.28, ctx.width * 0.72], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _summary_table(found: Sequence[SubjectResult], levels: Sequence[str],
                   ctx: SectionContext) -> Table:
    styles = ctx.styles
    cell = styles["Cell"]
    rows: list[list[Flowable]] = [[Paragraph(h, styles["CellHead"]) for h in HEADINGS]]
    for r in found:
        gap = markup(gap_words(r.gap))
        if r.views_differ:
            gap += " " + tag(SPLIT, Palette.orange)
        rows.append([
            Paragraph(markup(r.name), cell),
            Paragraph(markup(level_name(levels, r.now.median)), cell),
            Paragraph(markup(level_name(levels, r.target.median)), cell),
            Paragraph(gap, cell),
            Paragraph(f"{r.now.total} / {r.target.total}", cell),
        ])
    table = page_table(ctx.height)(rows, colWidths=[ctx.width * s for s in _SHARES],
                                   repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [Palette.white, Palette.band]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


# ------------------------------------------------------------------ the chart

LANE = 15.0  # points per lane
LABEL_W = 46.0  # "target" and its diamond
GAP_W = 48.0
AXIS_FONT = 7.5


def _marker(marker: str, x: float, y: float, r: float, fill: colors.Color) -> Circle | Polygon:
    if marker == "now":
        return Circle(x, y, r, fillColor=fill, strokeColor=Palette.ink, strokeWidth=0.6)
    d = r * 1.25
    return Polygon([x, y + d, x + d, y, x, y - d, x - d, y], fillColor=fill,
                   strokeColor=Palette.ink, strokeWidth=0.6)


def _axis_label(text: str, width: float) -> list[str]:
    """A level's name on one line, or two when it is too long; shortened if need be."""
    text = printable(text)
    if stringWidth(text, FONT, AXIS_FONT) <= width:
        return [text]
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if (stringWidth(first, FONT, AXIS_FONT) <= width
                and stringWidth(second, FONT, AXIS_FONT) <= width):
            return [first, second]
    while text and stringWidth(text + "…", FONT, AXIS_FONT) > width:
        text = text[:-1]
    return [text + "…"]


def subject_chart(result: SubjectResult, levels: Sequence[str], width: float) -> Drawing:
    """One subject: now and target across the levels, medians ticked, the gap at right."""
    n = len(levels)
    col_w = (width - LABEL_W - GAP_W) / n
    labels = [_axis_label(name, col_w - 4) for name in levels]
    axis_h = AXIS_FONT * 1.25 * max(len(lines) for lines in labels) + 4
    height = axis_h + 2 * LANE + 6
    d = new_drawing(width, height)
    top = height - 3
    biggest = max([1, *result.now.counts, *result.target.counts])
    for level in range(n + 1):
        x = LABEL_W + level * col_w
        d.add(Line(x, axis_h, x, top, strokeColor=Palette.rule, strokeWidth=0.5))
    for level, lines in enumerate(labels):
        cx = LABEL_W + (level + 0.5) * col_w
        for k, line in enumerate(lines):
            d.add(String(cx, axis_h - 4 - AXIS_FONT * (k + 1) * 1.1 + 2, line,
                         fontName=FONT, fontSize=AXIS_FONT, fillColor=Palette.ink,
                         textAnchor="middle"))
    for lane, marker in enumerate(MARKERS):
        y = top - LANE * (lane + 0.5)
        fill = MARKER_COLOURS[marker]
        d.add(_marker(marker, 5, y, 3.2, fill))
        d.add(String(12, y - 3, marker, fontName=FONT, fontSize=8, fillColor=Palette.ink))
        dist: Distribution = result.marker(marker)
        room = col_w - 18
        for level, count in enumerate(dist.counts):
            if not count:
                continue
            x = LABEL_W + level * col_w + 4
            length = max(3.0, room * count / biggest)
            d.add(Rect(x, y - LANE * 0.3, length, LANE * 0.6, fillColor=fill,
                       strokeColor=None))
            d.add(_marker(marker, x, y, 4.0, fill))
            d.add(String(x + length + 2, y - 3, str(count), fontName=FONT_BOLD,
                         fontSize=8, fillColor=Palette.ink))
        if dist.median is not None:
            mx = LABEL_W + (dist.median + 0.5) * col_w
            d.add(Line(mx, y - LANE * 0.45, mx, y + LANE * 0.45, strokeColor=Palette.ink,
                       strokeWidth=1.6))
    gap_x = width - 2
    d.add(String(gap_x, top - LANE - 4, format_gap(result.gap), fontName=FONT_BOLD,
                 fontSize=12, fillColor=Palette.ink, textAnchor="end"))
    d.add(String(gap_x, top - LANE - 13, "gap", fontName=FONT, fontSize=7,
                 fillColor=Palette.muted, textAnchor="end"))
    return d


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The table of subjects, biggest gap first."""
    found = placed(step, data)
    if not found:
        return []
    levels = settings(step.config).levels
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "|".join("---" for _ in HEADINGS) + "|"]
    for r in found:
        gap = gap_words(r.gap) + (" (split)" if r.views_differ else "")
        cells = (r.name, level_name(levels, r.now.median), level_name(levels, r.target.median),
                 gap, f"{r.now.total} / {r.target.total}")
        lines.append("| " + " | ".join(" ".join(c.replace("|", "\\|").split())
                                       for c in cells) + " |")
    if any(r.views_differ for r in found):
        lines += ["", SPLIT_NOTE.replace("SPLIT", "Split", 1)]
    return lines
