"""Garbage collection is paused while the app starts, and only then (startup.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil import startup
from collabfacil.app import Workbench
from collabfacil.cli import main


@pytest.fixture
def paused() -> Iterator[None]:
    """Collection paused as ``launch`` pauses it; put back as it was afterwards."""
    was = gc.isenabled()
    startup.pause_collection()
    yield
    startup.resume_collection()
    if was:
        gc.enable()


def test_a_command_that_is_not_the_app_resumes_collection(
        paused: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An export of a big workshop makes many objects: it runs with the collector on."""
    assert not gc.isenabled()
    assert main(["demo", "--db", str(tmp_path / "w.db")]) == 0
    assert gc.isenabled()


def test_the_app_resumes_collection_once_its_windows_show(
        paused: None, qtbot: QtBot, bench: Workbench, workshop_id: int) -> None:
    bench.open(workshop_id, backup=False)
    assert not gc.isenabled()  # still starting
    bench.after_start()
    qtbot.waitUntil(gc.isenabled, timeout=5000)


def test_collection_resumes_even_when_the_first_backup_fails(
        paused: None, qtbot: QtBot, bench: Workbench, workshop_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise PermissionError("the backups folder cannot be listed")

    bench.open(workshop_id, backup=False)
    monkeypatch.setattr(bench, "backup_now", fail)
    with pytest.raises(PermissionError):
        bench.after_start()
    qtbot.waitUntil(gc.isenabled, timeout=5000)


def test_nothing_is_left_to_run_once_the_app_has_closed(
        qtbot: QtBot, bench: Workbench, workshop_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Quitting before the work after start-up is done: it is dropped, not run on a
    closed database."""
    done: list[str] = []
    bench.open(workshop_id, backup=False)
    monkeypatch.setattr(bench.repo.db, "warm_up", lambda: done.append("warm up"))
    bench.after_start(then=lambda: done.append("then"))
    bench.close()
    qtbot.wait(50)
    assert done == []


def test_resuming_what_was_not_paused_changes_nothing() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        startup.resume_collection(collect=True)
        assert not gc.isenabled()  # someone else turned it off: left off
    finally:
        if was:
            gc.enable()
