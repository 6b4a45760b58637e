"""A canvas that can say "Page X of Y": pages are kept until the total is known."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from collabfacil.export.pdf_contents import Contents
from collabfacil.export.pdf_theme import FONT, Palette


class NumberedCanvas(Canvas):
    """Defers every page to ``save()``, then draws each footer with the page count.

    ``margin`` is the left and right page margin the footer lines up with.
    """

    margin: float = 18 * mm
    contents: Contents | None = None  # page numbers to write into the contents list

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        """Keep the finished page's state instead of writing it out now."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Write every kept page with its footer, then the file."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            if self.contents is not None:
                self.contents.draw_numbers(self, self._pageNumber)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        y = 11 * mm
        self.saveState()
        self.setStrokeColor(Palette.rule)
        self.setLineWidth(0.5)
        self.line(self.margin, y + 4.5 * mm, width - self.margin, y + 4.5 * mm)
        self.setFont(FONT, 8)
        self.setFillColor(Palette.muted)
        self.drawRightString(width - self.margin, y,
                             f"Page {self._pageNumber} of {total}")
        self.restoreState()
