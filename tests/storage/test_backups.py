"""Rolling backups: made with the backup API, owner-only, the newest kept, restored safely."""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from collabfacil.domain.model import Workshop
from collabfacil.storage.backups import (
    backup_folder,
    list_backups,
    make_backup,
    purge_workshop_from_backups,
    restore,
)
from collabfacil.storage.db import open_database
from collabfacil.storage.errors import DatabaseTooNewError, StorageError
from collabfacil.storage.repository import WorkshopRepository

T0 = datetime(2026, 3, 12, 9, 30, 0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    WorkshopRepository(db).create_workshop(Workshop(title="Kick-off"))
    db.close()
    return path


def titles(path: Path) -> list[str]:
    db = open_database(path)
    try:
        return sorted(w.title for w in WorkshopRepository(db).list_workshops())
    finally:
        db.close()


def test_a_backup_is_a_private_copy_named_by_its_time(db_path: Path) -> None:
    db = open_database(db_path)
    made = make_backup(db, db_path, now=T0)
    db.close()
    assert made == db_path.parent / "backups" / "collabfacil-20260312-093000.db"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert titles(made) == ["Kick-off"]
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no -wal, no partial


def test_only_the_newest_are_kept_and_listed_newest_first(db_path: Path) -> None:
    db = open_database(db_path)
    repo = WorkshopRepository(db)
    for n in range(5):
        repo.create_workshop(Workshop(title=f"W{n}"))
        make_backup(db, db_path, keep=3, now=T0 + timedelta(minutes=5 * n))
    db.close()
    backups = list_backups(db_path)
    assert [b.when for b in backups] == [T0 + timedelta(minutes=m) for m in (20, 15, 10)]
    assert len(list(backup_folder(db_path).iterdir())) == 3
    newest = backups[0]
    assert sorted(w.title for w in newest.workshops) == ["Kick-off", "W0", "W1", "W2",
                                                         "W3", "W4"]
    assert newest.size == newest.path.stat().st_size
    assert "6 workshops" in newest.describe()


def test_two_backups_in_one_second_both_kept(db_path: Path) -> None:
    db = open_database(db_path)
    first, second = make_backup(db, db_path, now=T0), make_backup(db, db_path, now=T0)
    db.close()
    assert first != second
    assert len(list_backups(db_path)) == 2


def test_listing_reads_backups_without_changing_them(db_path: Path) -> None:
    db = open_database(db_path)
    made = make_backup(db, db_path, now=T0)
    db.close()
    before = (made.read_bytes(), made.stat().st_mtime_ns)
    list_backups(db_path)
    assert (made.read_bytes(), made.stat().st_mtime_ns) == before
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_no_backups_folder_lists_nothing(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "none.db") == []


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(
        db_path: Path) -> None:
    db = open_database(db_path)
    made = make_backup(db, db_path, now=T0)
    WorkshopRepository(db).create_workshop(Workshop(title="After the backup"))
    db.close()
    aside = restore(made, db_path, now=T0 + timedelta(hours=1))
    assert aside == db_path.parent / "collabfacil.before-restore-20260312-103000.db"
    assert titles(db_path) == ["Kick-off"]
    assert titles(aside) == ["After the backup", "Kick-off"]
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert made.exists()  # the backup itself stays


def test_restore_with_the_wal_still_beside_keeps_it_with_the_old_file(
        db_path: Path) -> None:
    db = open_database(db_path)
    made = make_backup(db, db_path, now=T0)
    WorkshopRepository(db).create_workshop(Workshop(title="Only in the WAL"))
    # Simulate a crash: copy the database and its WAL as they are, then close.
    crashed = db_path.with_name("crashed.db")
    crashed.write_bytes(db_path.read_bytes())
    Path(f"{crashed}-wal").write_bytes(Path(f"{db_path}-wal").read_bytes())
    db.close()
    aside = restore(made, crashed)
    assert aside is not None
    assert Path(f"{aside}-wal").exists()
    assert not Path(f"{crashed}-wal").exists()
    assert "Only in the WAL" in titles(aside)
    assert titles(crashed) == ["Kick-off"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("kind", ["missing", "not-sqlite", "corrupt", "foreign"])
def test_a_bad_backup_is_refused_and_nothing_changes(db_path: Path, kind: str) -> None:
    bad = db_path.parent / "bad.db"
    if kind == "not-sqlite":
        bad.write_bytes(b"hello, this is not a database" * 100)
    elif kind == "corrupt":
        db = open_database(db_path)
        made = make_backup(db, db_path, now=T0)
        db.close()
        raw = bytearray(made.read_bytes())
        for i in range(4096 + 100, len(raw), 7):  # scribble over every page but the first
            raw[i] = 0x5A
        bad.write_bytes(bytes(raw))
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE other (x)")
        conn.commit()
        conn.close()
    before = snapshot(db_path.parent)
    with pytest.raises(StorageError) as caught:
        restore(bad, db_path)
    assert "\n" not in str(caught.value)
    assert snapshot(db_path.parent) == before


def test_a_backup_from_a_newer_version_is_refused(db_path: Path) -> None:
    newer = db_path.parent / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE workshops (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        restore(newer, db_path)
    assert titles(db_path) == ["Kick-off"]


def test_a_failed_backup_raises_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = open_database(path)
    (tmp_path / "backups").write_text("a file where the folder should be")
    with pytest.raises(StorageError, match="backup"):
        make_backup(db, path)
    db.close()


def test_a_deleted_workshop_is_purged_from_every_backup(db_path: Path) -> None:
    db = open_database(db_path)
    repo = WorkshopRepository(db)
    only_first = make_backup(db, db_path, now=T0)  # holds Kick-off only
    secret = repo.create_workshop(Workshop(title="Confidential merger talks"))
    both = make_backup(db, db_path, now=T0 + timedelta(minutes=5))
    kick_off = next(w.id for w in repo.list_workshops() if w.title == "Kick-off")
    db.close()
    assert purge_workshop_from_backups(db_path, secret, "Confidential merger talks") == 1
    assert titles(both) == ["Kick-off"]
    assert b"Confidential merger talks" not in both.read_bytes()
    assert titles(only_first) == ["Kick-off"]
    # a backup holding only the deleted workshop goes entirely
    assert purge_workshop_from_backups(db_path, kick_off, "Kick-off") == 2
    assert list_backups(db_path) == []


def test_purging_a_title_that_is_not_there_changes_nothing(db_path: Path) -> None:
    db = open_database(db_path)
    made = make_backup(db, db_path, now=T0)
    db.close()
    before = made.read_bytes()
    assert purge_workshop_from_backups(db_path, 1, "Another title") == 0
    assert made.read_bytes() == before
