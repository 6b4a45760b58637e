"""Starting the app for real: the command line's GUI path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.storage.repository import WorkshopRepository


def run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run([sys.executable, "-m", "collabfacil", *args], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_exit_after_startup_opens_the_demo_on_a_fresh_machine(tmp_path: Path) -> None:
    """With no database yet, the app starts on the built-in demo workshop and exits 0."""
    result = run(["--exit-after-startup"], tmp_path)
    assert result.returncode == 0, result.stderr
    started, ready = result.stdout.splitlines()
    assert started.startswith("Started: \u201cHome First")
    assert ready == "Ready: backed up, ready to save."
    assert list((tmp_path / "data").rglob("backups/*.db")), "no backup made"
    listed = run(["list"], tmp_path)
    assert "Home First" in listed.stdout
    db = next((tmp_path / "data").rglob("collabfacil.db"))
    assert oct(db.stat().st_mode & 0o777) == "0o600"


def test_exit_after_startup_with_an_unknown_workshop_fails_clearly(tmp_path: Path) -> None:
    """--workshop with an id that does not exist: exit 1 and one line, no traceback."""
    db = tmp_path / "w.db"
    assert run(["demo", "--db", str(db)], tmp_path).returncode == 0
    result = run(["--db", str(db), "--workshop", "99", "--exit-after-startup"], tmp_path)
    assert result.returncode == 1
    assert "no workshop with id 99" in result.stderr
    assert "Traceback" not in result.stderr


def test_closing_the_console_closes_the_projector(qtbot: QtBot, repo: WorkshopRepository,
                                                  workshop_id: int) -> None:
    """The projector cannot be closed by accident, but it goes when the console closes."""
    s = Session(repo, workshop_id)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.close()
    assert not s.projector.isVisible()
    s.console.show_projector()
    assert s.projector.isVisible()
    s.console.close()
    assert not s.projector.isVisible()
