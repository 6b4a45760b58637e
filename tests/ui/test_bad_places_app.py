"""The app on a database it cannot write, and when the disk fills up mid-workshop: a
dialog, nothing shown as captured that is not saved, nothing typed lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import brainstorm_editor, capture

from collabfacil import app as app_module
from collabfacil.app import Session, Workbench, run_app
from collabfacil.domain.model import Contribution, Step, Workshop
from collabfacil.storage.backups import list_backups, make_backup
from collabfacil.storage.db import open_database
from collabfacil.storage.errors import DiskFullError, ReadOnlyLocationError
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.console.steps.survey import SurveyEditor
from collabfacil.ui.preferences import Preferences

if TYPE_CHECKING:
    from tests.conftest import SmallDisk  # the small_disk fixture's helper


def full(*_: object, **__: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The dialogs shown (title, message), instead of showing them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "tell", lambda _p, title, text: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "error",
                        lambda _p, title, text: shown.append((title, text)))
    return shown


def shown_notes(session: Session) -> list[str]:
    return [c.text for c in session.controller.notes.items()]


# --------------------------------------------------- a capture the disk refuses


def test_a_capture_the_disk_refuses_is_not_shown_and_what_was_typed_stays(
        qtbot: QtBot, session: Session, told: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Not on the console's list nor the projector; the text still in the box; one
    dialog, the message on the console; the app goes on, and the next capture with
    room works."""
    capture(qtbot, session, "Saved before")
    with monkeypatch.context() as disk:
        disk.setattr(WorkshopRepository, "_insert_contribution", full)
        capture(qtbot, session, "Weekend discharge delays")
        assert shown_notes(session) == ["Saved before"]
        assert "Weekend discharge delays" not in session.projector.view.visible_texts()
        assert brainstorm_editor(session).capture.text() == "Weekend discharge delays"
        message = ("The disk is full: the database could not be written, so this change "
                   "was not saved. Free some space and try again.")
        assert session.console.message.text() == message
        assert session.console.statusBar().currentMessage() == f"Not saved: {message}"
        assert len(told) == 1
        assert told[0][0] == "Not saved"
        assert told[0][1].startswith(message)
        assert "Nothing typed is lost" in told[0][1]

        capture(qtbot, session, "")  # again, still full: no second dialog
        assert len(told) == 1
        assert brainstorm_editor(session).capture.text() == "Weekend discharge delays"

    # room again
    capture(qtbot, session, "")
    assert shown_notes(session) == ["Saved before", "Weekend discharge delays"]
    assert "Weekend discharge delays" in session.projector.view.visible_texts()
    assert brainstorm_editor(session).capture.text() == ""
    assert session.console.message.text() == ""
    step_id = session.controller.current_step.id
    assert step_id is not None
    assert [c.text for c in session.controller.repo.contributions(step_id)] == [
        "Saved before", "Weekend discharge delays"]

    monkeypatch.setattr(WorkshopRepository, "_insert_contribution", full)
    capture(qtbot, session, "Later")  # a new spell of trouble: told again
    assert len(told) == 2


def test_an_undo_the_disk_refuses_changes_nothing_on_screen(
        qtbot: QtBot, session: Session, told: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+Z on a full disk: the note stays (it is still in the database), the undo
    step is dropped so the stack never claims otherwise, and nothing crashes."""
    capture(qtbot, session, "First")
    capture(qtbot, session, "Second")
    stack = session.controller.undo_stack
    assert stack.count() == 2
    with monkeypatch.context() as disk:
        disk.setattr(WorkshopRepository, "_touch", full)
        stack.undo()
    assert shown_notes(session) == ["First", "Second"]
    assert stack.count() == 1
    assert stack.index() == 1
    assert told
    assert told[0][1].startswith("The disk is full")
    stack.undo()  # with room, the undo before it works as ever
    assert shown_notes(session) == ["Second"]
    stack.redo()
    assert shown_notes(session) == ["First", "Second"]


def test_moving_on_works_when_the_step_cannot_be_remembered(
        session: Session, told: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The room moves to the next step even if the disk cannot record which it is on."""
    monkeypatch.setattr(WorkshopRepository, "_require", full)
    session.controller.next_step()
    assert session.controller.current_index == 1
    assert "Our 15%" in session.console.step_title.text()
    assert [t for t, _ in told] == ["Not saved"]
    assert session.console.statusBar().currentMessage().startswith(
        "Not saved: The disk is full")


def test_a_survey_slip_the_disk_refuses_stays_in_its_box(
        qtbot: QtBot, repo: WorkshopRepository, told: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    statements = [{"text": "People here follow through.", "category": "Reliability"},
                  {"text": "It is easy to ask for help.", "category": "Openness"}]
    wid = repo.create_workshop(Workshop("Pulse"), steps=[
        Step(type="survey", title="Trust pulse", config={"statements": statements})])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    try:
        s.show()
        editor = s.console.editor
        assert isinstance(editor, SurveyEditor)
        with monkeypatch.context() as disk:
            disk.setattr(WorkshopRepository, "_insert_item", full)
            editor.slip.setFocus()
            qtbot.keyClicks(editor.slip, "45")
            qtbot.keyClick(editor.slip, Qt.Key.Key_Return)
        assert editor.slip.text() == "45"
        assert s.controller.items() == []
        assert len(told) == 1
        qtbot.keyClick(editor.slip, Qt.Key.Key_Return)
        assert editor.slip.text() == ""
        assert len(s.controller.items()) == 3  # two tallies and the count of slips
    finally:
        s.close()


# ------------------------------------------------------ on a real, full disk


@pytest.fixture
def bench_on_small_disk(qtbot: QtBot, small_disk: SmallDisk) -> Iterator[Workbench]:
    path = small_disk.folder / "collabfacil.db"
    db = open_database(path)
    repo = WorkshopRepository(db)
    wid = repo.create_workshop(Workshop("Frailty pathway"),
                               steps=[Step(type="brainstorm", title="Ideas")])
    step_id = repo.steps(wid)[0].id
    assert step_id is not None
    repo.add_contribution(Contribution(step_id=step_id, text="Before the disk filled"))
    bench = Workbench(repo, Preferences())
    bench.start_backups(path)
    bench.open(wid)
    try:
        yield bench
    finally:
        bench.close()
        bench.repo.db.close()


def test_when_the_disk_fills_up_mid_workshop_nothing_shown_is_lost(
        qtbot: QtBot, bench_on_small_disk: Workbench, small_disk: SmallDisk,
        told: list[tuple[str, str]]) -> None:
    bench = bench_on_small_disk
    session = bench.session
    assert session is not None
    small_disk.fill()
    capture(qtbot, session, "Typed while the disk was full " * 20)
    assert shown_notes(session) == ["Before the disk filled"]
    assert brainstorm_editor(session).capture.text().startswith("Typed while the disk was full")
    assert told
    assert told[0][1].startswith("The disk is full: the database ")
    assert bench.backup_now() is None  # told on the status bar, the workshop goes on
    assert "Backup failed (the workshop goes on): The disk is full" in \
        session.console.statusBar().currentMessage()
    small_disk.make_room()
    capture(qtbot, session, "")
    assert shown_notes(session)[-1].startswith("Typed while the disk was full")
    assert brainstorm_editor(session).capture.text() == ""
    path = small_disk.folder / "collabfacil.db"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM contributions").fetchone()[0] == 2
    finally:
        conn.close()


def test_restoring_a_backup_on_a_full_disk_is_refused_before_anything_closes(
        qtbot: QtBot, bench_on_small_disk: Workbench, small_disk: SmallDisk,
        told: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    bench = bench_on_small_disk
    [backup] = list_backups(small_disk.folder / "collabfacil.db")
    session = bench.session
    small_disk.fill()
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    assert bench.restore_backup(backup.path) is False
    assert told == [("This backup cannot be restored", told[0][1])]
    assert told[0][1].startswith("The disk is full: there is no room")
    assert bench.session is session  # still open, still working once there is room
    small_disk.make_room()
    capture(qtbot, session, "After")  # type: ignore[arg-type]
    assert shown_notes(session)[-1] == "After"  # type: ignore[arg-type]


# ---------------------------------------------------------------- starting up


def test_starting_in_a_read_only_folder_is_a_dialog_and_changes_nothing(
        qtbot: QtBot, read_only_folder: Path, told: list[tuple[str, str]]) -> None:
    before = sorted(p.name for p in read_only_folder.iterdir())
    with pytest.raises(ReadOnlyLocationError):
        run_app(db_path=read_only_folder / "collabfacil.db", workshop_id=None, screen=None,
                exit_after_startup=False)
    assert len(told) == 1
    assert told[0][0] == "CollabFacil cannot start"
    assert f"The folder {read_only_folder} is read-only" in told[0][1]
    assert sorted(p.name for p in read_only_folder.iterdir()) == before


def test_starting_on_a_full_disk_is_a_dialog(qtbot: QtBot, small_disk: SmallDisk,
                                             told: list[tuple[str, str]]) -> None:
    path = small_disk.folder / "collabfacil.db"
    open_database(path).close()
    small_disk.fill()
    with pytest.raises(DiskFullError):
        run_app(db_path=path, workshop_id=None, screen=None, exit_after_startup=False)
    assert [t for t, _ in told] == ["CollabFacil cannot start"]
    assert told[0][1].startswith("The disk is full")


def test_starting_in_a_missing_folder_is_a_dialog(qtbot: QtBot, tmp_path: Path,
                                                  told: list[tuple[str, str]]) -> None:
    missing = tmp_path / "not here"
    with pytest.raises(Exception, match="does not exist"):
        run_app(db_path=missing / "collabfacil.db", workshop_id=None, screen=None,
                exit_after_startup=False)
    assert told == [("CollabFacil cannot start", f"The folder {missing} does not exist.")]
    assert not missing.exists()


@pytest.mark.parametrize("problem", [DiskFullError, ReadOnlyLocationError])
def test_no_backup_is_offered_for_a_full_disk_or_a_read_only_folder(
        tmp_path: Path, problem: type[Exception],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup would not help there (and restoring it would fail the same way)."""
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    make_backup(db, path)
    db.close()
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, _t, question, action: asked.append(question) or True)

    def refuse(_path: Path) -> None:
        raise problem("The disk is full: x. Free some space and try again.")

    monkeypatch.setattr(app_module, "open_database", refuse)
    with pytest.raises(problem) as info:
        app_module._open_or_offer_backup(path, ask=True)
    assert asked == []
    assert "collabfacil restore" not in str(info.value)


def test_a_data_folder_that_cannot_be_made_is_a_dialog_and_one_line(
        qtbot: QtBot, tmp_path: Path, told: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Started from a menu there is no terminal: the reason shows in a dialog too."""
    from collabfacil import cli

    in_the_way = tmp_path / "CollabFacil"
    in_the_way.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setattr(cli, "default_database_path",
                        lambda: in_the_way / "CollabFacil" / "collabfacil.db")
    assert cli.main([]) == 1
    assert len(told) == 1
    assert told[0][0] == "CollabFacil cannot start"
    assert f"Cannot create the data folder {in_the_way / 'CollabFacil'}" in told[0][1]
    err = capsys.readouterr().err
    assert err.startswith("collabfacil: error: Cannot create the data folder")
    assert err.count("\n") == 1
    assert in_the_way.read_text(encoding="utf-8").startswith("a file")
