"""Which screen the projector goes on: a pure choice over plain screen tuples."""

from __future__ import annotations

from typing import NamedTuple


class ScreenInfo(NamedTuple):
    """What we need to know of a screen (from QScreen, or made up in tests)."""

    name: str
    x: int
    y: int
    width: int
    height: int
    is_primary: bool


def choose_projector_screen(screens: list[ScreenInfo], requested: int | None = None
                            ) -> int | None:
    """The index of the screen for the projector, or None for "a normal window".

    ``requested`` (``--screen N``, counted from 0 in left-to-right order as
    given) wins when it exists. Otherwise the first non-primary screen; with a
    single screen, None, so the projector never covers the console uninvited.
    """
    if requested is not None and 0 <= requested < len(screens):
        return requested
    if len(screens) < 2:
        return None
    for index, screen in enumerate(screens):
        if not screen.is_primary:
            return index
    return None
