"""What every export shows, whatever its format: dates, notes by section, actions.

The PDF, the Markdown summary and the CSV all read the workshop through these
small pure functions, so they agree on order and grouping.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from collabfacil.domain.exercises import Exercise, Library
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Action, Contribution, Step, WorkshopData
from collabfacil.domain.steps import step_type

# Month and day names are spelled out here rather than with strftime, whose
# names follow the process locale (Qt sets it from the desktop on start-up).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
         "Sunday")
UNSORTED = "Not in a column"


def long_date(day: date | None) -> str:
    """``Wednesday 4 March 2026``, or "" for no date."""
    if day is None:
        return ""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    """``4 Mar 2026``, or "" for no date."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def date_span(first: date, last: date) -> str:
    """E.g. "8 Mar – 26 Apr 2026", "1 Dec 2026 – 3 Feb 2027" or "8 Mar 2026"."""
    if first == last:
        return short_date(first)
    start = short_date(first)
    if first.year == last.year:
        start = start.rsplit(" ", 1)[0]
    return f"{start}\u2009\u2013\u2009{short_date(last)}"


@frozen
class NoteGroup:
    """The notes of one brainstorm column ("" label: a board with no columns)."""

    label: str
    must_agree: bool
    notes: list[Contribution]


def note_groups(step: Step, notes: Iterable[Contribution]) -> list[NoteGroup]:
    """A step's notes by section, in the step's column order; empty columns left out.

    Notes whose section is not (or no longer) one of the step's columns keep
    their own label and come after the columns; notes in no column come last.
    """
    columns = step.sections
    must_agree = set(step.config.get("must_agree", []))
    grouped: dict[str, list[Contribution]] = {label: [] for label in columns}
    for note in notes:
        grouped.setdefault(note.section, []).append(note)
    loose = grouped.pop("", [])
    groups = [NoteGroup(label, label in must_agree, items)
              for label, items in grouped.items() if items]
    if loose:
        groups.append(NoteGroup(UNSORTED if groups else "", False, loose))
    return groups


def sorted_actions(actions: Iterable[Action]) -> list[Action]:
    """Actions by due date; those due the same day in the order they were agreed."""
    return sorted(actions, key=lambda a: (a.due or date.max, a.position, a.id or 0))


def is_actions_step(step: Step) -> bool:
    """True for a step whose captured items are actions rather than notes."""
    return step_type(step.type).captures == "actions"


def actions_by_step(data: WorkshopData) -> dict[int | None, list[Action]]:
    """Each actions step's actions (by id), sorted by due date.

    An action not agreed in one of this agenda's actions steps (carried in, or
    its step since removed) goes with the first actions step, or under ``None``
    when the agenda has no actions step, so that no action is ever left out.
    """
    step_ids = [s.id for s in data.steps if is_actions_step(s)]
    home = step_ids[0] if step_ids else None
    out: dict[int | None, list[Action]] = {sid: [] for sid in step_ids}
    for action in data.actions:
        out.setdefault(action.step_id if action.step_id in out else home, []).append(
            action)
    return {sid: sorted_actions(items) for sid, items in out.items()}


def step_title(data: WorkshopData, step_id: int | None) -> str:
    """The title of the step with that id, or "" when there is none."""
    return next((s.title for s in data.steps if s.id == step_id), "")


def exercises_used(data: WorkshopData, library: Library) -> list[Exercise]:
    """The library exercises the agenda's steps come from, in agenda order."""
    found: dict[str, Exercise] = {}
    for step in data.steps:
        exercise = library.exercises.get(step.exercise_key)
        if exercise is not None:
            found.setdefault(exercise.key, exercise)
    return list(found.values())
