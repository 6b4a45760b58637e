"""The summary page's "In this paper" list, with page numbers, and the PDF's bookmarks.

Page numbers are known only once the whole paper is laid out, so the list is drawn
without them; each section heading notes the page it lands on as it is drawn, and
:class:`~collabfacil.export.pdf_canvas.NumberedCanvas`, which keeps every page
until the end anyway, writes the numbers in before the pages go out. One layout
pass, where reportlab's own table of contents needs two or more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from collabfacil.export.pdf_theme import FONT, Palette


@dataclass
class Contents:
    """Where each section starts, and where its page number is to be written."""

    pages: dict[str, int] = field(default_factory=dict)  # key -> page of its heading
    # page of the list -> (key, x of the number's right edge, baseline y)
    slots: dict[int, list[tuple[str, float, float]]] = field(default_factory=dict)

    def draw_numbers(self, canvas: Canvas, page: int) -> None:
        """Write the page numbers that belong on ``page`` (the list's own page)."""
        for key, x, y in self.slots.get(page, []):
            number = self.pages.get(key)
            if number is not None:
                canvas.setFont(FONT, 9.5)
                canvas.setFillColor(Palette.ink)
                canvas.drawRightString(x, y, str(number))


class SectionHeading(Paragraph):
    """A heading that records its page for the contents and adds a PDF bookmark."""

    def __init__(self, text: str, style: ParagraphStyle, *, key: str, title: str,
                 contents: Contents, level: int = 0) -> None:
        super().__init__(text, style)
        self.key, self.title, self.contents, self.level = key, title, contents, level

    def draw(self) -> None:
        canvas = self.canv
        self.contents.pages.setdefault(self.key, canvas.getPageNumber())
        canvas.bookmarkPage(self.key)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=True)
        super().draw()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # a heading moves to the next page whole


class ContentsList(Flowable):
    """The titles of the paper's parts, one a line, with dotted leaders to the page
    number written in later (see :class:`Contents`)."""

    leading = 13.5
    size = 9.5
    number_room = 22.0  # points kept free at the right for the page number

    def __init__(self, entries: list[tuple[str, str]], contents: Contents) -> None:
        super().__init__()
        self.entries, self.contents = entries, contents

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.leading * len(self.entries)

    def draw(self) -> None:
        canvas = self.canv
        page = canvas.getPageNumber()
        right = self.width
        slots = self.contents.slots.setdefault(page, [])
        canvas.saveState()
        canvas.setFont(FONT, self.size)
        for row, (key, title) in enumerate(self.entries):
            y = self.leading * (len(self.entries) - row - 1) + 4
            room = right - self.number_room - 6
            shown = _fit(title, room, self.size)
            canvas.setFillColor(Palette.ink)
            canvas.drawString(0, y, shown)
            start = canvas.stringWidth(shown, FONT, self.size) + 6
            canvas.setFillColor(Palette.rule)
            dots = "." * max(0, int((room - start) / canvas.stringWidth(". ", FONT,
                                                                       self.size)))
            canvas.drawRightString(room, y, " ".join(dots))
            x, y_abs = canvas.absolutePosition(right, y)
            slots.append((key, x, y_abs))
        canvas.restoreState()


def _fit(text: str, width: float, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"
