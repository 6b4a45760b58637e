"""The "since last time" line above a repeated scale in a series."""

from __future__ import annotations

from collections.abc import Sequence

from collabfacil.domain.repeats import Change
from collabfacil.ui.projector.scene import BannerScene, Scene


def with_changes(inner: Scene, changes: Sequence[Change], *, source: str,
                 unit: str) -> Scene:
    """``inner`` under a line saying how each thing moved since ``source``; the
    biggest moves first. Without a baseline, ``inner`` as it is."""
    if not changes or not source:
        return inner
    ordered = sorted(changes, key=lambda c: -abs(c.delta))
    parts = "; ".join(f"{c.label}: {c.words(unit)}" for c in ordered)
    return BannerScene(f"Since last time ({source}): {parts}", inner)
