"""WorkshopRepository: every read and write of workshop data (the only SQL).

Each method commits before it returns (writes of more than one row in one
``db.atomic()``), so whatever the caller shows as saved is on disk. A write the
disk refuses (full, read-only, failing) rolls back and raises StorageError with a
message for the facilitator, never a bare sqlite3 error: the caller shows nothing
as saved, and the next write, once there is room, works.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from collabfacil.domain.errors import NotFoundError, ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import (
    Action,
    Contribution,
    Organisation,
    Participant,
    Step,
    StepItem,
    Workshop,
    WorkshopData,
    now_iso,
)
from collabfacil.storage.database import Database
from collabfacil.storage.errors import (
    StepHasCapturesError,
    StorageError,
    disk_full,
    is_disk_full,
)

if TYPE_CHECKING:  # the editor's plan: imported when one is saved, not at start-up
    from collabfacil.domain.planning import WorkshopPlan

_F = TypeVar("_F", bound=Callable[..., Any])


@frozen
class WorkshopSummary:
    """One line of the workshop list."""

    id: int
    title: str
    date: date | None
    venue: str
    contributions: int
    actions: int
    updated_at: str


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _database_file(db: Database) -> Path | None:
    try:
        for _seq, name, file in db.conn.execute("PRAGMA database_list"):
            if name == "main":
                return Path(file) if file else None
    except sqlite3.Error:
        pass
    return None


def _explained(db: Database, exc: sqlite3.DatabaseError) -> StorageError:
    """What a failure of the database file means for the facilitator, in one line."""
    path = _database_file(db)
    where = f"the database {path}" if path else "the database"
    if is_disk_full(exc, path.parent if path else None):
        return disk_full(f"{where} could not be written, so this change was not saved")
    return StorageError(f"{where[0].upper()}{where[1:]} could not be used ({exc}), so this "
                        "change was not saved.")


def _storage_errors_explained(method: _F) -> _F:
    """Turn a failure of the file under ``method`` (the disk full or read-only, the
    file damaged) into StorageError; a constraint or a bug stays what it is."""
    @functools.wraps(method)
    def explained(self: WorkshopRepository, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if type(exc) not in (sqlite3.OperationalError, sqlite3.DatabaseError):
                raise
            raise _explained(self.db, exc) from exc

    return explained  # type: ignore[return-value]


def _explaining_storage_errors(cls: type) -> type:
    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and callable(value) and not isinstance(
                value, (staticmethod, classmethod, property)):
            setattr(cls, name, _storage_errors_explained(value))
    return cls


@_explaining_storage_errors
class WorkshopRepository:
    """Reads (plain SQL) and writes (sqlite-utils) workshops in one ``Database``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _rows(self, table: str, where: str, parameters: Sequence[Any],
              order_by: str = "id") -> list[dict[str, Any]]:
        """The rows of ``table`` matching ``where`` (table, clause and order are this
        module's, never user text; values go as parameters)."""
        return list(self.db.query(
            f"SELECT * FROM {table} WHERE {where} ORDER BY {order_by}", parameters))

    # ------------------------------------------------------------ workshops

    def create_workshop(
        self,
        workshop: Workshop,
        *,
        organisations: Iterable[Organisation] = (),
        participants: Iterable[Participant] = (),
        steps: Iterable[Step] = (),
    ) -> int:
        """Store a new workshop with its partners, people and agenda; return its id."""
        data = WorkshopData(workshop, list(organisations), list(participants),
                            list(steps), [], [])
        return self.insert_workshop_data(data)

    def insert_workshop_data(self, data: WorkshopData) -> int:
        """Store a whole workshop (as from an import) in one transaction; new ids.

        Either everything is written or nothing is.
        """
        with self.db.atomic():
            w = data.workshop
            stamp = now_iso()
            workshop_id = self.db["workshops"].insert({
                "title": w.title, "date": _iso(w.date), "venue": w.venue,
                "facilitator": w.facilitator, "starts_at": w.starts_at,
                "ends_at": w.ends_at, "template_key": w.template_key,
                "current_step": w.current_step, "created_at": w.created_at,
                "updated_at": stamp,
            }).last_pk
            org_ids: dict[int | None, int | None] = {None: None}

            def org_ref(ref: int | None, what: str) -> int | None:
                if ref not in org_ids:
                    raise NotFoundError(f"{what} refers to organisation {ref}, "
                                        "which is not in the workshop.")
                return org_ids[ref]

            for i, org in enumerate(data.organisations):
                new = self.db["organisations"].insert({
                    "workshop_id": workshop_id, "name": org.name,
                    "short_name": org.short_name, "position": i}).last_pk
                org_ids[org.id if org.id is not None else -1 - i] = new
            for i, p in enumerate(data.participants):
                self.db["participants"].insert({
                    "workshop_id": workshop_id, "name": p.name,
                    "organisation_id": org_ref(p.organisation_id, "A participant"),
                    "role": p.role, "position": i})
            step_ids: dict[int | None, int | None] = {None: None}
            for i, s in enumerate(data.steps):
                new = self.db["steps"].insert({
                    "workshop_id": workshop_id, "position": i, "type": s.type,
                    "title": s.title, "prompt": s.prompt, "minutes": s.minutes,
                    "exercise_key": s.exercise_key, "script": s.script,
                    "config": json.dumps(dict(s.config), ensure_ascii=False),
                    "state": json.dumps(dict(s.state), ensure_ascii=False),
                }).last_pk
                step_ids[s.id if s.id is not None else -1 - i] = new
            for c in data.contributions:
                if c.step_id not in step_ids:
                    raise NotFoundError(
                        f"A note refers to step {c.step_id}, which is not in the workshop.")
                self._insert_contribution(replace(
                    c, id=None, workshop_id=workshop_id, step_id=step_ids[c.step_id],
                    organisation_id=org_ref(c.organisation_id, "A note")))
            for a in data.actions:
                if a.step_id not in step_ids:
                    raise NotFoundError(
                        f"An action refers to step {a.step_id}, which is not in the workshop.")
                self._insert_action(replace(
                    a, id=None, workshop_id=workshop_id, step_id=step_ids[a.step_id],
                    organisation_id=org_ref(a.organisation_id, "An action")))
            for item in data.items:
                if item.step_id not in step_ids:
                    raise NotFoundError(
                        f"A record refers to step {item.step_id}, which is not in the "
                        "workshop.")
                self._insert_item(replace(item, id=None, workshop_id=workshop_id,
                                          step_id=step_ids[item.step_id]))
        return int(workshop_id)

    def workshop(self, workshop_id: int) -> Workshop:
        """The workshop with that id; NotFoundError if there is none."""
        try:
            rows = self._rows("workshops", "id = ?", [workshop_id])
        except (sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError):
            rows = []  # an id of the wrong type, or too large for SQLite
        if not rows:
            raise NotFoundError(f"There is no workshop with id {workshop_id}.")
        row = rows[0]
        return Workshop(
            id=row["id"], title=row["title"], date=row["date"], venue=row["venue"],
            facilitator=row["facilitator"], starts_at=row["starts_at"],
            ends_at=row["ends_at"], template_key=row["template_key"],
            current_step=row["current_step"], created_at=row["created_at"])

    def list_workshops(self) -> list[WorkshopSummary]:
        """Every workshop, the most recently changed first."""
        rows = self.db.query(
            """
            SELECT w.id, w.title, w.date, w.venue, w.updated_at,
              (SELECT count(*) FROM contributions c WHERE c.workshop_id = w.id) AS n_c,
              (SELECT count(*) FROM actions a WHERE a.workshop_id = w.id) AS n_a
            FROM workshops w ORDER BY w.updated_at DESC, w.id DESC
            """
        )
        return [
            WorkshopSummary(id=r["id"], title=r["title"],
                            date=date.fromisoformat(r["date"]) if r["date"] else None,
                            venue=r["venue"], contributions=r["n_c"], actions=r["n_a"],
                            updated_at=r["updated_at"])
            for r in rows
        ]

    def update_workshop(self, workshop: Workshop) -> None:
        """Write a workshop's own fields (title, date, venue, times)."""
        self._require(workshop.id)
        self.db["workshops"].update(workshop.id, {
            "title": workshop.title, "date": _iso(workshop.date),
            "venue": workshop.venue, "facilitator": workshop.facilitator,
            "starts_at": workshop.starts_at, "ends_at": workshop.ends_at,
            "current_step": workshop.current_step, "updated_at": now_iso()})

    def set_current_step(self, workshop_id: int, index: int) -> None:
        """Remember which step the workshop is on, to return there on reopening."""
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            # Stored, it would make the workshop fail validation on every load.
            raise ValidationError("current_step", "The current step cannot be negative.")
        with self.db.atomic():
            self._require(workshop_id)
            self.db.execute("UPDATE workshops SET current_step = ? WHERE id = ?",
                            [index, workshop_id])

    def delete_workshop(self, workshop_id: int) -> None:
        """Remove a workshop and everything captured in it."""
        self._require(workshop_id)
        with self.db.atomic():
            self.db["workshops"].delete(workshop_id)

    def load(self, workshop_id: int) -> WorkshopData:
        """Everything about one workshop, for the windows and for export."""
        return WorkshopData(
            workshop=self.workshop(workshop_id),
            organisations=self.organisations(workshop_id),
            participants=self.participants(workshop_id),
            steps=self.steps(workshop_id),
            contributions=[self._contribution(r) for r in self._rows(
                "contributions", "workshop_id = ?", [workshop_id],
                order_by="step_id, position, id")],
            actions=self.actions(workshop_id),
            items=[self._item(r) for r in self._rows(
                "step_items", "workshop_id = ?", [workshop_id],
                order_by="step_id, position, id")],
        )

    def _require(self, workshop_id: int | None) -> None:
        self.workshop(workshop_id)  # type: ignore[arg-type]

    def _touch(self, workshop_id: int | None) -> None:
        self.db.execute("UPDATE workshops SET updated_at = ? WHERE id = ?",
                        [now_iso(), workshop_id])

    # ------------------------------------------------- partners and people

    def organisations(self, workshop_id: int) -> list[Organisation]:
        """The partner organisations, in the order they were listed."""
        return [
            Organisation(id=r["id"], workshop_id=r["workshop_id"], name=r["name"],
                         short_name=r["short_name"])
            for r in self._rows(
                "organisations", "workshop_id = ?", [workshop_id], order_by="position, id")
        ]

    def participants(self, workshop_id: int) -> list[Participant]:
        """The participants recorded (often none)."""
        return [
            Participant(id=r["id"], workshop_id=r["workshop_id"], name=r["name"],
                        organisation_id=r["organisation_id"], role=r["role"])
            for r in self._rows(
                "participants", "workshop_id = ?", [workshop_id], order_by="position, id")
        ]

    # ---------------------------------------------------------------- steps

    def steps(self, workshop_id: int) -> list[Step]:
        """The agenda, in order."""
        return [
            Step(id=r["id"], workshop_id=r["workshop_id"], position=r["position"],
                 type=r["type"], title=r["title"], prompt=r["prompt"],
                 minutes=r["minutes"], exercise_key=r["exercise_key"],
                 script=r["script"], config=json.loads(r["config"]),
                 state=json.loads(r["state"]))
            for r in self._rows(
                "steps", "workshop_id = ?", [workshop_id], order_by="position, id")
        ]

    def set_step_state(self, step_id: int, state: dict[str, Any]) -> None:
        """Remember a step's run state (revealed, current phase) for reopening."""
        with self.db.atomic():
            row = self._step_row(step_id)
            self.db["steps"].update(step_id, {"state": json.dumps(state, ensure_ascii=False)})
            self._touch(row["workshop_id"])

    # ------------------------------------------------------------ step items

    def add_item(self, item: StepItem) -> StepItem:
        """Store a new record of a step (a vote, a rating...) at the end; returns it."""
        with self.db.atomic():
            step = self._step_row(item.step_id)
            position = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM step_items WHERE step_id = ?",
                [item.step_id]).fetchone()[0]
            return self._insert_item(replace(item, id=None, workshop_id=step["workshop_id"],
                                             position=position))

    def restore_item(self, item: StepItem) -> None:
        """Put back a record exactly as it was (undo of a delete)."""
        with self.db.atomic():
            self._insert_item(item)

    def _insert_item(self, item: StepItem) -> StepItem:
        row = {"workshop_id": item.workshop_id, "step_id": item.step_id, "kind": item.kind,
               "data": json.dumps(dict(item.data), ensure_ascii=False), "uid": item.uid,
               "position": item.position, "created_at": item.created_at}
        if item.id is not None:
            row["id"] = item.id
        new_id = self.db["step_items"].insert(row).last_pk
        self._touch(item.workshop_id)
        return replace(item, id=int(new_id))

    def update_item(self, item: StepItem) -> None:
        """Write a record's data (and position)."""
        with self.db.atomic():
            row = self._item_row(item.id)
            self.db["step_items"].update(item.id, {
                "data": json.dumps(dict(item.data), ensure_ascii=False),
                "position": item.position})
            self._touch(row["workshop_id"])

    def delete_item(self, item_id: int) -> None:
        """Remove one record."""
        with self.db.atomic():
            row = self._item_row(item_id)
            self.db["step_items"].delete(item_id)
            self._touch(row["workshop_id"])

    def item(self, item_id: int) -> StepItem:
        """One record by id."""
        return self._item(self._item_row(item_id))

    def items(self, step_id: int) -> list[StepItem]:
        """The records of one step, in order."""
        return [self._item(r) for r in self._rows(
            "step_items", "step_id = ?", [step_id], order_by="position, id")]

    def _item_row(self, item_id: int | None) -> dict[str, Any]:
        rows = self._rows("step_items", "id = ?", [item_id])
        if not rows:
            raise NotFoundError(f"There is no record with id {item_id}.")
        return rows[0]

    @staticmethod
    def _item(r: dict[str, Any]) -> StepItem:
        return StepItem(id=r["id"], workshop_id=r["workshop_id"], step_id=r["step_id"],
                        kind=r["kind"], data=json.loads(r["data"]), uid=r["uid"],
                        position=r["position"], created_at=r["created_at"])

    # -------------------------------------------------------- contributions

    def add_contribution(self, contribution: Contribution) -> Contribution:
        """Store a new note at the end of its step's board; returns it with its id."""
        with self.db.atomic():
            step = self._step_row(contribution.step_id)
            position = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM contributions "
                "WHERE step_id = ?", [contribution.step_id]).fetchone()[0]
            stored = replace(contribution, id=None, workshop_id=step["workshop_id"],
                             position=position)
            return self._insert_contribution(stored)

    def restore_contribution(self, contribution: Contribution) -> None:
        """Put back a note exactly as it was (same id and place): undo of a delete."""
        with self.db.atomic():
            self._insert_contribution(contribution)

    def _insert_contribution(self, c: Contribution) -> Contribution:
        row = {"workshop_id": c.workshop_id, "step_id": c.step_id, "text": c.text,
               "organisation_id": c.organisation_id, "section": c.section,
               "position": c.position, "created_at": c.created_at, "uid": c.uid,
               "colour": c.colour, "category": c.category}
        if c.id is not None:
            row["id"] = c.id
        new_id = self.db["contributions"].insert(row).last_pk
        self._touch(c.workshop_id)
        return replace(c, id=int(new_id))

    def update_contribution(self, contribution: Contribution) -> None:
        """Write a note's text, organisation and section."""
        with self.db.atomic():
            row = self._contribution_row(contribution.id)
            self.db["contributions"].update(contribution.id, {
                "text": contribution.text, "section": contribution.section,
                "organisation_id": contribution.organisation_id,
                "colour": contribution.colour, "category": contribution.category})
            self._touch(row["workshop_id"])  # the stored one: the caller's may be None

    def delete_contribution(self, contribution_id: int) -> None:
        """Remove one note."""
        with self.db.atomic():
            row = self._contribution_row(contribution_id)
            self.db["contributions"].delete(contribution_id)
            self._touch(row["workshop_id"])

    def contribution(self, contribution_id: int) -> Contribution:
        """One note by id."""
        return self._contribution(self._contribution_row(contribution_id))

    def contributions(self, step_id: int) -> list[Contribution]:
        """The notes of one step, in board order."""
        return [
            self._contribution(r) for r in self._rows(
                "contributions", "step_id = ?", [step_id], order_by="position, id")
        ]

    def _contribution_row(self, contribution_id: int | None) -> dict[str, Any]:
        rows = self._rows("contributions", "id = ?", [contribution_id])
        if not rows:
            raise NotFoundError(f"There is no note with id {contribution_id}.")
        return rows[0]

    def _step_row(self, step_id: int | None) -> dict[str, Any]:
        rows = self._rows("steps", "id = ?", [step_id])
        if not rows:
            raise NotFoundError(f"There is no step with id {step_id}.")
        return rows[0]

    @staticmethod
    def _contribution(r: dict[str, Any]) -> Contribution:
        return Contribution(id=r["id"], workshop_id=r["workshop_id"],
                            step_id=r["step_id"], text=r["text"],
                            organisation_id=r["organisation_id"], section=r["section"],
                            position=r["position"], created_at=r["created_at"],
                            uid=r["uid"], colour=r["colour"], category=r["category"])

    # -------------------------------------------------------------- actions

    def add_action(self, action: Action, *, workshop_id: int) -> Action:
        """Store a new action at the end of the plan; returns it with its id."""
        with self.db.atomic():
            self._require(workshop_id)
            position = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM actions "
                "WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
            return self._insert_action(replace(action, id=None, workshop_id=workshop_id,
                                               position=position))

    def restore_action(self, action: Action) -> None:
        """Put back an action exactly as it was: undo of a delete."""
        with self.db.atomic():
            self._insert_action(action)

    def _insert_action(self, a: Action) -> Action:
        row = {"workshop_id": a.workshop_id, "step_id": a.step_id, "text": a.text,
               "owner": a.owner, "organisation_id": a.organisation_id,
               "due": _iso(a.due), "first_step": a.first_step, "measure": a.measure,
               "theme": a.theme, "small_test": int(a.small_test),
               "review_date": _iso(a.review_date), "position": a.position,
               "created_at": a.created_at}
        if a.id is not None:
            row["id"] = a.id
        new_id = self.db["actions"].insert(row).last_pk
        self._touch(a.workshop_id)
        return replace(a, id=int(new_id))

    def update_action(self, action: Action) -> None:
        """Write every field of an action."""
        with self.db.atomic():
            rows = self._rows("actions", "id = ?", [action.id])
            if not rows:
                raise NotFoundError(f"There is no action with id {action.id}.")
            self.db["actions"].update(action.id, {
                "text": action.text, "owner": action.owner,
                "organisation_id": action.organisation_id, "due": _iso(action.due),
                "first_step": action.first_step, "measure": action.measure,
                "theme": action.theme, "small_test": int(action.small_test),
                "review_date": _iso(action.review_date)})
            self._touch(rows[0]["workshop_id"])  # the stored one: the caller's may be None

    def delete_action(self, action_id: int) -> None:
        """Remove one action."""
        with self.db.atomic():
            rows = self._rows("actions", "id = ?", [action_id])
            if not rows:
                raise NotFoundError(f"There is no action with id {action_id}.")
            self.db["actions"].delete(action_id)
            self._touch(rows[0]["workshop_id"])

    def actions(self, workshop_id: int) -> list[Action]:
        """The workshop's actions, in the order they were agreed."""
        return [
            Action(id=r["id"], workshop_id=r["workshop_id"], step_id=r["step_id"],
                   text=r["text"], owner=r["owner"],
                   organisation_id=r["organisation_id"], due=r["due"],
                   first_step=r["first_step"], measure=r["measure"], theme=r["theme"],
                   small_test=bool(r["small_test"]), review_date=r["review_date"],
                   position=r["position"], created_at=r["created_at"])
            for r in self._rows(
                "actions", "workshop_id = ?", [workshop_id], order_by="position, id")
        ]

    # =====================================================================
    # Preparing a workshop: the workshop editor's writes
    #
    # Partners, participants and the agenda. Each method is one transaction
    # and keeps the workshop on the step it was on; save_plan runs them all
    # in one, so a Save of the editor is written whole or not at all. A step
    # that holds what the room produced is removed only when confirmed.
    # =====================================================================

    def step_captures(self, step_id: int) -> StepCaptures:
        """What the room has produced on a step: notes, records and actions."""
        row = self._step_row(step_id)

        def count(table: str) -> int:
            return int(self.db.execute(f"SELECT count(*) FROM {table} WHERE step_id = ?",
                                       [step_id]).fetchone()[0])

        return StepCaptures(title=row["title"], notes=count("contributions"),
                            records=count("step_items"), actions=count("actions"))

    def organisation_uses(self, organisation_id: int) -> int:
        """How many notes, actions and participants are tagged with a partner."""
        return int(sum(
            self.db.execute(f"SELECT count(*) FROM {table} WHERE organisation_id = ?",
                            [organisation_id]).fetchone()[0]
            for table in ("contributions", "actions", "participants")))

    def set_organisations(self, workshop_id: int,
                          organisations: Sequence[Organisation]) -> dict[int, int]:
        """Make the workshop's partners exactly these, in this order.

        A partner with the id of one of the workshop's own is updated (renamed,
        given a short name, moved); one with no id or a negative (temporary) id
        is added; a partner not listed is removed, and the notes, actions and
        participants tagged with it keep everything but the tag. Returns every
        id given (temporary ones too) mapped to the stored id.
        """
        with self.db.atomic():
            self._require(workshop_id)
            stored = self._ids("organisations", workshop_id)
            keep = self._listed_ids([o.id for o in organisations], stored, "partner")
            for old in stored - keep:
                self.db["organisations"].delete(old)
            ids: dict[int, int] = {}
            for i, org in enumerate(organisations):
                row = {"name": org.name, "short_name": org.short_name, "position": i}
                if org.id is not None and org.id > 0:
                    self.db["organisations"].update(org.id, row)
                    ids[org.id] = org.id
                else:
                    new = int(self.db["organisations"].insert(
                        {"workshop_id": workshop_id, **row}).last_pk)
                    if org.id is not None:
                        ids[org.id] = new
            self._touch(workshop_id)
        return ids

    def set_participants(self, workshop_id: int,
                         participants: Sequence[Participant]) -> None:
        """Make the workshop's participant list exactly these, in this order.

        Each one's organisation must be one of the workshop's partners (or none).
        """
        with self.db.atomic():
            self._require(workshop_id)
            stored = self._ids("participants", workshop_id)
            keep = self._listed_ids([p.id for p in participants], stored, "participant")
            partners = self._ids("organisations", workshop_id)
            for old in stored - keep:
                self.db["participants"].delete(old)
            for i, p in enumerate(participants):
                if p.organisation_id is not None and p.organisation_id not in partners:
                    raise NotFoundError(f"{p.name}'s organisation (id {p.organisation_id}) "
                                        "is not one of this workshop's partners.")
                row = {"name": p.name, "organisation_id": p.organisation_id,
                       "role": p.role, "position": i}
                if p.id is not None and p.id > 0:
                    self.db["participants"].update(p.id, row)
                else:
                    self.db["participants"].insert({"workshop_id": workshop_id, **row})
            self._touch(workshop_id)

    def add_step(self, workshop_id: int, step: Step, *, position: int | None = None) -> Step:
        """Put a new step on the agenda at ``position`` (default: the end); returns it."""
        with self.db.atomic(), self._keeping_current_step(workshop_id):
            order = self._step_order(workshop_id)
            at = len(order) if position is None else max(0, min(position, len(order)))
            new_id = int(self.db["steps"].insert({
                "workshop_id": workshop_id, "position": len(order), "type": step.type,
                "title": step.title, "prompt": step.prompt, "minutes": step.minutes,
                "exercise_key": step.exercise_key, "script": step.script,
                "config": json.dumps(dict(step.config), ensure_ascii=False),
                "state": json.dumps(dict(step.state), ensure_ascii=False),
            }).last_pk)
            self._set_positions([*order[:at], new_id, *order[at:]])
            self._touch(workshop_id)
        return replace(step, id=new_id, workshop_id=workshop_id, position=at)

    def update_step(self, step: Step) -> None:
        """Write what the editor changes of a step: title, prompt, minutes, settings.

        Its type stays (what was captured depends on it), and so does its run
        state (the console keeps that).
        """
        with self.db.atomic():
            row = self._step_row(step.id)
            if row["type"] != step.type:
                raise ValidationError("type", "A step's type cannot be changed: add a new "
                                              "step of the other type instead.")
            self.db["steps"].update(step.id, {
                "title": step.title, "prompt": step.prompt, "minutes": step.minutes,
                "exercise_key": step.exercise_key, "script": step.script,
                "config": json.dumps(dict(step.config), ensure_ascii=False)})
            self._touch(row["workshop_id"])

    def remove_step(self, step_id: int, *, confirmed: bool = False) -> None:
        """Take a step off the agenda.

        A step holding notes, records or actions is refused with
        ``StepHasCapturesError`` unless ``confirmed``; then its notes and records
        go with it, while its actions stay in the plan.
        """
        with self.db.atomic():
            row = self._step_row(step_id)
            captured = self.step_captures(step_id)
            if captured.total and not confirmed:
                raise StepHasCapturesError(
                    f"The step “{captured.title}” holds {captured.describe()}: confirm "
                    "to remove it with them.")
            workshop_id = row["workshop_id"]
            with self._keeping_current_step(workshop_id):
                self.db["steps"].delete(step_id)
                self._set_positions(self._step_order(workshop_id))
            self._touch(workshop_id)

    def reorder_steps(self, workshop_id: int, step_ids: Sequence[int]) -> None:
        """Put the agenda in this order: ``step_ids`` lists each of its steps once."""
        with self.db.atomic(), self._keeping_current_step(workshop_id):
            order = self._step_order(workshop_id)
            if sorted(step_ids) != sorted(order):
                raise ValidationError("steps", "A new order must list every step of the "
                                               "agenda exactly once.")
            self._set_positions(list(step_ids))
            self._touch(workshop_id)

    def save_plan(self, plan: WorkshopPlan, *, confirmed_removals: Iterable[int] = ()) -> None:
        """Write the workshop editor's whole plan in one transaction.

        The workshop's details, its partners and participants, and its agenda:
        steps with an id are updated and put in order, those without are added,
        and steps left out are removed (each one holding captured data only if
        its id is in ``confirmed_removals``). Any problem: nothing is written.
        The workshop stays on the step it was on, wherever that step now is.
        """
        from collabfacil.domain.planning import check_plan

        check_plan(plan)
        w = plan.workshop
        workshop_id = w.id
        confirmed = set(confirmed_removals)
        with self.db.atomic():
            self._require(workshop_id)
            assert workshop_id is not None
            self.db["workshops"].update(workshop_id, {
                "title": w.title, "date": _iso(w.date), "venue": w.venue,
                "facilitator": w.facilitator, "starts_at": w.starts_at,
                "ends_at": w.ends_at, "template_key": w.template_key})
            org_ids = self.set_organisations(workshop_id, plan.organisations)
            self.set_participants(workshop_id, [
                replace(p, organisation_id=org_ids.get(p.organisation_id, p.organisation_id))
                if p.organisation_id is not None else p for p in plan.participants])
            stored = set(self._step_order(workshop_id))
            keep = self._listed_ids([s.id for s in plan.steps], stored, "step")
            for old in sorted(stored - keep):
                self.remove_step(old, confirmed=old in confirmed)
            order: list[int] = []
            for step in plan.steps:
                if step.id is None:
                    added = self.add_step(workshop_id, step)
                    assert added.id is not None
                    order.append(added.id)
                else:
                    self.update_step(step)
                    order.append(step.id)
            self.reorder_steps(workshop_id, order)

    def _ids(self, table: str, workshop_id: int) -> set[int]:
        return {int(r[0]) for r in self.db.execute(
            f"SELECT id FROM {table} WHERE workshop_id = ?", [workshop_id]).fetchall()}

    @staticmethod
    def _listed_ids(given: Sequence[int | None], stored: set[int], what: str) -> set[int]:
        """The stored ids a new list keeps; refuses a repeated or a foreign one."""
        kept = [i for i in given if i is not None and i > 0]
        if len(set(kept)) != len(kept):
            raise ValidationError(what + "s", f"The same {what} is listed twice.")
        for i in kept:
            if i not in stored:
                raise NotFoundError(f"There is no {what} with id {i} in this workshop.")
        return set(kept)

    def _step_order(self, workshop_id: int) -> list[int]:
        return [int(r[0]) for r in self.db.execute(
            "SELECT id FROM steps WHERE workshop_id = ? ORDER BY position, id",
            [workshop_id]).fetchall()]

    def _set_positions(self, step_ids: Sequence[int]) -> None:
        for i, step_id in enumerate(step_ids):
            self.db.execute("UPDATE steps SET position = ? WHERE id = ?", [i, step_id])

    @contextmanager
    def _keeping_current_step(self, workshop_id: int) -> Iterator[None]:
        """Keep the workshop on the same step while the agenda changes around it
        (or, if that step goes, on the one now in its place)."""
        index = int(self.workshop(workshop_id).current_step)
        before = self._step_order(workshop_id)
        current = before[min(index, len(before) - 1)] if before else None
        yield
        after = self._step_order(workshop_id)
        new = after.index(current) if current in after else min(index, max(len(after) - 1, 0))
        if new != index:
            self.db.execute("UPDATE workshops SET current_step = ? WHERE id = ?",
                            [new, workshop_id])


@frozen
class StepCaptures:
    """What the room has produced on one step (see ``step_captures``)."""

    title: str
    notes: int
    records: int
    actions: int

    @property
    def total(self) -> int:
        return self.notes + self.records + self.actions

    def describe(self) -> str:
        """E.g. "12 notes and 3 actions"."""
        parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in (
            (self.notes, "note"), (self.records, "record"), (self.actions, "action")) if n]
        if not parts:
            return "nothing captured"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
