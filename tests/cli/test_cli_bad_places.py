"""The command line on a database it cannot write, in a folder that is not there, or
on a full disk: one clear line, exit status 1, the file as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from collabfacil.cli import main
from collabfacil.storage.repository import WorkshopRepository

if TYPE_CHECKING:
    from tests.conftest import SmallDisk  # the small_disk fixture's helper

ROOT = Path(__file__).resolve().parents[2]


def cli(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m collabfacil ...` with its own home and data folders."""
    env = {**os.environ, "HOME": str(cwd / "home"), "XDG_DATA_HOME": str(cwd / "data"),
           "XDG_CONFIG_HOME": str(cwd / "config"), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "collabfacil", *argv], env=env, cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    err = result.stderr
    assert err.startswith("collabfacil: error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def integrity_and_titles(path: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        titles = [r[0] for r in conn.execute("SELECT title FROM workshops ORDER BY id")]
    finally:
        conn.close()
    return check, titles


@pytest.fixture
def exchange_file(tmp_path: Path) -> Path:
    """A workshop to import, from a database elsewhere."""
    elsewhere = tmp_path / "elsewhere.db"
    assert main(["demo", "--db", str(elsewhere)]) == 0
    out = tmp_path / "demo.json"
    assert main(["export", "1", "--json", str(out), "--db", str(elsewhere)]) == 0
    return out


WRITING = [["demo"], ["new", "--template", "masterclass-short", "--title", "Review"]]


# ------------------------------------------------------------ read-only folder


@pytest.fixture
def demo_in_read_only_folder(tmp_path: Path, read_only_folder: Path) -> Path:
    """The demo, as the command line leaves it, in a folder made read-only."""
    path = read_only_folder / "collabfacil.db"
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(read_only_folder)], check=True)
    else:
        read_only_folder.chmod(0o700)
    try:
        assert main(["demo", "--db", str(path)]) == 0
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(read_only_folder)], check=True)
        else:
            read_only_folder.chmod(0o500)
    return path


def test_list_and_export_still_read_a_database_in_a_read_only_folder(
        tmp_path: Path, demo_in_read_only_folder: Path) -> None:
    """Opened read-only: the list and the exports work, and nothing appears beside it."""
    db = str(demo_in_read_only_folder)
    before = snapshot(demo_in_read_only_folder.parent)
    listed = cli(tmp_path, "list", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    assert [w["title"] for w in json.loads(listed.stdout)] == [
        "Home First: Northshire frailty and discharge partnership"]
    assert "Home First" in cli(tmp_path, "list", "--db", db).stdout
    for flag, name in (("--json", "out.json"), ("--md", "out.md"), ("--pdf", "out.pdf")):
        result = cli(tmp_path, "export", "1", flag, str(tmp_path / name), "--db", db)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    assert cli(tmp_path, "backups", "--db", db).returncode == 0
    assert snapshot(demo_in_read_only_folder.parent) == before


@pytest.mark.parametrize("argv", [*WRITING, ["import", "IMPORT"], ["restore", "x.db"]])
def test_writing_into_a_read_only_folder_is_refused_in_one_clear_line(
        tmp_path: Path, demo_in_read_only_folder: Path, exchange_file: Path,
        argv: list[str]) -> None:
    argv = [str(exchange_file) if a == "IMPORT" else a for a in argv]
    folder = demo_in_read_only_folder.parent
    before = snapshot(folder)
    result = cli(tmp_path, *argv, "--db", str(demo_in_read_only_folder))
    assert_one_line_error(result, f"The folder {folder} is read-only",
                          "not changed", "Copy it to a folder you can write to")
    assert "unable to open database file" not in result.stderr
    assert snapshot(folder) == before


def test_the_app_in_a_read_only_folder_fails_clearly(
        tmp_path: Path, demo_in_read_only_folder: Path) -> None:
    """`collabfacil --db` on it: exit 1, one line (the dialog is tested in tests/ui)."""
    before = snapshot(demo_in_read_only_folder.parent)
    result = cli(tmp_path, "--db", str(demo_in_read_only_folder), "--exit-after-startup")
    assert_one_line_error(result, "is read-only")
    assert snapshot(demo_in_read_only_folder.parent) == before


# ----------------------------------------------------------- missing folder


@pytest.mark.parametrize("argv", [
    ["list"], ["list", "--json"], *WRITING, ["import", "IMPORT"],
    ["export", "1", "--json", "OUT"], ["backups"], ["restore", "x.db"],
    ["--exit-after-startup"],
])
def test_every_command_says_the_folder_does_not_exist(
        tmp_path: Path, exchange_file: Path, argv: list[str]) -> None:
    missing = tmp_path / "not here"
    argv = [str(exchange_file) if a == "IMPORT" else str(tmp_path / "o.json")
            if a == "OUT" else a for a in argv]
    result = cli(tmp_path, *argv, "--db", str(missing / "collabfacil.db"))
    assert_one_line_error(result, f"The folder {missing} does not exist.")
    assert not missing.exists()
    assert not (tmp_path / "o.json").exists()


def test_the_default_data_folder_is_still_made_on_first_use(tmp_path: Path) -> None:
    assert not (tmp_path / "data").exists()
    assert cli(tmp_path, "list").returncode == 0
    assert cli(tmp_path, "demo").returncode == 0
    assert list((tmp_path / "data").rglob("collabfacil.db"))


def test_a_data_folder_that_cannot_be_made_is_one_clear_line(
        tmp_path: Path, read_only_folder: Path) -> None:
    env_home = read_only_folder  # XDG_DATA_HOME inside a read-only folder
    result = subprocess.run(
        [sys.executable, "-m", "collabfacil", "demo"],
        env={**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
             "XDG_DATA_HOME": str(env_home / "data")},
        capture_output=True, text=True, timeout=120, check=False)
    assert_one_line_error(result, "Cannot create the data folder", "--db")


# ----------------------------------------------------------------- full disk


@pytest.fixture
def demo_on_full_disk(tmp_path: Path, small_disk: SmallDisk) -> Path:
    path = small_disk.folder / "collabfacil.db"
    assert main(["demo", "--db", str(path)]) == 0
    small_disk.fill()
    return path


@pytest.mark.parametrize("argv", [
    ["list"], *WRITING, ["import", "IMPORT"], ["export", "1", "--json", "OUT"],
])
def test_a_full_disk_is_one_clear_line_and_the_database_is_intact(
        tmp_path: Path, demo_on_full_disk: Path, small_disk: SmallDisk,
        exchange_file: Path, argv: list[str]) -> None:
    argv = [str(exchange_file) if a == "IMPORT" else str(tmp_path / "o.json")
            if a == "OUT" else a for a in argv]
    before = snapshot(small_disk.folder)
    result = cli(tmp_path, *argv, "--db", str(demo_on_full_disk))
    assert_one_line_error(result, "collabfacil: error: The disk is full: ",
                          str(demo_on_full_disk), "Free some space and try again.")
    assert snapshot(small_disk.folder) == before
    small_disk.make_room()
    assert integrity_and_titles(demo_on_full_disk) == (
        "ok", ["Home First: Northshire frailty and discharge partnership"])
    assert cli(tmp_path, *argv, "--db", str(demo_on_full_disk)).returncode == 0


def test_a_new_database_on_a_full_disk(tmp_path: Path, small_disk: SmallDisk) -> None:
    small_disk.fill()
    result = cli(tmp_path, "demo", "--db", str(small_disk.folder / "new.db"))
    assert_one_line_error(result, "The disk is full: there is no room for a new database")
    assert not list(small_disk.folder.glob("new.db*"))


def test_the_app_on_a_full_disk_fails_clearly(tmp_path: Path,
                                              demo_on_full_disk: Path) -> None:
    result = cli(tmp_path, "--db", str(demo_on_full_disk), "--exit-after-startup")
    assert_one_line_error(result, "The disk is full")


def test_an_export_onto_a_full_disk_leaves_nothing_behind(
        tmp_path: Path, small_disk: SmallDisk) -> None:
    db = tmp_path / "w.db"
    assert cli(tmp_path, "demo", "--db", str(db)).returncode == 0
    small_disk.fill()
    for flag in ("--pdf", "--json", "--csv", "--md"):
        out = small_disk.folder / f"plan{flag.replace('--', '.')}"
        result = cli(tmp_path, "export", "1", flag, str(out), "--db", str(db))
        assert_one_line_error(result, f"The disk is full: {out} could not be written",
                              "Free some space and try again.")
        assert list(small_disk.folder.iterdir()) == [small_disk.folder / ".filler"]


def test_restoring_onto_a_full_disk_changes_nothing(tmp_path: Path,
                                                    small_disk: SmallDisk) -> None:
    path = small_disk.folder / "collabfacil.db"
    assert cli(tmp_path, "demo", "--db", str(path)).returncode == 0
    from collabfacil.storage.backups import make_backup
    from collabfacil.storage.db import open_database

    db = open_database(path)
    backup = make_backup(db, path)
    db.close()
    small_disk.fill()
    before = snapshot(small_disk.folder)
    result = cli(tmp_path, "restore", backup.name, "--db", str(path))
    assert_one_line_error(result, "The disk is full", "nothing was changed")
    after = snapshot(small_disk.folder)
    assert after.pop("collabfacil.db.lock") == b""  # the lock it held, empty again
    assert after == before


# ------------------------------------------- the same without a disk to fill


def test_a_full_disk_in_a_command_is_one_line_without_a_disk(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's "database or disk is full" half-way through 'demo' (monkeypatched):
    one line, exit 1, and the database as it was."""
    db = tmp_path / "w.db"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()

    def full(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(WorkshopRepository, "_insert_contribution", full)
    assert main(["demo", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err == (f"collabfacil: error: The disk is full: the database {db} could not be "
                   "written, so this change was not saved. Free some space and try again.\n")
    monkeypatch.undo()
    assert integrity_and_titles(db) == (
        "ok", ["Home First: Northshire frailty and discharge partnership"])


def test_an_export_on_a_full_disk_is_one_line_without_a_disk(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.db"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh: object) -> None:
            self.fh = fh

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *_: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

        def write(self, _data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    out = tmp_path / "plan.json"
    assert main(["export", "1", "--json", str(out), "--db", str(db)]) == 1
    assert capsys.readouterr().err == (
        f"collabfacil: error: The disk is full: {out} could not be written (no part of it "
        "was left behind). Free some space and try again.\n")
    assert not out.exists()
    assert not list(tmp_path.glob(".plan.json*"))  # no temporary part either
