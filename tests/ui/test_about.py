"""The About dialog: version, the data folder in use (and a button to open it), credits."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from collabfacil import __version__
from collabfacil.app import Session
from collabfacil.paths import default_database_path
from collabfacil.resources import load_default_library
from collabfacil.storage.db import open_database
from collabfacil.ui.about import (
    LICENCE,
    AboutDialog,
    database_path_of,
    source_name,
    summarise_sources,
)

ROOT = Path(__file__).resolve().parents[2]


def make_dialog(qtbot: QtBot, database: Path | None, opened: list[QUrl]) -> AboutDialog:
    dialog = AboutDialog(database, library=load_default_library, open_url=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_shows_the_version_and_the_database_in_use(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The version and the --db file actually in use are on the About tab."""
    database = tmp_path / "workshops" / "collabfacil.db"
    dialog = make_dialog(qtbot, database, [])
    assert __version__ in dialog.version_label.text()
    assert dialog.database_label.text() == str(database)
    assert dialog.data_folder == database.parent


def test_the_open_folder_button_opens_the_data_folder_with_the_injected_opener(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Clicking "Open this folder" asks the opener to show the database's folder."""
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, tmp_path / "collabfacil.db", opened)
    dialog.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_an_in_memory_database_shows_the_default_data_folder(qtbot: QtBot) -> None:
    """A rehearsal (in memory) shows where the real workshops are kept by default."""
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, None, opened)
    assert dialog.database_label.text() == str(default_database_path())
    dialog.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(default_database_path().parent))]


def test_the_licence_is_pyprojects_and_the_credits_name_sources_and_the_font(
        qtbot: QtBot) -> None:
    """GPL-3.0-or-later as in pyproject; credits for the exercise sources and DejaVu."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        assert tomllib.load(fh)["project"]["license"] == LICENCE
    dialog = make_dialog(qtbot, None, [])
    credits = dialog.credits.toPlainText()
    assert "Liberating Structures (E3, E4, E9, E10, E11, E13, E14)" in credits
    assert "Patrick Lencioni" in credits
    assert "DejaVu" in credits
    assert "Bitstream" in dialog.font_licence.toPlainText()


@pytest.mark.parametrize(("source", "name"), [
    ("Patrick Lencioni's personal histories exercise (the idea only; our own questions)",
     "Patrick Lencioni"),
    ("Liberating Structures: Min Specs (CC BY-SA 4.0; described in our own words)",
     "Liberating Structures"),
    ("Liberating Structures 1-2-4-All (CC BY-SA 4.0; our own description)",
     "Liberating Structures"),
    ("Liberating Structures TRIZ (CC BY-SA 4.0; our own description)",
     "Liberating Structures"),
    ("The King's Fund (2017): factors behind successful partnerships", "The King's Fund"),
    ("The trust equation (Maister, Green and Galford): intimacy", "The trust equation"),
    ("Partnership Assessment Tool principle 4: develop and maintain trust",
     "Partnership Assessment Tool"),
    ("Frey, Lohmeier, Lee and Tollefson (2006): Levels of Collaboration Scale",
     "Frey, Lohmeier, Lee and Tollefson"),
    ("SMART objectives, after Doran (1981)", "SMART objectives, after Doran"),
    ("The Model for Improvement and PDSA cycles", "The Model for Improvement"),
    ("Research and guidance on accountability in integrated care systems",
     "Research and guidance on accountability in integrated care systems"),
])
def test_a_based_on_line_is_credited_by_its_source_name(source: str, name: str) -> None:
    """The name of the work, without what the exercise took from it."""
    assert source_name(source) == name


def test_sources_are_summarised_by_name_with_the_exercises_that_use_them() -> None:
    """One line per source; a surname alone joins the full name."""
    summary = summarise_sources({
        "E10": ["Patrick Lencioni: fear of conflict (the idea only)"],
        "E2": ["Patrick Lencioni's five dysfunctions", "Stephen Covey's circles"],
        "E13": ["Covey's circle of influence"],
    })
    assert summary == [("Patrick Lencioni", ["E2", "E10"]), ("Stephen Covey", ["E2", "E13"])]


def test_database_path_of_a_connection(tmp_path: Path) -> None:
    """The file of an on-disk database; None in memory."""
    on_disk = open_database(tmp_path / "w.db")
    in_memory = open_database(None)
    try:
        assert database_path_of(on_disk.conn) == tmp_path / "w.db"
        assert database_path_of(in_memory.conn) is None
    finally:
        on_disk.close()
        in_memory.close()


def test_help_about_in_the_console_menu_opens_the_dialog(session: Session) -> None:
    """Help ▸ About CollabFacil opens the dialog over the console, once."""
    help_menu = next(a.menu() for a in session.console.menuBar().actions()
                     if a.text() == "&Help")
    about = next(a for a in help_menu.actions() if a.text() == "About CollabFacil")
    about.trigger()
    dialog = session.console.about
    assert isinstance(dialog, AboutDialog)
    assert dialog.isVisible()
    assert dialog.database_label.text() == str(default_database_path())  # in-memory test DB
    about.trigger()
    assert session.console.about is dialog
    dialog.close()
