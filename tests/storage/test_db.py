"""Opening the database file: created private, brought up to date, or refused untouched."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from collabfacil.storage.db import open_database
from collabfacil.storage.errors import DatabaseTooNewError, StorageError
from collabfacil.storage.migrations import SCHEMA_VERSION

OUR_TABLES = {"workshops", "organisations", "participants", "steps", "contributions",
              "actions"}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder`` with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def user_version(path: Path) -> int:
    """PRAGMA user_version, read with a plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def make_newer_database(path: Path) -> None:
    """A CollabFacil database as a future version would leave it (WAL, schema 99)."""
    db = open_database(path)
    db["workshops"].insert({"title": "From the future", "created_at": "2030-01-01",
                            "updated_at": "2030-01-01"})
    db.execute("PRAGMA user_version = 99")
    db.close()


# ----------------------------------------------------------- a new database


def test_a_new_database_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """The file (and its WAL companions) get mode 0o600."""
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    db["workshops"].insert({"title": "x", "created_at": "x", "updated_at": "x"})
    for file in tmp_path.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    db.close()


def test_a_new_database_uses_the_wal_journal(tmp_path: Path) -> None:
    """WAL: a crash or power cut loses nothing that was committed."""
    db = open_database(tmp_path / "collabfacil.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.close()


def test_a_new_database_records_the_schema_version(tmp_path: Path) -> None:
    """PRAGMA user_version says which schema the file has."""
    path = tmp_path / "collabfacil.db"
    open_database(path).close()
    assert user_version(path) == SCHEMA_VERSION


def test_an_in_memory_database_has_the_schema_too() -> None:
    """open_database(None) gives the same tables and version, for tests."""
    db = open_database(None)
    assert set(db.table_names()) >= OUR_TABLES
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_reopening_applies_no_migration_twice_and_keeps_the_data(tmp_path: Path) -> None:
    """Three opens: each migration recorded once, and the workshop still there."""
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    db["workshops"].insert({"title": "Kept", "created_at": "x", "updated_at": "x"})
    db.close()
    for _ in range(2):
        open_database(path).close()
    db = open_database(path)
    names = [r["name"] for r in db["_sqlite_migrations"].rows]
    assert len(names) == len(set(names)) == SCHEMA_VERSION
    assert [r["title"] for r in db["workshops"].rows] == ["Kept"]
    db.close()


def test_an_interrupted_first_open_gets_its_schema_version_on_reopening(
    tmp_path: Path,
) -> None:
    """Migrations applied but user_version never written: the next open writes it."""
    path = tmp_path / "collabfacil.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    open_database(path).close()
    assert user_version(path) == SCHEMA_VERSION


def test_an_empty_file_is_initialised(tmp_path: Path) -> None:
    """A 0-byte file (e.g. made by `touch`) becomes a CollabFacil database."""
    path = tmp_path / "collabfacil.db"
    path.touch()
    db = open_database(path)
    assert set(db.table_names()) >= OUR_TABLES
    db.close()
    assert user_version(path) == SCHEMA_VERSION


# ------------------------------------------------ files that must be refused


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    """Schema 99: DatabaseTooNewError, and not a byte, a date or a file changes."""
    path = tmp_path / "collabfacil.db"
    make_newer_database(path)
    before = snapshot(tmp_path)
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(path)
    assert snapshot(tmp_path) == before
    message = str(info.value)
    assert str(path) in message
    assert "newer version of CollabFacil" in message
    assert "not changed" in message
    assert user_version(path) == 99


def test_a_newer_database_still_open_elsewhere_is_refused_untouched(
    tmp_path: Path,
) -> None:
    """While a newer app has it open (its WAL in use), it is still refused unchanged."""
    path = tmp_path / "collabfacil.db"
    make_newer_database(path)
    other = sqlite3.connect(path)  # the newer app, still running
    other.execute("INSERT INTO workshops (title, created_at, updated_at) "
                  "VALUES ('open', 'x', 'x')")
    other.commit()
    main_before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(DatabaseTooNewError):
        open_database(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == main_before
    other.close()


@pytest.mark.parametrize("content", [
    b"Workshop notes\nThese are not a database.\n",
    b"hi",
    b"%PDF-1.7\n" + bytes(range(256)) * 8,
])
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path,
                                                        content: bytes) -> None:
    """A text file or a PDF chosen by mistake gives StorageError and stays as it was."""
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    before = snapshot(tmp_path)
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert not isinstance(info.value, DatabaseTooNewError)
    assert "not a CollabFacil database" in str(info.value)
    assert str(path) in str(info.value)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
@pytest.mark.parametrize("other_version", [0, 70])
def test_another_apps_sqlite_database_is_refused_untouched(
    tmp_path: Path, journal_mode: str, other_version: int
) -> None:
    """Someone's other SQLite file: 'not a CollabFacil one', never 'too new'."""
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO bookmarks (url) VALUES ('https://example.org')")
    conn.execute(f"PRAGMA user_version = {other_version}")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert not isinstance(info.value, DatabaseTooNewError)
    assert "not a CollabFacil one" in str(info.value)
    assert snapshot(tmp_path) == before


def test_a_damaged_database_is_refused_untouched(tmp_path: Path) -> None:
    """A file with the SQLite header but garbage after it gives StorageError."""
    path = tmp_path / "collabfacil.db"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # keep the header, wreck every page
    path.write_bytes(bytes(data))
    before = snapshot(tmp_path)
    with pytest.raises(StorageError):
        open_database(path)
    assert snapshot(tmp_path) == before


def test_a_database_damaged_past_its_schema_is_refused_on_opening(
    tmp_path: Path,
) -> None:
    """Wrecked data pages are found by the quick check when opening, not mid-workshop."""
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    db["workshops"].insert({"title": "x", "created_at": "x", "updated_at": "x"})
    db["steps"].insert({"workshop_id": 1, "position": 0, "type": "brainstorm",
                        "title": "Ideas"})
    db["contributions"].insert_all(
        {"workshop_id": 1, "step_id": 1, "text": f"note {i} " * 20, "created_at": "x",
         "uid": f"u{i}"}
        for i in range(500))
    db.close()
    data = bytearray(path.read_bytes())
    data[-3 * 4096:] = b"\xff" * (3 * 4096)  # the last pages only: the schema reads fine
    path.write_bytes(bytes(data))
    before = snapshot(tmp_path)
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert str(path) in str(info.value)
    assert "damaged" in str(info.value)
    assert snapshot(tmp_path) == before


def test_a_folder_that_does_not_exist_gives_a_clear_error(tmp_path: Path) -> None:
    """No such folder: StorageError naming it, and nothing is created."""
    missing = tmp_path / "not here"
    with pytest.raises(StorageError) as info:
        open_database(missing / "collabfacil.db")
    assert str(missing) in str(info.value)
    assert "does not exist" in str(info.value)
    assert not missing.exists()


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    """A directory is not a database file."""
    with pytest.raises(StorageError) as info:
        open_database(tmp_path)
    assert str(tmp_path) in str(info.value)
