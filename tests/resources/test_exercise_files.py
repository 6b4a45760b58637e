"""Every shipped exercise and template loads and validates (sqlite-utils test_docs style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabfacil.domain.exercises import load_exercise, load_library, load_template
from collabfacil.domain.model import Step
from collabfacil.resources import load_default_library, resources_root

ROOT = resources_root()
EXERCISE_FILES = sorted((ROOT / "exercises").glob("*.toml"))
TEMPLATE_FILES = sorted((ROOT / "templates").glob("*.toml"))


def test_the_shipped_resources_are_found() -> None:
    """resources/ has exercises and templates to offer."""
    assert EXERCISE_FILES
    assert TEMPLATE_FILES


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.name)
def test_every_shipped_exercise_loads(path: Path) -> None:
    """Each exercise file validates, has sources, and its steps make real steps."""
    ex = load_exercise(path)
    assert ex.key
    assert ex.title
    assert ex.purpose
    assert ex.based_on
    assert ex.steps
    assert 0 < ex.short_minutes <= ex.minutes
    for i, definition in enumerate(ex.steps):
        step = definition.to_step(exercise_key=ex.key, script=ex.script, short=False,
                                  position=i)
        assert isinstance(step, Step)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_every_shipped_template_loads(path: Path) -> None:
    """Each template validates against the shipped exercises and builds its agenda."""
    library = load_library([ROOT])
    template = load_template(path, library.exercises)
    steps = library.agenda_steps(template.key)
    assert steps
    assert [s.position for s in steps] == list(range(len(steps)))
    assert library.template_minutes(template.key) == sum(s.minutes for s in steps)


def test_the_short_masterclass_takes_ninety_minutes() -> None:
    """The 90-minute template adds up to exactly 90 minutes."""
    assert load_default_library().template_minutes("masterclass-short") == 90


def test_exercise_keys_are_unique_and_match_the_file_names() -> None:
    """E4 lives in e04-*.toml: a facilitator can find an exercise's file."""
    library = load_default_library()
    assert len(library.exercises) == len(EXERCISE_FILES)
    for key, ex in library.exercises.items():
        assert Path(ex.path).name.startswith(f"e{int(key[1:]):02d}-")
