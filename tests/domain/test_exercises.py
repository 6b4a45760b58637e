"""The exercise library loader: good files load, broken ones are named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabfacil.domain.errors import ExerciseFileError, ValidationError
from collabfacil.domain.exercises import load_exercise, load_library
from collabfacil.resources import resources_root

SHIPPED = resources_root()

EXERCISE = '''\
key = "X1"
title = "Who is missing from the room?"
purpose = "Name the partners we need and have not invited."
based_on = ["Stakeholder mapping"]
minutes = 15
short_minutes = 10
script = "Go round the tables."

[[steps]]
type = "brainstorm"
title = "Who is missing"
prompt = "Who should be here?"
minutes = 10
short_minutes = 6

[steps.config]
sections = ["Residents", "Voluntary sector"]
must_agree = ["Residents"]

[[steps]]
type = "actions"
title = "Invite them"
minutes = 5
short_minutes = 4
'''

TEMPLATE = '''\
key = "half-day"
title = "Half day"
minutes = 20

[[agenda]]
type = "brainstorm"
title = "Welcome"
minutes = 5

[[agenda]]
exercise = "X1"
'''


def write(folder: Path, name: str, text: str) -> Path:
    """Write a TOML file under ``folder``, creating the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(text: str, old: str, new: str) -> str:
    """``text`` with one exact piece replaced (the piece must be there)."""
    assert old in text
    return text.replace(old, new, 1)


def refusal(path: Path) -> ExerciseFileError:
    """The error loading the exercise at ``path`` gives."""
    with pytest.raises(ExerciseFileError) as info:
        load_exercise(path)
    return info.value


# --------------------------------------------------------------- good files


def test_a_valid_exercise_loads_with_its_steps_and_timings(tmp_path: Path) -> None:
    """Fields, steps, sections and both lengths are read from the file."""
    ex = load_exercise(write(tmp_path, "x1.toml", EXERCISE))
    assert ex.key == "X1"
    assert ex.based_on == ("Stakeholder mapping",)
    assert [s.type for s in ex.steps] == ["brainstorm", "actions"]
    assert ex.steps[0].config["sections"] == ["Residents", "Voluntary sector"]
    assert (ex.minutes, ex.short_minutes) == (15, 10)
    assert ex.path == str(tmp_path / "x1.toml")


def test_short_minutes_default_to_the_standard_minutes(tmp_path: Path) -> None:
    """A step with no short length keeps its standard length in the short version."""
    text = EXERCISE.replace("short_minutes = 10\n", "").replace(
        "short_minutes = 6\n", "").replace("short_minutes = 4\n", "")
    ex = load_exercise(write(tmp_path, "x1.toml", text))
    assert ex.short_minutes == ex.minutes == 15


def test_a_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """Windows Notepad's UTF-8 with BOM is still UTF-8."""
    path = tmp_path / "x1.toml"
    path.write_bytes(b"\xef\xbb\xbf" + EXERCISE.encode("utf-8"))
    assert load_exercise(path).key == "X1"


def test_welsh_and_emoji_in_an_exercise_file_are_kept(tmp_path: Path) -> None:
    """Titles are read as UTF-8 and kept verbatim."""
    path = write(tmp_path, "x1.toml", broken(
        EXERCISE, 'title = "Who is missing"', 'title = "Pwy sydd ar goll? 🤔 ŵ ŷ"'))
    assert load_exercise(path).steps[0].title == "Pwy sydd ar goll? 🤔 ŵ ŷ"


# ------------------------------------------------------------ broken files


def test_an_unknown_step_type_names_the_file_and_the_step(tmp_path: Path) -> None:
    """A misspelt type points at steps[0].type and lists the known types."""
    path = write(tmp_path, "x1.toml", broken(EXERCISE, 'type = "brainstorm"',
                                             'type = "brainstrom"'))
    error = refusal(path)
    assert error.field == "steps[0].type"
    assert str(path) in str(error)
    assert "steps[0].type" in str(error)
    assert "brainstorm" in error.problem
    assert "actions" in error.problem


def test_a_missing_title_names_the_file_and_the_field(tmp_path: Path) -> None:
    """No title: the message says title is missing, and in which file."""
    path = write(tmp_path, "x1.toml",
                 broken(EXERCISE, 'title = "Who is missing from the room?"\n', ""))
    error = refusal(path)
    assert error.field == "title"
    assert str(path) in str(error)
    assert "missing" in error.problem


def test_a_missing_step_title_names_the_step(tmp_path: Path) -> None:
    """No title on the second step points at steps[1].title."""
    path = write(tmp_path, "x1.toml", broken(EXERCISE, 'title = "Invite them"\n', ""))
    assert refusal(path).field == "steps[1].title"


@pytest.mark.parametrize("value", ['"ten"', "10.5", "true", "[10]"])
def test_minutes_of_the_wrong_type_are_refused(tmp_path: Path, value: str) -> None:
    """Minutes must be a whole number, not text, a fraction or true."""
    path = write(tmp_path, "x1.toml",
                 broken(EXERCISE, "\nminutes = 10\n", f"\nminutes = {value}\n"))
    error = refusal(path)
    assert error.field == "steps[0].minutes"
    assert str(path) in str(error)
    assert "must be int" in error.problem


def test_minutes_out_of_range_are_refused(tmp_path: Path) -> None:
    """A step of 601 minutes is a typo."""
    path = write(tmp_path, "x1.toml",
                 broken(EXERCISE, "\nminutes = 5\n", "\nminutes = 601\n"))
    error = refusal(path)
    assert error.field == "steps[1].minutes"
    assert "600" in error.problem


@pytest.mark.parametrize(("old", "new", "field", "words"), [
    ("\nminutes = 15\n", "\nminutes = 30\n", "minutes",
     "says 30 but the steps add up to 15"),
    ("short_minutes = 10\n", "short_minutes = 9\n", "short_minutes",
     "says 9 but the steps add up to 10"),
])
def test_declared_minutes_must_match_the_steps(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    """The exercise's own length must be the sum of its steps."""
    path = write(tmp_path, "x1.toml", broken(EXERCISE, old, new))
    error = refusal(path)
    assert error.field == field
    assert words in error.problem
    assert str(path) in str(error)


def test_a_must_agree_section_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    """must_agree can only mark sections that are listed."""
    path = write(tmp_path, "x1.toml", broken(EXERCISE, 'must_agree = ["Residents"]',
                                             'must_agree = ["Carers"]'))
    assert refusal(path).field == "steps[0].config.must_agree"


def test_an_exercise_without_steps_is_refused(tmp_path: Path) -> None:
    """An exercise needs at least one step."""
    path = write(tmp_path, "x1.toml", EXERCISE.split("[[steps]]")[0] + "steps = []\n")
    assert refusal(path).field == "steps"


def test_an_exercise_without_sources_is_refused(tmp_path: Path) -> None:
    """Every exercise says what it is based on."""
    path = write(tmp_path, "x1.toml", broken(EXERCISE, 'based_on = ["Stakeholder mapping"]',
                                             "based_on = []"))
    assert refusal(path).field == "based_on"


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    """A syntax error says 'not valid TOML' with the file and the line."""
    path = write(tmp_path, "x1.toml", broken(EXERCISE, 'key = "X1"', 'key = "X1'))
    error = refusal(path)
    assert error.field == "(file)"
    assert str(path) in str(error)
    assert "not valid TOML" in error.problem
    assert "line 1" in error.problem


def test_a_file_that_is_not_utf8_is_refused_clearly(tmp_path: Path) -> None:
    """A file saved as Windows-1252 gives ExerciseFileError, not a decoding crash."""
    path = tmp_path / "x1.toml"
    path.write_bytes(broken(EXERCISE, "Who is missing", "Pwy sy’n").encode("cp1252"))
    error = refusal(path)
    assert error.field == "(file)"
    assert str(path) in str(error)
    assert "UTF-8" in error.problem


def test_an_unreadable_path_is_refused_clearly(tmp_path: Path) -> None:
    """A folder where a file is expected gives ExerciseFileError."""
    folder = tmp_path / "x1.toml"
    folder.mkdir()
    assert refusal(folder).field == "(file)"


# ---------------------------------------------------------------- templates


def test_a_template_adds_up_its_plain_steps_and_exercises(tmp_path: Path) -> None:
    """5 minutes of welcome plus a 15-minute exercise is 20 minutes."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "half.toml", TEMPLATE)
    library = load_library([tmp_path])
    assert library.template_minutes("half-day") == 20
    steps = library.agenda_steps("half-day")
    assert [s.title for s in steps] == ["Welcome", "Who is missing", "Invite them"]
    assert [s.position for s in steps] == [0, 1, 2]
    assert steps[1].exercise_key == "X1"
    assert steps[1].script == "Go round the tables."
    assert steps[0].exercise_key == ""


def test_a_short_agenda_item_uses_the_short_lengths(tmp_path: Path) -> None:
    """length = "short" takes each step's short minutes."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "half.toml",
          TEMPLATE.replace("minutes = 20", "minutes = 15") + 'length = "short"\n')
    library = load_library([tmp_path])
    assert [s.minutes for s in library.agenda_steps("half-day")] == [5, 6, 4]


def test_a_template_referencing_an_unknown_exercise_is_refused(tmp_path: Path) -> None:
    """An agenda naming an exercise that isn't in the library points at it."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    path = write(tmp_path / "templates", "half.toml",
                 broken(TEMPLATE, 'exercise = "X1"', 'exercise = "X99"'))
    with pytest.raises(ExerciseFileError) as info:
        load_library([tmp_path])
    assert info.value.field == "agenda[1].exercise"
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert "X99" in info.value.problem


def test_a_template_whose_minutes_do_not_add_up_is_refused(tmp_path: Path) -> None:
    """The declared length of a template must match its agenda."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    path = write(tmp_path / "templates", "half.toml",
                 broken(TEMPLATE, "minutes = 20", "minutes = 90"))
    with pytest.raises(ExerciseFileError) as info:
        load_library([tmp_path])
    assert info.value.field == "minutes"
    assert str(path) in str(info.value)
    assert "says 90 but the agenda adds up to 20" in info.value.problem


def test_a_template_with_an_unknown_length_is_refused(tmp_path: Path) -> None:
    """length is 'standard' or 'short'."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "half.toml", TEMPLATE + 'length = "long"\n')
    with pytest.raises(ExerciseFileError) as info:
        load_library([tmp_path])
    assert info.value.field == "agenda[1].length"


def test_a_template_step_of_unknown_type_names_the_agenda_item(tmp_path: Path) -> None:
    """A plain step in an agenda is checked like an exercise step."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "half.toml",
          broken(TEMPLATE, 'type = "brainstorm"', 'type = "coffee"'))
    with pytest.raises(ExerciseFileError) as info:
        load_library([tmp_path])
    assert info.value.field == "agenda[0].type"


def test_a_template_minutes_override_shares_the_time_in_proportion(
    tmp_path: Path,
) -> None:
    """Squeezing the 10+5 minute exercise into 6 minutes gives 4 and 2."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "half.toml",
          TEMPLATE.replace("minutes = 20", "minutes = 11") + "minutes = 6\n")
    library = load_library([tmp_path])
    assert [s.minutes for s in library.agenda_steps("half-day")] == [5, 4, 2]


def test_a_minutes_override_never_makes_a_step_negative_or_fills_an_empty_one(
    tmp_path: Path,
) -> None:
    """Six one-minute-or-less steps squeezed into 3 minutes: none below 0, total 3."""
    steps = "".join(
        f'[[steps]]\ntype = "brainstorm"\ntitle = "Round {i}"\nminutes = {m}\n\n'
        for i, m in enumerate([1, 1, 1, 1, 1, 0]))
    write(tmp_path / "exercises", "x2.toml",
          'key = "X2"\ntitle = "Rounds"\npurpose = "Go round."\n'
          f'based_on = ["Rounds"]\n\n{steps}')
    write(tmp_path / "templates", "t.toml",
          'key = "t"\ntitle = "T"\nminutes = 3\n\n[[agenda]]\nexercise = "X2"\n'
          "minutes = 3\n")
    minutes = [s.minutes for s in load_library([tmp_path]).agenda_steps("t")]
    assert sum(minutes) == 3
    assert min(minutes) >= 0
    assert minutes[-1] == 0


def test_an_unknown_template_is_refused_listing_the_known_ones(tmp_path: Path) -> None:
    """Asking for a template that doesn't exist names the ones that do."""
    library = load_library([SHIPPED])
    with pytest.raises(ValidationError) as info:
        library.template("masterclass-long")
    assert info.value.field == "template"
    assert "masterclass-short" in info.value.message


# ------------------------------------------------------- the library as a whole


def test_a_facilitators_own_folder_adds_exercises(tmp_path: Path) -> None:
    """load_library([shipped, own]) has both; own templates may use shipped exercises."""
    write(tmp_path / "exercises", "x1.toml", EXERCISE)
    write(tmp_path / "templates", "mine.toml",
          'key = "mine"\ntitle = "Mine"\n\n[[agenda]]\nexercise = "E4"\n\n'
          '[[agenda]]\nexercise = "X1"\n')
    shipped = load_library([SHIPPED])
    library = load_library([SHIPPED, tmp_path])
    assert set(library.exercises) == set(shipped.exercises) | {"X1"}
    assert set(library.templates) == set(shipped.templates) | {"mine"}
    assert library.template_minutes("mine") == 25 + 15


def test_a_folder_without_exercises_or_templates_adds_nothing(tmp_path: Path) -> None:
    """An empty own folder is not an error."""
    assert load_library([SHIPPED, tmp_path]).exercises.keys() == load_library(
        [SHIPPED]).exercises.keys()


def test_a_key_used_in_two_folders_is_refused_naming_both_files(tmp_path: Path) -> None:
    """A facilitator's exercise may not silently replace a shipped one."""
    path = write(tmp_path / "exercises", "mine.toml",
                 broken(EXERCISE, 'key = "X1"', 'key = "E4"'))
    with pytest.raises(ExerciseFileError) as info:
        load_library([SHIPPED, tmp_path])
    assert info.value.field == "key"
    assert info.value.path == str(path)
    assert "e04-shared-goal.toml" in info.value.problem
    assert "'E4'" in info.value.problem


def test_a_template_key_used_in_two_folders_is_refused(tmp_path: Path) -> None:
    """Two templates with one key name the second file."""
    path = write(tmp_path / "templates", "copy.toml",
                 (SHIPPED / "templates" / "masterclass-short.toml").read_text("utf-8"))
    with pytest.raises(ExerciseFileError) as info:
        load_library([SHIPPED, tmp_path])
    assert info.value.field == "key"
    assert info.value.path == str(path)
    assert "masterclass-short.toml" in info.value.problem
