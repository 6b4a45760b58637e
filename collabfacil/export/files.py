"""Writing an export file atomically: a temporary name, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from collabfacil.domain.errors import CollabFacilError


class ExportError(CollabFacilError):
    """An export could not be written; no partial file was left behind."""


def write_atomically(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that the file is either complete or absent.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    and the temporary file is renamed over ``path``.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"Cannot write {path}: {exc.strerror}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
