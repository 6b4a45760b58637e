"""In the PDF: a repeated scale's change since the last workshop of the series."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, TableStyle

from collabfacil.domain.repeats import Change
from collabfacil.export.pdf_table import page_table
from collabfacil.export.pdf_theme import FONT, Palette, markup
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
    table = page_table(ctx.height)(rows, colWidths=[ctx.width * s for s in _SHARES],
                                   repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [Palette.white, Palette.band]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return [Paragraph(f"Since last time ({markup(source)})", styles["Heading2"]), table]
