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


def action_table(actions: Sequence[Action], ctx: SectionContext) -> Table:
    """Actions as a table whose header row repeats on every page it runs onto.

    Every cell is a Paragraph so long text wraps inside its column, and a row
    taller than a page is split inside the row rather than overflowing.
    """
    styles = ctx.styles
    rows: list[list[Flowable | list[Flowable]]] = [
        [Paragraph(h, styles["CellHead"]) for h in HEADINGS]]
    for action in actions:
        org = ctx.data.organisation(action.organisation_id)
        rows.append([
            _action_cell(action, ctx),
            Paragraph(markup(action.owner), styles["Cell"]),
            Paragraph(markup(org.label) if org else "", styles["Cell"]),
            Paragraph(short_date(action.due), styles["Cell"]),
            Paragraph(markup(action.first_step), styles["Cell"]),
        ])
    return data_table(rows, [ctx.width * s for s in _SHARES], page_height=ctx.height)


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
