"""Rehearsal mode: the console marked, unmistakably, as running a throwaway copy.

The Workbench runs a rehearsal as an ordinary session on an in-memory database
holding a copy of the workshop, so nothing done in it reaches the real file.
This module only makes that plain on the console: its window title and a red
banner across the top, with a button that ends the rehearsal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QSizePolicy, QToolBar, QWidget

from collabfacil.domain.planning import rehearsal_copy
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository

BANNER_TEXT = "REHEARSAL — nothing is saved"


def copy_for_rehearsal(repo: WorkshopRepository,
                       workshop_id: int) -> tuple[WorkshopRepository, int]:
    """A copy of the workshop in a new in-memory database: (its repository, its id).

    The copy has everything the workshop has, from its first step; whatever
    the rehearsal does to it is gone when the database is closed.
    """
    memory = open_database(None)
    try:
        copy = WorkshopRepository(memory)
        return copy, copy.insert_workshop_data(rehearsal_copy(repo.load(workshop_id)))
    except BaseException:
        memory.close()
        raise


def mark_as_rehearsal(console: QMainWindow, title: str, end: Callable[[], object]) -> QToolBar:
    """Title the console as a rehearsal and lay the banner across its top."""
    console.setWindowTitle(f"{BANNER_TEXT} — {title} — CollabFacil")
    bar = QToolBar("Rehearsal", console)
    bar.setObjectName("rehearsalBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # it cannot be hidden by accident
    bar.setStyleSheet("#rehearsalBanner { background: #B3261E; border: none; padding: 4px; }"
                      "#rehearsalBanner QLabel { color: #FFFFFF; font-size: 15px; }"
                      "#rehearsalText { font-weight: bold; }")
    label = QLabel(BANNER_TEXT)
    label.setObjectName("rehearsalText")
    label.setAccessibleName(BANNER_TEXT)
    detail = QLabel("You are trying out the agenda on a copy: what you capture here is "
                    "thrown away when the rehearsal ends.")
    detail.setWordWrap(True)
    detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    button = QPushButton("End rehearsal")
    button.setAccessibleName("End rehearsal and return to the workshop")
    button.setToolTip("Back to the real workshop (closing this window does the same)")
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.clicked.connect(lambda: end())
    for widget in (label, _gap(), detail, button):
        bar.addWidget(widget)
    console.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def _gap() -> QWidget:
    gap = QWidget()
    gap.setFixedWidth(16)
    return gap
