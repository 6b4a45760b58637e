"""The workshop and what it captures, as plain validated dataclasses.

Every object checks its own fields when it is made, so an invalid one cannot
exist: a bad value raises :class:`ValidationError` naming the field. No Qt, no
SQL here.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.text import clean_text, parse_date

if TYPE_CHECKING:
    from collabfacil.domain.phases import Phase

TITLE_MAX = 200
NAME_MAX = 120
NOTE_MAX = 2000
PROMPT_MAX = 4000
MINUTES_MAX = 600
_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Note colours: the Okabe–Ito names, so colour-blind readers can tell them apart.
NOTE_COLOURS = ("", "orange", "sky", "green", "yellow", "blue", "vermilion", "purple")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def new_uid() -> str:
    """A new permanent name for a note or item (32 hex digits, 128 random bits)."""
    return os.urandom(16).hex()


def _check_uid(uid: object) -> None:
    if not isinstance(uid, str) or not _UID.match(uid):
        raise ValidationError("uid", "A uid must be 1 to 64 letters, digits, '-' or '_'.")


def now_iso() -> str:
    """The current UTC time as an ISO string, the form timestamps are stored in."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _clock(value: str, *, field: str, label: str) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label} must be a time like 09:30.")
    value = value.strip()
    if value and not _CLOCK.match(value):
        raise ValidationError(field, f"{label} '{value[:20]}' is not a time like 09:30.")
    return value


@frozen
class Workshop:
    """One workshop: what it is, when and where, and which step it is on."""

    title: str
    date: date | None = None
    venue: str = ""
    facilitator: str = ""
    starts_at: str = ""
    ends_at: str = ""
    template_key: str = ""
    current_step: int = 0
    id: int | None = None
    created_at: str = field(default_factory=now_iso)

    def __post_init__(self) -> None:
        _set(self, "title", clean_text(self.title, field="title", label="The workshop title",
                                        max_length=TITLE_MAX, multiline=False))
        _set(self, "date", parse_date(self.date, field="date", label="The date"))
        _set(self, "venue", clean_text(self.venue, field="venue", label="The venue",
                                        max_length=TITLE_MAX, required=False,
                                        multiline=False))
        _set(self, "facilitator", clean_text(self.facilitator, field="facilitator",
                                              label="The facilitator's name",
                                              max_length=NAME_MAX, required=False,
                                              multiline=False))
        _set(self, "starts_at", _clock(self.starts_at, field="starts_at",
                                       label="The start time"))
        _set(self, "ends_at", _clock(self.ends_at, field="ends_at", label="The end time"))
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError("ends_at", "The end time must be after the start time.")
        if not isinstance(self.current_step, int) or isinstance(self.current_step, bool):
            raise ValidationError("current_step", "The current step must be a number.")
        if self.current_step < 0:
            raise ValidationError("current_step", "The current step cannot be negative.")

    def with_changes(self, **changes: Any) -> Workshop:
        """A copy with some fields changed, validated again."""
        return replace(self, **changes)


@frozen
class Organisation:
    """A partner organisation taking part, e.g. an acute trust or a charity."""

    name: str
    short_name: str = ""
    id: int | None = None
    workshop_id: int | None = None

    def __post_init__(self) -> None:
        _set(self, "name", clean_text(self.name, field="name",
                                      label="The organisation's name",
                                      max_length=NAME_MAX, multiline=False))
        short = clean_text(self.short_name, field="short_name",
                           label="The short name", max_length=24,
                           required=False, multiline=False)
        _set(self, "short_name", short)

    @property
    def label(self) -> str:
        """The short name where there is one: cards and tables are narrow."""
        return self.short_name or self.name


@frozen
class Participant:
    """Someone in the room (optional: many workshops record no names)."""

    name: str
    organisation_id: int | None = None
    role: str = ""
    id: int | None = None
    workshop_id: int | None = None

    def __post_init__(self) -> None:
        _set(self, "name", clean_text(self.name, field="name",
                                      label="The participant's name",
                                      max_length=NAME_MAX, multiline=False))
        _set(self, "role", clean_text(self.role, field="role", label="The role",
                                      max_length=NAME_MAX, required=False,
                                      multiline=False))


@frozen
class Step:
    """One agenda step: a step type with its title, prompt, minutes and settings."""

    type: str
    title: str
    prompt: str = ""
    minutes: int = 10
    exercise_key: str = ""
    script: str = ""
    config: Mapping[str, Any] = field(default_factory=dict)
    position: int = 0
    id: int | None = None
    workshop_id: int | None = None
    state: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from collabfacil.domain.phases import read_phases
        from collabfacil.domain.steps import step_type  # the registry of step types

        kind = step_type(self.type)  # raises ValidationError for an unknown type
        _set(self, "title", clean_text(self.title, field="title", label="The step title",
                                       max_length=TITLE_MAX, multiline=False))
        _set(self, "prompt", clean_text(self.prompt, field="prompt", label="The prompt",
                                        max_length=PROMPT_MAX, required=False))
        _set(self, "script", clean_text(self.script, field="script",
                                        label="The facilitator's script",
                                        max_length=PROMPT_MAX * 2, required=False))
        if (not isinstance(self.minutes, int) or isinstance(self.minutes, bool)
                or not 0 <= self.minutes <= MINUTES_MAX):
            raise ValidationError("minutes",
                                  f"Minutes must be a whole number from 0 to {MINUTES_MAX}.")
        if not isinstance(self.config, Mapping):
            raise ValidationError("config", "The step's settings must be a table.")
        # The same check an exercise file gets, so e.g. a brainstorm's sections
        # are always a list of distinct labels (raises naming the setting). Only
        # the keys given are kept, normalised: no defaults are added, so a
        # workshop file reads back exactly as it was written.
        checked = kind.check_config(self.config)
        read_phases(self.config)
        _set(self, "config", {k: checked.get(k, v) for k, v in self.config.items()})
        if not isinstance(self.state, Mapping):
            raise ValidationError("state", "The step's run state must be a table.")
        _set(self, "state", dict(self.state))

    @property
    def phases(self) -> list[Phase]:
        """The timed sub-phases ([] for a step run in one go)."""
        from collabfacil.domain.phases import read_phases

        return read_phases(self.config)

    @property
    def revealed(self) -> bool:
        """Whether results hidden from the room (votes, ratings, silent notes) are shown."""
        return bool(self.state.get("revealed", False))

    @property
    def sections(self) -> list[str]:
        """Column or canvas-section labels of a brainstorm ([] for one open board)."""
        return list(self.config.get("sections", []))


@frozen
class Contribution:
    """One thing the room said: a note on a board, captured by the facilitator.

    ``uid`` names the note for good (across export and import), so other
    records - a vote, a theme - can point at it.
    """

    step_id: int
    text: str
    organisation_id: int | None = None
    section: str = ""
    position: int = 0
    id: int | None = None
    workshop_id: int | None = None
    created_at: str = field(default_factory=now_iso)
    colour: str = ""
    category: str = ""
    uid: str = field(default_factory=new_uid)

    def __post_init__(self) -> None:
        _set(self, "text", clean_text(self.text, field="text", label="The note",
                                      max_length=NOTE_MAX))
        _set(self, "section", clean_text(self.section, field="section",
                                         label="The section", max_length=TITLE_MAX,
                                         required=False, multiline=False))
        if self.colour not in NOTE_COLOURS:
            raise ValidationError("colour", f"Unknown note colour '{self.colour}' "
                                  f"(use one of: {', '.join(c for c in NOTE_COLOURS if c)}).")
        _set(self, "category", clean_text(self.category, field="category",
                                          label="The category", max_length=TITLE_MAX,
                                          required=False, multiline=False))
        _check_uid(self.uid)


@frozen
class StepItem:
    """A record a step type keeps besides notes: a vote, a rating, a RACI cell...

    ``kind`` says what it is (each step type lists its kinds) and ``data`` holds
    its fields as plain JSON values; the step type checks them
    (``StepType.check_item``). Items refer to notes and to each other by ``uid``.
    """

    step_id: int
    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)
    position: int = 0
    id: int | None = None
    workshop_id: int | None = None
    uid: str = field(default_factory=new_uid)
    created_at: str = field(default_factory=now_iso)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or not _KIND.match(self.kind):
            raise ValidationError("kind", f"'{self.kind}' is not an item kind.")
        if not isinstance(self.data, Mapping):
            raise ValidationError("data", "An item's data must be a table of fields.")
        try:
            json.dumps(dict(self.data), allow_nan=False)
        except (TypeError, ValueError):
            raise ValidationError("data", "An item's data must be plain text, numbers, "
                                  "true/false, lists and tables.") from None
        _set(self, "data", dict(self.data))
        _check_uid(self.uid)


@frozen
class Action:
    """An agreed action: owner, due date and first step are required."""

    text: str
    owner: str
    due: date | None
    first_step: str
    organisation_id: int | None = None
    measure: str = ""
    theme: str = ""
    small_test: bool = False
    review_date: date | None = None
    step_id: int | None = None
    position: int = 0
    id: int | None = None
    workshop_id: int | None = None
    created_at: str = field(default_factory=now_iso)

    def __post_init__(self) -> None:
        _set(self, "text", clean_text(self.text, field="text", label="The action",
                                      max_length=NOTE_MAX))
        _set(self, "owner", clean_text(self.owner, field="owner",
                                       label="The owner", max_length=NAME_MAX,
                                       multiline=False))
        due = parse_date(self.due, field="due", label="The due date")
        if due is None:
            raise ValidationError("due", "The due date is empty: every action needs a date.")
        _set(self, "due", due)
        _set(self, "first_step", clean_text(self.first_step, field="first_step",
                                            label="The first step", max_length=NOTE_MAX))
        _set(self, "measure", clean_text(self.measure, field="measure",
                                         label="The measure", max_length=NOTE_MAX,
                                         required=False))
        _set(self, "theme", clean_text(self.theme, field="theme", label="The theme",
                                       max_length=TITLE_MAX, required=False,
                                       multiline=False))
        _set(self, "small_test", bool(self.small_test))
        review = parse_date(self.review_date, field="review_date",
                            label="The review date")
        _set(self, "review_date", review)


@frozen
class WorkshopData:
    """Everything about one workshop, read in one go: the input of every export."""

    workshop: Workshop
    organisations: list[Organisation]
    participants: list[Participant]
    steps: list[Step]
    contributions: list[Contribution]
    actions: list[Action]
    items: list[StepItem] = field(default_factory=list)

    def items_for(self, step_id: int | None, kind: str | None = None) -> list[StepItem]:
        """The items of one step (of one kind), in order."""
        return [i for i in self.items
                if i.step_id == step_id and (kind is None or i.kind == kind)]

    def contributions_for(self, step_id: int | None) -> list[Contribution]:
        """The notes of one step, in board order."""
        return [c for c in self.contributions if c.step_id == step_id]

    def organisation(self, organisation_id: int | None) -> Organisation | None:
        """The organisation with that id, or None."""
        for org in self.organisations:
            if org.id == organisation_id:
                return org
        return None

    def organisation_name(self, organisation_id: int | None) -> str:
        """The organisation's full name, or "" when none is set."""
        org = self.organisation(organisation_id)
        return org.name if org else ""
