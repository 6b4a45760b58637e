"""The running app: resuming, the next workshop in a series, exporting from the console."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench, choose_workshop, safe_file_name
from collabfacil.domain.model import Action, Step, Workshop
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs, export_dialog
from collabfacil.ui.export_dialog import ExportDialog


def test_reopening_returns_to_the_workshop_and_step_it_was_on(
        bench: Workbench, repo: WorkshopRepository, workshop_id: int) -> None:
    """The last workshop opened is reopened, on the step it was on, even if another
    workshop changed more recently."""
    other = repo.create_workshop(Workshop("Another"), steps=[Step(type="brainstorm",
                                                                  title="S")])
    session = bench.open(workshop_id)
    session.controller.go_to_step(2)
    repo.add_action(Action("Newer change", "Sam", "2026-05-01", "Call"), workshop_id=other)
    again = choose_workshop(repo, None, bench.preferences.last_workshop)
    assert again == workshop_id
    reopened = bench.open(again)
    assert reopened.controller.current_index == 2
    assert reopened.console.step_title.text() == "Actions"


def test_next_in_series_opens_the_follow_up(bench: Workbench, repo: WorkshopRepository,
                                            workshop_id: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """File ▸ Next workshop in this series makes the follow-up and opens it, review first."""
    repo.add_action(Action("Weekly huddle", "Sam", "2026-05-01", "Book it"),
                    workshop_id=workshop_id)
    monkeypatch.setattr(dialogs, "ask_title_and_date",
                        lambda *a, **k: ("Frailty partnership: autumn", date(2026, 10, 1)))
    bench.open(workshop_id)
    new_id = bench.next_in_series()
    assert new_id is not None
    assert bench.session is not None
    assert bench.session.controller.workshop_id == new_id
    assert bench.session.console.step_title.text() == "Where we got to: actions from last time"
    assert "Weekly huddle" in bench.session.projector.view.visible_texts()
    assert repo.workshop(new_id).date == date(2026, 10, 1)


def test_cancelling_the_series_dialog_changes_nothing(bench: Workbench,
                                                      repo: WorkshopRepository,
                                                      workshop_id: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel: no new workshop, the same one stays open."""
    monkeypatch.setattr(dialogs, "ask_title_and_date", lambda *a, **k: None)
    bench.open(workshop_id)
    assert bench.next_in_series() is None
    assert len(repo.list_workshops()) == 1


@pytest.fixture
def export_at_once(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[ExportDialog]:
    """Drive the export dialog instead of blocking: wait for its preview, then click
    Save as… (nothing is opened in a viewer). The dialogs shown, in order."""
    shown: list[ExportDialog] = []

    def run(dialog: ExportDialog) -> Path | None:
        shown.append(dialog)
        qtbot.waitUntil(dialog.preview_ready, timeout=20000)
        dialog.save_button.click()
        return dialog.written

    monkeypatch.setattr(export_dialog, "run_modal", run)
    monkeypatch.setattr(export_dialog, "open_externally", lambda path: None)
    return shown


def test_export_pdf_from_the_console(bench: Workbench, workshop_id: int, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     export_at_once: list[ExportDialog]) -> None:
    """File ▸ Export shows the export dialog, then writes the PDF where the facilitator
    chose, on the paper chosen last time."""
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: target)
    bench.preferences.export_paper = "Letter"
    session = bench.open(workshop_id)
    assert bench.export_pdf() == target
    assert target.read_bytes().startswith(b"%PDF")
    [dialog] = export_at_once
    assert dialog.parent() is session.console
    assert dialog.letter_button.isChecked()
    assert "plan.pdf" in session.console.statusBar().currentMessage()


def test_a_failed_export_says_why(bench: Workbench, workshop_id: int, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  export_at_once: list[ExportDialog]) -> None:
    """A folder that does not exist: a message, and no file."""
    told: list[str] = []
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: tmp_path / "no" / "plan.pdf")
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message: told.append(message))
    bench.open(workshop_id)
    assert bench.export_pdf() is None
    assert told
    assert "does not exist" in told[0]
    assert not (tmp_path / "no").exists()


def test_titles_become_safe_file_names() -> None:
    """Slashes, colons and the like never reach a file name."""
    assert safe_file_name('Home First: "phase 2" / winter?') == "Home First- -phase 2- - winter-"
    assert safe_file_name("...") == "workshop"
