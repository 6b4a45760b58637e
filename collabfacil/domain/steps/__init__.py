"""The registry of step types: every module in this package that defines STEP_TYPE.

Each step type lives in a module of its own under the same name in every layer
(``domain/steps/vote.py``, ``ui/console/steps/vote.py``,
``ui/projector/steps/vote.py``, ``export/sections/vote.py``). Adding a step type
means adding those modules; no other file changes.
"""

from __future__ import annotations

import importlib
import pkgutil

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.steps.base import StepType


def _discover() -> dict[str, StepType]:
    found: dict[str, StepType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "STEP_TYPE", None)
        if isinstance(kind, StepType):
            if kind.name != info.name:
                raise RuntimeError(f"{module.__name__} defines step type '{kind.name}'")
            found[kind.name] = kind
    return found


STEP_TYPES: dict[str, StepType] = _discover()


def step_type(name: str) -> StepType:
    """The step type called ``name``; an unknown name raises ``ValidationError``."""
    try:
        return STEP_TYPES[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(STEP_TYPES))
        raise ValidationError(
            "type", f"Unknown step type '{name}' (known types: {known})."
        ) from None


def check_item(step_type_name: str, kind: str, data: object) -> dict[str, object]:
    """Validate an item's data for a step type; returns it normalised."""
    st = step_type(step_type_name)
    if kind not in st.item_kinds:
        raise ValidationError("kind", f"A {st.label.lower()} step keeps no '{kind}' records.")
    if not isinstance(data, dict):
        raise ValidationError("data", "An item's data must be a table of fields.")
    return st.check_item(kind, data)


__all__ = ["STEP_TYPES", "StepType", "check_item", "step_type"]
