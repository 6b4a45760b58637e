"""Rolling backups of the database file, with SQLite's online backup API.

Backups go to ``<database folder>/backups/<stem>-YYYYMMDD-HHMMSS.db``, owner-only
(files 0600, folder 0700); the newest ``keep`` are kept. ``restore`` checks a
backup thoroughly before it touches anything, then keeps the current file aside
(``<stem>.before-restore-<stamp>.db``) and copies the backup into place.

No Qt here: the command line and the app both use it.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import field
from datetime import datetime
from pathlib import Path

from collabfacil.domain.frozen import frozen
from collabfacil.storage.database import Database
from collabfacil.storage.errors import (
    LOW_SPACE,
    DatabaseTooNewError,
    StorageError,
    disk_full,
    free_space,
    is_disk_full,
)
from collabfacil.storage.repository import WorkshopRepository, WorkshopSummary
from collabfacil.storage.schema import SCHEMA_VERSION

KEEP = 20
FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"
_SQLITE_HEADER = b"SQLite format 3\x00"


@frozen
class Backup:
    """One backup file and what is in it (read-only)."""

    path: Path
    when: datetime
    size: int
    workshops: list[WorkshopSummary] = field(default_factory=list)
    problem: str | None = None  # why its workshops could not be read, if so

    def describe(self) -> str:
        """The workshops in one line, e.g. '2 workshops: Kick-off (40 notes), …'."""
        if self.problem:
            return self.problem
        if not self.workshops:
            return "no workshops"
        parts = [f"{w.title} ({w.contributions} notes, {w.actions} actions)"
                 for w in self.workshops]
        count = len(self.workshops)
        return f"{count} workshop{'s' if count != 1 else ''}: " + "; ".join(parts)


def backup_folder(db_path: Path) -> Path:
    """Where the backups of ``db_path`` live."""
    return Path(db_path).parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(Path(db_path).stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.db$")


def _backup_files(db_path: Path) -> list[tuple[datetime, int, Path]]:
    """(when, sequence, path) of every backup of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match is None:
            continue
        try:
            when = datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue
        found.append((when, int(match.group(2) or 0), path))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return found


def _private_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full(f"the backup folder {folder} could not be created") from None
        raise StorageError(f"Cannot create the backup folder {folder}: "
                           f"{exc.strerror}.") from None


def _new_name(db_path: Path, when: datetime) -> Path:
    folder = backup_folder(db_path)
    base = f"{Path(db_path).stem}-{when.strftime(_STAMP)}"
    candidate = folder / f"{base}.db"
    n = 1
    while candidate.exists():  # two backups in one second: -1, -2, …
        candidate = folder / f"{base}-{n}.db"
        n += 1
    return candidate


def make_backup(db: Database, db_path: Path, *, keep: int = KEEP,
                now: datetime | None = None) -> Path:
    """Copy the open database ``db`` (whose file is ``db_path``) into a new backup.

    Uses SQLite's backup API, so it is consistent even while the app writes. The
    copy is written under a temporary name and renamed, so a half-written backup
    never appears in the list. Keeps the newest ``keep`` backups.
    """
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    _private_folder(folder)
    target = _new_name(db_path, now or datetime.now())
    partial = target.with_name(target.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        dest = sqlite3.connect(partial)
        try:
            db.conn.backup(dest)
            # A self-contained file: no -wal beside a backup.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        if is_disk_full(exc, folder):
            raise disk_full(f"the backup could not be written to {folder} (the "
                            "database itself is as it was)") from None
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StorageError(f"The backup could not be written to {folder}: "
                           f"{reason}.") from None
    prune(db_path, keep=keep)
    return target


def prune(db_path: Path, *, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns what was deleted."""
    removed = []
    for _, _, path in _backup_files(db_path)[max(keep, 0):]:
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` nor leave files beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


def _workshops(path: Path) -> list[WorkshopSummary]:
    conn = _read_only(path)
    try:
        return WorkshopRepository(Database(conn)).list_workshops()
    finally:
        conn.close()


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of ``db_path``, newest first, with the workshops in each."""
    result = []
    for when, _, path in _backup_files(db_path):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        try:
            workshops, problem = _workshops(path), None
        except sqlite3.Error as exc:
            workshops, problem = [], f"cannot be read: {exc}"
        result.append(Backup(path=path, when=when, size=size, workshops=workshops,
                             problem=problem))
    return result


def check_backup(backup: Path) -> None:
    """Refuse (StorageError) a backup that is missing, not ours, corrupt or too new."""
    backup = Path(backup)
    if not backup.is_file():
        raise StorageError(f"There is no backup at {backup}.")
    try:
        with backup.open("rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"Cannot read the backup {backup}: {exc.strerror}.") from None
    if header != _SQLITE_HEADER:
        raise StorageError(f"{backup} is not a CollabFacil backup (not an SQLite file).")
    try:
        conn = _read_only(backup)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(1)")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"The backup {backup} is damaged and cannot be "
                           f"restored: {exc}.") from None
    if problems != ["ok"]:
        raise StorageError(f"The backup {backup} is damaged (integrity check failed) "
                           "and cannot be restored.")
    if "workshops" not in tables:
        raise StorageError(f"{backup} is an SQLite database, but not a CollabFacil one.")
    if version > SCHEMA_VERSION:
        raise DatabaseTooNewError(
            f"The backup {backup} was written by a newer version of CollabFacil "
            f"(schema {version}, this version knows up to {SCHEMA_VERSION}). "
            "Update CollabFacil to restore it.")


def check_room_to_restore(backup: Path, db_path: Path) -> None:
    """Refuse (DiskFullError) a restore the disk has no room for: the copy of the
    backup, and then room to open it. Asked before anything is closed or moved."""
    free = free_space(Path(db_path).parent)
    try:
        size = Path(backup).stat().st_size
    except OSError:
        return  # check_backup says what is wrong with it
    if free is not None and free < size + LOW_SPACE:
        raise disk_full(f"there is no room in {Path(db_path).parent} to put the backup back "
                        "(nothing was changed)")


def restore(backup: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Put ``backup`` in place of ``db_path``; returns where the old file was kept.

    The database must be closed first. The backup is checked before anything is
    moved. The current file (and its -wal and -shm) is renamed to
    ``<stem>.before-restore-<stamp>.db`` beside it; ``None`` if there was none.
    """
    backup, db_path = Path(backup), Path(db_path)
    check_backup(backup)
    check_room_to_restore(backup, db_path)
    stamp = (now or datetime.now()).strftime(_STAMP)
    aside: Path | None = None
    incoming = db_path.with_name(f".{db_path.name}.restoring")
    try:
        # Copy first, beside the target: a full disk fails here, with nothing moved.
        fd = os.open(incoming, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, backup.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        if db_path.exists():
            aside = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}.db")
            n = 1
            while aside.exists():
                aside = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}-{n}.db")
                n += 1
            os.replace(db_path, aside)
            for suffix in ("-wal", "-shm"):
                companion = Path(f"{db_path}{suffix}")
                if companion.exists():
                    os.replace(companion, Path(f"{aside}{suffix}"))
        for suffix in ("-wal", "-shm", "-journal"):  # none may pair with the backup
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(incoming, db_path)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        if is_disk_full(exc) and aside is None:
            raise disk_full(f"the backup could not be copied to {db_path.parent}; nothing "
                            "was changed") from None
        raise StorageError(f"The backup could not be restored to {db_path}: "
                           f"{exc.strerror or exc}.") from None
    return aside


def backups_holding(db_path: Path, workshop_id: int, title: str) -> list[Backup]:
    """The backups of ``db_path`` that hold this workshop (by id and title)."""
    return [b for b in list_backups(db_path)
            if any(w.id == workshop_id and w.title == title for w in b.workshops)]


def purge_workshop_from_backups(db_path: Path, workshop_id: int, title: str) -> int:
    """Remove a deleted workshop from every backup of ``db_path``; returns how many
    backups held it.

    Matched by id and title (an id alone could be reused after a deletion). A
    backup that held only that workshop, or whose schema is not this version's, is
    deleted whole; the others have the workshop deleted (with secure_delete, then
    VACUUM, so its text does not linger in free pages) and keep the rest.
    """
    touched = 0
    for item in list_backups(db_path):
        if not any(w.id == workshop_id and w.title == title for w in item.workshops):
            continue
        touched += 1
        try:
            if len(item.workshops) == 1 or _schema(item.path) != SCHEMA_VERSION:
                item.path.unlink()
                continue
            conn = sqlite3.connect(item.path)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA secure_delete = ON")
                WorkshopRepository(Database(conn)).delete_workshop(workshop_id)
                conn.commit()
                conn.execute("VACUUM")
            finally:
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"The backup {item.path.name} could not be cleared of "
                               f"\u201c{title}\u201d: {exc}.") from None
    return touched


def _schema(path: Path) -> int:
    conn = _read_only(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def newest_good_backup(db_path: Path) -> Backup | None:
    """The newest backup that can be read, for when the database itself cannot."""
    for backup in list_backups(db_path):
        if backup.problem is None:
            return backup
    return None


def restore_hint(db_path: Path) -> str:
    """A sentence telling how to put back the newest good backup ("" if none)."""
    backup = newest_good_backup(db_path)
    if backup is None:
        return ""
    return (f" A backup from {backup.when:%d %b %Y %H:%M} exists: 'collabfacil restore "
            f"{backup.path.name}' puts it back (the current file is kept aside).")
