"""One app per database: an OS lock on ``<database>.lock``, held while the app runs.

The file also says who holds it (process id, host, the workshop open), so a
second app can tell the facilitator where the workshop is open. Only the OS lock
counts, never the file's existence: when a process dies, however it dies, the
operating system releases its lock, so a stale file never blocks.

POSIX: ``fcntl.flock`` on the whole file. Windows: ``msvcrt.locking`` on one byte
far past the text (a Windows lock is mandatory, and the holder's details must
stay readable).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from collabfacil.storage.errors import (
    StorageError,
    disk_full,
    is_disk_full,
    is_not_allowed,
    read_only_folder,
)

_LOCK_OFFSET = 1 << 20  # the byte locked on Windows, well past the details


class DatabaseInUseError(StorageError):
    """Another CollabFacil has the database open; nothing was opened or changed."""


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}.lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(db_path: Path) -> dict[str, Any]:
    """What the lock file says about its holder ({} if nothing readable)."""
    try:
        text = lock_path(db_path).read_text(encoding="utf-8")
        info = json.loads(text) if text.strip() else {}
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def describe_holder(db_path: Path, info: dict[str, Any]) -> str:
    """One line: which workshop is open elsewhere, and where."""
    where = []
    if info.get("host"):
        where.append(f"on {info['host']}")
    if info.get("pid"):
        where.append(f"process {info['pid']}")
    place = f" ({', '.join(where)})" if where else ""
    workshop = info.get("workshop")
    what = f"the workshop \u201c{workshop}\u201d" if workshop else "this database"
    return (f"CollabFacil is already running with {what} open{place}, on {db_path}. "
            "Only one app may write to a database: switch to that window, or close "
            "it and try again.")


def _host_name() -> str:
    """This computer's name (without importing socket, at start-up, where we can)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


class DatabaseLock:
    """The lock on one database file. ``acquire`` raises DatabaseInUseError if held."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None
        self.workshop: str | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, workshop: str | None = None) -> None:
        if self._fd is not None:
            return
        if not self.path.parent.is_dir():
            raise StorageError(f"The folder {self.path.parent} does not exist.")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if is_disk_full(exc):
                raise disk_full(f"the lock file {self.path} could not be "
                                "created") from None
            if is_not_allowed(exc):
                from collabfacil.storage.db import folder_is_writable

                if not folder_is_writable(self.path.parent):
                    raise read_only_folder(self.db_path) from None
            raise StorageError(f"Cannot create the lock file {self.path}: "
                               f"{exc.strerror}.") from None
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseInUseError(describe_holder(self.db_path,
                                                     read_holder(self.db_path)))
        self._fd = fd
        self.update(workshop)

    def update(self, workshop: str | None) -> None:
        """Record which workshop is open (shown to a second app)."""
        self.workshop = workshop
        if self._fd is None:
            return
        info = {"pid": os.getpid(), "host": _host_name(), "workshop": workshop}
        data = json.dumps(info, ensure_ascii=False).encode("utf-8")
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.ftruncate(self._fd, 0)
            os.write(self._fd, data)
        except OSError:
            pass  # the details are a courtesy; the lock itself is what protects

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
