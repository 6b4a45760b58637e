"""File ▸ Export: the actions as CSV, the summary as Markdown, the workshop as JSON.

The PDF has its own dialog (export_dialog.py); these three ask only where to
save. Each writes atomically (a failed export leaves no file) and never touches
the database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from collabfacil.domain.errors import CollabFacilError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import WorkshopData
from collabfacil.ui import dialogs


@frozen
class DataExport:
    """One kind of export: its menu text, file name ending, filter, and writer."""

    key: str
    menu: str
    what: str  # for the status line: "The actions (CSV) written to ..."
    suffix: str
    file_filter: str
    writer: Callable[[], Callable[..., Any]]  # imported when first used


def _csv() -> Callable[..., Any]:
    from collabfacil.export.csv_actions import write_csv

    return write_csv


def _markdown() -> Callable[..., Any]:
    from collabfacil.export.markdown import write_markdown

    return write_markdown


def _json() -> Callable[..., Any]:
    from collabfacil.storage.exchange import write_json

    return write_json


EXPORTS: dict[str, DataExport] = {e.key: e for e in (
    DataExport("csv", "Export the actions (CSV, for Excel)…", "The actions (CSV)",
               " - actions.csv", "CSV (*.csv)", _csv),
    DataExport("md", "Export a summary (Markdown)…", "The summary (Markdown)",
               " - summary.md", "Markdown (*.md)", _markdown),
    DataExport("json", "Export the workshop file (JSON, to move or archive it)…",
               "The workshop file (JSON)", ".json", "CollabFacil workshop (*.json)", _json),
)}


def export_data(parent: QWidget | None, data: WorkshopData, kind: str, *,
                folder: Path, safe_name: str) -> Path | None:
    """Ask where, then write ``data`` as ``kind``; the path written, or None when
    cancelled or refused (the facilitator is told why)."""
    export = EXPORTS[kind]
    suggested = folder / f"{safe_name}{export.suffix}"
    path = dialogs.save_file(parent, export.menu.rstrip("…"), suggested, export.file_filter)
    if path is None:
        return None
    try:
        export.writer()(data, path)
    except CollabFacilError as exc:
        dialogs.tell(parent, f"{export.what}: not written", str(exc))
        return None
    except OSError as exc:
        dialogs.tell(parent, f"{export.what}: not written",
                     f"{exc.strerror or exc} ({path}).")
        return None
    return path
