"""The projector's colours and type sizes (fractions of the screen height)."""

from __future__ import annotations

from PySide6.QtGui import QColor

BACKGROUND = QColor("#15181D")
INK = QColor("#F4F4F2")  # body text on the background: contrast 16:1
MUTED = QColor("#C9CDD3")  # prompts and hints: 11:1
CARD = QColor("#FFF5CC")
CARD_INK = QColor("#1A1A1A")
CARD_TAG = QColor("#4A4A4A")
HEADER_INK = QColor("#F0E442")  # Okabe–Ito yellow: section headings
OVERTIME = QColor("#FF8C69")
LAST_MINUTE = QColor("#F0E442")  # the timer in its last minute
GRID = QColor("#5A6270")  # chart axes and grid lines

# Okabe–Ito, for data series on the dark background (all at least 4.5:1 on it)
SERIES = (QColor("#E69F00"), QColor("#56B4E9"), QColor("#009E73"), QColor("#F0E442"),
          QColor("#CC79A7"), QColor("#D55E00"), QColor("#0072B2"))

BODY_FLOOR = 0.025  # body text at least 2.5% of screen height (DESIGN.md)
BODY_MAX = 0.05

# Pale tints of the Okabe–Ito colours for notes the facilitator colours: dark
# card text keeps at least 12:1 contrast on every one.
NOTE_FILLS = {"": "#FFF5CC", "orange": "#F9D9A6", "sky": "#CDE8F8", "green": "#BFE6D8",
              "yellow": "#FBF5B8", "blue": "#BFD7EC", "vermilion": "#F6C9B0",
              "purple": "#EDCFE2"}
