"""One QUndoCommand per user action; each writes through the repository.

The controller makes the first write itself *before* pushing a command (so a
failed write pushes nothing and shows a message); ``redo`` therefore skips its
first call, and from then on undo and redo write to the database and tell the
controller what changed.

An undo or redo the database refuses (the disk full) changes nothing on screen
either: the facilitator is told, and the command leaves the stack (alone) or
does nothing the next time (inside a macro), so the stack never claims a state
the database does not have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from collabfacil.domain.model import Action, Contribution, StepItem
from collabfacil.storage.errors import StorageError

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _WrittenCommand(QUndoCommand):
    """A command whose first ``redo`` already happened when it was pushed."""

    def __init__(self, controller: SessionController, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self._first = True  # the next redo finds its change already in the database
        self._undone = False  # the next undo finds it already gone

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        try:
            self.apply()
        except StorageError as exc:  # not written: still undone, nothing to undo
            self._refused(exc)
            self._undone = True

    def undo(self) -> None:
        if self._undone:
            self._undone = False
            return
        try:
            self.revert()
        except StorageError as exc:  # not written: still done, nothing to redo
            self._refused(exc)
            self._first = True

    def _refused(self, exc: StorageError) -> None:
        self.setObsolete(True)  # a command on its own leaves the stack
        self.controller.refused(exc)

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AddContributionCommand(_WrittenCommand):
    """Capture a note (already stored as ``stored``)."""

    def __init__(self, controller: SessionController, stored: Contribution) -> None:
        super().__init__(controller, f"Add note “{_short(stored.text)}”")
        self.stored = stored

    def apply(self) -> None:
        self.controller.repo.restore_contribution(self.stored)
        self.controller.contribution_stored(self.stored)

    def revert(self) -> None:
        assert self.stored.id is not None
        self.controller.repo.delete_contribution(self.stored.id)
        self.controller.contribution_deleted(self.stored)


class EditContributionCommand(_WrittenCommand):
    """Change a note's text, organisation or section."""

    def __init__(self, controller: SessionController, old: Contribution,
                 new: Contribution) -> None:
        super().__init__(controller, f"Edit note “{_short(new.text)}”")
        self.old, self.new = old, new

    def apply(self) -> None:
        self.controller.repo.update_contribution(self.new)
        self.controller.contribution_changed(self.new)

    def revert(self) -> None:
        self.controller.repo.update_contribution(self.old)
        self.controller.contribution_changed(self.old)


class DeleteContributionCommand(_WrittenCommand):
    """Remove a note; undo puts it back in the same place."""

    def __init__(self, controller: SessionController, old: Contribution) -> None:
        super().__init__(controller, f"Delete note “{_short(old.text)}”")
        self.old = old

    def apply(self) -> None:
        assert self.old.id is not None
        self.controller.repo.delete_contribution(self.old.id)
        self.controller.contribution_deleted(self.old)

    def revert(self) -> None:
        self.controller.repo.restore_contribution(self.old)
        self.controller.contribution_stored(self.old)


class AddActionCommand(_WrittenCommand):
    """Agree an action (already stored)."""

    def __init__(self, controller: SessionController, stored: Action) -> None:
        super().__init__(controller, f"Add action “{_short(stored.text)}”")
        self.stored = stored

    def apply(self) -> None:
        self.controller.repo.restore_action(self.stored)
        self.controller.actions_stored()

    def revert(self) -> None:
        assert self.stored.id is not None
        self.controller.repo.delete_action(self.stored.id)
        self.controller.actions_stored()


class EditActionCommand(_WrittenCommand):
    """Change any field of an action."""

    def __init__(self, controller: SessionController, old: Action, new: Action) -> None:
        super().__init__(controller, f"Edit action “{_short(new.text)}”")
        self.old, self.new = old, new

    def apply(self) -> None:
        self.controller.repo.update_action(self.new)
        self.controller.actions_stored()

    def revert(self) -> None:
        self.controller.repo.update_action(self.old)
        self.controller.actions_stored()


class DeleteActionCommand(_WrittenCommand):
    """Remove an action; undo restores it."""

    def __init__(self, controller: SessionController, old: Action) -> None:
        super().__init__(controller, f"Delete action “{_short(old.text)}”")
        self.old = old

    def apply(self) -> None:
        assert self.old.id is not None
        self.controller.repo.delete_action(self.old.id)
        self.controller.actions_stored()

    def revert(self) -> None:
        self.controller.repo.restore_action(self.old)
        self.controller.actions_stored()


class AddItemCommand(_WrittenCommand):
    """Record a step item (a vote, a rating...), already stored."""

    def __init__(self, controller: SessionController, stored: StepItem, text: str) -> None:
        super().__init__(controller, text)
        self.stored = stored

    def apply(self) -> None:
        self.controller.repo.restore_item(self.stored)
        self.controller.items_stored(self.stored.step_id)

    def revert(self) -> None:
        assert self.stored.id is not None
        self.controller.repo.delete_item(self.stored.id)
        self.controller.items_stored(self.stored.step_id)


class EditItemCommand(_WrittenCommand):
    """Change a step item's data."""

    def __init__(self, controller: SessionController, old: StepItem, new: StepItem,
                 text: str) -> None:
        super().__init__(controller, text)
        self.old, self.new = old, new

    def apply(self) -> None:
        self.controller.repo.update_item(self.new)
        self.controller.items_stored(self.new.step_id)

    def revert(self) -> None:
        self.controller.repo.update_item(self.old)
        self.controller.items_stored(self.old.step_id)


class DeleteItemCommand(_WrittenCommand):
    """Remove a step item; undo restores it with the same id and place."""

    def __init__(self, controller: SessionController, old: StepItem, text: str) -> None:
        super().__init__(controller, text)
        self.old = old

    def apply(self) -> None:
        assert self.old.id is not None
        self.controller.repo.delete_item(self.old.id)
        self.controller.items_stored(self.old.step_id)

    def revert(self) -> None:
        self.controller.repo.restore_item(self.old)
        self.controller.items_stored(self.old.step_id)
