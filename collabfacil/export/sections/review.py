"""The review of last time's actions in the PDF: what was done, what continues, what stopped."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps.review import REVIEW, STATUSES
from collabfacil.export.outline import short_date
from collabfacil.export.pdf_table import data_table
from collabfacil.export.pdf_theme import markup
from collabfacil.export.sections.base import SectionContext

HEADINGS = ("Action from last time", "Owner", "Due", "Status", "Note")
_SHARES = (0.32, 0.15, 0.13, 0.14, 0.26)


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """A summary line, then the table of carried-in actions and their review."""
    items = ctx.data.items_for(step.id, REVIEW)
    if not items:
        return []
    styles = ctx.styles
    counts = {s: sum(1 for i in items if i.data["status"] == s) for s in STATUSES}
    summary = ", ".join(f"{counts[s]} {label.lower()}" for s, label in STATUSES.items()
                        if counts[s])
    source = step.config.get("from", "the last workshop")
    story: list[Flowable] = [Paragraph(
        f"{len(items)} actions carried in from {markup(str(source))}: {markup(summary)}.",
        styles["Normal"])]
    rows: list[list[Flowable]] = [[Paragraph(h, styles["CellHead"]) for h in HEADINGS]]
    for item in items:
        d = item.data
        due = short_date(date.fromisoformat(d["due"])) if d["due"] else ""
        rows.append([Paragraph(markup(str(d[key])), styles["Cell"]) for key in
                     ("action", "owner")] + [Paragraph(due, styles["Cell"])]
                    + [Paragraph(STATUSES[d["status"]], styles["Cell"]),
                       Paragraph(markup(str(d["note"])), styles["Cell"])])
    table = data_table(rows, [ctx.width * s for s in _SHARES], page_height=ctx.height)
    story.append(table)
    return story


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """Each carried-in action with its status and note."""
    lines = []
    for item in data.items_for(step.id, REVIEW):
        d = item.data
        note = f" — {d['note']}" if d["note"] else ""
        lines.append(f"- **{STATUSES[d['status']]}:** {d['action']} ({d['owner']}){note}")
    return lines
