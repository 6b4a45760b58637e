"""Circles in the PDF and the Markdown summary: what each ring holds, and what
leaders moved toward "together" (what they will let go of)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from collabfacil.domain.matrix_maps import Entry, by_ring, gives, rings_of, taken_back
from collabfacil.domain.model import Step, StepItem
from collabfacil.export.pdf_theme import Palette, markup
from collabfacil.export.sections.base import SectionContext

LET_GO = "What leaders will let go of"
MOVED = "\u279c"


def _entry(entry: Entry) -> str:
    text = markup(entry.text)
    if entry.organisation:
        text += (f' <font color="{Palette.muted.hexval()}">\u2014\u00a0'
                 f"{markup(entry.organisation)}</font>")
    return text


def _move(entry: Entry, rings: list[str]) -> str:
    assert entry.moved_from is not None
    return (f"{_entry(entry)}: from \u201c{markup(rings[entry.moved_from])}\u201d to "
            f"\u201c{markup(rings[entry.ring])}\u201d")


def render(step: Step, items: list[StepItem], ctx: SectionContext) -> list[Flowable]:
    """The gives first (what a board most needs to see), then each ring's list."""
    rings = rings_of(step.config)
    per_ring = by_ring(step.config, items)
    if not any(per_ring):
        return []
    s = ctx.styles
    story: list[Flowable] = []
    given = gives(step.config, items)
    if given:
        lines = [Paragraph(_move(e, rings), s["Note"], bulletText=MOVED) for e in given]
        story += [KeepTogether([Paragraph(LET_GO, s["Heading3"]), *lines[:2]]), *lines[2:]]
    back = taken_back(step.config, items)
    if back:
        lines = [Paragraph(_move(e, rings), s["Note"], bulletText=MOVED) for e in back]
        story += [KeepTogether([Paragraph("Moved back inwards", s["Heading3"]),
                                *lines[:2]]), *lines[2:]]
    for ring, entries in zip(rings, per_ring, strict=True):
        if not entries:
            continue
        lines = [Paragraph(_entry(e) + (" <i>(moved here)</i>" if e.moved_from is not None
                                        else ""), s["Note"], bulletText="\u2022")
                 for e in entries]
        story += [KeepTogether([Paragraph(markup(ring), s["Heading3"]), *lines[:2]]),
                  *lines[2:]]
    return story


def markdown(step: Step, items: list[StepItem]) -> list[str]:
    rings = rings_of(step.config)
    per_ring = by_ring(step.config, items)
    if not any(per_ring):
        return []
    lines: list[str] = []
    given = gives(step.config, items)
    if given:
        lines += [f"### {LET_GO}", ""]
        lines += [f"- {e.label()}: from “{rings[e.moved_from or 0]}” to “{rings[e.ring]}”"
                  for e in given]
        lines.append("")
    for ring, entries in zip(rings, per_ring, strict=True):
        if entries:
            lines += [f"### {ring}", ""]
            lines += [f"- {e.label()}" + (" (moved here)" if e.moved_from is not None
                                          else "") for e in entries]
            lines.append("")
    return lines[:-1]
