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


def same_screen(a: ScreenInfo, b: ScreenInfo) -> bool:
    """The same physical screen as far as we can tell: same place, size and role."""
    return (a.x, a.y, a.width, a.height, a.is_primary) == (
        b.x, b.y, b.width, b.height, b.is_primary)


def choose_projector_screen(screens: list[ScreenInfo], requested: int | None = None,
                            remembered: ScreenInfo | None = None) -> int | None:
    """The index of the screen for the projector, or None for "a normal window".

    ``requested`` (``--screen N``, counted from 0 in the order given) wins when
    it exists; then the screen chosen last time (``remembered``) if it is
    plugged in; otherwise the first non-primary screen. With a single screen,
    None, so the projector never covers the console uninvited.
    """
    if requested is not None and 0 <= requested < len(screens):
        return requested
    if remembered is not None and len(screens) > 1:
        for index, screen in enumerate(screens):
            if same_screen(screen, remembered):
                return index
    if len(screens) < 2:
        return None
    for index, screen in enumerate(screens):
        if not screen.is_primary:
            return index
    return None
