"""Backups while the app runs: on opening a workshop, on a timer, failures only told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench
from collabfacil.domain.model import Step, Workshop
from collabfacil.storage import backups
from collabfacil.storage.db import open_database
from collabfacil.storage.errors import StorageError
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs

ONE_STEP = Step(type="brainstorm", title="Ideas")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "collabfacil.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[WorkshopRepository]:
    """This file's repository is on a real file, so it can be backed up."""
    db = open_database(db_path)
    yield WorkshopRepository(db)
    db.close()


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


def test_starting_the_app_backs_up_once_both_windows_show(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At start-up the first backup waits for the windows (they show sooner), then
    is made before the facilitator can type; what is captured next is saved."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from collabfacil.app import run_app

    path = tmp_path / "collabfacil.db"
    seen: dict[str, object] = {}
    opened: list[Workbench] = []
    monkeypatch.setattr(Workbench, "show_start_page", lambda self: opened.append(self))

    def at_first_paint(_self: Workbench) -> None:  # as run_app's windows show
        seen["backups before"] = len(backups.list_backups(path))

    original = Workbench.after_start

    def after_start(self: Workbench) -> None:
        at_first_paint(self)
        original(self)
        seen["backups after"] = len(backups.list_backups(path))
        session = self.session
        assert session is not None
        session.controller.add_note("Typed as soon as the windows showed")
        seen["saved"] = [c.text for c in self.repo.load(
            session.controller.workshop_id).contributions]
        QApplication.instance().exit(0)  # type: ignore[union-attr]

    monkeypatch.setattr(Workbench, "after_start", after_start)
    guard = QTimer()  # never wait for ever
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.instance().exit(1))  # type: ignore
    guard.start(10_000)
    status = run_app(db_path=path, workshop_id=None, screen=None, exit_after_startup=False)
    guard.stop()
    assert status == 0
    assert seen["backups before"] == 0
    assert seen["backups after"] == 1
    assert "Typed as soon as the windows showed" in seen["saved"]  # type: ignore


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


# ------------------------------------------------------- restore in the app


def test_the_file_menu_offers_restore_from_a_backup(bench: Workbench, workshop_id: int,
                                                    db_path: Path) -> None:
    bench.start_backups(db_path)
    session = bench.open(workshop_id)
    file_menu = session.console.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "Restore from a backup…")
    action.trigger()
    dialog = bench.backups_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.list.count() == 1
    assert "Frailty pathway partnership" in dialog.list.item(0).text()


def test_restoring_reopens_the_same_workshop_as_it_was(
        bench: Workbench, repo: WorkshopRepository, workshop_id: int, db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    bench.start_backups(db_path)
    session = bench.open(workshop_id)  # backup 1: the workshop as it was
    first = backups.list_backups(db_path)[0].path
    session.controller.add_note("Made after the backup")
    other = repo.create_workshop(Workshop("Made after the backup too"), steps=[ONE_STEP])
    dialog = bench.show_backups()
    assert dialog is not None
    dialog.select(first)
    dialog.restore_button.click()
    assert len(asked) == 1
    assert first.name in asked[0]
    assert bench.session is not None
    assert bench.session is not session
    assert bench.session.controller.workshop_id == workshop_id
    texts = bench.session.projector.view.visible_texts()
    assert "Made after the backup" not in texts
    assert [w.id for w in bench.repo.list_workshops()] == [workshop_id]
    assert other not in [w.id for w in bench.repo.list_workshops()]
    kept = list(db_path.parent.glob("collabfacil.before-restore-*.db"))
    assert len(kept) == 1
    assert "previous file was kept" in bench.session.console.statusBar().currentMessage()


def test_restoring_a_backup_without_the_open_workshop_opens_the_most_recent(
        bench: Workbench, repo: WorkshopRepository, workshop_id: int, db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    bench.start_backups(db_path)
    bench.open(workshop_id)
    first = backups.list_backups(db_path)[0].path
    newer = repo.create_workshop(Workshop("Newer"), steps=[ONE_STEP])
    bench.open(newer)
    assert bench.restore_backup(first)
    assert bench.session is not None
    assert bench.session.controller.workshop_id == workshop_id
    assert bench.start_page is not None
    assert bench.start_page.isVisible()


def test_declining_the_confirmation_changes_nothing(
        bench: Workbench, workshop_id: int, db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: False)
    bench.start_backups(db_path)
    session = bench.open(workshop_id)
    first = backups.list_backups(db_path)[0].path
    before = bench.repo
    assert not bench.restore_backup(first)
    assert bench.session is session
    assert bench.repo is before
    assert not list(db_path.parent.glob("*.before-restore-*"))


def test_a_bad_backup_is_refused_in_a_dialog_and_the_workshop_stays_open(
        bench: Workbench, workshop_id: int, db_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda _p, title, msg: told.append(msg))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: pytest.fail("not asked"))
    bench.start_backups(db_path)
    session = bench.open(workshop_id)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    assert not bench.restore_backup(bad)
    assert told
    assert "not a CollabFacil backup" in told[0]
    assert bench.session is session


def test_a_rehearsal_cannot_restore(bench: Workbench, workshop_id: int, db_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda _p, title, msg: told.append(title))
    bench.start_backups(db_path)
    bench.open(workshop_id)
    rehearsal = bench.rehearse()
    assert rehearsal is not None
    rehearsal.console.restore_backup()
    assert told == ["This is a rehearsal"]
    assert bench.backups_dialog is None


# --------------------------------------------- deleting a workshop and its backups


@pytest.mark.parametrize("agree", [True, False])
def test_deleting_a_workshop_offers_to_delete_it_from_the_backups(
        qtbot: QtBot, bench: Workbench, repo: WorkshopRepository, workshop_id: int,
        db_path: Path, monkeypatch: pytest.MonkeyPatch, agree: bool) -> None:
    other = repo.create_workshop(Workshop("Keep me"), steps=[ONE_STEP])
    bench.start_backups(db_path)
    bench.open(other)  # a backup holding both
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, q, **k: asked.append(title)
                        or title == "Delete workshop" or agree)
    page = bench.show_start_page()
    assert page is not None
    qtbot.addWidget(page)
    page.refresh(select=workshop_id)
    assert page.delete_selected()
    assert asked == ["Delete workshop", "Delete it from the backups too?"]
    held = [sorted(w.title for w in b.workshops) for b in backups.list_backups(db_path)]
    if agree:
        assert held == [["Keep me"]]
    else:
        assert held == [["Frailty pathway partnership", "Keep me"]]


def test_no_question_when_no_backup_holds_the_workshop(
        qtbot: QtBot, bench: Workbench, repo: WorkshopRepository, workshop_id: int,
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bench.start_backups(db_path)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, title, q, **k: asked.append(title) or True)
    assert bench.offer_to_purge_backups(workshop_id, "Frailty pathway partnership") == 0
    assert asked == []
