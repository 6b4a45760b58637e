"""The workshop editor's writes: partners, participants, agenda; all or nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from collabfacil.domain.errors import NotFoundError, ValidationError
from collabfacil.domain.model import (
    Action,
    Contribution,
    Organisation,
    Participant,
    Step,
)
from collabfacil.domain.planning import WorkshopPlan
from collabfacil.storage.errors import StepHasCapturesError
from collabfacil.storage.repository import WorkshopRepository


def plan_of(repo: WorkshopRepository, workshop_id: int, **changes: object) -> WorkshopPlan:
    data = repo.load(workshop_id)
    fields: dict = {"workshop": data.workshop, "organisations": tuple(data.organisations),
                    "participants": tuple(data.participants), "steps": tuple(data.steps)}
    fields.update(changes)
    return WorkshopPlan(**fields)


def titles(repo: WorkshopRepository, workshop_id: int) -> list[str]:
    return [s.title for s in repo.steps(workshop_id)]


def test_partners_are_renamed_added_reordered_and_removed(repo: WorkshopRepository,
                                                         workshop_id: int) -> None:
    acute, council = repo.organisations(workshop_id)
    note = repo.add_contribution(Contribution(step_id=repo.steps(workshop_id)[0].id,
                                              text="Beds", organisation_id=council.id))
    ids = repo.set_organisations(workshop_id, [
        Organisation("Northshire Hospice", "Hospice", id=-1),
        replace(acute, name="Northshire Acute Hospitals", short_name="NAH")])
    orgs = repo.organisations(workshop_id)
    assert [o.name for o in orgs] == ["Northshire Hospice", "Northshire Acute Hospitals"]
    assert ids[-1] == orgs[0].id
    assert ids[acute.id] == acute.id
    assert repo.contribution(note.id).organisation_id is None  # the tag went, the note stays


def test_participants_point_at_partners_of_this_workshop(repo: WorkshopRepository,
                                                         workshop_id: int) -> None:
    acute = repo.organisations(workshop_id)[0]
    repo.set_participants(workshop_id, [Participant("Sam Okafor", acute.id, "Matron")])
    assert [(p.name, p.organisation_id) for p in repo.participants(workshop_id)] == [
        ("Sam Okafor", acute.id)]
    with pytest.raises(NotFoundError):
        repo.set_participants(workshop_id, [Participant("Jo", 9999)])
    assert [p.name for p in repo.participants(workshop_id)] == ["Sam Okafor"]


def test_steps_are_added_moved_and_removed(repo: WorkshopRepository, workshop_id: int) -> None:
    added = repo.add_step(workshop_id, Step(type="round", title="Check-in", minutes=5),
                          position=0)
    assert titles(repo, workshop_id) == ["Check-in", "Ways to fail", "Our 15%", "Actions"]
    order = [s.id for s in repo.steps(workshop_id)]
    repo.reorder_steps(workshop_id, list(reversed(order)))
    assert titles(repo, workshop_id) == ["Actions", "Our 15%", "Ways to fail", "Check-in"]
    repo.remove_step(added.id)
    assert titles(repo, workshop_id) == ["Actions", "Our 15%", "Ways to fail"]
    with pytest.raises(ValidationError):
        repo.reorder_steps(workshop_id, order[:2])


def test_the_workshop_stays_on_its_step_when_the_agenda_changes(
        repo: WorkshopRepository, workshop_id: int) -> None:
    steps = repo.steps(workshop_id)
    repo.set_current_step(workshop_id, 1)  # "Our 15%"
    repo.add_step(workshop_id, Step(type="brainstorm", title="Welcome"), position=0)
    assert repo.workshop(workshop_id).current_step == 2
    repo.reorder_steps(workshop_id, [s.id for s in repo.steps(workshop_id)][::-1])
    assert titles(repo, workshop_id)[repo.workshop(workshop_id).current_step] == "Our 15%"
    repo.remove_step(steps[1].id)  # the current one: the workshop stays in range
    assert repo.workshop(workshop_id).current_step < len(repo.steps(workshop_id))


def test_a_step_with_captured_notes_is_removed_only_when_confirmed(
        repo: WorkshopRepository, workshop_id: int) -> None:
    step = repo.steps(workshop_id)[0]
    repo.add_contribution(Contribution(step_id=step.id, text="No shared data"))
    repo.add_action(Action("Share data", "Sam", "2026-05-01", "Ask", step_id=step.id),
                    workshop_id=workshop_id)
    captured = repo.step_captures(step.id)
    assert captured.describe() == "1 note and 1 action"
    with pytest.raises(StepHasCapturesError, match="1 note and 1 action"):
        repo.remove_step(step.id)
    assert len(repo.steps(workshop_id)) == 3
    repo.remove_step(step.id, confirmed=True)
    assert len(repo.steps(workshop_id)) == 2
    assert [a.text for a in repo.actions(workshop_id)] == ["Share data"]  # actions stay


def test_a_step_keeps_its_type(repo: WorkshopRepository, workshop_id: int) -> None:
    step = repo.steps(workshop_id)[0]
    with pytest.raises(ValidationError, match="type cannot be changed"):
        repo.update_step(replace(step, type="round", config={}))


def test_save_plan_writes_everything_in_one_go(repo: WorkshopRepository,
                                               workshop_id: int) -> None:
    data = repo.load(workshop_id)
    first, second, third = data.steps
    plan = plan_of(
        repo, workshop_id,
        workshop=data.workshop.with_changes(title="Frailty: spring", starts_at="09:30",
                                            ends_at="11:00"),
        organisations=(*data.organisations, Organisation("Hospice", id=-1)),
        participants=(Participant("Ana", organisation_id=-1, role="Nurse"),),
        steps=(replace(third, minutes=25, prompt="Owner, date, first step"),
               Step(type="round", title="Check-in", minutes=5), first))
    repo.save_plan(plan, confirmed_removals=[second.id])
    saved = repo.load(workshop_id)
    assert saved.workshop.title == "Frailty: spring"
    assert saved.workshop.ends_at == "11:00"
    assert [s.title for s in saved.steps] == ["Actions", "Check-in", "Ways to fail"]
    assert saved.steps[0].minutes == 25
    assert saved.steps[0].prompt == "Owner, date, first step"
    hospice = saved.organisations[-1]
    assert saved.participants[0].organisation_id == hospice.id


def test_save_plan_writes_nothing_when_a_removal_is_not_confirmed(
        repo: WorkshopRepository, workshop_id: int) -> None:
    data = repo.load(workshop_id)
    repo.add_contribution(Contribution(step_id=data.steps[1].id, text="My 15%"))
    before = repo.load(workshop_id)
    plan = plan_of(repo, workshop_id,
                   workshop=data.workshop.with_changes(title="Changed"),
                   organisations=(Organisation("Only one", id=-1),),
                   steps=(data.steps[0], data.steps[2]))
    with pytest.raises(StepHasCapturesError):
        repo.save_plan(plan)
    assert repo.load(workshop_id) == before
