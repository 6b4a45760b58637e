"""AboutDialog: the version, where the workshops are kept, the licence and the credits.

The folder button opens the data folder in the system's file manager through an
injectable ``open_url`` (QDesktopServices.openUrl by default), so tests never
start one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from collabfacil import __version__
from collabfacil.domain.errors import CollabFacilError
from collabfacil.domain.exercises import Library
from collabfacil.paths import default_database_path
from collabfacil.resources import resource_path

APP_ID = "uk.org.collabfacil.CollabFacil"  # packaging/linux: .desktop, metainfo, icons
LICENCE = "GPL-3.0-or-later"  # as pyproject.toml says (tests/packaging checks it)
FONT_LICENCE_FILE = ("fonts", "LICENSE-DejaVu.txt")

_CONNECTORS = {"and", "of", "for", "&"}
_POSSESSIVE = ("'s", "\u2019s")


def database_path_of(conn: sqlite3.Connection) -> Path | None:
    """The file an open SQLite connection uses, or None for an in-memory database."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def source_name(source: str) -> str:
    """The name of the work an exercise's "based on" line credits.

    "Patrick Lencioni's personal histories exercise (...)" gives "Patrick Lencioni",
    "Liberating Structures: Min Specs (...)" gives "Liberating Structures" and
    "The trust equation (Maister, ...): intimacy" gives "The trust equation": the
    leading run of capitalised words, or the text before any colon or bracket.
    """
    head = re.split(r":|\s\(|;", source, maxsplit=1)[0].strip()
    words = head.split()
    name: list[str] = []
    ended_by_possessive = False
    for i, word in enumerate(words):
        bare = word.rstrip(",")
        if name and bare.lower() in _CONNECTORS:
            name.append(bare)
            continue
        if not bare[:1].isupper():
            break
        if len(name) >= 2 and len(bare) > 1 and bare.isupper():
            break  # an acronym after a name is the item, not the source ("... TRIZ")
        if bare.endswith(_POSSESSIVE) and name != ["The"]:  # but "The King's Fund"
            name.append(bare[:-2])
            ended_by_possessive = True
            break
        following = words[i + 1] if i + 1 < len(words) else ""
        if word.endswith(",") and not following[:1].isupper():
            name.append(bare)
            break
        name.append(word)  # "Frey, Lohmeier, Lee and Tollefson" keeps its commas
    while name and name[-1].lower() in _CONNECTORS:
        name.pop()
    if len(name) == 1 and not ended_by_possessive and len(words) > 1:
        return head.rstrip(",")  # one capitalised word, then a phrase: the phrase is the name
    return " ".join(name) or head


def credited_sources(library: Library) -> list[tuple[str, list[str]]]:
    """Each source the exercise library credits, with the keys of the exercises using it."""
    return summarise_sources({key: e.based_on for key, e in library.exercises.items()})


def summarise_sources(based_on: Mapping[str, Iterable[str]]) -> list[tuple[str, list[str]]]:
    """Source names (alphabetical) with the exercise keys that credit them (in order)."""
    uses: dict[str, list[str]] = {}
    for key in sorted(based_on, key=_natural):
        for source in based_on[key]:
            keys = uses.setdefault(source_name(source), [])
            if key not in keys:
                keys.append(key)
    # "Covey" is "Stephen Covey", "Huxham and Vangen" is "Chris Huxham and Siv Vangen"
    for short in sorted(uses, key=len):
        longer = [n for n in uses if len(n) > len(short) and _words(short) <= _words(n)]
        if longer:
            into = uses[max(longer, key=len)]
            into += [k for k in uses.pop(short) if k not in into]
            into.sort(key=_natural)
    return sorted(uses.items(), key=lambda item: item[0].casefold().removeprefix("the "))


def _words(name: str) -> set[str]:
    return {w.strip(",") for w in name.split()} - _CONNECTORS - {"The"}


def _natural(key: str) -> tuple[str, int]:
    match = re.match(r"(\D*)(\d*)", key)
    prefix, number = match.groups() if match else (key, "")
    return prefix, int(number) if number else 0


def _label(text: str, *, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # exercise files may hold < and &
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _read_only_text(text: str, *, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setReadOnly(True)
    box.setObjectName(name)
    return box


class AboutDialog(QDialog):
    """Help ▸ About CollabFacil: version, data folder (with a button to open it), credits."""

    def __init__(self, database_path: Path | None, *,
                 library: Callable[[], Library] | None = None,
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About CollabFacil")
        self._open_url = open_url
        in_memory = database_path is None
        self.database_path = database_path if database_path else default_database_path()
        self.data_folder = self.database_path.parent

        self.version_label = _label(f"CollabFacil {__version__}", name="version")
        self.version_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        where = ("This is a rehearsal: nothing is saved. Your workshops are kept in"
                 if in_memory else "Your workshops are kept in")
        self.database_label = _label(str(self.database_path), name="databasePath")
        self.open_folder_button = QPushButton("Open this folder")
        self.open_folder_button.setToolTip(str(self.data_folder))
        self.open_folder_button.clicked.connect(self.open_data_folder)

        about = QWidget()
        column = QVBoxLayout(about)
        column.addWidget(self.version_label)
        column.addWidget(_label("Guides an in-room workshop on collaboration between "
                                "organisations, and ends with a PDF action plan. It "
                                "works offline: nothing leaves this computer unless "
                                "you export it."))
        column.addWidget(_label(where + ":"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.database_label, 1)
        folder_row.addWidget(self.open_folder_button)
        column.addLayout(folder_row)
        column.addWidget(_label(f"Licence: {LICENCE}. CollabFacil is free software: you "
                                "may share and change it under the terms of the GNU "
                                "General Public License, version 3 or later.",
                                name="licence"))
        column.addStretch(1)

        self.credits = _read_only_text(self._credits_text(library), name="credits")
        licence_file = resource_path(*FONT_LICENCE_FILE)
        try:
            font_licence = licence_file.read_text(encoding="utf-8")
        except OSError:
            font_licence = f"The font's licence is missing ({licence_file})."
        self.font_licence = _read_only_text(font_licence, name="fontLicence")

        tabs = QTabWidget()
        tabs.addTab(about, "About")
        tabs.addTab(self.credits, "Credits")
        tabs.addTab(self.font_licence, "Font licence")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(620, 460)

    def open_data_folder(self) -> None:
        """Show the folder holding the database in the system's file manager."""
        self._open_url(QUrl.fromLocalFile(str(self.data_folder)))

    @staticmethod
    def _credits_text(library: Callable[[], Library] | None) -> str:
        lines = ["The exercises draw on the work of others. Each exercise's sources are "
                 "listed in full in the exercise library and in the appendix of the PDF "
                 "action plan.", ""]
        if library is not None:
            try:
                sources = credited_sources(library())
            except CollabFacilError as exc:
                lines.append(f"The exercise library could not be read: {exc}")
            else:
                lines += [f"\u2022 {name} ({', '.join(keys)})" for name, keys in sources]
        lines += ["", "The PDF action plan is set in DejaVu Sans (DejaVu fonts, based on "
                      "Bitstream Vera; free licence: see the Font licence tab).",
                  "", "Built with Qt for Python (PySide6, LGPL-3.0), reportlab and "
                      "sqlite-utils."]
        return "\n".join(lines)
