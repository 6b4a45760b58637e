"""A brainstorm in the PDF: its notes, column by column."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from collabfacil.domain.model import Contribution, Step
from collabfacil.export.outline import note_groups
from collabfacil.export.pdf_theme import Palette, markup, tag
from collabfacil.export.sections.base import SectionContext

MUST_AGREE = "MUST AGREE"


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """Each column's label (marked when the room must agree on it), then its notes."""
    story: list[Flowable] = []
    for group in note_groups(step, ctx.data.contributions_for(step.id)):
        if group.label:
            heading = markup(group.label)
            if group.must_agree:
                heading += "\u2003" + tag(MUST_AGREE, Palette.orange)
            story.append(Paragraph(heading, ctx.styles["Heading2"]))
        story.extend(_note(note, ctx) for note in group.notes)
    return story


def _note(note: Contribution, ctx: SectionContext) -> Paragraph:
    text = markup(note.text)
    org = ctx.data.organisation(note.organisation_id)
    if org is not None:
        text += (f'\u2003<font size="8" color="{Palette.muted.hexval()}">'
                 f"\u2014\u00a0{_unbroken(markup(org.label))}</font>")
    return Paragraph(text, ctx.styles["Note"], bulletText="\u2022")


def _unbroken(text: str) -> str:
    """Keep a short label such as "Age Concern" on one line after its note."""
    return text.replace(" ", "\u00a0")
