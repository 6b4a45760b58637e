"""Actions: agree what will be done, by whom, by when, and the first step."""

from __future__ import annotations

from collabfacil.domain.model import Action
from collabfacil.domain.steps.base import StepType

STEP_TYPE = StepType(
    name="actions",
    label="Actions",
    description="Agree actions with an owner, a due date and a first step.",
    captures="actions",
)

SMART_CHECKS = (
    ("specific", "Is it specific?"),
    ("measured", "Is there a measure?"),
    ("assigned", "Is it assigned to a named person?"),
    ("realistic", "Is it realistic in the time we have?"),
    ("dated", "Does it have a date?"),
)


def smart_gaps(action: Action) -> list[str]:
    """The SMART questions this action cannot yet answer with yes."""
    gaps = []
    if len(action.text.split()) < 3:
        gaps.append("Is it specific?")
    if not action.measure:
        gaps.append("Is there a measure?")
    return gaps
