"""Timed phases in exercise files: they add up to their step in every length."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabfacil.domain.errors import ExerciseFileError
from collabfacil.domain.exercises import fit_phases, load_exercise, load_library

EXERCISE = '''\
key = "X1"
title = "Ways to fail"
purpose = "Find the barriers."
based_on = ["TRIZ"]
minutes = 12
short_minutes = 8

[[steps]]
type = "brainstorm"
title = "Ways to fail"
minutes = 12
short_minutes = 8

[[steps.config.phases]]
title = "Alone"
minutes = 2
short_minutes = 1
prompt = "Alone: how could we fail?"

[[steps.config.phases]]
title = "Pairs"
minutes = 4
short_minutes = 3

[[steps.config.phases]]
title = "Fours"
minutes = 6
short_minutes = 4
'''


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> ExerciseFileError:
    with pytest.raises(ExerciseFileError) as info:
        load_exercise(path)
    return info.value


def phase_minutes(path: Path, *, short: bool) -> list[int]:
    [definition] = load_exercise(path).steps
    step = definition.to_step(exercise_key="X1", script="", short=short, position=0)
    return [p.minutes for p in step.phases]


def test_each_length_uses_its_own_phase_minutes(tmp_path: Path) -> None:
    """Standard 2+4+6, short 1+3+4; the prompts are kept in both."""
    path = write(tmp_path, "x1.toml", EXERCISE)
    assert phase_minutes(path, short=False) == [2, 4, 6]
    assert phase_minutes(path, short=True) == [1, 3, 4]
    [definition] = load_exercise(path).steps
    step = definition.to_step(exercise_key="X1", script="", short=True, position=0)
    assert step.phases[0].prompt == "Alone: how could we fail?"


def test_short_minutes_are_a_file_field_only(tmp_path: Path) -> None:
    """A step made from the file carries no short_minutes in its phases."""
    [definition] = load_exercise(write(tmp_path, "x1.toml", EXERCISE)).steps
    for short in (False, True):
        step = definition.to_step(exercise_key="X1", script="", short=short, position=0)
        assert all("short_minutes" not in p for p in step.config["phases"])


def test_without_short_minutes_the_phases_share_the_short_length(tmp_path: Path) -> None:
    """No phase says its short length: 8 minutes are shared as 2 : 4 : 6, a minute each at least."""
    text = EXERCISE.replace("short_minutes = 1\n", "").replace(
        "short_minutes = 3\n", "").replace("short_minutes = 4\n", "")
    minutes = phase_minutes(write(tmp_path, "x1.toml", text), short=True)
    assert sum(minutes) == 8
    assert min(minutes) >= 1
    assert minutes == sorted(minutes)


def test_phases_that_do_not_add_up_to_the_step_are_refused(tmp_path: Path) -> None:
    """2 + 4 + 7 is not the step's 12 minutes."""
    path = write(tmp_path, "x1.toml", EXERCISE.replace("minutes = 6\n", "minutes = 7\n"))
    error = refusal(path)
    assert error.field == "steps[0].config.phases"
    assert "add up to 13 minutes but the step's minutes are 12" in error.problem
    assert str(path) in str(error)


def test_short_phases_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "x1.toml", EXERCISE.replace("short_minutes = 4\n",
                                                       "short_minutes = 5\n"))
    error = refusal(path)
    assert error.field == "steps[0].config.phases"
    assert "short_minutes add up to 9" in error.problem


def test_some_phases_with_a_short_length_and_some_without_are_refused(
        tmp_path: Path) -> None:
    path = write(tmp_path, "x1.toml", EXERCISE.replace("short_minutes = 3\n", ""))
    assert refusal(path).field == "steps[0].config.phases[1].short_minutes"


def test_a_short_version_too_short_for_its_phases_is_refused(tmp_path: Path) -> None:
    text = (EXERCISE.replace("short_minutes = 1\n", "").replace("short_minutes = 3\n", "")
            .replace("short_minutes = 4\n", "").replace("short_minutes = 8", "short_minutes = 2"))
    error = refusal(write(tmp_path, "x1.toml", text))
    assert error.field == "steps[0].config.phases"
    assert "too short" in error.problem


def test_a_malformed_phase_names_the_phases(tmp_path: Path) -> None:
    path = write(tmp_path, "x1.toml", EXERCISE.replace("minutes = 2\n", 'minutes = "2"\n'))
    assert refusal(path).field == "steps[0].config.phases"


def test_a_template_that_squeezes_an_exercise_rescales_its_phases(tmp_path: Path) -> None:
    """E.g. 12 minutes of phases squeezed into 9: every phase keeps at least a minute."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "t.toml",
          'key = "t"\ntitle = "T"\nminutes = 9\n\n[[agenda]]\nexercise = "X1"\nminutes = 9\n')
    [step] = load_library([tmp_path]).agenda_steps("t")
    assert step.minutes == 9
    assert sum(p.minutes for p in step.phases) == 9
    assert all(p.minutes >= 1 for p in step.phases)


def test_a_step_squeezed_below_a_minute_a_phase_runs_in_one_go() -> None:
    """Two minutes cannot hold three phases: the step keeps its minutes, not its phases."""
    config = {"phases": [{"title": "A", "minutes": 2}, {"title": "B", "minutes": 4},
                         {"title": "C", "minutes": 6}], "sections": ["X"]}
    assert fit_phases(config, 2) == {"sections": ["X"]}
    assert fit_phases(config, 12) == config
    stretched = fit_phases(config, 24)
    assert [p["minutes"] for p in stretched["phases"]] == [3, 8, 13]
    assert config["phases"][0]["minutes"] == 2  # the original is not changed
