"""In the PDF: a repeated scale's change since the last workshop of the series, or
since an earlier reading the same day."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from collabfacil.domain.repeats import Change, Repeat
from collabfacil.export.pdf_table import data_table
from collabfacil.export.pdf_theme import markup
from collabfacil.export.sections.base import SectionContext

_SHARES = (0.52, 0.14, 0.14, 0.2)


def repeat_table(repeat: Repeat | None, ctx: SectionContext, *, what: str,
                 unit: str) -> list[Flowable]:
    """The change since last time or since earlier today, or nothing."""
    if repeat is None:
        return []
    return change_table(repeat.changes, ctx, source=repeat.source, what=what, unit=unit,
                        earlier_today=repeat.earlier_today)


def change_table(changes: Sequence[Change], ctx: SectionContext, *, source: str,
                 what: str, unit: str, earlier_today: bool = False) -> list[Flowable]:
    """A heading and a table (what, then, now, change), biggest moves first."""
    if not changes or not source:
        return []
    styles = ctx.styles
    then = "Earlier" if earlier_today else "Last time"
    rows: list[list[Flowable]] = [[Paragraph(h, styles["CellHead"]) for h in
                                   (what, then, "Now", "Change")]]
    for c in sorted(changes, key=lambda c: -abs(c.delta)):
        rows.append([Paragraph(markup(c.label), styles["Cell"]),
                     Paragraph(f"{c.before:.1f}", styles["Cell"]),
                     Paragraph(f"{c.after:.1f}", styles["Cell"]),
                     Paragraph(markup(c.words(unit)), styles["Cell"])])
    table = data_table(rows, [ctx.width * s for s in _SHARES], page_height=ctx.height)
    heading = (f"Since earlier today (“{markup(source)}”)" if earlier_today
               else f"Since last time ({markup(source)})")
    return [Paragraph(heading, styles["Heading3"]), table]
