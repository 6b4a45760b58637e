"""Where the database lives by default: the user's application-data folder."""

from __future__ import annotations

from pathlib import Path

ORGANISATION = "CollabFacil"
APPLICATION = "CollabFacil"
DATABASE_NAME = "collabfacil.db"


def default_database_path() -> Path:
    """``<AppDataLocation>/collabfacil.db``, e.g. ~/.local/share/CollabFacil/CollabFacil.

    Uses Qt's QStandardPaths (QtCore only: no display needed) so the app, the
    command line and the bundle agree on one place on every platform.
    """
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DATABASE_NAME


def ensure_private_folder(folder: Path) -> None:
    """Create the data folder, and any missing parents, owner-only if it does not exist yet."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
