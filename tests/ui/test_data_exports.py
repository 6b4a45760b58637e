"""File ▸ Export the actions (CSV), a summary (Markdown), the workshop file (JSON)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.model import Action, WorkshopData
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import data_exports, dialogs


@pytest.fixture
def data(repo: WorkshopRepository, workshop_id: int) -> WorkshopData:
    steps = repo.load(workshop_id).steps
    repo.add_action(Action(text="=SUM(A1) weekly huddle", owner="Siân Llŷr", due="2026-04-01",
                           first_step="Book a room", step_id=steps[2].id),
                    workshop_id=workshop_id)
    return repo.load(workshop_id)


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[Path]:
    """The save dialog answers ``path``; returns the names it suggested."""
    suggested: list[Path] = []

    def save_file(parent, caption, proposed, file_filter):  # type: ignore[no-untyped-def]
        suggested.append(proposed)
        return path
    monkeypatch.setattr(dialogs, "save_file", save_file)
    return suggested


def test_the_actions_as_csv_open_in_excel(monkeypatch, data, tmp_path):
    target = tmp_path / "plan.csv"
    suggested = choose(monkeypatch, target)
    written = data_exports.export_data(None, data, "csv", folder=tmp_path,
                                       safe_name="Frailty")
    assert written == target
    assert suggested == [tmp_path / "Frailty - actions.csv"]
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][:4] == ["'=SUM(A1) weekly huddle", "Siân Llŷr", "", "2026-04-01"]


def test_the_summary_as_markdown(monkeypatch, data, tmp_path):
    target = tmp_path / "summary.md"
    choose(monkeypatch, target)
    assert data_exports.export_data(None, data, "md", folder=tmp_path, safe_name="x") == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Frailty pathway partnership\n")
    assert "=SUM(A1) weekly huddle" in text


def test_the_workshop_file_imports_back_the_same(monkeypatch, data, tmp_path, repo):
    target = tmp_path / "moved.json"
    choose(monkeypatch, target)
    assert data_exports.export_data(None, data, "json", folder=tmp_path,
                                    safe_name="x") == target
    back = repo.load(repo.insert_workshop_data(exchange.parse(target.read_text("utf-8"))))
    assert [a.text for a in back.actions] == [a.text for a in data.actions]


def test_cancelling_writes_nothing(monkeypatch, data, tmp_path):
    choose(monkeypatch, None)
    assert data_exports.export_data(None, data, "csv", folder=tmp_path, safe_name="x") is None
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_says_why_and_leaves_no_file(monkeypatch, data, tmp_path):
    target = tmp_path / "missing" / "plan.csv"
    choose(monkeypatch, target)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message:
                        told.append((title, message)))
    assert data_exports.export_data(None, data, "csv", folder=tmp_path, safe_name="x") is None
    assert told == [("The actions (CSV): not written", told[0][1])]
    assert "does not exist" in told[0][1]
    assert not target.parent.exists()


def test_the_file_menu_offers_each_export(session: Session, qtbot: QtBot) -> None:
    asked: list[str] = []
    session.console.export_data = asked.append
    menu = session.console.menuBar().actions()[0].menu()
    texts = [a.text() for a in menu.actions()]
    for kind, export in data_exports.EXPORTS.items():
        action = next(a for a in menu.actions() if a.text() == export.menu)
        action.trigger()
        assert asked[-1] == kind
    assert texts.index("Export the action plan (PDF)…") < texts.index(
        data_exports.EXPORTS["csv"].menu)


def test_the_workbench_writes_the_open_workshop_and_says_where(
        monkeypatch, qtbot: QtBot, repo: WorkshopRepository, workshop_id: int,
        tmp_path: Path) -> None:
    from collabfacil.app import Workbench
    from collabfacil.ui.preferences import Preferences

    target = tmp_path / "moved.json"
    choose(monkeypatch, target)
    bench = Workbench(repo, Preferences())
    bench.open(workshop_id)
    try:
        assert bench.session is not None
        bench.session.console.export_data("json")  # what the menu item calls
        assert target.exists()
        assert bench.session.console.statusBar().currentMessage() == \
            f"The workshop file (JSON) written to {target}"
    finally:
        bench.close()
