"""The JSON exchange format: one workshop as one versioned, self-contained document.

Used to move a workshop between machines and to archive it. The document holds
no database ids: organisations and steps carry a document-local ``ref`` that
other objects point at, and contributions sit inside their step. Reading checks
everything before anything is written, and names the JSON path of the first
problem (``steps[2].contributions[0].text: ...``). docs/exchange-format.md is
the full description.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from collabfacil import __version__
from collabfacil.domain.errors import CollabFacilError, ValidationError
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
from collabfacil.domain.steps import check_item, step_type
from collabfacil.export.anonymise import anonymise as anonymise_data
from collabfacil.export.files import write_atomically
from collabfacil.storage.repository import WorkshopRepository

FORMAT = "collabfacil.workshop"
VERSION = 1

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_T = TypeVar("_T")


class ExchangeError(CollabFacilError):
    """A workshop file cannot be read or imported; nothing was changed."""


# ------------------------------------------------------------------ writing


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_document(data: WorkshopData, *,
                exported_at: str | None = None) -> dict[str, Any]:
    """The workshop as a JSON-ready document (plain dicts, lists and strings)."""
    org_refs = {o.id: f"org-{i + 1}" for i, o in enumerate(data.organisations)
                if o.id is not None}
    step_refs = {s.id: f"step-{i + 1}" for i, s in enumerate(data.steps)
                 if s.id is not None}

    def org_ref(org_id: int | None, what: str) -> str | None:
        if org_id is None:
            return None
        if org_id not in org_refs:
            raise ExchangeError(f"{what} refers to organisation {org_id}, "
                                "which is not one of the workshop's partners.")
        return org_refs[org_id]

    for c in data.contributions:
        if c.step_id not in step_refs:
            raise ExchangeError(f"The note '{c.text[:40]}' belongs to no step of "
                                "the workshop.")
    for a in data.actions:
        if a.step_id is not None and a.step_id not in step_refs:
            raise ExchangeError(f"The action '{a.text[:40]}' refers to step "
                                f"{a.step_id}, which is not in the workshop.")
    w = data.workshop
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at or now_iso(),
        "generator": f"CollabFacil {__version__}",
        "workshop": {
            "title": w.title, "date": _iso(w.date), "venue": w.venue,
            "facilitator": w.facilitator, "starts_at": w.starts_at,
            "ends_at": w.ends_at, "template_key": w.template_key,
            "current_step": w.current_step, "created_at": w.created_at,
        },
        "organisations": [
            {"ref": f"org-{i + 1}", "name": o.name, "short_name": o.short_name}
            for i, o in enumerate(data.organisations)
        ],
        "participants": [
            {"name": p.name, "role": p.role,
             "organisation": org_ref(p.organisation_id, "A participant")}
            for p in data.participants
        ],
        "steps": [
            {
                "ref": f"step-{i + 1}", "type": s.type, "title": s.title,
                "prompt": s.prompt, "minutes": s.minutes,
                "exercise_key": s.exercise_key, "script": s.script,
                "config": json.loads(json.dumps(dict(s.config))),  # a deep copy
                "state": json.loads(json.dumps(dict(s.state))),
                "contributions": [
                    {"uid": c.uid, "text": c.text, "section": c.section,
                     "organisation": org_ref(c.organisation_id, "A note"),
                     "colour": c.colour, "category": c.category,
                     "created_at": c.created_at}
                    for c in _in_order(data.contributions, s.id)
                ],
                "items": [
                    {"uid": it.uid, "kind": it.kind,
                     "data": json.loads(json.dumps(dict(it.data))),
                     "created_at": it.created_at}
                    for it in sorted(data.items_for(s.id), key=lambda it: it.position)
                ],
            }
            for i, s in enumerate(data.steps)
        ],
        "actions": [
            {
                "text": a.text, "owner": a.owner,
                "organisation": org_ref(a.organisation_id, "An action"),
                "due": _iso(a.due), "first_step": a.first_step,
                "measure": a.measure, "theme": a.theme, "small_test": a.small_test,
                "review_date": _iso(a.review_date), "step": step_refs.get(a.step_id),
                "created_at": a.created_at,
            }
            for a in sorted(data.actions, key=lambda a: a.position)
        ],
    }


def _in_order(contributions: list[Contribution], step_id: int | None,
              ) -> list[Contribution]:
    """A step's notes in board order (a step with no id has none)."""
    if step_id is None:
        return []
    return sorted((c for c in contributions if c.step_id == step_id),
                  key=lambda c: c.position)


def dumps(data: WorkshopData, *, anonymise: bool = False,
          exported_at: str | None = None) -> str:
    """The document as JSON text: UTF-8 friendly, indented, ending with a newline."""
    if anonymise:
        data = anonymise_data(data)
    doc = to_document(data, exported_at=exported_at)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_json(data: WorkshopData, path: Path, *, anonymise: bool = False) -> None:
    """Write the workshop to ``path`` as a complete file or not at all."""
    write_atomically(Path(path), dumps(data, anonymise=anonymise).encode("utf-8"))


# ------------------------------------------------------------------ reading


def _kind(value: object) -> str:
    """How a JSON value is described in messages."""
    if isinstance(value, bool):
        return "true/false"
    return {type(None): "null", int: "a whole number", float: "a decimal number",
            str: "text", list: "a list"}.get(type(value), "an object")


_WANT = {str: "text", int: "a whole number", bool: "true or false",
         dict: "an object", list: "a list"}


class _Obj:
    """One JSON object being read; every problem names its JSON path."""

    def __init__(self, value: object, path: str, allowed: tuple[str, ...]) -> None:
        self.path = path
        if not isinstance(value, dict):
            raise ExchangeError(f"{path}: must be an object, not {_kind(value)}.")
        self.data: dict[str, Any] = value
        for key in value:
            if key not in allowed:
                raise self.fail(key, "unknown field (was the file written by a newer "
                                     "CollabFacil?)")

    def at(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, problem: str) -> ExchangeError:
        return ExchangeError(f"{self.at(name)}: {problem}")

    def get(self, name: str, kind: type, *, default: Any = ...,
            nullable: bool = False) -> Any:
        """The field's value, checked against its JSON type."""
        if name not in self.data:
            if default is ...:
                raise self.fail(name, "this field is missing.")
            return default
        value = self.data[name]
        if value is None and nullable:
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            want = _WANT[kind] + (" or null" if nullable else "")
            raise self.fail(name, f"must be {want}, not {_kind(value)}.")
        return value

    def text(self, name: str, *, required: bool = True) -> str:
        """Text; an optional field may be left out or null (both read as "")."""
        if required:
            return str(self.get(name, str))
        return str(self.get(name, str, default="", nullable=True) or "")

    def date(self, name: str, *, required: bool) -> str | None:
        value = self.get(name, str, default=... if required else None, nullable=True)
        if value is None:
            if required:
                raise self.fail(name, "must be a date like 2026-03-31, not null.")
            return None
        if not _DATE.match(value):
            raise self.fail(name, f"'{value[:40]}' is not a date like 2026-03-31.")
        return str(value)  # the model checks it is a real date

    def timestamp(self, name: str) -> dict[str, str]:
        """``{name: value}`` when present (to pass on), ``{}`` when left out."""
        value = self.get(name, str, default=None)
        if value is None:
            return {}
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(name, f"'{value[:40]}' is not a date and time like "
                                  "2026-03-12T09:30:00+00:00.") from None
        return {name: value}

    def ref(self, name: str, known: Mapping[str, int], what: str) -> int | None:
        value = self.get(name, str, default=None, nullable=True)
        if value is None:
            return None
        if value not in known:
            raise self.fail(name, f"there is no {what} with ref '{value[:40]}'.")
        return known[value]

    def items(self, name: str) -> list[tuple[str, object]]:
        """The elements of a list field (empty when left out), with their paths."""
        values = self.get(name, list, default=[])
        return [(f"{self.at(name)}[{i}]", v) for i, v in enumerate(values)]


def _make(path: str, make: Callable[..., _T], **fields: Any) -> _T:
    """Build a model object, turning its ValidationError into a path-named one."""
    try:
        return make(**fields)
    except ValidationError as exc:
        raise ExchangeError(f"{path}.{exc.field}: {exc.message}") from None


def _check_header(doc: object) -> None:
    if not isinstance(doc, dict):
        raise ExchangeError("This is not a CollabFacil workshop file: it should "
                            f"hold one JSON object, not {_kind(doc)}.")
    fmt = doc.get("format")
    if fmt != FORMAT:
        shown = "missing" if fmt is None else f"'{str(fmt)[:40]}'"
        raise ExchangeError(f"This is not a CollabFacil workshop file (format is "
                            f"{shown}, expected '{FORMAT}').")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError(f"version: must be a whole number, not {_kind(version)}.")
    if version > VERSION:
        raise ExchangeError(f"This file was written by a newer CollabFacil (exchange "
                            f"format version {version}; this version reads up to "
                            f"{VERSION}). Update CollabFacil to import it.")
    if version < 1:
        raise ExchangeError(f"Unknown exchange format version {version}.")


def _refs(items: list[tuple[str, object]], what: str) -> dict[str, int]:
    """Map each element's ``ref`` to a temporary id (1, 2, ...), refusing repeats."""
    refs: dict[str, int] = {}
    for path, value in items:
        if not isinstance(value, dict):
            raise ExchangeError(f"{path}: must be an object, not {_kind(value)}.")
        ref = value.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            problem = ("this field is missing." if "ref" not in value else
                       f"must be text that is not empty, not {_kind(ref)}.")
            raise ExchangeError(f"{path}.ref: {problem}")
        if ref in refs:
            raise ExchangeError(f"{path}.ref: '{ref[:40]}' is used by two {what}s.")
        refs[ref] = len(refs) + 1
    return refs


_TOP = ("format", "version", "exported_at", "generator", "workshop",
        "organisations", "participants", "steps", "actions")
_WORKSHOP = ("title", "date", "venue", "facilitator", "starts_at", "ends_at",
             "template_key", "current_step", "created_at")
_ORG = ("ref", "name", "short_name")
_PERSON = ("name", "organisation", "role")
_STEP = ("ref", "type", "title", "prompt", "minutes", "exercise_key", "script",
         "config", "state", "contributions", "items")
_NOTE = ("uid", "text", "section", "organisation", "colour", "category", "created_at")
_ITEM = ("uid", "kind", "data", "created_at")
_ACTION = ("text", "owner", "organisation", "due", "first_step", "measure", "theme",
           "small_test", "review_date", "step", "created_at")


def _uid(obj: _Obj) -> dict[str, str]:
    """``{"uid": value}`` when present; a new uid is made when it is left out."""
    value = obj.get("uid", str, default=None)
    return {} if value is None else {"uid": value}


def _step(path: str, value: object, temp_id: int, orgs: Mapping[str, int],
          ) -> tuple[Step, list[Contribution], list[StepItem]]:
    s = _Obj(value, path, _STEP)
    type_name = s.text("type")
    try:
        check = step_type(type_name).check_config
    except ValidationError as exc:
        raise s.fail("type", exc.message) from None
    config = s.get("config", dict, default={})
    try:  # here too (the model checks it again) to name the path: config.sections
        check(config)
    except ValidationError as exc:
        raise s.fail(f"config.{exc.field}", exc.message) from None
    step = _make(path, Step, id=temp_id, type=type_name, title=s.text("title"),
                 prompt=s.text("prompt", required=False),
                 minutes=s.get("minutes", int, default=10),
                 exercise_key=s.text("exercise_key", required=False),
                 script=s.text("script", required=False), config=config,
                 state=s.get("state", dict, default={}), position=temp_id - 1)
    notes = []
    for i, (npath, nvalue) in enumerate(s.items("contributions")):
        n = _Obj(nvalue, npath, _NOTE)
        notes.append(_make(npath, Contribution, step_id=temp_id, text=n.text("text"),
                           section=n.text("section", required=False),
                           organisation_id=n.ref("organisation", orgs, "organisation"),
                           colour=n.text("colour", required=False),
                           category=n.text("category", required=False),
                           position=i, **n.timestamp("created_at"), **_uid(n)))
    records = []
    for i, (ipath, ivalue) in enumerate(s.items("items")):
        it = _Obj(ivalue, ipath, _ITEM)
        kind = it.text("kind")
        try:
            data = check_item(type_name, kind, it.get("data", dict))
        except ValidationError as exc:
            raise it.fail("data" if exc.field != "kind" else "kind", exc.message) from None
        records.append(_make(ipath, StepItem, step_id=temp_id, kind=kind, data=data,
                             position=i, **it.timestamp("created_at"), **_uid(it)))
    return step, notes, records


def from_document(doc: object) -> WorkshopData:
    """Read and check a whole document; ExchangeError names the first problem.

    The objects carry temporary ids (1, 2, ...) that link them together, for
    :meth:`WorkshopRepository.insert_workshop_data` to replace with real ones.
    """
    _check_header(doc)
    top = _Obj(doc, "", _TOP)
    top.get("exported_at", str, default="")
    top.get("generator", str, default="")
    w = _Obj(top.get("workshop", dict), "workshop", _WORKSHOP)
    workshop = _make("workshop", Workshop, title=w.text("title"),
                     date=w.date("date", required=False),
                     venue=w.text("venue", required=False),
                     facilitator=w.text("facilitator", required=False),
                     starts_at=w.text("starts_at", required=False),
                     ends_at=w.text("ends_at", required=False),
                     template_key=w.text("template_key", required=False),
                     current_step=w.get("current_step", int, default=0),
                     **w.timestamp("created_at"))

    org_items = top.items("organisations")
    orgs = _refs(org_items, "organisation")
    organisations = []
    for path, value in org_items:
        o = _Obj(value, path, _ORG)
        organisations.append(_make(path, Organisation, id=orgs[o.text("ref")],
                                   name=o.text("name"),
                                   short_name=o.text("short_name", required=False)))
    participants = []
    for path, value in top.items("participants"):
        p = _Obj(value, path, _PERSON)
        participants.append(_make(path, Participant, name=p.text("name"),
                                  organisation_id=p.ref("organisation", orgs,
                                                        "organisation"),
                                  role=p.text("role", required=False)))
    step_items = top.items("steps")
    step_refs = _refs(step_items, "step")
    steps, contributions, records = [], [], []
    for path, value in step_items:
        step, notes, step_records = _step(path, value, len(steps) + 1, orgs)
        steps.append(step)
        contributions.extend(notes)
        records.extend(step_records)
    _unique_uids(contributions, records)
    if workshop.current_step >= max(len(steps), 1):
        raise w.fail("current_step", f"is {workshop.current_step}, but the workshop "
                                     f"has {len(steps)} steps (counting from 0).")
    actions = []
    for i, (path, value) in enumerate(top.items("actions")):
        a = _Obj(value, path, _ACTION)
        actions.append(_make(
            path, Action, text=a.text("text"), owner=a.text("owner"),
            due=a.date("due", required=True), first_step=a.text("first_step"),
            organisation_id=a.ref("organisation", orgs, "organisation"),
            measure=a.text("measure", required=False),
            theme=a.text("theme", required=False),
            small_test=a.get("small_test", bool, default=False),
            review_date=a.date("review_date", required=False),
            step_id=a.ref("step", step_refs, "step"), position=i,
            **a.timestamp("created_at")))
    return WorkshopData(workshop, organisations, participants, steps,
                        contributions, actions, records)


def _unique_uids(notes: list[Contribution], records: list[StepItem]) -> None:
    seen: set[str] = set()
    for uid in [n.uid for n in notes] + [r.uid for r in records]:
        if uid in seen:
            raise ExchangeError(f"The uid '{uid[:40]}' is used twice in the file.")
        seen.add(uid)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a workshop file")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key '{key[:40]}' appears twice in one object")
        out[key] = value
    return out


def parse(text: str, *, source: str = "The file") -> WorkshopData:
    """Parse JSON text and read the workshop in it."""
    try:
        doc = json.loads(text, parse_constant=_refuse_constant,
                         object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{source} is not valid JSON: {exc.msg} at line "
                            f"{exc.lineno}, column {exc.colno}.") from None
    except ValueError as exc:
        raise ExchangeError(f"{source} cannot be imported: {exc}.") from None
    except RecursionError:
        raise ExchangeError(f"{source} is nested too deeply to be a "
                            "workshop file.") from None
    return from_document(doc)


MAX_FILE_BYTES = 25 * 1024 * 1024  # far above any real workshop (2,000 notes: ~1 MB)


def read_file(path: Path) -> WorkshopData:
    """Read and check a workshop file, without touching any database."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ExchangeError(
                f"{path} is {size / 1024 / 1024:.0f} MB: too large to be a workshop file "
                f"(the limit is {MAX_FILE_BYTES // 1024 // 1024} MB).")
        raw = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{path} is not UTF-8 text (byte {exc.start + 1} "
                            "cannot be read); it is not a workshop file.") from None
    return parse(text, source=str(path))


def import_file(path: Path, repo: WorkshopRepository) -> int:
    """Import a workshop file as a new workshop; return its id.

    Everything is checked before anything is written, and the write is one
    transaction: an import that fails or is killed half-way leaves nothing.
    """
    return repo.insert_workshop_data(read_file(path))
