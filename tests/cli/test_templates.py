"""Every template makes a workshop that opens in the app and prints as a PDF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.cli import main
from collabfacil.resources import load_default_library, resources_root
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_KEYS = sorted(load_default_library().templates)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main() in this process: exit status, stdout, stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def new_workshop(capsys: pytest.CaptureFixture[str], db: Path, key: str) -> int:
    """`collabfacil new --template KEY`; the id it printed on its last line."""
    status, out, err = run(capsys, "new", "--template", key, "--title",
                           f"Dry run of {key}", "--date", "2026-05-14", "--db", str(db))
    assert status == 0, err
    last = out.rstrip("\n").splitlines()[-1]
    assert last.isdigit(), out
    return int(last)


def test_the_templates_include_the_three_masterclass_agendas() -> None:
    assert {"masterclass-2h", "masterclass-3h", "masterclass-4h",
            "masterclass-short"} <= set(TEMPLATE_KEYS)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_new_makes_a_workshop_with_the_templates_agenda(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str) -> None:
    """The workshop has the template's steps, minutes, scripts and settings."""
    db = tmp_path / "w.db"
    workshop_id = new_workshop(capsys, db, key)
    library = load_default_library()
    expected = library.agenda_steps(key)
    conn = open_database(db)
    try:
        data = WorkshopRepository(conn).load(workshop_id)
    finally:
        conn.close()
    assert data.workshop.template_key == key
    assert [(s.type, s.title, s.minutes, s.exercise_key) for s in data.steps] == [
        (s.type, s.title, s.minutes, s.exercise_key) for s in expected]
    assert [dict(s.config) for s in data.steps] == [dict(s.config) for s in expected]
    assert sum(s.minutes for s in data.steps) == library.template_minutes(key)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_workshop_from_every_template_opens_on_every_step(
        capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path,
        key: str) -> None:
    """Both windows show each step of the agenda, with its phases, without an error."""
    db = tmp_path / "w.db"
    workshop_id = new_workshop(capsys, db, key)
    conn = open_database(db)
    session = Session(WorkshopRepository(conn), workshop_id)
    errors: list[str] = []
    try:
        qtbot.addWidget(session.console)
        qtbot.addWidget(session.projector)
        session.controller.error_raised.connect(errors.append)
        session.console.resize(1280, 800)
        session.show()
        session.projector.resize(1280, 720)
        qtbot.waitExposed(session.console)
        steps = session.controller.steps
        for index, step in enumerate(steps):
            session.controller.go_to_step(index)
            qtbot.wait(1)
            assert session.controller.current_step.title == step.title
            for phase in range(len(step.phases)):
                session.controller.go_to_phase(phase)
                assert session.controller.phase_index == phase
        assert session.controller.current_index == len(steps) - 1
    finally:
        session.close()
        conn.close()
    assert errors == []


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_workshop_from_every_template_exports_a_pdf(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str) -> None:
    """`collabfacil export ID --pdf` writes the action plan, crediting the exercises."""
    db = tmp_path / "w.db"
    workshop_id = new_workshop(capsys, db, key)
    out = tmp_path / "plan.pdf"
    status, said, err = run(capsys, "export", str(workshop_id), "--pdf", str(out),
                            "--db", str(db))
    assert status == 0, err
    assert str(out) in said
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join((page.extract_text() or "") for page in PdfReader(out).pages)
    text = " ".join(text.split())
    assert f"Dry run of {key}" in text


def test_a_real_app_opens_the_four_hour_workshop_and_exits(tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`collabfacil --db X --workshop ID --exit-after-startup` exits 0 (offscreen)."""
    db = tmp_path / "w.db"
    workshop_id = new_workshop(capsys, db, "masterclass-4h")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "collabfacil", "--db", str(db), "--workshop",
         str(workshop_id), "--exit-after-startup"],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
        check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_exercises_json_lists_the_whole_library(capsys: pytest.CaptureFixture[str]) -> None:
    """All fourteen exercises with their steps' types, and every template."""
    status, out, _ = run(capsys, "exercises", "--json")
    assert status == 0
    listed = json.loads(out)
    exercises = {e["key"]: e for e in listed["exercises"]}
    assert list(exercises) == [f"E{n}" for n in range(1, 15)]
    library = load_default_library()
    for key, e in exercises.items():
        assert e["title"] == library.exercises[key].title
        assert e["minutes"] == library.exercises[key].minutes
        assert [s["type"] for s in e["steps"]] == [
            s.type for s in library.exercises[key].steps]
    templates = {t["key"]: t for t in listed["templates"]}
    assert sorted(templates) == TEMPLATE_KEYS
    files = sorted((resources_root() / "templates").glob("*.toml"))
    assert len(templates) == len(files)
    for key, t in templates.items():
        assert t["title"] == library.templates[key].title
    assert templates["masterclass-2h"]["minutes"] == 120
    assert templates["masterclass-3h"]["minutes"] == 180
    assert templates["masterclass-4h"]["minutes"] == 240


def test_exercises_lists_every_template_in_its_table(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "exercises")
    assert status == 0
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()
            if line.startswith("  ") and len(line.split()) > 2}
    assert rows["masterclass-2h"] == "120"
    assert rows["masterclass-3h"] == "180"
    assert rows["masterclass-4h"] == "240"
    assert rows["E14"] == "15"
