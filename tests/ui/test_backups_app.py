"""Backups while the app runs: on opening a workshop, on a timer, failures only told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench
from collabfacil.storage import backups
from collabfacil.storage.db import open_database
from collabfacil.storage.errors import StorageError
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.preferences import Preferences


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "collabfacil.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[WorkshopRepository]:
    """This file's repository is on a real file, so it can be backed up."""
    db = open_database(db_path)
    yield WorkshopRepository(db)
    db.close()


@pytest.fixture
def bench(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Workbench]:
    b = Workbench(repo, Preferences())
    yield b
    b.close()


def test_a_workbench_without_backups_started_makes_none(
        bench: Workbench, workshop_id: int, db_path: Path) -> None:
    """Tests' sessions and workbenches do not back up unless asked."""
    bench.open(workshop_id)
    assert backups.list_backups(db_path) == []
    assert bench.backup_timer is None


def test_opening_a_workshop_makes_a_backup(bench: Workbench, workshop_id: int,
                                           db_path: Path) -> None:
    bench.start_backups(db_path)
    bench.open(workshop_id)
    listed = backups.list_backups(db_path)
    assert len(listed) == 1
    assert [w.id for w in listed[0].workshops] == [workshop_id]


def test_the_timer_backs_up_every_interval(qtbot: QtBot, bench: Workbench,
                                           workshop_id: int, db_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Path] = []
    monkeypatch.setattr("collabfacil.app.make_backup",
                        lambda db, path: made.append(path) or path)
    bench.start_backups(db_path, interval_ms=20)
    assert bench.backup_timer is not None
    assert bench.backup_timer.isActive()
    bench.open(workshop_id)
    qtbot.waitUntil(lambda: len(made) >= 3, timeout=2000)
    bench.close()
    assert not bench.backup_timer.isActive()


def test_the_default_interval_is_five_minutes(bench: Workbench, db_path: Path) -> None:
    bench.start_backups(db_path)
    assert bench.backup_timer is not None
    assert bench.backup_timer.interval() == 5 * 60 * 1000


def test_a_failed_backup_is_told_on_the_status_bar_and_the_workshop_goes_on(
        bench: Workbench, workshop_id: int, db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> Path:
        raise StorageError("The disk is full.")

    monkeypatch.setattr("collabfacil.app.make_backup", fail)
    bench.start_backups(db_path)
    session = bench.open(workshop_id)
    assert bench.session is session
    assert "Backup failed" in session.console.statusBar().currentMessage()
    assert "disk is full" in session.console.statusBar().currentMessage()
    assert bench.backup_now() is None
