"""A facilitator's own exercise and template files, read from their data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from collabfacil.cli import main
from collabfacil.domain.errors import ExerciseFileError
from collabfacil.paths import default_database_path
from collabfacil.resources import load_default_library, resources_root, user_library_folder

ROOT = Path(__file__).resolve().parents[2]

MINE = '''\
key = "X1"
title = "Who is missing from the room?"
purpose = "Name the partners we need and have not invited."
based_on = ["Stakeholder mapping"]
minutes = 10

[[steps]]
type = "brainstorm"
title = "Who is missing"
prompt = "Who should be here?"
minutes = 10
'''

MY_TEMPLATE = '''\
key = "mine"
title = "My away day"
minutes = 35

[[agenda]]
exercise = "X1"

[[agenda]]
exercise = "E4"
'''


def put(kind: str, name: str, text: str) -> Path:
    """Write a file into the facilitator's own library folder."""
    folder = user_library_folder() / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_own_folder_is_beside_the_default_database() -> None:
    """<AppDataLocation>/library, in the (test's private) data folder."""
    folder = user_library_folder()
    assert folder == default_database_path().parent / "library"
    assert folder.is_relative_to(Path(os.environ["XDG_DATA_HOME"]))
    assert not folder.exists()  # asking for it creates nothing


def test_without_an_own_folder_only_the_shipped_files_load() -> None:
    library = load_default_library()
    assert all(Path(e.path).is_relative_to(resources_root())
               for e in library.exercises.values())


def test_own_exercises_and_templates_are_loaded_beside_the_shipped_ones() -> None:
    """An own exercise, and an own template using it and a shipped exercise."""
    path = put("exercises", "x01-who-is-missing.toml", MINE)
    put("templates", "mine.toml", MY_TEMPLATE)
    library = load_default_library()
    assert library.exercises["X1"].path == str(path)
    assert "E14" in library.exercises
    assert library.template_minutes("mine") == 35
    assert "masterclass-short" in library.templates


def test_a_broken_own_file_names_the_file_and_the_field() -> None:
    path = put("exercises", "x01-who-is-missing.toml",
               MINE.replace("minutes = 10\n\n", 'minutes = "ten"\n\n'))
    with pytest.raises(ExerciseFileError) as info:
        load_default_library()
    assert info.value.path == str(path)
    assert info.value.field == "minutes"


def test_the_command_line_reports_a_broken_own_file_in_one_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 1, one line naming the file and the field, no traceback."""
    path = put("exercises", "x01-who-is-missing.toml",
               MINE.replace('type = "brainstorm"', 'type = "brainstrom"'))
    for argv in (["exercises"], ["exercises", "--json"],
                 ["new", "--template", "masterclass-short", "--title", "T", "--db",
                  str(path.parent / "w.db")]):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1, err
        assert err.startswith("collabfacil: error: ")
        assert str(path) in err
        assert "steps[0].type" in err
        assert "brainstrom" in err
        assert "Traceback" not in err


def test_a_real_process_reports_a_broken_own_file_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = data / "CollabFacil" / "CollabFacil" / "library" / "templates"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(MY_TEMPLATE, encoding="utf-8")  # X1 is missing
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(data),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "collabfacil", "exercises"], env=env,
                            capture_output=True, text=True, encoding="utf-8",
                            timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "mine.toml: agenda[0].exercise: no exercise with key 'X1'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_lists_own_exercises_and_says_where_they_live(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    put("exercises", "x01-who-is-missing.toml", MINE)
    put("templates", "mine.toml", MY_TEMPLATE)
    assert main(["exercises"]) == 0
    out = capsys.readouterr().out
    assert any(line.split()[:3] == ["X1", "10", "10"] for line in out.splitlines())
    assert str(user_library_folder() / "exercises") in out
    assert str(user_library_folder() / "templates") in out
    assert main(["exercises", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert "X1" in [e["key"] for e in listed["exercises"]]
    assert "mine" in [t["key"] for t in listed["templates"]]
    db = tmp_path / "w.db"
    assert main(["new", "--template", "mine", "--title", "Away day", "--db", str(db)]) == 0
    assert "35 minutes" in capsys.readouterr().out


def test_a_broken_own_file_does_not_stop_the_demo(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The demo uses only the built-in library, so it still works."""
    put("exercises", "x01-who-is-missing.toml", MINE.replace('type = "brainstorm"',
                                                             'type = "brainstrom"'))
    assert main(["demo", "--db", str(tmp_path / "w.db")]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].isdigit()


def test_the_app_keeps_the_built_in_library_and_says_what_is_broken(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In the app a broken own file leaves the built-in library usable, with a message."""
    from collabfacil.app import Workbench
    from collabfacil.storage.db import open_database
    from collabfacil.storage.repository import WorkshopRepository
    from collabfacil.ui import dialogs
    from collabfacil.ui.preferences import Preferences

    path = put("exercises", "x01-who-is-missing.toml",
               MINE.replace("minutes = 10\n\n", 'minutes = "ten"\n\n'))
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message: told.append(message))
    bench = Workbench(WorkshopRepository(open_database(None)), Preferences())
    library = bench.library
    assert "masterclass-4h" in library.templates
    assert "X1" not in library.exercises
    assert len(told) == 1
    assert str(path) in told[0]
    assert "minutes" in told[0]
