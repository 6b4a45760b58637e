"""Planning helpers: typed times and dates, the plan against the slot, library lengths."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from collabfacil.domain.demo import build_demo
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Organisation, Participant, Step, Workshop
from collabfacil.domain.planning import (
    WorkshopPlan,
    check_plan,
    definition_of,
    describe_changed,
    exercise_steps,
    plan_total,
    read_clock,
    read_day,
    rehearsal_copy,
    start_times,
    with_length,
    with_minutes,
)
from collabfacil.resources import load_default_library


@pytest.mark.parametrize(("typed", "stored"), [
    ("09:30", "09:30"), ("9:30", "09:30"), ("9.30", "09:30"), ("0930", "09:30"),
    (" 14:05 ", "14:05"), ("", ""), ("  ", "")])
def test_times_are_read_as_facilitators_type_them(typed: str, stored: str) -> None:
    assert read_clock(typed, field="starts_at", label="The start time") == stored


@pytest.mark.parametrize("typed", ["25:00", "9:75", "half nine", "9", "12:3"])
def test_a_bad_time_names_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_clock(typed, field="ends_at", label="The end time")
    assert err.value.field == "ends_at"
    assert "The end time" in err.value.message


def test_dates_in_iso_or_uk_order() -> None:
    assert read_day("2026-03-12") == date(2026, 3, 12)
    assert read_day("12/03/2026") == date(2026, 3, 12)
    assert read_day("") is None
    with pytest.raises(ValidationError, match="not a real date"):
        read_day("31/02/2026")


def test_the_plan_against_the_slot_says_how_far_over() -> None:
    total = plan_total([60, 60, 65], "09:30", "12:30")
    assert total.over == 5
    assert total.describe() == "Planned 185 min · slot 180 min (09:30–12:30) · 5 min over"
    assert plan_total([170], "09:30", "12:30").describe().endswith("10 min to spare")
    assert plan_total([180], "09:30", "12:30").describe().endswith("fits exactly")
    assert plan_total([90]).describe() == "Planned 90 min · no time slot set"
    assert "ends about 11:00" in plan_total([90], "09:30").describe()
    assert plan_total([90]).over == 0


def test_start_times_follow_the_minutes() -> None:
    assert start_times("09:30", [5, 25, 30]) == ["09:30", "09:35", "10:00"]
    assert start_times("", [5, 25]) == ["", ""]


def test_exercise_lengths_and_phases_fit_the_minutes() -> None:
    library = load_default_library()
    e4 = library.exercises["E4"]
    standard = exercise_steps(e4, short=False)
    short = exercise_steps(e4, short=True)
    assert sum(s.minutes for s in standard) == e4.minutes
    assert sum(s.minutes for s in short) == e4.short_minutes
    first = standard[0]
    definition = definition_of(library, first)
    assert definition is not None
    shortened = with_length(first, definition, short=True)
    assert shortened.minutes == definition.short_minutes
    assert sum(p.minutes for p in shortened.phases) in (0, shortened.minutes)
    stretched = with_minutes(first, first.minutes + 7)
    assert sum(p.minutes for p in stretched.phases) == first.minutes + 7


def test_a_plan_needs_an_agenda_and_distinct_partners() -> None:
    w = Workshop("W", id=1)
    step = Step(type="brainstorm", title="S")
    with pytest.raises(ValidationError, match="agenda is empty"):
        check_plan(WorkshopPlan(w, (), (), ()))
    with pytest.raises(ValidationError, match="both called"):
        check_plan(WorkshopPlan(w, (Organisation("Acute", id=1), Organisation("acute", id=-1)),
                                (), (step,)))
    with pytest.raises(ValidationError, match="not one of the partners"):
        check_plan(WorkshopPlan(w, (Organisation("Acute", id=1),),
                                (Participant("Sam", organisation_id=7),), (step,)))


def test_a_rehearsal_copy_starts_at_the_top_with_nothing_revealed() -> None:
    data = build_demo(load_default_library())
    steps = [replace(data.steps[0], state={"revealed": True, "private_notes": "Smile"}),
             *data.steps[1:]]
    data = replace(data, workshop=data.workshop.with_changes(current_step=3), steps=steps)
    copy = rehearsal_copy(data)
    assert copy.workshop.current_step == 0
    assert copy.steps[0].state == {"private_notes": "Smile"}
    assert len(copy.contributions) == len(data.contributions)


def test_last_changed_reads_naturally() -> None:
    now = datetime(2026, 3, 12, 15, 0, tzinfo=UTC).astimezone()
    assert describe_changed(now.isoformat(), now).startswith("today ")
    assert describe_changed("2025-01-05T10:00:00+00:00", now) == "5 Jan 2025"
    assert describe_changed("not a time", now) == ""


def test_a_source_follows_a_rename_unless_another_step_keeps_the_old_title():
    from collabfacil.domain.model import Step
    from collabfacil.domain.sources import follow_renames

    steps = [Step(type="brainstorm", title="Barriers"),
             Step(type="brainstorm", title="Ideas"),  # a second step called Ideas stays
             Step(type="vote", title="A", config={"source": "Old"}),
             Step(type="vote", title="B", config={"source": "Ideas"}),
             Step(type="vote", title="C", config={"source": "previous"})]
    out = follow_renames(steps, {"Old": "Barriers", "Ideas": "Thoughts"})
    assert [s.config.get("source") for s in out] == [None, None, "Barriers", "Ideas",
                                                     "previous"]
