"""Section 10 of the board paper: the action plan, by theme, each theme by due date."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from collabfacil.export.pdf_theme import Palette, markup, tag
from collabfacil.export.sections.actions import SMALL_TEST, action_table
from collabfacil.export.sections.base import SectionContext
from collabfacil.export.summary import NO_THEME, Summary


def action_plan(summary: Summary, ctx: SectionContext) -> list[Flowable]:
    """The review rhythm, what "small test" means, then the table, theme by theme."""
    s = ctx.styles
    story: list[Flowable] = [
        Paragraph(f"<b>Review rhythm:</b> {markup(summary.review_rhythm)}", s["Normal"])]
    if summary.small_tests:
        story.append(Paragraph(
            f"{tag(SMALL_TEST, Palette.sky)}\u2002marks a small test of change: tried on a "
            "small scale first, studied, then adopted, adapted or dropped.", s["Small"]))
    groups = [(g.theme, g.actions) for g in summary.plan]
    if len(groups) == 1 and groups[0][0] == NO_THEME:
        groups = [("", groups[0][1])]  # no themes at all: one plain table
    story.append(action_table([], ctx, groups=groups))
    return story
