"""A table that runs over pages cleanly, even with a row taller than a page."""

from __future__ import annotations

import functools
from typing import Any

from reportlab.platypus import Flowable, Table

MIN_PIECE = 24  # points: the least of a split row left at the foot of a page
GROUP_STYLE = "CellGroup"  # the paragraph style of a row that titles the rows below


class PageTable(Table):
    """A ``Table`` that breaks between rows, and inside a row only when that row
    could never fit on one page.

    reportlab's own ``splitInRow`` also splits ordinary rows: the rest of a
    table that was just split between rows is retried in the space left on
    the same page, so a second header row appears mid-page above a sliver of
    a row. Here each split decides for itself. ``page_height`` is the height
    of the frame; make a sized class with :func:`page_table`.
    """

    page_height: float = float("inf")
    _sized_for: tuple[float, float] | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:  # noqa: N803
        """Size the table once per space offered: reportlab sizes it again in ``wrap``
        and twice in ``split`` (wrapping every cell each time), for the same space."""
        if self._sized_for == (availWidth, availHeight):
            return
        super()._calc(availWidth, availHeight)
        self._sized_for = (availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        """Split between rows; inside the row at the break only if it is too tall
        for any page (``_calc`` and ``_rowHeights`` are reportlab's own sizing)."""
        self._calc(availWidth, availHeight)
        heights: list[float] = list(self._rowHeights)
        header = sum(heights[: self.repeatRows])
        used, crossing, fitting = 0.0, None, len(heights)
        for index, height in enumerate(heights):
            if used + height > availHeight:
                crossing, fitting = height, index
                break
            used += height
        too_tall = crossing is not None and header + crossing > self.page_height
        self.splitByRow, self.splitInRow = (0, MIN_PIECE) if too_tall else (1, 0)
        last = fitting - 1
        if not too_tall and crossing is not None and last >= self.repeatRows \
                and self._is_group_row(last):
            # a group's title row goes over with its first row, not alone at the foot
            if last == self.repeatRows:
                return []  # only the header and the title would fit: all to the next page
            availHeight = sum(heights[:last]) + 0.01  # noqa: N806
        return super().split(availWidth, availHeight)

    def _is_group_row(self, row: int) -> bool:
        """True for a row naming the group of rows under it (a "CellGroup" cell)."""
        first = self._cellvalues[row][0]
        if isinstance(first, list | tuple):  # reportlab keeps flowable cells as tuples
            first = first[0] if first else None
        style = getattr(first, "style", None)
        return getattr(style, "name", "") == GROUP_STYLE


@functools.cache
def page_table(page_height: float) -> type[PageTable]:
    """A :class:`PageTable` class for frames ``page_height`` points tall.

    A class rather than an argument: reportlab rebuilds the pieces of a split
    table by calling ``self.__class__`` with its own arguments only.
    """
    attrs: dict[str, Any] = {"page_height": page_height}
    return type("PageTable", (PageTable,), attrs)


def data_table(rows: list[list[Any]], widths: list[float], *, page_height: float) -> Table:
    """The plan's usual table: a blue header row repeated on every page, banded rows,
    cells aligned to the top, text in the embedded font."""
    from reportlab.platypus import TableStyle

    from collabfacil.export.pdf_theme import FONT, Palette

    table = page_table(page_height)(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),  # the cells' own default is Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [Palette.white, Palette.band]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table
