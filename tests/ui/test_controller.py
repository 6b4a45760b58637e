"""The controller and its undo stack, without any window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.storage.errors import StorageError
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.controller import SessionController


@pytest.fixture
def controller(qtbot: QtBot, repo: WorkshopRepository, workshop_id: int) -> SessionController:
    return SessionController(repo, workshop_id)


def test_undo_after_changing_step_still_removes_the_note(controller: SessionController) -> None:
    """A note captured on step 1 is undone from the database even when step 2 is showing."""
    note = controller.add_note("Captured on step one")
    assert note is not None
    assert note.id is not None
    controller.next_step()
    controller.undo_stack.undo()
    assert controller.repo.contributions(note.step_id) == []
    controller.previous_step()
    assert controller.notes.rowCount() == 0


def test_a_failed_write_pushes_nothing_and_says_why(qtbot: QtBot,
                                                    controller: SessionController,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """If the database refuses a note, nothing is shown as captured and a message is raised."""
    def refuse(*_: object, **__: object) -> None:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(controller.repo, "add_contribution", refuse)
    with qtbot.waitSignal(controller.error_raised) as signal:
        assert controller.add_note("Will not fit") is None
    assert signal.args == ["The disk is full."]
    assert controller.notes.rowCount() == 0
    assert controller.undo_stack.count() == 0


def test_undo_of_delete_restores_position(controller: SessionController) -> None:
    """Deleting the middle note and undoing puts it back in the middle, with the same id."""
    _a, b, _c = (controller.add_note(t) for t in ("one", "two", "three"))
    assert b is not None
    assert b.id is not None
    controller.delete_note(b.id)
    assert [n.text for n in controller.notes.items()] == ["one", "three"]
    controller.undo_stack.undo()
    assert [n.text for n in controller.notes.items()] == ["one", "two", "three"]
    assert controller.notes.items()[1].id == b.id


def test_undo_stack_texts_name_the_action(controller: SessionController) -> None:
    """The Edit menu says what Undo will undo."""
    controller.add_note("Weekly huddle across partners")
    assert controller.undo_stack.undoText() == "Add note “Weekly huddle across partners”"


def test_action_edit_and_undo(controller: SessionController) -> None:
    """Changing an action's owner is written through and can be undone."""
    action = controller.add_action(text="Joint discharge huddle", owner="Sam",
                                   due="2026-05-01", first_step="Book room")
    assert action is not None
    controller.update_action(action, owner="Małgorzata Wójcik")
    assert controller.repo.actions(controller.workshop_id)[0].owner == "Małgorzata Wójcik"
    controller.undo_stack.undo()
    assert controller.repo.actions(controller.workshop_id)[0].owner == "Sam"
