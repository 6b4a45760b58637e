"""The board paper's appendices: every contribution by step, and the sources.

A step type's section module may define ``appendix(step, ctx)`` for its records
in full (a round's entries, a statement's every draft); a step that captures
notes lists them by column, compactly, with their organisation. Ratings and
votes are not contributions: they appear only as totals, in the sections.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from collabfacil.domain.exercises import Exercise
from collabfacil.domain.model import Contribution, Step
from collabfacil.domain.steps import step_type
from collabfacil.export.outline import note_groups
from collabfacil.export.pdf_theme import markup
from collabfacil.export.sections import section_appendix
from collabfacil.export.sections.base import SectionContext


def contributions(ctx: SectionContext) -> list[Flowable]:
    """Every step's contributions in agenda order; [] when nothing was contributed."""
    story: list[Flowable] = []
    for step in ctx.data.steps:
        body = step_records(step, ctx)
        if body:
            story += [Paragraph(markup(step.title), ctx.styles["Heading2"]), *body]
    if not story:
        return []
    intro = Paragraph("Everything the room contributed, step by step, as captured on the "
                      "day. Votes and ratings are not listed one by one: their totals are "
                      "in the sections above.", ctx.styles["Normal"])
    return [intro, *story]


def step_records(step: Step, ctx: SectionContext) -> list[Flowable]:
    """One step's records for the appendix."""
    own = section_appendix(step.type)
    if own is not None:
        return own(step, ctx)
    if step_type(step.type).captures != "notes":
        return []
    story: list[Flowable] = []
    for group in note_groups(step, ctx.data.contributions_for(step.id)):
        if group.label:
            story.append(Paragraph(markup(group.label), ctx.styles["Heading3"]))
        story += [_record(note, ctx) for note in group.notes]
    return story


def _record(note: Contribution, ctx: SectionContext) -> Paragraph:
    """A note as one run of text in one style: its organisation follows a dash rather
    than in smaller grey type, which would make reportlab lay out every line of the
    appendix on its slow path (2.3x the time for 2,000 notes)."""
    text = markup(note.text)
    org = ctx.data.organisation(note.organisation_id)
    if org is not None:
        text += "\u2003\u2014\u00a0" + markup(org.label).replace(" ", "\u00a0")
    # the bullet as text: reportlab's bulletText costs 15% more
    return Paragraph("\u2022\u2002" + text, ctx.styles["Record"])


def sources(exercises: list[Exercise], ctx: SectionContext) -> list[Flowable]:
    """The work each exercise used draws on."""
    if not exercises:
        return []
    s = ctx.styles
    story: list[Flowable] = [
        Paragraph("The exercises in this workshop draw on the work below.", s["Normal"])]
    for exercise in exercises:
        story.append(Paragraph(f"{markup(exercise.key)}\u2002{markup(exercise.title)}",
                               s["Heading3"]))
        story += [Paragraph(markup(source), s["Source"], bulletText="\u2022")
                  for source in exercise.based_on]
    return story
