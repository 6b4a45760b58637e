"""A survey in the PDF (section 3 material): aggregates only, never one person's answer.

A table by category — statement, n, mean, spread, flags and a small vector
histogram of 1–5 and don't know — and, with three or more categories, a radar
of the categories' means (reportlab.graphics). A statement with fewer ratings
than the step's minimum shows "not enough responses to show (n < 4)" and no
numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.repeats import repeat_of
from collabfacil.domain.steps.survey import (
    HIGH_SPREAD,
    LOW_MEAN,
    CategoryResult,
    StatementResult,
    categories,
    format_number,
    has_radar,
    not_enough,
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

HEADINGS = ("#", "Statement", "n", "Mean", "Spread", "Flags", "1  2  3  4  5  DK")
_SHARES = (0.05, 0.46, 0.06, 0.08, 0.09, 0.09, 0.17)
NOTE = ("Anonymous ratings, shown only as group totals and only for statements with at "
        "least {min} ratings; 1 = strongly disagree, 5 = strongly agree. Mean and spread "
        "(standard deviation) leave out \u201cdon\u2019t know\u201d; "
        "reverse-scored statements are flipped for the mean. LOW: mean below {low:g}. "
        "SPLIT: spread {split:g} or more. These are conversation prompts, not a "
        "validated scale.")
UNCATEGORISED = "Other statements"


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The note on how to read it, the table by category, then the radar."""
    found = results(step.config, ctx.data.items_for(step.id))
    if not any(r.responses for r in found):
        return []
    s = settings(step.config)
    styles = ctx.styles
    story: list[Flowable] = [
        Paragraph(markup(NOTE.format(min=s.min_responses, low=LOW_MEAN, split=HIGH_SPREAD)),
                  styles["Small"]),
        Spacer(1, 6),
        _table(step, found, ctx),
    ]
    story += repeat_table(repeat_of(step, ctx.data), ctx, what="Statement (mean)",
                          unit="point")
    if has_radar(step.config):
        cats = categories(step.config, found)
        if any(c.mean is not None for c in cats):
            story.append(KeepTogether([
                Paragraph("By category", styles["Heading3"]),
                radar(cats, ctx.width),
            ]))
    return story


def _groups(step: Step, found: Sequence[StatementResult]
            ) -> list[tuple[str, list[StatementResult]]]:
    """Statements by category in the step's order; those with none last."""
    names = list(settings(step.config).categories)
    groups = [(name, [r for r in found if r.statement.category == name]) for name in names]
    loose = [r for r in found if not r.statement.category]
    if loose:
        groups.append((UNCATEGORISED if names else "", loose))
    return [(name, rows) for name, rows in groups if rows]


def _table(step: Step, found: Sequence[StatementResult], ctx: SectionContext) -> Table:
    styles = ctx.styles
    cell = styles["Cell"]
    widths = [ctx.width * s for s in _SHARES]
    rows: list[list[object]] = [[Paragraph(h, styles["CellHead"]) for h in HEADINGS]]
    spans: list[int] = []
    for name, members in _groups(step, found):
        if name:
            spans.append(len(rows))
            rows.append([Paragraph(markup(name), styles["CellGroup"]), "", "", "", "", "", ""])
        for r in members:
            text = markup(r.statement.text)
            if r.statement.reverse:
                text += ' <font color="#555555">(reverse-scored)</font>'
            if not r.shown:
                rows.append([Paragraph(str(r.number), cell), Paragraph(text, cell),
                             Paragraph(markup(not_enough(r.min_responses)),
                                       styles["CellSmall"]), "", "", "", ""])
                continue
            flags = " ".join(tag(f.upper(), Palette.orange) for f in r.flags)
            rows.append([Paragraph(str(r.number), cell), Paragraph(text, cell),
                         Paragraph(str(r.n), cell),
                         Paragraph(f"<b>{format_number(r.mean)}</b>", cell),
                         Paragraph(format_number(r.spread), cell), Paragraph(flags, cell),
                         histogram(r, widths[-1] - 8)])
    table = page_table(ctx.height)(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in spans:
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row),
                                                  Palette.group)]
    for i, row in enumerate(rows[1:], start=1):
        if i not in spans and row[3] == "":  # below the minimum: the message spans
            style.append(("SPAN", (2, i), (-1, i)))
    table.setStyle(TableStyle(style))
    return table


def histogram(r: StatementResult, width: float) -> Drawing:
    """Bars for 1–5 and, set apart in grey, don't know; the count above each bar."""
    height = 30.0
    d = new_drawing(width, height)
    counts = [*r.ratings, r.dont_know]
    biggest = max(1, *counts)
    unit = width / 7.2
    base, top = 2.0, height - 9
    d.add(Line(0, base, width, base, strokeColor=Palette.rule, strokeWidth=0.5))
    for k, count in enumerate(counts):
        left = k * unit + (unit * 0.5 if k == 5 else 0)
        w = unit * (1.6 if k == 5 else 1)
        h = (top - base) * count / biggest
        fill = Palette.muted if k == 5 else Palette.blue
        if count:
            d.add(Rect(left + w * 0.15, base, w * 0.7, h, fillColor=fill, strokeColor=None))
        d.add(String(left + w / 2, base + h + 1.5, str(count), fontName=FONT, fontSize=6,
                     fillColor=Palette.ink, textAnchor="middle"))
    return d


def radar(cats: Sequence[CategoryResult], width: float) -> Drawing:
    """The categories' means on axes from 1 (centre) to 5, labelled in plain text."""
    height = min(width * 0.62, 300.0)
    d = new_drawing(width, height)
    cx, cy = width / 2, height / 2 - 4
    label_w = width * 0.26
    radius = min(cx - label_w - 8, cy - 26)
    n = len(cats)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * i / n  # clockwise from the top
        r = radius * (value - 1) / 4
        return cx + math.cos(angle) * r, cy + math.sin(angle) * r

    for ring in (2, 3, 4, 5):
        pts = [c for i in range(n) for c in point(i, ring)]
        d.add(Polygon(pts, fillColor=None, strokeColor=Palette.rule,
                      strokeWidth=1.0 if ring in (3, 5) else 0.4))
    for i in range(n):
        d.add(Line(cx, cy, *point(i, 5), strokeColor=Palette.rule, strokeWidth=0.4))
    for value in (1, 3, 5):
        x, y = point(0, value)
        d.add(String(x + 3, y - 8, str(value), fontName=FONT, fontSize=7,
                     fillColor=Palette.muted))
    means = [c.mean for c in cats]
    if all(m is not None for m in means):
        pts = [c for i, m in enumerate(means) for c in point(i, m or 1)]
        d.add(Polygon(pts, fillColor=colors.Color(0, 0.447, 0.698, alpha=0.18),
                      strokeColor=None))
    for i, m in enumerate(means):
        nxt = means[(i + 1) % n]
        if m is not None and nxt is not None:
            d.add(Line(*point(i, m), *point((i + 1) % n, nxt), strokeColor=Palette.blue,
                       strokeWidth=1.6))
        if m is not None:
            d.add(Circle(*point(i, m), 2.6, fillColor=Palette.blue, strokeColor=None))
    for i, cat in enumerate(cats):
        angle = math.pi / 2 - 2 * math.pi * i / n
        x = cx + math.cos(angle) * (radius + 8)
        y = cy + math.sin(angle) * (radius + 8)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else (
            "start" if math.cos(angle) > 0 else "end")
        value = (f"{format_number(cat.mean)} (spread {format_number(cat.spread)})"
                 if cat.mean is not None else "not enough responses")
        lines = [*_wrap(cat.name, label_w, FONT_BOLD, 8), value]
        if math.sin(angle) > 0.3:  # above the chart: the last line nearest it
            y += 9 * (len(lines) - 1) + 2
        elif math.sin(angle) < -0.3:
            y -= 9
        else:
            y += 9 * (len(lines) - 1) / 2 - 3
        for k, line in enumerate(lines):
            last = k == len(lines) - 1
            d.add(String(x, y - 9 * k, line, fontName=FONT if last else FONT_BOLD,
                         fontSize=7.5 if last else 8, textAnchor=anchor,
                         fillColor=Palette.muted if last else Palette.ink))
    return d


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Plain-text lines of ``text`` no wider than ``width`` (at most two, … if cut)."""
    words, lines, line = printable(text).split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], lines[1] + "…"]
    return lines


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The aggregate table: statement, category, n, mean, spread, flags."""
    found = results(step.config, data.items_for(step.id))
    if not any(r.responses for r in found):
        return []
    head = ("#", "Statement", "Category", "n", "Mean", "Spread", "Flags")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in found:
        text = r.statement.text + (" (reverse-scored)" if r.statement.reverse else "")
        if r.shown:
            numbers = (str(r.n), format_number(r.mean), format_number(r.spread),
                       ", ".join(r.flags))
        else:
            numbers = ("", not_enough(r.min_responses), "", "")
        cells = (str(r.number), text, r.statement.category, *numbers)
        lines.append("| " + " | ".join(" ".join(c.replace("|", "\\|").split())
                                       for c in cells) + " |")
    return lines
