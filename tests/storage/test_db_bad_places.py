"""A database where it cannot be written, or on a full disk: a clear error, the file
as it was, and (read-only) still readable by the commands that only read."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlite_utils import Database

from collabfacil.domain.model import Action, Contribution, Step, Workshop
from collabfacil.storage import db as db_module
from collabfacil.storage.backups import list_backups, make_backup, restore
from collabfacil.storage.db import open_database, open_read_only
from collabfacil.storage.errors import (
    DiskFullError,
    ReadOnlyLocationError,
    StorageError,
    is_disk_full,
)
from collabfacil.storage.lock import DatabaseLock
from collabfacil.storage.migrations import migrations
from collabfacil.storage.repository import WorkshopRepository

if TYPE_CHECKING:
    from tests.conftest import SmallDisk  # the small_disk fixture's helper


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_database(path: Path, notes: int = 3) -> int:
    """A workshop with ``notes`` notes on its one step; returns the step's id."""
    db = open_database(path)
    repo = WorkshopRepository(db)
    wid = repo.create_workshop(Workshop("Kept safe"), steps=[Step(type="brainstorm",
                                                                  title="Ideas")])
    step_id = repo.steps(wid)[0].id
    assert step_id is not None
    for i in range(notes):
        repo.add_contribution(Contribution(step_id=step_id, text=f"note {i}"))
    db.close()
    return step_id


def integrity_and_notes(path: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        notes = [r[0] for r in conn.execute("SELECT text FROM contributions ORDER BY id")]
    finally:
        conn.close()
    return check, notes


# ------------------------------------------------------------ read-only folder


@contextmanager
def writable_for_a_moment(folder: Path) -> Iterator[None]:
    """Undo what the read_only_folder fixture did, then do it again."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o700)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(folder)], check=True)
        else:
            folder.chmod(0o500)


@pytest.fixture
def in_read_only_folder(read_only_folder: Path) -> Path:
    """A CollabFacil database (WAL, as the app leaves it) in a read-only folder."""
    path = read_only_folder / "collabfacil.db"
    with writable_for_a_moment(read_only_folder):
        make_database(path)
    return path


def test_a_database_in_a_read_only_folder_is_refused_clearly_and_untouched(
        in_read_only_folder: Path) -> None:
    """Not "unable to open database file": the folder named, read-only, what to do."""
    folder = in_read_only_folder.parent
    before = snapshot(folder)
    with pytest.raises(ReadOnlyLocationError) as info:
        open_database(in_read_only_folder)
    message = str(info.value)
    assert f"The folder {folder} is read-only" in message
    assert str(in_read_only_folder) in message
    assert "not changed" in message
    assert "Copy it to a folder you can write to" in message
    assert "--db" in message
    assert snapshot(folder) == before


def test_a_database_in_a_read_only_folder_can_still_be_read(
        in_read_only_folder: Path) -> None:
    """open_read_only: the workshops are there, and no -wal or -shm file appears."""
    folder = in_read_only_folder.parent
    before = snapshot(folder)
    db = open_read_only(in_read_only_folder)
    try:
        repo = WorkshopRepository(db)
        [summary] = repo.list_workshops()
        assert summary.title == "Kept safe"
        assert summary.contributions == 3
        assert len(repo.load(summary.id).contributions) == 3
        with pytest.raises(StorageError):  # and it cannot be written by mistake
            repo.create_workshop(Workshop("Not here"))
    finally:
        db.close()
    assert snapshot(folder) == before


def test_the_lock_in_a_read_only_folder_says_the_folder_is_read_only(
        in_read_only_folder: Path) -> None:
    with pytest.raises(ReadOnlyLocationError, match="is read-only"):
        DatabaseLock(in_read_only_folder).acquire()


def test_a_new_database_in_a_read_only_folder_is_refused(read_only_folder: Path) -> None:
    before = snapshot(read_only_folder)
    with pytest.raises(ReadOnlyLocationError, match="is read-only"):
        open_database(read_only_folder / "new.db")
    assert snapshot(read_only_folder) == before


def test_a_read_only_database_file_is_refused_before_anything_is_written(
        tmp_path: Path, read_only_file: Callable[[Path], None]) -> None:
    """Not opened, then refused at the first capture: refused on opening, untouched,
    and still readable."""
    path = tmp_path / "collabfacil.db"
    make_database(path)
    read_only_file(path)
    before = snapshot(tmp_path)
    with pytest.raises(ReadOnlyLocationError) as info:
        open_database(path)
    assert f"The database {path} is read-only" in str(info.value)
    assert snapshot(tmp_path) == before
    db = open_read_only(path)
    try:
        assert [w.title for w in WorkshopRepository(db).list_workshops()] == ["Kept safe"]
    finally:
        db.close()
    assert snapshot(tmp_path) == before


def test_an_outdated_database_that_cannot_be_written_is_not_read(
        tmp_path: Path, read_only_file: Callable[[Path], None]) -> None:
    """Reading it would need the schema updated: refused, not misread."""
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_step_items")
    db.execute("PRAGMA user_version = 1")
    db.close()
    read_only_file(path)
    with pytest.raises(ReadOnlyLocationError, match="earlier version of CollabFacil"):
        open_read_only(path)


# ----------------------------------------------------------------- full disk


def test_opening_on_a_full_disk_is_refused_untouched(tmp_path: Path,
                                                     small_disk: SmallDisk) -> None:
    path = small_disk.folder / "collabfacil.db"
    make_database(path)
    small_disk.fill()
    before = snapshot(small_disk.folder)
    with pytest.raises(DiskFullError) as info:
        open_database(path)
    message = str(info.value)
    assert message.startswith("The disk is full: ")
    assert message.endswith("Free some space and try again.")
    assert str(path) in message
    assert snapshot(small_disk.folder) == before  # no -wal or -shm left either
    small_disk.make_room()
    assert integrity_and_notes(path) == ("ok", ["note 0", "note 1", "note 2"])
    open_database(path).close()


def test_a_new_database_on_a_full_disk_leaves_no_file(small_disk: SmallDisk) -> None:
    small_disk.fill()
    with pytest.raises(DiskFullError, match="no room for a new database"):
        open_database(small_disk.folder / "new.db")
    assert not list(small_disk.folder.glob("new.db*"))


def test_when_sqlite_finds_the_disk_full_on_opening_it_is_said_so(
        small_disk: SmallDisk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the up-front check (as when the disk fills up meanwhile): SQLite's "disk I/O
    error" on its shared-memory file is told as a full disk, the file unchanged."""
    monkeypatch.setattr(db_module, "LOW_SPACE", 0)
    path = small_disk.folder / "collabfacil.db"
    make_database(path)
    small_disk.fill()
    before = path.read_bytes()
    with pytest.raises(DiskFullError, match="could not be opened"):
        open_database(path)
    with pytest.raises(DiskFullError):  # again, with what SQLite left beside it
        open_database(path)
    with pytest.raises(DiskFullError, match="could not be created"):
        open_database(small_disk.folder / "new.db")
    assert not (small_disk.folder / "new.db").exists()
    assert path.read_bytes() == before
    small_disk.make_room()
    db = open_database(path)
    try:
        assert len(WorkshopRepository(db).load(1).contributions) == 3
    finally:
        db.close()
    assert integrity_and_notes(path)[0] == "ok"


def test_a_migration_the_disk_has_no_room_for_changes_nothing(
        small_disk: SmallDisk) -> None:
    """A schema-1 file whose update needs more room than is left: DiskFullError, the
    file byte for byte as it was; with room, it is updated and all there."""
    path = small_disk.folder / "old.db"
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    migrations.apply(db, stop_before="m002_step_items")
    db.execute("PRAGMA user_version = 1")
    db["workshops"].insert({"title": "Old", "created_at": "x", "updated_at": "x"})
    db["steps"].insert({"workshop_id": 1, "position": 0, "type": "brainstorm",
                        "title": "S"})
    db["contributions"].insert_all(
        {"workshop_id": 1, "step_id": 1, "text": f"note {i} " + "y" * 300,
         "created_at": "x"} for i in range(1500))
    db.close()
    small_disk.fill(leave=300 * 1024)  # past the up-front check, short of the update
    before = snapshot(small_disk.folder)
    with pytest.raises(DiskFullError, match="could not be updated"):
        open_database(path)
    assert snapshot(small_disk.folder) == before
    small_disk.make_room()
    db = open_database(path)
    try:
        assert db.execute("SELECT count(*) FROM contributions").fetchone()[0] == 1500
    finally:
        db.close()


def test_a_capture_when_the_disk_fills_up_is_refused_and_the_next_one_works(
        small_disk: SmallDisk) -> None:
    """Mid-workshop: DiskFullError (not sqlite3's), nothing half-written, the earlier
    notes all there; with room again, the next capture is saved."""
    path = small_disk.folder / "collabfacil.db"
    step_id = make_database(path)
    db = open_database(path)
    repo = WorkshopRepository(db)
    try:
        small_disk.fill()
        with pytest.raises(DiskFullError) as info:
            repo.add_contribution(Contribution(step_id=step_id, text="lost? " * 200))
        assert str(info.value) == (f"The disk is full: the database {path} could not be "
                                   "written, so this change was not saved. Free some "
                                   "space and try again.")
        assert [c.text for c in repo.contributions(step_id)] == [
            "note 0", "note 1", "note 2"]
        small_disk.make_room()
        repo.add_contribution(Contribution(step_id=step_id, text="after"))
    finally:
        db.close()
    assert integrity_and_notes(path) == ("ok", ["note 0", "note 1", "note 2", "after"])


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_part(small_disk: SmallDisk) -> None:
    path = small_disk.folder / "collabfacil.db"
    make_database(path, notes=200)
    db = open_database(path)
    try:
        small_disk.fill(leave=8 * 1024)
        with pytest.raises(DiskFullError, match="the backup could not be written"):
            make_backup(db, path)
        assert not list((small_disk.folder / "backups").iterdir())
    finally:
        db.close()
    small_disk.make_room()
    assert integrity_and_notes(path)[0] == "ok"


def test_restoring_on_a_full_disk_changes_nothing(tmp_path: Path,
                                                  small_disk: SmallDisk) -> None:
    path = small_disk.folder / "collabfacil.db"
    make_database(path)
    db = open_database(path)
    backup = make_backup(db, path)
    db.close()
    small_disk.fill()
    before = snapshot(small_disk.folder)
    with pytest.raises(DiskFullError, match="nothing was changed"):
        restore(backup, path)
    assert snapshot(small_disk.folder) == before
    assert len(list_backups(path)) == 1


# ------------------------------------------- the same without a disk to fill


@pytest.mark.parametrize(("under", "call"), [
    ("_insert_contribution",
     lambda repo, step: repo.add_contribution(Contribution(step_id=step, text="x"))),
    ("_touch", lambda repo, step: repo.update_contribution(repo.contribution(1))),
    ("_insert_action", lambda repo, step: repo.add_action(
        Action(text="Share the data", owner="Ann", due="2026-06-01", first_step="Ask"),
        workshop_id=1)),
    ("_insert_contribution", lambda repo, step: repo.insert_workshop_data(
        repo.load(1))),
])
def test_a_full_disk_under_any_repository_write_is_a_storage_error(
        tmp_path: Path, under: str, call: Callable[[WorkshopRepository, int], object],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """sqlite3's "database or disk is full" from under a repository method becomes
    DiskFullError naming the file, with what to do; the write is rolled back."""
    path = tmp_path / "collabfacil.db"
    step_id = make_database(path)
    db = open_database(path)
    repo = WorkshopRepository(db)

    def full(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(WorkshopRepository, under, full)
    try:
        with pytest.raises(DiskFullError) as info:
            call(repo, step_id)
        assert str(info.value) == (f"The disk is full: the database {path} could not be "
                                   "written, so this change was not saved. Free some "
                                   "space and try again.")
        assert not db.conn.in_transaction
        assert [w.title for w in repo.list_workshops()] == ["Kept safe"]
    finally:
        db.close()
    assert integrity_and_notes(path) == ("ok", ["note 0", "note 1", "note 2"])


def test_a_constraint_failure_is_not_called_a_storage_problem(tmp_path: Path) -> None:
    path = tmp_path / "collabfacil.db"
    make_database(path)
    db = open_database(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            WorkshopRepository(db).restore_contribution(
                WorkshopRepository(db).contribution(1))  # its id is taken
    finally:
        db.close()


@pytest.mark.parametrize(("error", "free", "full"), [
    (sqlite3.OperationalError("database or disk is full"), 10**9, True),
    (OSError(28, "No space left on device"), 10**9, True),
    (sqlite3.OperationalError("disk I/O error"), 0, True),
    (sqlite3.OperationalError("disk I/O error"), 10**9, False),
    (sqlite3.OperationalError("unable to open database file"), 0, False),
    (OSError(13, "Permission denied"), 0, False),
])
def test_what_counts_as_a_full_disk(error: Exception, free: int, full: bool,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 0, free))
    if isinstance(error, sqlite3.Error):
        error.sqlite_errorcode = (  # type: ignore[attr-defined]
            sqlite3.SQLITE_FULL if "full" in str(error) else
            sqlite3.SQLITE_CANTOPEN if "unable" in str(error) else sqlite3.SQLITE_IOERR)
    assert is_disk_full(error, tmp_path) is full
    wrapped = StorageError("Cannot write x.")  # as export raises it, from the OSError
    wrapped.__context__ = error
    assert is_disk_full(wrapped, tmp_path) is full
