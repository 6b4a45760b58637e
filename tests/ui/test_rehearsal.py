"""Rehearsal: the agenda runs on a throwaway copy; the real file is never touched."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench
from collabfacil.domain.model import Organisation, Step, Workshop
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.preferences import Preferences
from collabfacil.ui.rehearsal import BANNER_TEXT


@pytest.fixture
def real(tmp_path: Path) -> Iterator[tuple[WorkshopRepository, int, Path]]:
    """A workshop in a database file: (its repository, its id, the file)."""
    path = tmp_path / "real.db"
    db = open_database(path)
    repo = WorkshopRepository(db)
    workshop_id = repo.create_workshop(
        Workshop("Frailty pathway partnership", starts_at="09:30", ends_at="11:00"),
        organisations=[Organisation("Northshire County Council", "Council")],
        steps=[Step(type="brainstorm", title="Ways to fail", minutes=10),
               Step(type="actions", title="Actions", minutes=10)])
    repo.set_current_step(workshop_id, 1)
    yield repo, workshop_id, path
    db.close()


@pytest.fixture
def bench(qtbot: QtBot, real: tuple[WorkshopRepository, int, Path]) -> Iterator[Workbench]:
    repo, workshop_id, _ = real
    b = Workbench(repo, Preferences())
    b.open(workshop_id)
    yield b
    b.close()


def file_contents(path: Path) -> list[str]:
    """Every row of the file, read by a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_rehearsal_records_nothing_in_the_real_file(
        bench: Workbench, real: tuple[WorkshopRepository, int, Path]) -> None:
    _repo, workshop_id, path = real
    before = file_contents(path)
    session = bench.rehearse()
    assert session is not None
    c = session.controller
    assert c.current_index == 0  # a rehearsal starts at the top
    c.add_note("Nobody owns the discharge letter")
    c.toggle_timer()
    c.next_step()
    c.add_action(text="Share the dashboard", owner="Priya", due="2026-05-01",
                 first_step="Email BI")
    assert [n.text for n in c.notes_of(c.steps[0].id)] == ["Nobody owns the discharge letter"]
    session.console.close()  # ends the rehearsal
    assert bench.session is not None
    assert bench.session is not session
    assert bench.session.controller.workshop_id == workshop_id
    assert bench.session.controller.current_index == 1  # where the real workshop was
    assert "REHEARSAL" not in bench.session.console.windowTitle()
    assert file_contents(path) == before
    assert bench.preferences.last_workshop == workshop_id


def test_the_console_says_it_is_a_rehearsal(bench: Workbench, qtbot: QtBot) -> None:
    session = bench.rehearse()
    assert session is not None
    console = session.console
    assert console.windowTitle().startswith(BANNER_TEXT)
    banner = console.findChild(QToolBar, "rehearsalBanner")
    assert banner is not None
    qtbot.waitUntil(banner.isVisible)
    assert banner.geometry().top() < console.centralWidget().geometry().top()
    assert bench.end_rehearsal() is not None
    assert bench.rehearsal is None


def test_the_menu_starts_a_rehearsal(bench: Workbench) -> None:
    assert bench.session is not None
    file_menu = bench.session.console.menuBar().actions()[0].menu()
    next(a for a in file_menu.actions() if a.text() == "Rehearse this workshop").trigger()
    assert bench.rehearsal is not None
    assert bench.session is bench.rehearsal


def test_preparing_or_exporting_waits_until_the_rehearsal_ends(
        bench: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message: told.append(title))
    session = bench.rehearse()
    assert session is not None
    session.console.edit_workshop()
    session.console.export_pdf()
    assert bench.show_start_page() is None
    assert told == ["This is a rehearsal"] * 3
    assert bench.editor is None
