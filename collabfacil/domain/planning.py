"""Preparing a workshop: the agenda against the time slot, and the editor's checks.

Pure helpers for the workshop editor and the start page (no Qt, no SQL): reading
the times and dates a facilitator types, the planned total against the slot,
steps made from library exercises in their standard or short length, the one
plan a Save writes, and the copy of a workshop a rehearsal runs on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.exercises import Exercise, Library, StepDefinition, fit_phases
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import (
    Organisation,
    Participant,
    Step,
    Workshop,
    WorkshopData,
)

_CLOCK_TYPED = re.compile(r"^(\d{1,2})[:.h]?(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


# ---------------------------------------------------------- what people type


def read_clock(text: str, *, field: str, label: str) -> str:
    """A typed time as ``HH:MM``; "" stays "" (no time set).

    Accepts 09:30, 9:30, 9.30 and 0930; anything else raises ``ValidationError``
    naming ``field``.
    """
    value = (text or "").strip()
    if not value:
        return ""
    match = _CLOCK_TYPED.match(value)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours < 24 and minutes < 60:
            return f"{hours:02d}:{minutes:02d}"
    raise ValidationError(field, f"{label} '{value[:20]}' is not a time like 09:30.")


def read_day(text: str) -> date | None:
    """A typed date: 2026-03-12 or 12/03/2026 (day first, as in the UK); "" is no date."""
    value = (text or "").strip()
    if not value:
        return None
    match = _UK_DATE.match(value)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError("date", f"The date '{value[:40]}' is not a real date "
                                      "(type it like 2026-03-12 or 12/03/2026).") from None


def long_day(day: date | None) -> str:
    """E.g. "Thursday 12 March 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}" if day else ""


def minutes_between(starts_at: str, ends_at: str) -> int | None:
    """The length of a slot in minutes; None unless both times are set."""
    if not starts_at or not ends_at:
        return None
    h1, m1 = (int(x) for x in starts_at.split(":"))
    h2, m2 = (int(x) for x in ends_at.split(":"))
    return (h2 * 60 + m2) - (h1 * 60 + m1)


def clock_after(starts_at: str, minutes: int) -> str:
    """The time ``minutes`` after ``starts_at`` (``HH:MM``, past midnight wraps)."""
    h, m = (int(x) for x in starts_at.split(":"))
    total = (h * 60 + m + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


# ------------------------------------------------------ the plan against the slot


@frozen
class PlanTotal:
    """The agenda's planned minutes against the workshop's time slot."""

    planned: int
    starts_at: str = ""
    ends_at: str = ""

    @property
    def slot(self) -> int | None:
        """The slot's length in minutes (None when start or end is not set)."""
        return minutes_between(self.starts_at, self.ends_at)

    @property
    def over(self) -> int:
        """Minutes over the slot (0 when it fits or there is no slot)."""
        slot = self.slot
        return max(0, self.planned - slot) if slot is not None else 0

    def describe(self) -> str:
        """E.g. "Planned 185 min · slot 180 min (09:30–12:30) · 5 min over"."""
        planned = f"Planned {self.planned} min"
        slot = self.slot
        if slot is None:
            if self.starts_at:
                return (f"{planned} · starts {self.starts_at}, ends about "
                        f"{clock_after(self.starts_at, self.planned)} · no end time set")
            return f"{planned} · no time slot set"
        where = f"slot {slot} min ({self.starts_at}–{self.ends_at})"
        if self.planned > slot:
            fit = f"{self.planned - slot} min over"
        elif self.planned < slot:
            fit = f"{slot - self.planned} min to spare"
        else:
            fit = "fits exactly"
        return f"{planned} · {where} · {fit}"


def plan_total(minutes: Iterable[int], starts_at: str = "", ends_at: str = "") -> PlanTotal:
    """The planned total of an agenda's minutes against a slot."""
    return PlanTotal(sum(minutes), starts_at, ends_at)


def start_times(starts_at: str, minutes: Sequence[int]) -> list[str]:
    """When each step is planned to start ("" for each when there is no start time)."""
    if not starts_at:
        return ["" for _ in minutes]
    out, elapsed = [], 0
    for m in minutes:
        out.append(clock_after(starts_at, elapsed))
        elapsed += m
    return out


# -------------------------------------------------- steps from the library


def exercise_steps(exercise: Exercise, *, short: bool) -> list[Step]:
    """An exercise's steps, fresh (no ids), in its standard or short length."""
    return [d.to_step(exercise_key=exercise.key, script=exercise.script, short=short,
                      position=i)
            for i, d in enumerate(exercise.steps)]


def definition_of(library: Library, step: Step) -> StepDefinition | None:
    """The library definition a step was made from, when it can be told.

    Matched by the step's exercise, then its type and title; a renamed step is
    still found when its exercise has only one step of that type.
    """
    exercise = library.exercises.get(step.exercise_key) if step.exercise_key else None
    if exercise is None:
        return None
    same_type = [d for d in exercise.steps if d.type == step.type]
    for d in same_type:
        if d.title == step.title:
            return d
    return same_type[0] if len(same_type) == 1 else None


def with_minutes(step: Step, minutes: int) -> Step:
    """The step with new minutes; its timed phases are shared out to fit them."""
    return replace(step, minutes=minutes, config=fit_phases(step.config, minutes))


def with_length(step: Step, definition: StepDefinition, *, short: bool) -> Step:
    """The step in the definition's standard or short length (minutes and phases)."""
    fresh = definition.to_step(exercise_key=step.exercise_key, script=step.script,
                               short=short, position=step.position)
    return replace(step, minutes=fresh.minutes, config=fresh.config)


# ------------------------------------------------------------ the plan saved


@frozen
class WorkshopPlan:
    """What the workshop editor saves in one go.

    New organisations carry a negative id, a temporary reference that
    participants can point at until the repository gives them real ones; new
    steps have no id. Existing ones keep theirs.
    """

    workshop: Workshop
    organisations: tuple[Organisation, ...]
    participants: tuple[Participant, ...]
    steps: tuple[Step, ...]


def check_plan(plan: WorkshopPlan) -> None:
    """Refuse a plan that could not run or would be ambiguous; names the field."""
    if not plan.steps:
        raise ValidationError("steps", "The agenda is empty: add at least one step.")
    names: dict[str, str] = {}
    shorts: dict[str, str] = {}
    for org in plan.organisations:
        key = org.name.casefold()
        if key in names:
            raise ValidationError("organisations", f"Two partners are both called "
                                                   f"“{org.name}”.")
        names[key] = org.name
        if org.short_name:
            short = org.short_name.casefold()
            if short in shorts:
                raise ValidationError(
                    "organisations", f"Two partners have the short name “{org.short_name}”: "
                    "cards and tables would not tell them apart.")
            shorts[short] = org.short_name
    known = {org.id for org in plan.organisations}
    for p in plan.participants:
        if p.organisation_id is not None and p.organisation_id not in known:
            raise ValidationError("participants", f"{p.name}'s organisation is not one "
                                                  "of the partners.")


# ------------------------------------------------------------------ rehearsal


def rehearsal_copy(data: WorkshopData) -> WorkshopData:
    """The workshop to rehearse on: everything as it is, from its first step.

    Each step's run state is reset (nothing revealed, first phase) but the
    facilitator's private notes are kept: they are the script being rehearsed.
    """
    steps = []
    for s in data.steps:
        notes = s.state.get("private_notes")
        steps.append(replace(s, state={"private_notes": notes} if notes else {}))
    return replace(data, workshop=replace(data.workshop, current_step=0), steps=steps)


# ------------------------------------------------------------------ start page


def describe_changed(stamp: str, now: datetime | None = None) -> str:
    """When a workshop last changed, for a list: "today 14:05", "yesterday 09:12",
    "12 Mar 2026". ``stamp`` is the stored UTC ISO time; shown in local time."""
    try:
        when = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone()
    today = (now or datetime.now().astimezone()).date()
    if local.date() == today:
        return f"today {local:%H:%M}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday {local:%H:%M}"
    return f"{local.day} {local:%b %Y}"
