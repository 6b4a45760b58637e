"""Errors about the database file itself, and what a failure of the disk means.

A full disk and a folder that cannot be written get their own errors, with one
message each that says what happened and what to do, wherever they surface: on
opening, in a migration, on a capture, in a backup or an export.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from collabfacil.domain.errors import CollabFacilError

# Less than this free beside the database and it is not opened for writing: SQLite
# needs room for its shared-memory index (32 KiB) and journal before the first write.
LOW_SPACE = 256 * 1024

_NO_SPACE = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


class StorageError(CollabFacilError):
    """The database cannot be opened or written; the message says why, in one line."""


class DatabaseTooNewError(StorageError):
    """The file was written by a newer CollabFacil; it is left untouched."""


class DiskFullError(StorageError):
    """The disk (or the user's quota) is full: what was asked was not written.
    Freeing some space is the remedy, not a backup."""


class ReadOnlyLocationError(StorageError):
    """The database, or the folder it is in, cannot be written; nothing was changed.
    Commands that only read may still open it read-only."""


class StepHasCapturesError(CollabFacilError):
    """A step still holds what the room produced: it is removed only when the
    facilitator confirms (``confirmed=True``); nothing was changed."""


def disk_full(what: str) -> DiskFullError:
    """'The disk is full: <what>. Free some space and try again.'"""
    return DiskFullError(f"The disk is full: {what}. Free some space and try again.")


def read_only_folder(db_path: Path) -> ReadOnlyLocationError:
    """The message for a database in a folder nothing can be created in."""
    return ReadOnlyLocationError(
        f"The folder {db_path.parent} is read-only, so the database {db_path} cannot be "
        "opened for writing (SQLite needs to create its journal beside it); the file was "
        "not changed. Copy it to a folder you can write to and open the copy "
        "(--db PATH), or make the folder writable.")


def read_only_file(db_path: Path) -> ReadOnlyLocationError:
    """The message for a database file that cannot be written."""
    return ReadOnlyLocationError(
        f"The database {db_path} is read-only, so it cannot be opened for writing; it was "
        "not changed. Make the file writable, or copy it to a folder you can write to "
        "and open the copy (--db PATH).")


def free_space(folder: Path) -> int | None:
    """Bytes free for this user in ``folder``'s file system (None if unknown)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def is_disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether ``exc``, or an error behind it, says the disk is full.

    SQLite's SQLITE_FULL, an OSError ENOSPC or EDQUOT; or, given the folder written
    to, an I/O error where (almost) no space is left: SQLite reports a shared-memory
    file it cannot grow as "disk I/O error", not as a full disk.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _NO_SPACE:
            return True
        if isinstance(current, sqlite3.Error):
            code = (getattr(current, "sqlite_errorcode", None) or 0) & 0xFF
            if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(current):
                return True
            if code == sqlite3.SQLITE_IOERR and folder is not None:
                free = free_space(folder)
                if free is not None and free < LOW_SPACE:
                    return True
        current = current.__cause__ or current.__context__
    return False


def is_not_allowed(exc: BaseException) -> bool:
    """Whether ``exc`` is the system refusing a write (permissions, an immutable file
    or folder, a read-only disk)."""
    return isinstance(exc, OSError) and exc.errno in _NOT_ALLOWED
