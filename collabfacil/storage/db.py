"""Opening the database file: checks first, then WAL, migrations, owner-only access.

A file that is not a SQLite database, not a CollabFacil database, or from a
newer CollabFacil is refused with a clear message and left byte-for-byte as it
was: it is inspected read-only before anything writes to it. So is a file that
cannot be written (read-only itself, or in a read-only folder) and one on a full
disk; ``open_read_only`` still reads such a file, for the commands that only read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from collabfacil.storage.database import Database
from collabfacil.storage.errors import (
    LOW_SPACE,
    DatabaseTooNewError,
    ReadOnlyLocationError,
    StorageError,
    disk_full,
    free_space,
    is_disk_full,
    is_not_allowed,
    read_only_file,
    read_only_folder,
)
from collabfacil.storage.schema import SCHEMA_VERSION

_SQLITE_HEADER = b"SQLite format 3\x00"
_OUR_TABLES = {"workshops", "_sqlite_migrations"}
_BINARY = getattr(os, "O_BINARY", 0)


def folder_is_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder``: asked of the system by making and
    removing one, as permissions tell nothing of root, an immutable folder or a
    read-only disk. Used only once opening has failed, to say why."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        fd, name = tempfile.mkstemp(prefix=".collabfacil-probe-", dir=folder)
    except OSError as exc:
        return not is_not_allowed(exc)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def _explain(exc: sqlite3.Error, path: Path, doing: str, *, new: bool = False) -> StorageError:
    """One clear error for a failure to open, check or update ``path``."""
    if is_disk_full(exc, path.parent):
        if new:
            return disk_full(f"the database {path} could not be created")
        return disk_full(f"{path} could not be {doing} (it was not changed)")
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR,
                sqlite3.SQLITE_PERM) and not folder_is_writable(path.parent):
        return read_only_folder(path)
    if code == sqlite3.SQLITE_READONLY:
        return read_only_file(path)
    if doing == "read":
        return StorageError(f"{path} cannot be read as a database: {exc}.")
    verb = "update" if doing == "updated" else "open"
    return StorageError(f"Cannot {verb} the database {path}: {exc}.")


def _pending(path: Path) -> bool:
    """Whether a -wal or -journal file may hold changes not yet in the file."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))


def _read_only_uri(path: Path) -> str:
    # Read-only, and "immutable" when no -wal or -journal file holds unsaved
    # changes: a read-only connection to a WAL database would otherwise leave
    # new -wal and -shm files beside a file we then refuse.
    return f"{path.resolve().as_uri()}?mode=ro" + ("" if _pending(path) else "&immutable=1")


def _header(path: Path) -> tuple[bytes, ReadOnlyLocationError | None]:
    """The file's first bytes, and why it cannot be written (None if it can).

    Asked of the system by opening it for writing, which writes nothing: the mode
    bits tell nothing of root, an immutable file or a read-only disk.
    """
    problem = None
    try:
        fd = os.open(path, os.O_RDWR | _BINARY)
    except OSError as exc:
        if not is_not_allowed(exc):
            raise StorageError(f"Cannot read the database {path}: {exc.strerror}.") from None
        problem = read_only_folder(path) if exc.errno == errno.EROFS else read_only_file(path)
        try:
            fd = os.open(path, os.O_RDONLY | _BINARY)
        except OSError as again:
            raise StorageError(f"Cannot read the database {path}: "
                               f"{again.strerror}.") from None
    try:
        return os.read(fd, len(_SQLITE_HEADER)), problem
    except OSError as exc:
        raise StorageError(f"Cannot read the database {path}: {exc.strerror}.") from None
    finally:
        os.close(fd)


def _inspect(path: Path) -> ReadOnlyLocationError | None:
    """Refuse, without writing, a file we must not open; returns why it cannot be
    written (None if it can), for the caller to decide."""
    header, read_only = _header(path)
    if not header:
        return read_only  # an empty file: a database we are about to create
    if header != _SQLITE_HEADER:
        raise StorageError(f"{path} is not a CollabFacil database (not an SQLite file).")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            # The quick integrity check of DESIGN.md: O(size), no index checks.
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:  # the disk or the folder, not the file
        raise _explain(exc, path, "read") from None
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
    return read_only


def _check_room(path: Path, *, new: bool = False) -> None:
    """Refuse, before SQLite writes anything, a database on a disk with no room left:
    opening on a full disk would fail half-way, leaving -wal and -shm files behind."""
    free = free_space(path.parent)
    if free is not None and free < LOW_SPACE:
        if new:
            raise disk_full(f"there is no room for a new database in {path.parent}")
        raise disk_full(f"{path} could not be opened, as there is no room left beside it "
                        "(it was not changed)")


def _create_private(path: Path) -> bool:
    """Create an empty file readable and writable by its owner only; True if this
    call created it (False: it was there already)."""
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist.")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        if is_not_allowed(exc):
            raise read_only_folder(path) from None
        if is_disk_full(exc):
            raise disk_full(f"the database {path} could not be created") from None
        raise StorageError(f"Cannot create the database {path}: {exc.strerror}.") from None
    os.close(fd)
    try:
        _check_room(path, new=True)  # after creating: a read-only disk has no room either
    except StorageError:
        _remove_new(path)
        raise
    return True


def _remove_new(path: Path) -> None:
    """Take away a database this call created and could not finish."""
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with contextlib.suppress(OSError):
            os.unlink(name)


def open_database(path: Path | None) -> Database:
    """Open (or create) the database at ``path``; ``None`` gives an in-memory one.

    Brings the schema up to date, turns on WAL, foreign keys and full sync, and
    records the schema version in ``PRAGMA user_version``. A file that cannot be
    written gives ReadOnlyLocationError, a full disk DiskFullError; either way the
    file is left as it was (and a file this call created is taken away again).
    """
    if path is None:
        db = Database.in_memory()
        _configure(db)
        _migrate(db, None)
        return db
    path = Path(path)
    created = False
    if path.exists():
        read_only = _inspect(path)
        if read_only is not None:
            raise read_only
        _check_room(path)
    else:
        created = _create_private(path)
    db = None
    try:
        try:
            db = Database(path)
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise _explain(exc, path, "opened", new=created) from None
        _configure(db)
        _migrate(db, path, new=created)
    except BaseException:
        if db is not None:
            db.close()
        if created:
            _remove_new(path)
        raise
    return db


def _configure(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")  # a power cut must not lose a commit
    db.execute("PRAGMA busy_timeout = 5000")


def _migrate(db: Database, path: Path | None, *, new: bool = False) -> None:
    try:
        # The version is written only once every migration is in, so a file at this
        # version needs none (and sqlite-utils' migrations need not be imported).
        if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        from collabfacil.storage.migrations import migrations

        if migrations.pending(db.writer):
            migrations.apply(db.writer)
        # Also after an interrupted first open (migrations applied, version not
        # yet written); never lowered, so a newer file stays recognisable.
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.OperationalError as exc:
        if path is None:
            raise StorageError(f"Cannot update the database: {exc}.") from None
        raise _explain(exc, path, "updated", new=new) from None


def open_read_only(path: Path) -> Database:
    """Open an existing database only to read it, where it cannot be written (a
    read-only file or folder): for listing and exporting. Nothing is created beside
    it and nothing in it changes; the same checks as ``open_database`` come first.

    A file that needs updating to this version's schema is refused (updating it
    would be writing it).
    """
    path = Path(path)
    if not path.exists():
        raise StorageError(f"There is no database at {path}.")
    _inspect(path)
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise _explain(exc, path, "read") from None
    db = Database(conn)
    try:
        outdated = db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION
        db.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        db.close()
        raise _explain(exc, path, "read") from None
    if outdated:
        db.close()
        raise ReadOnlyLocationError(
            f"{path} was written by an earlier version of CollabFacil and must be "
            "updated before this version can read it, but it cannot be written here; "
            "it was not changed. Copy it to a folder you can write to and open the "
            "copy (--db PATH).")
    db.execute("PRAGMA foreign_keys = ON")
    return db
