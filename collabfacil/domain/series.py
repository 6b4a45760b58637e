"""A series: the next workshop starts from the last one's partners, agenda and actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from collabfacil.domain.model import (
    Participant,
    Step,
    StepItem,
    Workshop,
    WorkshopData,
)
from collabfacil.domain.steps import step_type
from collabfacil.domain.steps.review import REVIEW, carried


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "no date"


def next_in_series(previous: WorkshopData, *, title: str, day: date | None,
                   review_minutes: int = 15) -> WorkshopData:
    """A follow-up workshop (with temporary ids, ready to insert).

    Same partners and participants; a first step reviewing every action agreed
    last time; then the same agenda with nothing captured yet. Steps that
    measure (spectrum, survey) keep last time's results as a baseline in their
    run state, so the room sees the change.
    """
    w = previous.workshop
    workshop = Workshop(title=title, date=day, venue=w.venue, facilitator=w.facilitator,
                        starts_at=w.starts_at, ends_at=w.ends_at,
                        template_key=w.template_key, current_step=0)
    organisations = [replace(o, workshop_id=None) for o in previous.organisations]
    participants = [Participant(name=p.name, organisation_id=p.organisation_id, role=p.role)
                    for p in previous.participants]
    source = f"{w.title} ({long_date(w.date)})"
    review = Step(type="review", title="Where we got to: actions from last time",
                  prompt="For each action: done, in progress or dropped? What did we learn?",
                  minutes=review_minutes, config={"from": source}, position=0, id=1)
    steps = [review]
    for i, old in enumerate(previous.steps, start=2):
        baseline = _baseline(old, previous)
        state = {"baseline": {"from": source, **baseline}} if baseline else {}
        steps.append(replace(old, id=i, workshop_id=None, position=i - 1, state=state))
    items = [StepItem(step_id=1, kind=REVIEW, data=carried(a, previous), position=n)
             for n, a in enumerate(sorted(previous.actions, key=lambda a: (a.due, a.position)))]
    return WorkshopData(workshop, organisations, participants, steps, [], [], items)


def _baseline(step: Step, data: WorkshopData) -> dict[str, object]:
    source = step_type(step.type).baseline
    return source(step, data) if source else {}
