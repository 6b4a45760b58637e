"""The sample workshop: realistic, complete, valid and the same every time."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from collabfacil.domain.demo import TEMPLATE, WORKSHOP_DATE, build_demo
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import WorkshopData
from collabfacil.resources import load_default_library
from collabfacil.storage.repository import WorkshopRepository


@pytest.fixture(scope="module")
def library() -> Library:
    return load_default_library()


@pytest.fixture(scope="module")
def demo(library: Library) -> WorkshopData:
    return build_demo(library)


def test_the_demo_follows_the_short_masterclass_agenda(demo: WorkshopData,
                                                       library: Library) -> None:
    """Same steps, titles and minutes as a workshop made from the template."""
    agenda = library.agenda_steps(TEMPLATE)
    assert [(s.type, s.title, s.minutes) for s in demo.steps] == [
        (s.type, s.title, s.minutes) for s in agenda]
    assert demo.workshop.template_key == TEMPLATE
    assert demo.workshop.date == WORKSHOP_DATE == date(2026, 3, 12)
    assert demo.workshop.venue
    assert demo.workshop.facilitator


def test_the_partners_are_a_health_and_care_system(demo: WorkshopData) -> None:
    """An acute trust, adult social care, a GP federation, a hospice and more."""
    names = {o.short_name: o.name for o in demo.organisations}
    assert names["Acute Trust"] == "Northshire Acute Hospitals NHS Trust"
    assert names["ASC"] == "Northshire County Council – Adult Social Care"
    assert names["GP Fed"] == "Riverside GP Federation"
    assert names["Hospice"] == "St Non's Hospice"
    assert len(demo.organisations) >= 5
    assert len({o.id for o in demo.organisations}) == len(demo.organisations)


def test_people_include_welsh_and_polish_names(demo: WorkshopData) -> None:
    """The names that test fonts and encodings: ŷ, ł, ó, ń."""
    people = {p.name for p in demo.participants}
    assert {"Siân Llŷr", "Małgorzata Wójcik"} <= people
    owners = {a.owner for a in demo.actions}
    assert {"Siân Llŷr", "Małgorzata Wójcik"} <= owners
    org_ids = {o.id for o in demo.organisations}
    assert all(p.organisation_id in org_ids for p in demo.participants)


def test_there_are_plenty_of_notes_on_every_board(demo: WorkshopData) -> None:
    """At least 40 notes, on every brainstorm and in every section of each."""
    assert len(demo.contributions) >= 40
    per_place = Counter((c.step_id, c.section) for c in demo.contributions)
    for step in demo.steps:
        if step.type != "brainstorm":
            assert not demo.contributions_for(step.id)
            continue
        for section in step.sections or [""]:
            assert per_place[(step.id, section)] >= 1, (step.title, section)
    assert all(c.section in (demo.steps[c.step_id - 1].sections or [""])
               for c in demo.contributions)


def test_most_notes_are_tagged_with_an_organisation(demo: WorkshopData) -> None:
    org_ids = {o.id for o in demo.organisations}
    tagged = [c for c in demo.contributions if c.organisation_id is not None]
    assert all(c.organisation_id in org_ids for c in tagged)
    assert len(tagged) >= 0.75 * len(demo.contributions)
    assert len({c.organisation_id for c in tagged}) == len(org_ids)


def test_notes_are_in_board_order_and_time_order(demo: WorkshopData) -> None:
    for step in demo.steps:
        notes = demo.contributions_for(step.id)
        assert [c.position for c in notes] == list(range(len(notes)))
    stamps = [c.created_at for c in demo.contributions]
    assert stamps == sorted(stamps)
    assert all(s.startswith("2026-03-12T") for s in stamps)


def test_the_actions_are_a_usable_plan(demo: WorkshopData) -> None:
    """Eight or more, each owned, dated after the workshop, with a first step."""
    actions_step = next(s for s in demo.steps if s.type == "actions")
    org_ids = {o.id for o in demo.organisations}
    assert len(demo.actions) >= 8
    for action in demo.actions:
        assert action.owner
        assert action.first_step
        assert action.organisation_id in org_ids
        assert action.due is not None
        assert action.due > WORKSHOP_DATE
        assert action.step_id == actions_step.id
        assert action.review_date is None or action.review_date > WORKSHOP_DATE
    assert sum(bool(a.measure) for a in demo.actions) >= 4
    assert sum(a.small_test for a in demo.actions) >= 2
    assert len({a.theme for a in demo.actions}) >= 4


def test_the_demo_is_the_same_every_time(library: Library) -> None:
    """No clock, no randomness: two demos are equal, timestamps included."""
    assert build_demo(library) == build_demo(library)


def test_the_demo_stores_and_loads_whole(repo: WorkshopRepository,
                                         demo: WorkshopData) -> None:
    """The temporary ids link partners, steps, notes and actions in the database."""
    loaded = repo.load(repo.insert_workshop_data(demo))
    assert len(loaded.contributions) == len(demo.contributions)
    assert len(loaded.actions) == len(demo.actions)
    assert [p.name for p in loaded.participants] == [p.name for p in demo.participants]
    step_titles = {s.id: s.title for s in loaded.steps}
    assert Counter(step_titles[c.step_id] for c in loaded.contributions) == Counter(
        demo.steps[c.step_id - 1].title for c in demo.contributions)
    assert {loaded.organisation_name(c.organisation_id) for c in loaded.contributions
            } == {demo.organisation_name(c.organisation_id) for c in demo.contributions}
