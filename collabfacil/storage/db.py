"""Opening the database file: checks first, then WAL, migrations, owner-only access.

A file that is not a SQLite database, not a CollabFacil database, or from a
newer CollabFacil is refused with a clear message and left byte-for-byte as it
was: it is inspected read-only before anything writes to it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from collabfacil.storage.errors import DatabaseTooNewError, StorageError
from collabfacil.storage.migrations import SCHEMA_VERSION, migrations

_SQLITE_HEADER = b"SQLite format 3\x00"
_OUR_TABLES = {"workshops", "_sqlite_migrations"}


def _inspect(path: Path) -> None:
    """Refuse, without writing, a file we must not open."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"Cannot read the database {path}: {exc.strerror}.") from None
    if not header:
        return  # an empty file: a database we are about to create
    if header != _SQLITE_HEADER:
        raise StorageError(f"{path} is not a CollabFacil database (not an SQLite file).")
    # Read-only, and "immutable" when no -wal or -journal file holds unsaved
    # changes: a read-only connection to a WAL database would otherwise leave
    # new -wal and -shm files beside a file we then refuse.
    pending = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if pending else "&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            # The quick integrity check of DESIGN.md: O(size), no index checks.
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read as a database: {exc}.") from None
    # Another app's database first: its user_version means nothing to us, and
    # "written by a newer CollabFacil" would send the user the wrong way.
    if tables and not tables & _OUR_TABLES:
        raise StorageError(f"{path} is an SQLite database, but not a CollabFacil one.")
    if problems != ["ok"]:
        raise StorageError(f"{path} is damaged and cannot be opened safely; it was not "
                           "changed. Restore a backup copy.")
    if version > SCHEMA_VERSION:
        raise DatabaseTooNewError(
            f"{path} was written by a newer version of CollabFacil (schema "
            f"{version}, this version knows up to {SCHEMA_VERSION}); it was not "
            "changed. Update CollabFacil to open it."
        )


def _create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only."""
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist.")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageError(f"Cannot create the database {path}: {exc.strerror}.") from None
    os.close(fd)


def open_database(path: Path | None) -> Database:
    """Open (or create) the database at ``path``; ``None`` gives an in-memory one.

    Brings the schema up to date, turns on WAL, foreign keys and full sync, and
    records the schema version in ``PRAGMA user_version``.
    """
    if path is None:
        db = Database(memory=True)
    else:
        path = Path(path)
        if path.exists():
            _inspect(path)
        else:
            _create_private(path)
        try:
            db = Database(path)
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"Cannot open the database {path}: {exc}.") from None
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")  # a power cut must not lose a commit
    db.execute("PRAGMA busy_timeout = 5000")
    try:
        if migrations.pending(db):
            migrations.apply(db)
        # Also after an interrupted first open (migrations applied, version not
        # yet written); never lowered, so a newer file stays recognisable.
        if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"Cannot update the database {path}: {exc}.") from None
    return db
