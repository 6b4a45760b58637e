"""Thin wrappers around modal dialogs, so tests can replace them (never block a test)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

# The Qt classes are imported where they are used: PySide6 makes each class the
# first time it is named, and none of these is needed to start the app.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def confirm(parent: QWidget | None, title: str, question: str, *, action: str) -> bool:
    """Ask a yes/no question whose yes button says what will happen (e.g. "Delete")."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(question)
    box.setIcon(QMessageBox.Icon.Warning)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def tell(parent: QWidget | None, title: str, message: str) -> None:
    """A message the facilitator must see (e.g. why an export failed)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, message)


def error(parent: QWidget | None, title: str, message: str) -> None:
    """A message about something that could not be done at all (e.g. the app cannot
    start on this database)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, message)


def save_file(parent: QWidget | None, caption: str, suggested: Path,
              file_filter: str) -> Path | None:
    """Where to save, or None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def ask_title_and_date(parent: QWidget | None, caption: str, *, title: str,
                       day: date | None) -> tuple[str, date] | None:
    """A title and a date for a new workshop, or None if cancelled."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

    dialog = QDialog(parent)
    dialog.setWindowTitle(caption)
    form = QFormLayout(dialog)
    title_box = QLineEdit(title)
    title_box.setAccessibleName("Title")
    date_box = QDateEdit()
    date_box.setCalendarPopup(True)
    date_box.setDisplayFormat("d MMMM yyyy")
    date_box.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
    date_box.setAccessibleName("Date")
    form.addRow("Title", title_box)
    form.addRow("Date", date_box)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    picked = date_box.date()
    return title_box.text(), date(picked.year(), picked.month(), picked.day())


def open_file(parent: QWidget | None, caption: str, file_filter: str) -> Path | None:
    """Which file to open, or None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getOpenFileName(parent, caption, str(Path.home()), file_filter)
    return Path(chosen) if chosen else None
