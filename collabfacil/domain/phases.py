"""Timed sub-phases of a step (solo → pairs → fours → all), each with its own prompt."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.text import clean_text


@frozen
class Phase:
    """One timed part of a step: e.g. "Pairs", 4 minutes, "Share your story…"."""

    title: str
    minutes: int
    prompt: str = ""


def read_phases(config: Mapping[str, Any]) -> list[Phase]:
    """The ``phases`` setting of a step as Phases; [] when it has none.

    Raises ValidationError (field ``phases``) for anything malformed.
    """
    raw = config.get("phases", [])
    if not isinstance(raw, list):
        raise ValidationError("phases", "phases must be a list of tables.")
    phases = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            raise ValidationError("phases", f"phases[{i}] must be a table.")
        minutes = entry.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 < minutes <= 240:
            raise ValidationError("phases", f"phases[{i}].minutes must be 1 to 240.")
        phases.append(Phase(
            title=clean_text(entry.get("title"), field="phases",
                             label=f"phases[{i}].title", max_length=80, multiline=False),
            minutes=minutes,
            prompt=clean_text(entry.get("prompt", ""), field="phases",
                              label=f"phases[{i}].prompt", max_length=2000,
                              required=False)))
    return phases
