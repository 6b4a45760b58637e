"""Where the database lives by default: the user's application-data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANISATION = "CollabFacil"
APPLICATION = "CollabFacil"
DATABASE_NAME = "collabfacil.db"


def default_database_path() -> Path:
    """``<AppDataLocation>/collabfacil.db``, e.g. ~/.local/share/CollabFacil/CollabFacil.

    Qt's QStandardPaths decides (QtCore only: no display needed), so the app, the
    command line and the bundle agree on one place on every platform. On Linux the
    same folder is worked out by the XDG rule Qt follows, sparing the command line
    and the PDF export the import of Qt (tests compare the two).
    """
    if sys.platform.startswith("linux"):
        return xdg_app_data() / DATABASE_NAME
    return qt_app_data() / DATABASE_NAME


def xdg_app_data() -> Path:
    """Qt's AppDataLocation on Linux: ``$XDG_DATA_HOME`` if it is an absolute path,
    else ``~/.local/share``, then the organisation and application names."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / ORGANISATION / APPLICATION


def qt_app_data() -> Path:
    """The application-data folder, as Qt's QStandardPaths gives it."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder)


def ensure_private_folder(folder: Path) -> None:
    """Create the data folder, and any missing parents, owner-only if it does not exist yet."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
