"""Organisation pairs in the PDF and the Markdown summary: the heatmap (vector, a
number in every rated cell) and the pairs who rate each other differently."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from collabfacil.domain.matrix_checks import SCALE_MAX
from collabfacil.domain.matrix_grid import (
    Pairs,
    asymmetric_cells,
    asymmetries,
    pairs_of,
    scale_label,
)
from collabfacil.domain.model import Step, StepItem
from collabfacil.export.pdf_theme import FONT, FONT_BOLD, Palette, markup, new_drawing, printable
from collabfacil.export.sections.base import SectionContext

# ColorBrewer Blues, 0 to 5 (sequential, colour-blind safe; greyscale keeps the order)
HEAT = ("#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#4292C6", "#08519C")
HEAT_INK = ("#111111", "#111111", "#111111", "#111111", "#FFFFFF", "#FFFFFF")
ASYMMETRIC = "\u2260"
SIZE = 8.0


def heatmap(pairs: Pairs, width: float) -> Drawing:
    """Rows rate columns; every rated cell printed with its number, asymmetric ones
    outlined and marked ≠; the diagonal greyed out."""
    orgs = pairs.organisations
    n = len(orgs)
    odd = asymmetric_cells(pairs)
    label_w = min(max(stringWidth(printable(o), FONT, SIZE) for o in orgs) + 8, width * 0.3)
    head_h = min(max(stringWidth(printable(o), FONT_BOLD, SIZE) for o in orgs) + 6, 110)
    cell = min(34.0, (width - label_w) / n)
    height = head_h + n * cell + 4
    d = new_drawing(width, height)
    top = n * cell + 2
    for j, org in enumerate(orgs):
        x = label_w + (j + 0.5) * cell + SIZE * 0.35
        label = Group(String(0, 0, _fit(org, head_h - 4, FONT_BOLD), fontName=FONT_BOLD,
                             fontSize=SIZE))
        label.translate(x, top + 3)
        label.rotate(90)
        d.add(label)
    for i, source in enumerate(orgs):
        y = top - (i + 1) * cell
        d.add(String(label_w - 4, y + cell / 2 - SIZE * 0.35, _fit(source, label_w - 6, FONT),
                     fontName=FONT, fontSize=SIZE, textAnchor="end"))
        for j, target in enumerate(orgs):
            x = label_w + j * cell
            if source == target:
                d.add(Rect(x, y, cell, cell, fillColor=colors.HexColor("#DDDDDD"),
                           strokeColor=colors.white, strokeWidth=1))
                continue
            value = pairs.value(source, target)
            fill = colors.HexColor(HEAT[value]) if value is not None else colors.white
            d.add(Rect(x, y, cell, cell, fillColor=fill, strokeColor=Palette.rule,
                       strokeWidth=0.5))
            if (source, target) in odd:
                d.add(Rect(x + 1.5, y + 1.5, cell - 3, cell - 3, fillColor=None,
                           strokeColor=Palette.vermillion, strokeWidth=1.6))
            if value is not None:
                text = f"{value}{ASYMMETRIC}" if (source, target) in odd else str(value)
                d.add(String(x + cell / 2, y + cell / 2 - SIZE * 0.4, text,
                             fontName=FONT_BOLD, fontSize=SIZE + 1, textAnchor="middle",
                             fillColor=colors.HexColor(HEAT_INK[value])))
    d.add(Line(label_w, top, label_w + n * cell, top, strokeColor=Palette.rule))
    return d


def _fit(text: str, width: float, font: str = FONT) -> str:
    text = printable(text)
    if stringWidth(text, font, SIZE) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def key_line(step: Step) -> str:
    if not any(scale_label(step.config, v) for v in range(SCALE_MAX + 1)):
        return ("Each row rates its relationship with each column, from 0 to 5 (darker "
                f"is higher). <b>{ASYMMETRIC}</b> the pair rate each other 2 or more apart.")
    parts = []
    for value in range(SCALE_MAX + 1):
        words = scale_label(step.config, value)
        parts.append(f"<b>{value}</b>" + (f" {markup(words)}" if words else ""))
    return ("Each row rates its relationship with each column, 0 to 5: "
            + " · ".join(parts) + f". <b>{ASYMMETRIC}</b> the pair rate each other 2 or "
            "more apart.")


def render(step: Step, partners: Sequence[str], items: list[StepItem],
           ctx: SectionContext) -> list[Flowable]:
    pairs = pairs_of(step.config, partners, items)
    if not pairs.ratings or len(pairs.organisations) < 2:
        return []
    s = ctx.styles
    story: list[Flowable] = [heatmap(pairs, ctx.width), Spacer(1, 4),
                             Paragraph(key_line(step), s["Small"])]
    found = asymmetries(pairs)
    title = Paragraph("Pairs who see their relationship differently", s["Heading3"])
    if found:
        lines = [Paragraph(markup(p.sentence() + f" (a gap of {p.gap})"), s["Note"],
                           bulletText=ASYMMETRIC) for p in found]
        story += [KeepTogether([title, *lines[:2]]), *lines[2:]]
    else:
        story += [title, Paragraph("No pair rated each other 2 or more apart.",
                                   s["Normal"])]
    return story


def markdown(step: Step, partners: Sequence[str], items: list[StepItem]) -> list[str]:
    pairs = pairs_of(step.config, partners, items)
    if not pairs.ratings:
        return []
    orgs = pairs.organisations
    odd = asymmetric_cells(pairs)
    lines = ["| rates → | " + " | ".join(_cell(o) for o in orgs) + " |",
             "|---|" + "---|" * len(orgs)]
    for source in orgs:
        cells = []
        for target in orgs:
            value = pairs.value(source, target)
            cells.append("—" if source == target else "" if value is None else
                         f"{value}{ASYMMETRIC}" if (source, target) in odd else str(value))
        lines.append(f"| {_cell(source)} | " + " | ".join(cells) + " |")
    found = asymmetries(pairs)
    if found:
        lines += ["", "**Pairs who see their relationship differently:**", ""]
        lines += [f"- {p.sentence()} (a gap of {p.gap})" for p in found]
    return lines


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())
