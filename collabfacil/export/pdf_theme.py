"""The PDF's look: the embedded font, the palette, the paragraph styles, and
the one function that turns user text into safe platypus markup."""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from collabfacil.export.files import ExportError

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FACES = (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC)
MISSING_GLYPH = "\ufffd"  # printed for a character the font cannot draw


class Palette:
    """Okabe–Ito colours, chosen to stay apart for colour-blind readers and in
    greyscale; text on a coloured fill is always black or white with AA contrast."""

    ink = colors.HexColor("#1A1A1A")
    muted = colors.HexColor("#555555")
    rule = colors.HexColor("#B8B8B8")
    blue = colors.HexColor("#0072B2")  # headings, table header (white text on it)
    sky = colors.HexColor("#56B4E9")  # "small test" tag (black text on it)
    orange = colors.HexColor("#E69F00")  # "must agree" tag (black text on it)
    green = colors.HexColor("#009E73")
    vermillion = colors.HexColor("#D55E00")
    band = colors.HexColor("#EEF5FA")  # alternate table rows: a light tint of sky
    group = colors.HexColor("#D9E8F3")  # a group's title row in a table: a deeper tint
    white = colors.white


def register_fonts(folder: Path) -> None:
    """Embed DejaVu Sans in its four faces as one family (``<b>``, ``<i>`` work).

    Registering is process-wide in reportlab, so a second call does nothing.
    """
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    try:
        for face in _FACES:
            pdfmetrics.registerFont(TTFont(face, str(folder / f"{face}.ttf")))
    except (OSError, TTFError) as exc:
        raise ExportError(f"The PDF font could not be loaded from {folder}: {exc}.") \
            from None
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD,
                                  italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)


@functools.cache
def _coverage() -> frozenset[str]:
    """The characters every one of the four faces can draw, and line breaks and tabs."""
    faces = [pdfmetrics.getFont(face).face.charToGlyph for face in _FACES]
    points = set(faces[0]).intersection(*faces[1:])
    return frozenset(chr(p) for p in points) | {"\n", "\t"}


def printable(text: str) -> str:
    """``text`` with each character the font lacks (CJK, emoji...) shown as U+FFFD."""
    covered = _coverage()
    if covered.issuperset(text):  # the usual case, checked in C
        return text
    return "".join(ch if ch in covered else MISSING_GLYPH for ch in text)


def markup(text: str) -> str:
    """User text as platypus markup that prints exactly what was typed.

    ``<``, ``>`` and ``&`` are escaped (so ``<b>`` or ``</font>`` print
    literally) and line breaks become ``<br/>``.
    """
    return escape(printable(text)).replace("\n", "<br/>")


def tag(label: str, fill: colors.Color, *, text: colors.Color = Palette.ink) -> str:
    """Markup for a small coloured label such as "MUST AGREE" (words, not only colour)."""
    return (f'<font size="7" color="{text.hexval()}" backColor="{fill.hexval()}">'
            f"<b>\u00a0{escape(label)}\u00a0</b></font>")


def stylesheet() -> StyleSheet1:
    """The named paragraph styles every part of the PDF draws from."""
    sheet = StyleSheet1()
    base = ParagraphStyle("Normal", fontName=FONT, fontSize=10, leading=14,
                          textColor=Palette.ink, alignment=TA_LEFT)
    sheet.add(base)

    def add(name: str, **kw: object) -> None:
        sheet.add(ParagraphStyle(name, parent=sheet[kw.pop("parent", "Normal")], **kw))

    add("CoverKicker", fontName=FONT_BOLD, fontSize=11, leading=14,
        textColor=Palette.blue, spaceAfter=6)
    add("CoverTitle", fontName=FONT_BOLD, fontSize=26, leading=32, spaceAfter=14)
    add("CoverLabel", fontName=FONT_BOLD, fontSize=9, leading=12,
        textColor=Palette.muted)
    add("CoverValue", fontSize=11, leading=15)
    add("Heading1", fontName=FONT_BOLD, fontSize=16, leading=20,
        textColor=Palette.blue, spaceBefore=16, spaceAfter=6, keepWithNext=1)
    add("Heading2", fontName=FONT_BOLD, fontSize=12.5, leading=16,
        spaceBefore=12, spaceAfter=3, keepWithNext=1)
    add("Heading3", fontName=FONT_BOLD, fontSize=10.5, leading=14,
        spaceBefore=8, spaceAfter=3, keepWithNext=1)
    add("Lead", fontSize=11, leading=15.5, spaceAfter=6)
    add("Label", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=Palette.muted,
        spaceBefore=10, spaceAfter=3, keepWithNext=1)
    add("Figure", fontName=FONT_BOLD, fontSize=20, leading=23, textColor=Palette.blue)
    add("FigureLabel", fontSize=8.5, leading=11, textColor=Palette.muted)
    add("SummaryStep", fontName=FONT_ITALIC, fontSize=9, leading=12, textColor=Palette.muted,
        spaceBefore=3, spaceAfter=2, keepWithNext=1)
    add("Prompt", fontName=FONT_ITALIC, textColor=Palette.muted, spaceAfter=6,
        keepWithNext=1)
    add("Note", leftIndent=14, bulletIndent=3, bulletFontName=FONT, spaceAfter=3)
    add("Cell", fontSize=8.5, leading=11)
    add("CellHead", parent="Cell", fontName=FONT_BOLD, textColor=Palette.white)
    add("CellGroup", parent="Cell", fontName=FONT_BOLD, fontSize=9.5, leading=12)
    add("CellSmall", parent="Cell", fontSize=7.5, leading=10,
        textColor=Palette.muted, spaceBefore=2)
    add("Small", fontSize=8.5, leading=12, textColor=Palette.muted)
    add("Source", parent="Note", fontSize=9, leading=12.5, spaceAfter=2)
    # "•\u2002" then the text. Not hanging: a negative first-line indent puts each
    # paragraph on reportlab's slower path (+20% for the appendix of 2,000 notes).
    add("Record", fontSize=8.5, leading=11, leftIndent=8, spaceAfter=1.5)
    add("RecordText", parent="Record")
    return sheet


def new_drawing(width: float, height: float) -> Drawing:
    """A blank vector drawing whose default font is ours: reportlab's is Helvetica,
    which would add a font the PDF does not embed."""
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    return drawing
