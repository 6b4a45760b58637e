"""What every step type declares about itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

ConfigCheck = Callable[[Mapping[str, Any]], dict[str, Any]]


def _no_config(config: Mapping[str, Any]) -> dict[str, Any]:
    return dict(config)


@dataclass(frozen=True)
class StepType:
    """A kind of interaction the room does, e.g. a brainstorm or agreeing actions.

    ``captures`` says what the step records: ``"notes"`` (contributions) or
    ``"actions"``. ``check_config`` validates the step's settings from an
    exercise file and returns them normalised, raising ``ValidationError``.
    """

    name: str
    label: str
    description: str
    captures: Literal["notes", "actions"]
    check_config: ConfigCheck = _no_config
