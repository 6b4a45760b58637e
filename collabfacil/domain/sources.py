"""Which earlier step a step works on: the brainstorm a vote counts, the themes of a cluster."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from collabfacil.domain.model import Step


def source_step(steps: Sequence[Step], step: Step, *, types: tuple[str, ...]) -> Step | None:
    """The step that ``step`` takes its notes or themes from, or None.

    ``step.config["source"]`` may be ``"previous"`` (the default: the nearest
    earlier step of one of ``types``) or the title of an earlier step.
    """
    source = step.config.get("source", "previous")
    earlier = [s for s in steps if s.position < step.position and s.type in types]
    if not earlier:
        return None
    if source == "previous":
        return max(earlier, key=lambda s: s.position)
    for candidate in reversed(earlier):
        if candidate.title == source:
            return candidate
    return None


def follow_renames(steps: Sequence[Step], renamed: Mapping[str, str]) -> list[Step]:
    """``steps`` with each ``source`` that named a renamed step by its old title
    pointing at its new title (``renamed``: old title -> new title).

    A title another step still carries is left alone: the source may mean that one.
    """
    kept = {s.title for s in steps}
    moves = {old: new for old, new in renamed.items() if old != new and old not in kept}
    out = []
    for step in steps:
        source = step.config.get("source")
        if isinstance(source, str) and source in moves:
            step = replace(step, config={**step.config, "source": moves[source]})
        out.append(step)
    return out
