"""File ▸ Restore from a backup…: the automatic backups, newest first, with their
workshops. Choosing one asks the Workbench (by a signal) to restore it; the
dialog itself never touches the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from collabfacil.storage.backups import Backup, list_backups

_PATH = Qt.ItemDataRole.UserRole


def describe(backup: Backup) -> str:
    """Two lines for the list: when and how big, then the workshops in it."""
    kb = max(1, round(backup.size / 1024))
    return f"{backup.when:%A %d %B %Y, %H:%M:%S}  ·  {kb} KB\n{backup.describe()}"


class BackupsDialog(QDialog):
    """The list of backups of one database file, and a Restore button."""

    restore_requested = Signal(Path)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.setWindowTitle("Restore from a backup")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("CollabFacil backs up all your workshops when one is opened and "
                       "every 5 minutes; the newest 20 are kept. Restoring puts the "
                       "whole database back as it was then; the current file is kept "
                       "aside, not deleted.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        self.list.itemDoubleClicked.connect(lambda _: self._restore())
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        layout.addWidget(self.list)
        self.empty = QLabel("There are no backups yet.")
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setAutoDefault(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self.backups = list_backups(self.db_path)
        for backup in self.backups:
            item = QListWidgetItem(describe(backup))
            item.setData(_PATH, str(backup.path))
            if backup.problem:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.empty.setVisible(not self.backups)
        self.list.setVisible(bool(self.backups))
        if self.backups:
            self.list.setCurrentRow(0)
        self._update_button()

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(_PATH)) if item is not None else None

    def select(self, path: Path) -> None:
        for row in range(self.list.count()):
            if Path(self.list.item(row).data(_PATH)) == path:
                self.list.setCurrentRow(row)

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _restore(self) -> None:
        path = self.selected()
        if path is not None:
            self.restore_requested.emit(path)
