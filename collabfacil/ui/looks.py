"""The console's text looks by role (a step title, a hint, a section label...).

Each look is set on its widget as a font and a palette colour, not by a style sheet
on the console window: a style sheet there makes Qt draw and measure every widget
in the console through its style-sheet style, which cost 1.5% of start-up
(README, "Speed and memory"), and more on every repaint. The other windows (start
page, workshop editor) keep their own style sheets, with the same colours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget


class Look:
    """A text look: its size in pixels (None: the widget's own), weight and colour."""

    __slots__ = ("bold", "colour", "pixel_size")

    def __init__(self, pixel_size: int | None = None, *, bold: bool = False,
                 colour: str = "") -> None:
        self.pixel_size = pixel_size
        self.bold = bold
        self.colour = colour


MUTED = "#555555"
ERROR = "#B3261E"
WARNING = "#8A5300"
SCRIPT_BACKGROUND = "#F3F1EA"

LOOKS: dict[str, Look] = {
    "stepTitle": Look(22, bold=True),
    "stepMeta": Look(colour=MUTED),
    "hint": Look(colour=MUTED),
    "prompt": Look(15),
    "sectionLabel": Look(bold=True, colour=MUTED),
    "errorMessage": Look(bold=True, colour=ERROR),
    "phases": Look(bold=True, colour="#0B4F8A"),
}


def plain_label(text: str = "", *, name: str = "", wrap: bool = True) -> QLabel:
    """A label of plain text (user text is never rich text), named ``name``, with
    that role's look when ``name`` is one of LOOKS."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    if name in LOOKS:
        give_look(label, name)
    elif name:
        label.setObjectName(name)
    return label


def give_look(widget: QWidget, role: str) -> None:
    """Name ``widget`` after ``role`` (one of LOOKS) and give it that role's look."""
    widget.setObjectName(role)
    set_text_look(widget, LOOKS[role])


def set_text_look(widget: QWidget, look: Look) -> None:
    """Set ``widget``'s font (from the application's) and text colour to ``look``."""
    font = QFont(widget.font())
    if look.pixel_size is not None:
        font.setPixelSize(look.pixel_size)
    font.setBold(look.bold)
    widget.setFont(font)
    set_colours(widget, text=look.colour)


def set_colours(widget: QWidget, *, text: str = "", background: str = "") -> None:
    """Give ``widget`` these text and background colours; "" leaves the text in its
    window's colour and the background unfilled."""
    palette = QPalette()  # no colour of its own: each one comes from the window
    if text:
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, QColor(text))
    if background:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
    widget.setPalette(palette)
    widget.setAutoFillBackground(bool(background))
