"""Small painting helpers shared by the matrix scenes: fitted plain text, role fills."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from collabfacil.domain.frozen import frozen
from collabfacil.ui.projector import theme
from collabfacil.ui.projector.layout import card_font, shorten_to_height, text_height

# Okabe–Ito fills for roles, each with black letters on it (contrast at least 5:1).
ROLE_FILLS = {"R": "#56B4E9", "A": "#E69F00", "C": "#009E73", "I": "#CC79A7",
              "Recommend": "#56B4E9", "Agree": "#CC79A7", "Decide": "#E69F00",
              "Input": "#009E73", "Perform": "#F0E442"}
FILL_INK = QColor("#111111")
# The theme's own colours (the same objects, so they follow a change of theme):
ERROR_INK = theme.OVERTIME  # always with the ✖ symbol and a word
WARNING_INK = theme.HEADER_INK  # always with the ⚠ symbol and a word
BAND = theme.BAND  # alternate rows
EMPTY_CELL = theme.GRID
FOCUS = theme.INK  # the outline round what the facilitator points at


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


@frozen
class Text:
    """One piece of text placed on the projector."""

    rect: QRectF
    text: str
    px: float
    colour: QColor
    bold: bool = False
    flags: int = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                     | Qt.TextFlag.TextWordWrap)

    def paint(self, p: QPainter) -> None:
        p.setPen(self.colour)
        font = card_font(self.px, bold=self.bold)
        p.setFont(font)
        flags = self.flags
        if flags & Qt.TextFlag.TextWordWrap:
            m = QFontMetricsF(font)
            if max((m.horizontalAdvance(w) for w in self.text.split()),
                   default=0.0) > self.rect.width():
                flags = (flags & ~int(Qt.TextFlag.TextWordWrap)) | int(
                    Qt.TextFlag.TextWrapAnywhere)
        p.drawText(self.rect, flags, self.text)


def metrics(px: float, *, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(card_font(px, bold=bold))


def fit_lines(text: str, width: float, px: float, lines: int, *,
              bold: bool = False) -> tuple[str, float]:
    """``text`` wrapped to ``width`` in at most ``lines`` lines (shortened with … if
    longer); and its height."""
    m = metrics(px, bold=bold)
    longest = max((m.horizontalAdvance(w) for w in text.split()), default=0.0)
    wrap = (Qt.TextFlag.TextWrapAnywhere if longest > width else Qt.TextFlag.TextWordWrap)
    # a little over ``lines`` lines: wrapped text measures a pixel more than its lines
    return shorten_to_height(m, text, width, wrap, m.lineSpacing() * (lines + 0.4))


def needs_lines(text: str, width: float, px: float, *, bold: bool = False) -> float:
    """How many lines ``text`` takes wrapped at whole words in ``width`` (inf if a
    word is wider than the width)."""
    m = metrics(px, bold=bold)
    if max((m.horizontalAdvance(w) for w in text.split()), default=0.0) > width:
        return float("inf")
    return round(text_height(m, text, width) / m.lineSpacing())


def width_of(text: str, px: float, *, bold: bool = False) -> float:
    return metrics(px, bold=bold).horizontalAdvance(text)


MAX_HEADER_LINES = 3


@dataclass
class Headings:
    """Column headings placed over a grid: texts, and tick lines for the upper level."""

    height: float
    texts: list[Text] = field(default_factory=list)
    ticks: list[tuple[QPointF, QPointF]] = field(default_factory=list)


def column_headings(labels: list[str], *, left: float, top: float, col_w: float,
                    px: float, final: bool, colour: QColor) -> Headings | None:
    """Headings centred over columns ``col_w`` wide, in whole words.

    A heading too wide for its column alternates with its neighbours on two
    levels, so each may be nearly two columns wide; None when even that does
    not fit (unless ``final``: then the words are shortened).
    """
    pad = px * 0.35
    line = metrics(px, bold=True).lineSpacing()
    bottom_centre = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
                        | Qt.TextFlag.TextWordWrap)
    if all(needs_lines(t, col_w - pad, px, bold=True) <= MAX_HEADER_LINES for t in labels):
        fitted = [fit_lines(t, col_w - pad, px, MAX_HEADER_LINES, bold=True) for t in labels]
        height = max(h for _, h in fitted) + pad
        out = Headings(height)
        for i, (text, _) in enumerate(fitted):
            out.texts.append(Text(QRectF(left + i * col_w, top, col_w, height - pad * 0.5),
                                  text, px, colour, bold=True, flags=bottom_centre))
        return out
    span = min(2 * col_w - pad * 0.6, col_w + px * 6)
    if not final and any(needs_lines(t, span, px, bold=True) > 2 for t in labels):
        return None
    fitted = [fit_lines(t, span, px, 2, bold=True) for t in labels]
    lower = max((h for i, (_, h) in enumerate(fitted) if i % 2 == 0), default=line)
    upper = max((h for i, (_, h) in enumerate(fitted) if i % 2 == 1), default=0.0) + pad * 0.5
    out = Headings(upper + lower + pad)
    for i, (text, _) in enumerate(fitted):
        centre = left + (i + 0.5) * col_w
        if i % 2:
            rect = QRectF(centre - span / 2, top, span, upper - pad * 0.5)
            out.ticks.append((QPointF(centre, top + upper - pad * 0.3),
                              QPointF(centre, top + out.height - pad * 0.3)))
        else:
            rect = QRectF(centre - span / 2, top + upper, span, lower)
        out.texts.append(Text(rect, text, px, colour, bold=True, flags=bottom_centre))
    return out
