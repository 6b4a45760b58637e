"""Which earlier step a step works on: the brainstorm a vote counts, the themes of a cluster."""

from __future__ import annotations

from collections.abc import Sequence

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
