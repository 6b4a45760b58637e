"""SessionController: the one object that changes a running workshop.

The console and the projector are views of it: they call its public verbs
(``add_note``, ``next_step``, ``toggle_timer`` ...) and redraw on its signals.
Every edit is written to the database before it is shown, and is pushed on the
QUndoStack it owns. Navigation and the timer are not edits and are not undone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from collabfacil.domain.errors import CollabFacilError
from collabfacil.domain.flow import Forecast, forecast
from collabfacil.domain.model import Action, Contribution, Step, StepItem, WorkshopData
from collabfacil.domain.steps import check_item
from collabfacil.domain.text import clean_text
from collabfacil.domain.timer import Countdown
from collabfacil.storage.errors import StorageError
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.commands import (
    AddActionCommand,
    AddContributionCommand,
    AddItemCommand,
    DeleteActionCommand,
    DeleteContributionCommand,
    DeleteItemCommand,
    EditActionCommand,
    EditContributionCommand,
    EditItemCommand,
)
from collabfacil.ui.models import ActionTableModel, ContributionListModel
from collabfacil.ui.projector.theme import THEMES, apply_theme, current_theme


class SessionController(QObject):
    """Holds the open workshop, the current step, its notes and the timer."""

    step_changed = Signal(int)  # the new step's index
    phase_changed = Signal(int)  # the current step's new phase index
    items_changed = Signal(int)  # the id of the step whose items changed
    step_state_changed = Signal()  # the current step was revealed or hidden
    contribution_added = Signal(object)  # Contribution
    contribution_updated = Signal(object)  # Contribution
    contribution_removed = Signal(object)  # Contribution
    actions_changed = Signal()
    timer_ticked = Signal()
    timer_signalled = Signal(str)  # "one_minute" left, or "time_up"
    projector_mode_changed = Signal()
    font_scale_changed = Signal(float)
    error_raised = Signal(str)  # a message for the facilitator, one sentence
    # The database could not be written (the disk full, the file read-only): also
    # told in error_raised; the app makes sure the facilitator sees it.
    storage_failed = Signal(str)

    def __init__(self, repo: WorkshopRepository, workshop_id: int, *,
                 clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], datetime] = datetime.now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.clock = clock
        self.wall_clock = wall_clock
        self.session_started: datetime | None = None  # first start of a timer
        self.step_started: datetime | None = None
        self.undo_stack = QUndoStack(self)
        self.notes = ContributionListModel(self)
        self.actions = ActionTableModel(self)
        self.blanked = False
        self.frozen = False
        self.font_scale = 1.0
        self._data: WorkshopData = repo.load(workshop_id)
        if not self._data.steps:
            raise CollabFacilError("This workshop has no agenda steps to run.")
        self._index = min(self._data.workshop.current_step, len(self._data.steps) - 1)
        self._items: list[StepItem] = []
        self._countdown = Countdown(self._planned_seconds())
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self.tick)
        self._last_remaining = self.countdown.remaining(self.clock())
        self._load_step()
        self.actions.reset(self._data.actions, self._data.organisations)

    # ---------------------------------------------------------------- state

    @property
    def data(self) -> WorkshopData:
        """The workshop as loaded (agenda, partners); notes live in ``notes``."""
        return self._data

    @property
    def workshop_id(self) -> int:
        assert self._data.workshop.id is not None
        return self._data.workshop.id

    @property
    def steps(self) -> list[Step]:
        return self._data.steps

    @property
    def current_index(self) -> int:
        return self._index

    @property
    def current_step(self) -> Step:
        return self._data.steps[self._index]

    def refused(self, exc: CollabFacilError) -> None:
        """Tell the facilitator why an edit was refused or not saved (nothing is shown
        as done: the views change only once the database has the change)."""
        self.error_raised.emit(str(exc))
        if isinstance(exc, StorageError):
            self.storage_failed.emit(str(exc))

    # ----------------------------------------------------------- navigation

    def go_to_step(self, index: int) -> None:
        """Show step ``index`` (clamped to the agenda) and remember it."""
        index = max(0, min(index, len(self.steps) - 1))
        if index == self._index:
            return
        try:  # remembered for reopening; moving on must not wait for the disk
            self.repo.set_current_step(self.workshop_id, index)
        except StorageError as exc:
            self.refused(exc)
        self._index = index
        self.step_started = self.wall_clock() if self.session_started else None
        self.countdown = Countdown(self._planned_seconds())
        self._ticker.stop()
        self._load_step()
        self.step_changed.emit(index)

    def next_step(self) -> None:
        """PageDown: the next sub-phase of this step, or else the next step."""
        if self.phase_index < len(self.current_step.phases) - 1:
            self.go_to_phase(self.phase_index + 1)
        else:
            self.go_to_step(self._index + 1)

    def previous_step(self) -> None:
        """PageUp: the previous sub-phase of this step, or else the previous step."""
        if self.phase_index > 0:
            self.go_to_phase(self.phase_index - 1)
        else:
            self.go_to_step(self._index - 1)

    @property
    def phase_index(self) -> int:
        """The current step's sub-phase (0 when it has none)."""
        phases = self.current_step.phases
        return max(0, min(int(self.current_step.state.get("phase", 0)), len(phases) - 1))

    def go_to_phase(self, index: int) -> None:
        """Move to a timed sub-phase of the current step; its countdown starts afresh."""
        phases = self.current_step.phases
        index = max(0, min(index, len(phases) - 1))
        if not phases or index == self.phase_index:
            return
        try:
            self._set_state(phase=index)
        except StorageError as exc:  # the room moves on all the same
            self.refused(exc)
            step = self.current_step
            self._data.steps[self._index] = replace(step, state={**step.state, "phase": index})
        running = self.countdown.running
        self.countdown = Countdown(self._planned_seconds())
        if running:  # the room is working: keep counting into the next phase
            self.countdown = self.countdown.start(self.clock())
        self.phase_changed.emit(index)
        self.timer_ticked.emit()

    def _planned_seconds(self) -> float:
        phases = self.current_step.phases
        if phases:
            return phases[self.phase_index].minutes * 60
        return self.current_step.minutes * 60

    def _set_state(self, **changes: object) -> None:
        step = self.current_step
        assert step.id is not None
        state = {**step.state, **changes}
        self.repo.set_step_state(step.id, state)
        self._data.steps[self._index] = replace(step, state=state)

    def _load_step(self) -> None:
        step = self.current_step
        assert step.id is not None
        self.notes.reset(self.repo.contributions(step.id), self._data.organisations)
        self._items = self.repo.items(step.id)

    def set_private_notes(self, step_index: int, text: str) -> None:
        """Keep the facilitator's own notes on a step (never projected or printed)."""
        try:
            cleaned = clean_text(text, field="private_notes", label="Your notes",
                                 max_length=20000, required=False)
            step = self.steps[step_index]
            if cleaned != step.state.get("private_notes", ""):
                assert step.id is not None
                state = {**step.state, "private_notes": cleaned}
                self.repo.set_step_state(step.id, state)
                self._data.steps[step_index] = replace(step, state=state)
        except CollabFacilError as exc:
            self.refused(exc)

    # ---------------------------------------------------------------- reveal

    @property
    def revealed(self) -> bool:
        """Whether the current step's hidden results are shown to the room."""
        return self.current_step.revealed

    def toggle_reveal(self) -> None:
        """Show the room the results hidden until now (votes, ratings), or hide them again."""
        try:
            self._set_state(revealed=not self.revealed)
        except CollabFacilError as exc:
            self.refused(exc)
            return
        self.step_state_changed.emit()
        self.projector_mode_changed.emit()

    # ---------------------------------------------------------------- items

    def items(self, kind: str | None = None) -> list[StepItem]:
        """The current step's records (of one kind), in order."""
        return [i for i in self._items if kind is None or i.kind == kind]

    def notes_of(self, step_id: int) -> list[Contribution]:
        """The notes of any step of the workshop (e.g. the brainstorm a vote is on)."""
        return self.repo.contributions(step_id)

    def items_of(self, step_id: int) -> list[StepItem]:
        """The records of any step of the workshop."""
        return self.repo.items(step_id)

    def add_item(self, kind: str, data: dict[str, Any], *, label: str = "") -> StepItem | None:
        """Record an item on the current step; None (and a message) if refused."""
        step = self.current_step
        assert step.id is not None
        try:
            checked = check_item(step.type, kind, data)
            stored = self.repo.add_item(StepItem(step_id=step.id, kind=kind, data=checked))
        except CollabFacilError as exc:
            self.refused(exc)
            return None
        self.undo_stack.push(AddItemCommand(self, stored, label or f"Add {kind}"))
        self.items_stored(step.id)
        return stored

    def update_item(self, item: StepItem, data: dict[str, Any], *,
                    label: str = "") -> StepItem | None:
        """Change an item's data; None (and a message) if refused."""
        try:
            step_type_name = self._step_type_of(item.step_id)
            new = replace(item, data=check_item(step_type_name, item.kind, data))
            if new == item:
                return item
            self.repo.update_item(new)
        except CollabFacilError as exc:
            self.refused(exc)
            return None
        self.undo_stack.push(EditItemCommand(self, item, new, label or f"Change {item.kind}"))
        self.items_stored(item.step_id)
        return new

    def delete_item(self, item: StepItem, *, label: str = "") -> None:
        """Remove an item (undoable)."""
        assert item.id is not None
        try:
            self.repo.delete_item(item.id)
        except CollabFacilError as exc:
            self.refused(exc)
            return
        self.undo_stack.push(DeleteItemCommand(self, item, label or f"Delete {item.kind}"))
        self.items_stored(item.step_id)

    def items_stored(self, step_id: int) -> None:
        """Called once the database has an item change: refresh and tell the views."""
        if step_id == self.current_step.id:
            self._items = self.repo.items(step_id)
        self.items_changed.emit(step_id)

    def _step_type_of(self, step_id: int) -> str:
        for step in self.steps:
            if step.id == step_id:
                return step.type
        raise CollabFacilError(f"There is no step with id {step_id} in this workshop.")

    # ---------------------------------------------------------------- notes

    def add_note(self, text: str, *, organisation_id: int | None = None,
                 section: str = "", colour: str = "") -> Contribution | None:
        """Capture a note on the current step; None (and a message) if refused."""
        step = self.current_step
        assert step.id is not None
        try:
            draft = Contribution(step_id=step.id, text=text, organisation_id=organisation_id,
                                 section=section, colour=colour)
            stored = self.repo.add_contribution(draft)
        except CollabFacilError as exc:
            self.refused(exc)
            return None
        self.undo_stack.push(AddContributionCommand(self, stored))
        self.contribution_stored(stored)
        return stored

    def edit_note(self, contribution_id: int, *, text: str | None = None,
                  organisation_id: int | type[...] | None = ...,
                  section: str | None = None, colour: str | None = None) -> bool:
        """Change a note; False (and a message) if the new text is refused."""
        try:
            old = self.repo.contribution(contribution_id)
            changes: dict[str, object] = {}
            if text is not None:
                changes["text"] = text
            if organisation_id is not ...:
                changes["organisation_id"] = organisation_id
            if section is not None:
                changes["section"] = section
            if colour is not None:
                changes["colour"] = colour
            new = replace(old, **changes)
            if new == old:
                return True
            self.repo.update_contribution(new)
        except CollabFacilError as exc:
            self.refused(exc)
            return False
        self.undo_stack.push(EditContributionCommand(self, old, new))
        self.contribution_changed(new)
        return True

    def delete_note(self, contribution_id: int) -> None:
        """Remove a note (undoable)."""
        try:
            old = self.repo.contribution(contribution_id)
            self.repo.delete_contribution(contribution_id)
        except CollabFacilError as exc:
            self.refused(exc)
            return
        self.undo_stack.push(DeleteContributionCommand(self, old))
        self.contribution_deleted(old)

    # called by commands once the database has the change
    def contribution_stored(self, c: Contribution) -> None:
        if c.step_id == self.current_step.id:
            self.notes.insert_sorted(c)
        self.contribution_added.emit(c)

    def contribution_changed(self, c: Contribution) -> None:
        if c.step_id == self.current_step.id:
            self.notes.replace(c)
        self.contribution_updated.emit(c)

    def contribution_deleted(self, c: Contribution) -> None:
        if c.step_id == self.current_step.id and c.id is not None:
            self.notes.remove(c.id)
        self.contribution_removed.emit(c)

    # -------------------------------------------------------------- actions

    def add_action(self, *, text: str, owner: str, due: date | str | None,
                   first_step: str, organisation_id: int | None = None,
                   measure: str = "", theme: str = "", small_test: bool = False,
                   review_date: date | str | None = None) -> Action | None:
        """Agree an action; None (and a message naming the field) if refused."""
        try:
            draft = Action(text=text, owner=owner, due=due, first_step=first_step,
                           organisation_id=organisation_id, measure=measure,
                           theme=theme, small_test=small_test,
                           review_date=review_date, step_id=self.current_step.id)
            stored = self.repo.add_action(draft, workshop_id=self.workshop_id)
        except CollabFacilError as exc:
            self.refused(exc)
            return None
        self.undo_stack.push(AddActionCommand(self, stored))
        self.actions_stored()
        return stored

    def update_action(self, old: Action, **changes: object) -> Action | None:
        """Change fields of an action; None (and a message) if refused."""
        try:
            new = replace(old, **changes)
            if new == old:
                return old
            self.repo.update_action(new)
        except CollabFacilError as exc:
            self.refused(exc)
            return None
        self.undo_stack.push(EditActionCommand(self, old, new))
        self.actions_stored()
        return new

    def delete_action(self, action: Action) -> None:
        """Remove an action (undoable)."""
        assert action.id is not None
        try:
            self.repo.delete_action(action.id)
        except CollabFacilError as exc:
            self.refused(exc)
            return
        self.undo_stack.push(DeleteActionCommand(self, action))
        self.actions_stored()

    def actions_stored(self) -> None:
        self.actions.reset(self.repo.actions(self.workshop_id), self._data.organisations)
        self.actions_changed.emit()

    # ---------------------------------------------------------------- timer

    @property
    def countdown(self) -> Countdown:
        """The current step's (or phase's) countdown."""
        return self._countdown

    @countdown.setter
    def countdown(self, value: Countdown) -> None:
        self._countdown = value
        self._last_remaining = value.remaining(self.clock())

    def stop(self) -> None:
        """The session is closing: no more timer ticks."""
        self._ticker.stop()

    def remaining_seconds(self) -> float:
        """Time left on the current step (negative: overtime)."""
        return self.countdown.remaining(self.clock())

    def tick(self) -> None:
        """Called four times a second while the timer runs: redraw, and signal the
        moments the room should notice (one minute left, time up) once each."""
        remaining = self.countdown.remaining(self.clock())
        before, self._last_remaining = self._last_remaining, remaining
        if before > 60 >= remaining:
            self.timer_signalled.emit("one_minute")
        if before > 0 >= remaining:
            self.timer_signalled.emit("time_up")
        self.timer_ticked.emit()

    def toggle_timer(self) -> None:
        """Space: start or pause the step's countdown (the first start starts the session)."""
        if self.session_started is None:
            self.session_started = self.step_started = self.wall_clock()
        elif self.step_started is None:
            self.step_started = self.wall_clock()
        self.countdown = self.countdown.toggle(self.clock())
        if self.countdown.running:
            self._ticker.start()
        else:
            self._ticker.stop()
        self.timer_ticked.emit()

    def add_minute(self) -> None:
        """+1 minute on the current step."""
        self.countdown = self.countdown.add(60)
        self.timer_ticked.emit()

    def reset_timer(self) -> None:
        """Back to the step's (or phase's) full time, paused."""
        self._ticker.stop()
        self.countdown = Countdown(self._planned_seconds())
        self.timer_ticked.emit()

    def forecast(self) -> Forecast | None:
        """Ahead or behind plan and the likely finish; None before the session starts."""
        if self.session_started is None:
            return None
        return forecast(planned_minutes=[s.minutes for s in self.steps], current=self._index,
                        started=self.session_started,
                        step_started=self.step_started or self.wall_clock(),
                        step_elapsed_s=self.countdown.run_time(self.clock()),
                        now=self.wall_clock())

    # ------------------------------------------------------------ projector

    def toggle_blank(self) -> None:
        """B or '.': blank the projector, or bring it back."""
        self.blanked = not self.blanked
        self.projector_mode_changed.emit()

    def toggle_freeze(self) -> None:
        """F: keep the projector showing what it shows now while the facilitator
        tidies up privately; again to go live."""
        self.frozen = not self.frozen
        self.projector_mode_changed.emit()

    @property
    def theme(self) -> str:
        """The projector's colour theme: dark, light or contrast."""
        return current_theme()

    def set_theme(self, name: str) -> None:
        """Repaint the projector in another theme (dark, light, high contrast)."""
        if name not in THEMES:
            self.error_raised.emit(f"There is no projector theme called '{name}'.")
            return
        apply_theme(name)
        self.projector_mode_changed.emit()

    def cycle_theme(self) -> None:
        """Ctrl+T: dark → light → high contrast → dark."""
        names = list(THEMES)
        self.set_theme(names[(names.index(self.theme) + 1) % len(names)])

    def change_font_scale(self, factor: float) -> None:
        """Ctrl+= / Ctrl+-: make the projector's text larger or smaller."""
        self.font_scale = max(0.6, min(2.0, round(self.font_scale * factor, 2)))
        self.font_scale_changed.emit(self.font_scale)
