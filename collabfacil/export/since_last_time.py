"""In the PDF: a repeated scale's change since the last workshop of the series."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from collabfacil.domain.repeats import Change
from collabfacil.export.pdf_table import data_table
from collabfacil.export.pdf_theme import markup
from collabfacil.export.sections.base import SectionContext

_SHARES = (0.52, 0.14, 0.14, 0.2)


def change_table(changes: Sequence[Change], ctx: SectionContext, *, source: str,
                 what: str, unit: str) -> list[Flowable]:
    """A heading and a table (what, last time, now, change), biggest moves first."""
    if not changes or not source:
        return []
    styles = ctx.styles
    rows: list[list[Flowable]] = [[Paragraph(h, styles["CellHead"]) for h in
                                   (what, "Last time", "Now", "Change")]]
    for c in sorted(changes, key=lambda c: -abs(c.delta)):
        rows.append([Paragraph(markup(c.label), styles["Cell"]),
                     Paragraph(f"{c.before:.1f}", styles["Cell"]),
                     Paragraph(f"{c.after:.1f}", styles["Cell"]),
                     Paragraph(markup(c.words(unit)), styles["Cell"])])
    table = data_table(rows, [ctx.width * s for s in _SHARES], page_height=ctx.height)
    return [Paragraph(f"Since last time ({markup(source)})", styles["Heading3"]), table]
