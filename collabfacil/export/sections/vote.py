"""A vote in the PDF: how many voted, a bar chart of the totals, and the table of
every choice with its total, highest first. Voters' names are never printed."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps import vote
from collabfacil.export.charts import bar_chart
from collabfacil.export.pdf_table import page_table
from collabfacil.export.pdf_theme import FONT, Palette, markup
from collabfacil.export.sections.base import SectionContext

CHART_MAX = 12  # bars in the chart
ALL_ROWS_MAX = 15  # a longer list is tabled only down to the last choice with votes
_SHARES = (0.08, 0.72, 0.20)


def results(step: Step, data: WorkshopData) -> tuple[list[vote.Row], vote.Summary]:
    """Every choice's total, highest first, and how much was recorded."""
    target_list = vote.targets(step, data.steps, data.contributions_for, data.items_for)
    items = data.items_for(step.id)
    return vote.ranked(vote.totals(step.config, items, target_list)), vote.summary(items)


def headline(step: Step, summary: vote.Summary, choices: int) -> str:
    """E.g. "Dot voting, 3 dots each: 24 dots from 8 tables." """
    config = vote.settings(step.config)
    if config["mode"] == "rank":
        how = f"Ranking ({max(choices - 1, 0)} points for a first place, down to 0 for last)"
    else:
        how = f"Dot voting, {config['dots']} dot{'s' if config['dots'] != 1 else ''} each"
    return f"{how}: {summary.sentence(config)}."


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The headline, the chart of the leading choices, the table of all of them."""
    rows, summary = results(step, ctx.data)
    if not rows or not (summary.dots or summary.rankings):
        return []
    config = vote.settings(step.config)
    unit = "Points" if config["mode"] == "rank" else "Dots"
    styles = ctx.styles
    voted = [r for r in rows if r.total > 0]
    shown = voted[:CHART_MAX]
    # the step's heading, this headline and the chart stay together on one page
    lead = ParagraphStyle("VoteHeadline", parent=styles["Normal"], keepWithNext=1,
                          spaceAfter=6)
    story: list[Flowable] = [
        Paragraph(markup(headline(step, summary, len(rows))), lead),
        bar_chart([r.target.label for r in shown], [r.total for r in shown],
                  width=ctx.width, colour=Palette.orange,
                  value_text=lambda v: vote.value_text(config, int(v)))]
    if len(voted) > len(shown):
        story.append(Paragraph(f"The chart shows the {len(shown)} choices with most "
                               f"{unit.lower()}.", styles["Small"]))
    story.append(Spacer(1, 8))
    table_rows: list[list[Flowable | str]] = [[Paragraph(h, styles["CellHead"])
                                         for h in ("Place", "Choice", unit)]]
    listed = rows if len(rows) <= ALL_ROWS_MAX else voted
    place = 0
    previous: int | None = None
    for i, row in enumerate(listed):
        if row.total != previous:
            place, previous = i + 1, row.total
        # numbers as plain cell text: a Paragraph each would cost a third of the table
        table_rows.append([str(place), Paragraph(markup(row.target.label), styles["Cell"]),
                           str(row.total)])
    table = page_table(ctx.height)(table_rows, colWidths=[ctx.width * s for s in _SHARES],
                                   repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [Palette.white, Palette.band]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("FONTSIZE", (0, 1), (-1, -1), styles["Cell"].fontSize),
        ("LEADING", (0, 1), (-1, -1), styles["Cell"].leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), Palette.ink),
    ]))
    story.append(table)
    left_out = len(rows) - len(listed)
    if left_out:
        noun = {"notes": "notes", "themes": "themes"}.get(config["on"], "choices")
        story.append(Paragraph(f"{left_out} other {noun} received no "
                               f"{unit.lower()}.", styles["Small"]))
    return story


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The choices as a ranked list with their totals, after how many voted."""
    rows, summary = results(step, data)
    if not rows or not (summary.dots or summary.rankings):
        return []
    config = vote.settings(step.config)
    lines = [headline(step, summary, len(rows)), ""]
    for i, row in enumerate(rows, start=1):
        label = " ".join(row.target.label.split())
        lines.append(f"{i}. {label} — {vote.value_text(config, row.total)}")
    return lines
