"""The PDF section of each step type: every module here with a ``render`` function.

``render(step, context) -> list[Flowable]`` prints one agenda step's body in
the PDF; an optional ``markdown(step, data) -> list[str]`` gives its lines in
the Markdown summary (without one, the step's notes are listed), and an optional
``appendix(step, context)`` its records in full for the PDF's appendix. Modules are
found by the step type's name, so adding a step type touches no other file.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from collabfacil.export.sections.base import MarkdownRenderer, SectionContext, SectionRenderer


@cache
def _module(type_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{__name__}.{type_name}")
    except ModuleNotFoundError:
        return None


def section_renderer(type_name: str) -> SectionRenderer | None:
    """The PDF renderer for a step type, or None for a type with no PDF section."""
    return getattr(_module(type_name), "render", None)


def section_appendix(type_name: str) -> SectionRenderer | None:
    """The step type's records in full for the appendix, or None for the default
    (a step's notes by column)."""
    return getattr(_module(type_name), "appendix", None)


def section_markdown(type_name: str) -> MarkdownRenderer | None:
    """The Markdown lines of a step type, or None to list the step's notes."""
    return getattr(_module(type_name), "markdown", None)


__all__ = ["MarkdownRenderer", "SectionContext", "SectionRenderer", "section_appendix",
           "section_markdown", "section_renderer"]
