"""The PDF section of each step type, found by the type's name.

Each step type has its own module here, under the same name as in
``domain/steps``; adding a step type means adding its module and one line below.
"""

from __future__ import annotations

from collabfacil.export.sections import actions, brainstorm
from collabfacil.export.sections.base import SectionContext, SectionRenderer

SECTIONS: dict[str, SectionRenderer] = {
    "brainstorm": brainstorm.render,
    "actions": actions.render,
}


def section_renderer(type_name: str) -> SectionRenderer | None:
    """The renderer for a step type, or None for a type with no PDF section yet."""
    return SECTIONS.get(type_name)


__all__ = ["SECTIONS", "SectionContext", "SectionRenderer", "section_renderer"]
