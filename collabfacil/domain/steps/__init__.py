"""The registry of step types: every module in this package that defines STEP_TYPE.

Each step type lives in a module of its own under the same name in every layer
(``domain/steps/vote.py``, ``ui/console/steps/vote.py``,
``ui/projector/steps/vote.py``, ``export/sections/vote.py``). Adding a step type
means adding those modules; no other file changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.steps.base import StepType


class _Registry(Mapping[str, StepType]):
    """Every step type by name; a type's module is imported when first asked for,
    so opening a workshop loads only the types its agenda uses."""

    def __init__(self, names: list[str]) -> None:
        self._names = names
        self._loaded: dict[str, StepType] = {}

    def __getitem__(self, name: str) -> StepType:
        kind = self._loaded.get(name) if isinstance(name, str) else None
        if kind is None:
            if name not in self._names:
                raise KeyError(name)
            kind = self._loaded[name] = _load(name)
        return kind

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _load(name: str) -> StepType:
    module = importlib.import_module(f"{__name__}.{name}")
    kind = getattr(module, "STEP_TYPE", None)
    if not isinstance(kind, StepType):
        raise RuntimeError(f"{module.__name__} defines no STEP_TYPE")
    if kind.name != name:
        raise RuntimeError(f"{module.__name__} defines step type '{kind.name}'")
    return kind


STEP_TYPES: Mapping[str, StepType] = _Registry(sorted(
    info.name for info in pkgutil.iter_modules(__path__)
    if info.name != "base" and not info.name.startswith("_")))


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
