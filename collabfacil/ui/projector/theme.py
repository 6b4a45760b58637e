"""The projector's colours and type sizes (fractions of the screen height).

Three themes: dark (the default, best in a dim room), light (a bright room or
a weak projector) and high contrast (for low vision). The colours are shared
QColor objects that every scene paints with; ``apply_theme`` changes them in
place, so a scene never needs to know which theme is on.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

BACKGROUND = QColor()
INK = QColor()  # body text on the background
MUTED = QColor()  # prompts and hints
CARD = QColor()
CARD_INK = QColor()
CARD_TAG = QColor()
CARD_EDGE = QColor()  # an outline where cards sit on a pale background
HEADER_INK = QColor()  # section headings
OVERTIME = QColor()
LAST_MINUTE = QColor()  # the timer in its last minute
GRID = QColor()  # chart axes and grid lines
BAND = QColor()  # alternate rows of a table or chart
PANEL = QColor()  # empty cells, the focused row

THEMES: dict[str, dict[str, str]] = {
    # contrast against the background: ink 16:1, muted 11:1, header 13:1
    "dark": {"BACKGROUND": "#15181D", "INK": "#F4F4F2", "MUTED": "#C9CDD3",
             "CARD": "#FFF5CC", "CARD_INK": "#1A1A1A", "CARD_TAG": "#4A4A4A",
             "CARD_EDGE": "#15181D", "HEADER_INK": "#F0E442", "OVERTIME": "#FF8C69",
             "LAST_MINUTE": "#F0E442", "GRID": "#5A6270", "BAND": "#1E232A",
             "PANEL": "#2B3442"},
    # ink 17:1, muted 9:1, header (dark blue) 8:1 on the near-white background
    "light": {"BACKGROUND": "#FAFAF7", "INK": "#1A1A1A", "MUTED": "#3F444B",
              "CARD": "#FFF1B8", "CARD_INK": "#1A1A1A", "CARD_TAG": "#4A4A4A",
              "CARD_EDGE": "#8A7A3A", "HEADER_INK": "#0B4F8A", "OVERTIME": "#B3261E",
              "LAST_MINUTE": "#8A5300", "GRID": "#8A9099", "BAND": "#ECEDEA",
              "PANEL": "#DDE0DA"},
    # white and yellow on black: 21:1 and 19:1
    "contrast": {"BACKGROUND": "#000000", "INK": "#FFFFFF", "MUTED": "#FFFFFF",
                 "CARD": "#FFFFFF", "CARD_INK": "#000000", "CARD_TAG": "#000000",
                 "CARD_EDGE": "#FFFFFF", "HEADER_INK": "#FFFF00", "OVERTIME": "#FF7A7A",
                 "LAST_MINUTE": "#FFFF00", "GRID": "#FFFFFF", "BAND": "#1C1C1C",
                 "PANEL": "#333333"},
}
THEME_LABELS = {"dark": "Dark", "light": "Light", "contrast": "High contrast"}
_current = "dark"


def apply_theme(name: str) -> None:
    """Switch every projector colour to the theme ``name`` (dark, light, contrast)."""
    global _current
    colours = THEMES[name]
    for key, value in colours.items():
        globals()[key].setRgba(QColor(value).rgba())
    _current = name


def current_theme() -> str:
    """The theme in use."""
    return _current


apply_theme("dark")

# Okabe–Ito, for data series (the same in every theme: readable on dark and light)
SERIES = (QColor("#E69F00"), QColor("#56B4E9"), QColor("#009E73"), QColor("#F0E442"),
          QColor("#CC79A7"), QColor("#D55E00"), QColor("#0072B2"))

BODY_FLOOR = 0.025  # body text at least 2.5% of screen height (DESIGN.md)
BODY_MAX = 0.05

# Pale tints of the Okabe–Ito colours for notes the facilitator colours: dark
# card text keeps at least 12:1 contrast on every one.
NOTE_FILLS = {"": "#FFF5CC", "orange": "#F9D9A6", "sky": "#CDE8F8", "green": "#BFE6D8",
              "yellow": "#FBF5B8", "blue": "#BFD7EC", "vermilion": "#F6C9B0",
              "purple": "#EDCFE2"}
