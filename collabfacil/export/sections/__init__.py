"""The PDF section of each step type: every module here with a ``render`` function.

``render(step, context) -> list[Flowable]`` prints one agenda step's body;
modules are found by the step type's name, so adding a step type touches no
other file.
"""

from __future__ import annotations

import importlib
from functools import cache

from collabfacil.export.sections.base import SectionContext, SectionRenderer


@cache
def section_renderer(type_name: str) -> SectionRenderer | None:
    """The renderer for a step type, or None for a type with no PDF section."""
    try:
        module = importlib.import_module(f"{__name__}.{type_name}")
    except ModuleNotFoundError:
        return None
    return getattr(module, "render", None)


__all__ = ["SectionContext", "SectionRenderer", "section_renderer"]
