"""The registry of step types: the one place that knows which types exist.

Each step type lives in a module of its own under the same name in every layer
(``domain/steps/brainstorm.py``, ``ui/console/steps/brainstorm.py``, ...). Adding
a step type means adding those modules and one line here.
"""

from __future__ import annotations

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.steps import actions, brainstorm
from collabfacil.domain.steps.base import StepType

STEP_TYPES: dict[str, StepType] = {
    brainstorm.STEP_TYPE.name: brainstorm.STEP_TYPE,
    actions.STEP_TYPE.name: actions.STEP_TYPE,
}


def step_type(name: str) -> StepType:
    """The step type called ``name``; an unknown name raises ``ValidationError``."""
    try:
        return STEP_TYPES[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(STEP_TYPES))
        raise ValidationError(
            "type", f"Unknown step type '{name}' (known types: {known})."
        ) from None


__all__ = ["STEP_TYPES", "StepType", "step_type"]
