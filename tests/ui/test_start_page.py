"""The start page: recent workshops, the demo, templates, import, delete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench, run_app
from collabfacil.domain.model import Contribution, Step, Workshop
from collabfacil.resources import load_default_library
from collabfacil.storage.exchange import write_json
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.preferences import Preferences
from collabfacil.ui.start_page import StartPage


@pytest.fixture
def bench(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Workbench]:
    b = Workbench(repo, Preferences())
    yield b
    if b.editor is not None:
        b.editor.dirty = False
        b.editor.close()
    b.close()


@pytest.fixture
def page(bench: Workbench, qtbot: QtBot, workshop_id: int) -> StartPage:
    """The start page over the open `workshop_id` workshop."""
    bench.open(workshop_id)
    shown = bench.show_start_page()
    assert shown is not None
    qtbot.addWidget(shown)
    return shown


def rows(page: StartPage) -> list[list[str]]:
    return [[page.recent.topLevelItem(i).text(c) for c in range(4)]
            for i in range(page.recent.topLevelItemCount())]


def test_recent_workshops_are_listed_with_their_counts(
        bench: Workbench, repo: WorkshopRepository, workshop_id: int, qtbot: QtBot) -> None:
    """Title, date, venue, notes and actions, last changed; the newest first."""
    step = repo.steps(workshop_id)[0]
    repo.add_contribution(Contribution(step_id=step.id, text="No shared data"))
    bench.open(workshop_id)
    repo.create_workshop(Workshop("Carers' strategy refresh", venue="Town Hall"),
                         steps=[Step(type="brainstorm", title="S")])
    page = bench.show_start_page()
    assert page is not None
    qtbot.addWidget(page)
    listed = rows(page)
    assert listed[0][0] == "Carers' strategy refresh\nno date · Town Hall"
    assert listed[1] == ["Frailty pathway partnership\n"
                         "open now · Wed 4 Mar 2026 · Civic Centre, Room 2", "1", "0",
                         listed[1][3]]
    assert listed[0][3].startswith("today")
    assert page.isVisible()
    assert page.close_button.text() == "Back to the workshop"


def test_enter_on_a_recent_workshop_opens_it(bench: Workbench, repo: WorkshopRepository,
                                            page: StartPage, qtbot: QtBot) -> None:
    other = repo.create_workshop(Workshop("Carers' strategy refresh"),
                                 steps=[Step(type="brainstorm", title="Welcome")])
    page.refresh(select=other)
    page.recent.setFocus()
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert bench.session is not None
    assert bench.session.controller.workshop_id == other
    assert bench.session.console.step_title.text() == "Welcome"
    assert not page.isVisible()


def test_double_click_opens_a_workshop(bench: Workbench, repo: WorkshopRepository,
                                       page: StartPage, qtbot: QtBot) -> None:
    other = repo.create_workshop(Workshop("Carers' strategy refresh"),
                                 steps=[Step(type="brainstorm", title="Welcome")])
    page.refresh(select=other)
    item = page.recent.currentItem()
    where = page.recent.visualItemRect(item).center()
    # As a real double click arrives: a press and release, then the double click.
    qtbot.mouseClick(page.recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert bench.session is not None
    assert bench.session.controller.workshop_id == other


def test_the_demo_is_made_and_opened(bench: Workbench, repo: WorkshopRepository,
                                     page: StartPage) -> None:
    page.demo_button.click()
    assert bench.session is not None
    demo = repo.workshop(bench.session.controller.workshop_id)
    assert demo.title.startswith("Home First")
    assert len(repo.list_workshops()) == 2


def test_a_template_makes_a_workshop_with_its_agenda_and_opens_the_editor(
        bench: Workbench, repo: WorkshopRepository, page: StartPage,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(parent: object, caption: str, **kw: object) -> tuple[str, date]:
        asked.append(caption)
        return "Winter pressures summit", date(2026, 11, 5)

    monkeypatch.setattr(dialogs, "ask_title_and_date", answer)
    library = load_default_library()
    for i in range(page.templates.count()):
        if page.templates.item(i).data(Qt.ItemDataRole.UserRole) == "masterclass-short":
            page.templates.setCurrentRow(i)
    assert "90 min" in page.templates.currentItem().text()
    page.template_button.click()
    assert asked
    assert "masterclass" in asked[0].lower()
    assert bench.session is not None
    new_id = bench.session.controller.workshop_id
    workshop = repo.workshop(new_id)
    assert (workshop.title, workshop.date) == ("Winter pressures summit", date(2026, 11, 5))
    assert workshop.template_key == "masterclass-short"
    assert [s.title for s in repo.steps(new_id)] == [
        s.title for s in library.agenda_steps("masterclass-short")]
    assert bench.editor is not None
    assert bench.editor.isVisible()
    assert bench.editor.workshop.id == new_id


def test_cancelling_the_template_question_makes_nothing(
        bench: Workbench, repo: WorkshopRepository, page: StartPage,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_title_and_date", lambda *a, **k: None)
    assert page.start_from_template() is None
    assert len(repo.list_workshops()) == 1
    assert page.isVisible()


def test_a_workshop_file_is_imported_and_opened(
        bench: Workbench, repo: WorkshopRepository, page: StartPage, workshop_id: int,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "frailty.json"
    write_json(repo.load(workshop_id), path)
    monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: path)
    page.import_button.click()
    assert bench.session is not None
    new_id = bench.session.controller.workshop_id
    assert new_id != workshop_id
    assert repo.workshop(new_id).title == "Frailty pathway partnership"


def test_a_bad_file_is_refused_with_its_reason(
        bench: Workbench, repo: WorkshopRepository, page: StartPage, workshop_id: int,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notes.json"
    path.write_text("{this is not json", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: path)
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message: told.append(message))
    assert page.import_workshop() is None
    assert told
    assert "not valid JSON" in told[0]
    assert "notes.json was not imported" in page.message.text()
    assert len(repo.list_workshops()) == 1
    assert bench.session is not None
    assert bench.session.controller.workshop_id == workshop_id


def test_delete_asks_naming_the_workshop_and_cancel_keeps_it(
        repo: WorkshopRepository, page: StartPage, workshop_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = repo.create_workshop(Workshop("Carers' strategy refresh"),
                                 steps=[Step(type="brainstorm", title="S")])
    page.refresh(select=other)
    questions: list[str] = []

    def no(parent: object, title: str, question: str, *, action: str) -> bool:
        questions.append(question)
        return False

    monkeypatch.setattr(dialogs, "confirm", no)
    assert page.delete_selected() is False
    assert "“Carers' strategy refresh”" in questions[0]
    assert {w.id for w in repo.list_workshops()} == {workshop_id, other}


def test_delete_with_confirmation_removes_it(
        repo: WorkshopRepository, page: StartPage, workshop_id: int, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = repo.create_workshop(Workshop("Carers' strategy refresh"),
                                 steps=[Step(type="brainstorm", title="S")])
    page.refresh(select=other)
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    page.recent.setFocus()
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.keyClick(page.recent, Qt.Key.Key_Delete)
    assert [w.id for w in repo.list_workshops()] == [workshop_id]
    assert [r[0].splitlines()[0] for r in rows(page)] == ["Frailty pathway partnership"]
    assert "Deleted" in page.message.text()


def test_deleting_the_open_workshop_closes_its_windows(
        bench: Workbench, repo: WorkshopRepository, page: StartPage,
        monkeypatch: pytest.MonkeyPatch) -> None:
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda p, t, q, **k: questions.append(q) or True)
    assert page.delete_selected() is True
    assert "open now" in questions[0]
    assert repo.list_workshops() == []
    assert bench.session is None
    assert page.isVisible()
    assert page.empty_note.isVisible()
    assert page.close_button.text() == "Quit CollabFacil"


def test_the_console_opens_the_start_page_with_ctrl_o(bench: Workbench, workshop_id: int,
                                                     qtbot: QtBot) -> None:
    session = bench.open(workshop_id)
    qtbot.addWidget(session.console)
    action = next(a for a in session.console.menuBar().actions()[0].menu().actions()
                  if a.text().startswith("Start page"))
    assert action.shortcut().toString() == "Ctrl+O"
    action.trigger()
    assert bench.start_page is not None
    assert bench.start_page.isVisible()
    qtbot.addWidget(bench.start_page)
    assert bench.start_page.recent.isVisible()


def test_first_run_shows_the_start_page_over_the_demo(tmp_path: Path, qtbot: QtBot) -> None:
    """A fresh database: the demo is open and the start page is up in front of it."""
    seen: dict[str, object] = {}
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def look() -> None:
        pages = [w for w in app.topLevelWidgets() if isinstance(w, StartPage)]
        seen["visible"] = any(p.isVisible() for p in pages)
        seen["listed"] = [p.recent.topLevelItem(0).text(0) for p in pages if p.isVisible()]
        app.exit(0)

    QTimer.singleShot(200, look)
    assert run_app(db_path=tmp_path / "fresh.db", workshop_id=None, screen=None,
                   exit_after_startup=False) == 0
    assert seen["visible"] is True
    assert str(seen["listed"][0]).startswith("Home First")  # type: ignore[index]


def test_opening_the_workshop_already_open_keeps_its_session(
        bench: Workbench, page: StartPage, workshop_id: int) -> None:
    """Enter on the open workshop just goes back to it: its timer keeps running."""
    before = bench.session
    assert before is not None
    before.controller.toggle_timer()
    page.refresh(select=workshop_id)
    page.open_selected()
    assert bench.session is before
    assert before.controller.countdown.running
    assert not page.isVisible()


def test_enter_on_a_template_starts_from_it(bench: Workbench, repo: WorkshopRepository,
                                            page: StartPage, qtbot: QtBot,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_title_and_date",
                        lambda *a, **k: ("Spring summit", None))
    page.templates.setFocus()
    page.templates.setCurrentRow(0)
    qtbot.keyClick(page.templates, Qt.Key.Key_Return)
    assert len(repo.list_workshops()) == 2
    assert bench.editor is not None
    assert bench.editor.title_box.text() == "Spring summit"
