"""A horizontal bar chart for the PDF, as reportlab vector graphics.

General enough for any section: labels, values, a colour, how a value is
written. Labels are plain text (a ``String`` is never markup), wrapped to two
lines and shortened with "…" beyond; every value is printed beside its bar, so
the chart reads in greyscale and for colour-blind readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from collabfacil.export.pdf_theme import FONT, FONT_BOLD, Palette, new_drawing, printable

LABEL_SHARE = 0.42  # the labels take at most this share of the width


def _plain_number(value: float) -> str:
    return f"{value:g}"


def wrap_label(text: str, width: float, *, font: str = FONT, size: float = 8.5,
               lines: int = 2) -> list[str]:
    """``text`` broken into at most ``lines`` lines of ``width`` points, the last
    ending in "…" when the text is longer; a word longer than a line is cut."""
    rest = printable(" ".join(text.split())).split()
    out: list[str] = []
    current = ""
    while rest:
        word = rest[0]
        trial = f"{current} {word}" if current else word
        if stringWidth(trial, font, size) <= width:
            current = trial
            rest.pop(0)
            continue
        if not current:  # one word wider than the line: cut it
            cut = len(word)
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            current, rest[0] = word[:cut], word[cut:]
        out.append(current)
        current = ""
        if len(out) == lines:
            break
    if current:
        out.append(current)
    if rest and out:  # shortened: end the last line with an ellipsis
        last = out[-1]
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out or [""]


def bar_chart(labels: Sequence[str], values: Sequence[float], *, width: float,
              colour: colors.Color = Palette.blue,
              value_text: Callable[[float], str] = _plain_number,
              size: float = 8.5) -> Drawing:
    """A Drawing ``width`` points wide: one labelled bar per value, in the order given."""
    if len(labels) != len(values):
        raise ValueError("A bar chart needs one value per label.")
    texts = [printable(value_text(v)) for v in values]
    line = size * 1.25
    value_w = max((stringWidth(t, FONT_BOLD, size) for t in texts), default=0) + 6
    widest = max((stringWidth(printable(label), FONT, size) for label in labels), default=0)
    label_w = min(widest + 2, width * LABEL_SHARE)
    gap = 6
    bar_left = label_w + gap
    bar_room = max(10.0, width - bar_left - value_w)
    wrapped = [wrap_label(label, label_w, size=size) for label in labels]
    heights = [max(len(w), 1) * line + 5 for w in wrapped]
    total = sum(heights)
    drawing = new_drawing(width, total)
    peak = max([*values, 0.0]) or 1.0
    y = total
    for lines, value, text, row_h in zip(wrapped, values, texts, heights, strict=True):
        top = y
        mid = top - row_h / 2
        first_baseline = mid + (len(lines) * line) / 2 - size * 0.95
        for k, text_line in enumerate(lines):
            drawing.add(String(label_w, first_baseline - k * line, text_line,
                               fontName=FONT, fontSize=size, fillColor=Palette.ink,
                               textAnchor="end"))
        length = bar_room * max(value, 0.0) / peak
        bar_h = min(row_h - 5, line * 1.05)
        if length > 0:
            drawing.add(Rect(bar_left, mid - bar_h / 2, length, bar_h, fillColor=colour,
                             strokeColor=None))
        drawing.add(String(bar_left + length + 3, mid - size * 0.35, text,
                           fontName=FONT_BOLD, fontSize=size, fillColor=Palette.ink))
        y -= row_h
    drawing.add(Line(bar_left - 0.5, 0, bar_left - 0.5, total, strokeColor=Palette.rule,
                     strokeWidth=0.75))
    return drawing
