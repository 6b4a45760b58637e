"""A brainstorm in the PDF: its notes, column by column.

Left out when a cluster sorts the same notes into themes (they print there), and
summed up as a chart when there are more than a board paper's body should hold and
the appendix lists every note.
"""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, Paragraph, Spacer

from collabfacil.domain.model import Contribution, Step, WorkshopData
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import cluster
from collabfacil.export.charts import bar_chart
from collabfacil.export.outline import UNSORTED, note_groups
from collabfacil.export.pdf_theme import Palette, markup, tag
from collabfacil.export.sections.base import SectionContext

MUST_AGREE = "MUST AGREE"
BODY_NOTES_MAX = 40  # more notes than this are summed up when the appendix lists them
CHART_MAX = 15


def sorted_by_cluster(step: Step, data: WorkshopData) -> bool:
    """True when a later cluster step has themes for this brainstorm's notes."""
    return any(
        other.type == "cluster"
        and data.items_for(other.id, cluster.THEME)
        and source_step(data.steps, other, types=("brainstorm",)) == step
        for other in data.steps)


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """Each column's label (marked when the room must agree on it), then its notes."""
    notes = ctx.data.contributions_for(step.id)
    if not notes or sorted_by_cluster(step, ctx.data):
        return []
    if ctx.appendix and len(notes) > BODY_NOTES_MAX:
        return _summed_up(step, notes, ctx)
    story: list[Flowable] = []
    for group in note_groups(step, notes):
        if group.label:
            heading = markup(group.label)
            if group.must_agree:
                heading += "\u2003" + tag(MUST_AGREE, Palette.orange)
            story.append(Paragraph(heading, ctx.styles["Heading3"]))
        story.extend(_note(note, ctx) for note in group.notes)
    return story


def _summed_up(step: Step, notes: list[Contribution], ctx: SectionContext) -> list[Flowable]:
    """How many notes, a chart of them by column (or by partner), and where they all are."""
    groups = note_groups(step, notes)
    if len(groups) > 1:
        counts = [(g.label or UNSORTED, len(g.notes)) for g in groups]
        by = "column"
    else:
        tally = Counter(ctx.data.organisation(n.organisation_id) for n in notes)
        counts = sorted(((o.label if o else "No partner named", n) for o, n in tally.items()),
                        key=lambda c: -c[1])
        by = "partner"
    partners = len({n.organisation_id for n in notes if n.organisation_id})
    said = f"{len(notes):,} notes" + (f" from {partners} partners" if partners > 1 else "")
    story: list[Flowable] = [
        Paragraph(f"{said}, by {by}. Every note is listed in the appendix.",
                  ctx.styles["Normal"])]
    if len(counts) > 1:
        shown = counts[:CHART_MAX]
        story += [Spacer(1, 4), bar_chart([c[0] for c in shown], [c[1] for c in shown],
                                          width=ctx.width, colour=Palette.blue,
                                          value_text=lambda v: f"{int(v):,}")]
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
