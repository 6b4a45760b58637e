"""Themes in the PDF: a chart of notes per theme, then each theme (largest first)
with its notes; the notes not yet grouped last."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from collabfacil.domain.model import Contribution, Step, WorkshopData
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import cluster
from collabfacil.export.charts import bar_chart
from collabfacil.export.pdf_theme import Palette, markup
from collabfacil.export.sections.base import SectionContext

CHART_MAX = 15  # themes in the chart; every theme is listed below it


def groups(step: Step, data: WorkshopData) -> list[cluster.Group]:
    """The themes by size, largest first, then the ungrouped notes ([] with no source)."""
    source = source_step(data.steps, step, types=("brainstorm",))
    if source is None:
        return []
    theme_list = cluster.themes(step.config, data.items_for(step.id, cluster.THEME))
    found = cluster.groups(theme_list, data.contributions_for(source.id))
    return [*cluster.by_size(found), found[-1]]


def _count(n: int) -> str:
    return f"{n} note" if n == 1 else f"{n} notes"


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """How many notes each theme holds (chart), then each theme's notes."""
    found = groups(step, ctx.data)
    themed = [g for g in found if g.theme is not None and g.notes]
    if not themed:
        return []
    shown = themed[:CHART_MAX]
    story: list[Flowable] = [
        bar_chart([g.name for g in shown], [len(g.notes) for g in shown],
                  width=ctx.width, colour=Palette.blue,
                  value_text=lambda v: _count(int(v))),
        Spacer(1, 6),
    ]
    if len(themed) > len(shown):
        story.append(Paragraph(f"The chart shows the {len(shown)} largest of "
                               f"{len(themed)} themes.", ctx.styles["Small"]))
    for group in found:
        if group.notes:
            story.append(Paragraph(f"{markup(group.name)}\u2003"
                                   f'<font color="{Palette.muted.hexval()}">'
                                   f"{_count(len(group.notes))}</font>",
                                   ctx.styles["Heading3"]))
            story.extend(_note(note, ctx) for note in group.notes)
    empty = [g.name for g in found if g.theme is not None and not g.notes]
    if empty:
        story.append(Paragraph("<b>Themes with no notes:</b> "
                               + markup(", ".join(empty)), ctx.styles["Small"]))
    return story


def _note(note: Contribution, ctx: SectionContext) -> Paragraph:
    text = markup(note.text)
    org = ctx.data.organisation(note.organisation_id)
    if org is not None:
        text += (f'\u2003<font size="8" color="{Palette.muted.hexval()}">'
                 f"\u2014\u00a0{markup(org.label).replace(' ', chr(0xA0))}</font>")
    return Paragraph(text, ctx.styles["Note"], bulletText="\u2022")


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """Each theme (largest first) as a heading with its count, then its notes."""
    lines: list[str] = []
    for group in groups(step, data):
        if not group.notes:
            continue
        lines += [f"### {' '.join(group.name.split())} ({_count(len(group.notes))})", ""]
        for note in group.notes:
            org = data.organisation(note.organisation_id)
            suffix = f" — {org.label}" if org else ""
            lines.append("- " + (note.text + suffix).replace("\n", "\n  "))
        lines.append("")
    return lines[:-1]
