"""A reflection in the PDF: the W³ summary by prompt, then the relationship
commitments as a table (names only where the facilitator recorded them, and
never in an anonymised export)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps.reflection import (
    COMMITMENTS_TITLE,
    Commitment,
    ReflectionSettings,
    by_prompt,
    commitments,
    short_date,
)
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.pdf_table import data_table
from collabfacil.export.pdf_theme import Palette, markup
from collabfacil.export.sections.base import SectionContext


def _named(promised: list[Commitment]) -> bool:
    """Whether to print a Who column: some names were recorded (and not withheld)."""
    return any(c.who and c.who != WITHHELD for c in promised)


def _read(step: Step, data: WorkshopData):  # type: ignore[no-untyped-def]
    settings = ReflectionSettings.of(step.config)
    items = data.items_for(step.id)
    groups = [(p, found) for p, found in by_prompt(settings, items) if found]
    return groups, commitments(items)


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """Each prompt with its entries; then the commitments table."""
    groups, promised = _read(step, ctx.data)
    styles = ctx.styles
    story: list[Flowable] = []
    for prompt, found in groups:
        story.append(Paragraph(markup(prompt), styles["Heading3"]))
        for e in found:
            text = markup(e.text)
            if e.organisation:
                org = markup(e.organisation).replace(" ", "\u00a0")
                text += (f'\u2003<font size="8" color="{Palette.muted.hexval()}">'
                         f"\u2014\u00a0{org}</font>")
            story.append(Paragraph(text, styles["Note"], bulletText="\u2022"))
    if promised:
        # The heading stays with the table's first rows, not with the whole table: a
        # long table then starts on this page instead of leaving it half empty.
        heading = ParagraphStyle("CommitmentsHeading", parent=styles["Heading3"],
                                 keepWithNext=0)
        story += [CondPageBreak(30 * mm), Paragraph(COMMITMENTS_TITLE, heading),
                  _table(promised, ctx)]
    return story


def _table(promised: list[Commitment], ctx: SectionContext) -> Flowable:
    styles = ctx.styles
    named = _named(promised)
    head = (["Who"] if named else []) + ["With", "By", "Commitment"]
    shares = ([0.2] if named else []) + ([0.26, 0.15, 0.39] if named else [0.32, 0.15, 0.53])
    rows: list[list[Flowable]] = [[Paragraph(h, styles["CellHead"]) for h in head]]
    for c in promised:
        row = [Paragraph(markup("" if c.who == WITHHELD else c.who), styles["Cell"])] \
            if named else []
        row += [Paragraph(markup(c.with_), styles["Cell"]),
                Paragraph(short_date(c.due), styles["Cell"]),
                Paragraph(markup(c.text), styles["Cell"])]
        rows.append(row)
    return data_table(rows, [ctx.width * s for s in shares], page_height=ctx.height)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The prompts as sub-headings with their entries; the commitments as a table."""
    groups, promised = _read(step, data)
    lines: list[str] = []
    for prompt, found in groups:
        lines += [f"### {_cell(prompt)}", ""]
        for e in found:
            suffix = f" — {e.organisation}" if e.organisation else ""
            lines.append("- " + (e.text + suffix).replace("\n", "\n  "))
        lines.append("")
    if promised:
        named = _named(promised)
        head = (["Who"] if named else []) + ["With", "By", "Commitment"]
        lines += [f"### {COMMITMENTS_TITLE}", "",
                  "| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        for c in promised:
            cells = ([("" if c.who == WITHHELD else c.who)] if named else []) + [
                c.with_, short_date(c.due), c.text]
            lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
        lines.append("")
    return lines[:-1] if lines else []


# The appendix repeats the entries and commitments as the section prints them.
appendix = render
