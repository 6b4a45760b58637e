"""Every step type has its module in every layer, found by the type's name."""

from __future__ import annotations

import pytest

from collabfacil.domain.steps import STEP_TYPES
from collabfacil.export.sections import section_renderer


@pytest.mark.parametrize("name", sorted(STEP_TYPES))
def test_every_step_type_has_a_pdf_section(name: str) -> None:
    """A new step type without a PDF section fails here, not in a facilitator's export."""
    assert callable(section_renderer(name))


@pytest.mark.parametrize("name", sorted(STEP_TYPES))
def test_every_step_type_has_a_console_editor_and_a_projector_scene(name: str) -> None:
    """A new step type without a console editor or projector scene fails here."""
    import importlib

    console = importlib.import_module(f"collabfacil.ui.console.steps.{name}")
    projector = importlib.import_module(f"collabfacil.ui.projector.steps.{name}")
    assert callable(console.EDITOR)
    assert callable(projector.scene)


def test_an_unknown_type_has_no_section() -> None:
    """Asking for a type that does not exist gives None, not a crash."""
    assert section_renderer("no_such_type") is None


@pytest.mark.parametrize("name", sorted(STEP_TYPES))
def test_every_step_module_defines_its_own_type(name: str) -> None:
    """The registry lists each module of domain/steps; each defines the type of its
    name (loaded when first asked for)."""
    assert STEP_TYPES[name].name == name
    assert name in STEP_TYPES


def test_an_unknown_name_is_not_a_step_type() -> None:
    for name in ("base", "no_such_type", "", None, 3):
        assert name not in STEP_TYPES
        with pytest.raises(KeyError):
            STEP_TYPES[name]  # type: ignore[index]
