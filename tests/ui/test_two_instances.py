"""A second app on the same database is told, in a dialog, and opens nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench, run_app
from collabfacil.storage.lock import DatabaseInUseError, DatabaseLock, read_holder
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.preferences import Preferences


def test_a_second_app_is_told_in_a_dialog_and_opens_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "collabfacil.db"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error",
                        lambda _p, title, text: shown.append((title, text)))
    with DatabaseLock(db) as other:
        other.update("Frailty pathway partnership")
        with pytest.raises(DatabaseInUseError):
            run_app(db_path=db, workshop_id=None, screen=None, exit_after_startup=False)
    assert len(shown) == 1
    assert "Frailty pathway partnership" in shown[0][1]
    assert not db.exists()


def test_the_lock_names_the_workshop_that_is_open(
        qtbot: QtBot, repo: WorkshopRepository, workshop_id: int, tmp_path: Path) -> None:
    bench = Workbench(repo, Preferences())
    bench.lock = DatabaseLock(tmp_path / "collabfacil.db")
    bench.lock.acquire()
    try:
        bench.open(workshop_id)
        assert read_holder(tmp_path / "collabfacil.db")["workshop"] == \
            "Frailty pathway partnership"
    finally:
        bench.close()
        bench.lock.release()
