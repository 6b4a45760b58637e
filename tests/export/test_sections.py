"""The PDF section registry: every step type prints, through its own module."""

from __future__ import annotations

from collabfacil.domain.steps import STEP_TYPES
from collabfacil.export.sections import SECTIONS, actions, brainstorm, section_renderer


def test_every_step_type_has_a_pdf_section():
    """A new step type without a PDF section fails here, not in a facilitator's export."""
    assert set(STEP_TYPES) <= set(SECTIONS)


def test_sections_are_found_by_step_type_name():
    """Each type's section lives in the module of the same name."""
    assert section_renderer("brainstorm") is brainstorm.render
    assert section_renderer("actions") is actions.render
    assert section_renderer("no such type") is None
