"""Agreed actions in the PDF: one table, by due date, that can run over pages."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table

from collabfacil.domain.model import Action, Step
from collabfacil.export.outline import short_date
from collabfacil.export.pdf_table import data_table
from collabfacil.export.pdf_theme import Palette, markup, tag
from collabfacil.export.sections.base import SectionContext

HEADINGS = ("Action", "Owner", "Organisation", "Due", "First step")
# Shares of the page width: the two free-text columns get the most room, and
# the due column fits "28 May 2026" on one line.
_SHARES = (0.305, 0.15, 0.145, 0.135, 0.265)
SMALL_TEST = "SMALL TEST"


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The table of the actions agreed in this step (and any without a step)."""
    actions = ctx.actions.get(step.id, [])
    return [action_table(actions, ctx)] if actions else []


def action_table(actions: Sequence[Action], ctx: SectionContext, *,
                 groups: Sequence[tuple[str, Sequence[Action]]] = ()) -> Table:
    """Actions as a table whose header row repeats on every page it runs onto.

    With ``groups`` (a title and its actions), each group starts with a row
    across the table naming it. Every cell is a Paragraph so long text wraps
    inside its column, and a row taller than a page is split inside the row
    rather than overflowing.
    """
    styles = ctx.styles
    rows: list[list[Flowable | list[Flowable] | str]] = [
        [Paragraph(h, styles["CellHead"]) for h in HEADINGS]]
    group_rows: list[int] = []
    for title, members in groups or [("", actions)]:
        if title:
            group_rows.append(len(rows))
            count = len(members)
            rows.append([Paragraph(
                f"{markup(title)}\u2003<font size='7.5' color='{Palette.muted.hexval()}'>"
                f"{count} action{'s' if count != 1 else ''}</font>", styles["CellGroup"]),
                "", "", "", ""])
        rows += [_row(action, ctx) for action in members]
    table = data_table(rows, [ctx.width * s for s in _SHARES], page_height=ctx.height)
    style: list[tuple] = []
    for row in group_rows:
        style += [("SPAN", (0, row), (-1, row)),
                  ("BACKGROUND", (0, row), (-1, row), Palette.group),
                  ("TOPPADDING", (0, row), (-1, row), 6)]
    if style:
        table.setStyle(style)
    return table


def _row(action: Action, ctx: SectionContext) -> list[Flowable | list[Flowable] | str]:
    styles = ctx.styles
    org = ctx.data.organisation(action.organisation_id)
    return [
        _action_cell(action, ctx),
        Paragraph(markup(action.owner), styles["Cell"]),
        Paragraph(markup(org.label) if org else "", styles["Cell"]),
        _due_cell(action, ctx),
        Paragraph(markup(action.first_step), styles["Cell"]),
    ]


def _due_cell(action: Action, ctx: SectionContext) -> list[Flowable]:
    """The due date, and the review date under it when one was set."""
    cell: list[Flowable] = [Paragraph(short_date(action.due), ctx.styles["Cell"])]
    if action.review_date:
        cell.append(Paragraph(f"Review {short_date(action.review_date)}",
                              ctx.styles["CellSmall"]))
    return cell


def _action_cell(action: Action, ctx: SectionContext) -> list[Flowable]:
    """The action's text, its "small test" label and its measure, stacked."""
    text = markup(action.text)
    if action.small_test:
        text = tag(SMALL_TEST, Palette.sky) + " " + text
    cell: list[Flowable] = [Paragraph(text, ctx.styles["Cell"])]
    if action.measure:
        cell.append(Paragraph(f"<b>Measure:</b> {markup(action.measure)}",
                              ctx.styles["CellSmall"]))
    return cell
