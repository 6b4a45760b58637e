"""Review: the open actions carried in from the last workshop of a series.

At the start of a follow-up workshop the room goes through what was agreed last
time: each action is marked done, in progress or dropped, with a short note.
Actions still in progress (or not yet reviewed) are offered as drafts to the
new workshop's actions step, so nothing agreed is quietly forgotten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import NAME_MAX, NOTE_MAX, Action, Step, WorkshopData
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text, parse_date

REVIEW = "review"
STATUSES = {"open": "Not yet reviewed", "done": "Done", "in_progress": "In progress",
            "dropped": "Dropped"}
_FIELDS = ("action", "owner", "organisation", "due", "first_step", "status", "note")


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``from``: which workshop the actions come from, e.g. its title and date."""
    out = dict(config)
    if "from" in config:
        out["from"] = clean_text(config["from"], field="from", label="The earlier workshop",
                                 max_length=300, multiline=False)
    return out


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """One carried-in action and how the room reviewed it."""
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"A review has no field '{unknown[0]}'.")
    status = data.get("status", "open")
    if status not in STATUSES:
        raise ValidationError("status", f"The status must be one of: {', '.join(STATUSES)}.")
    due = parse_date(data.get("due") or None, field="due", label="The due date")
    return {
        "action": clean_text(data.get("action"), field="action", label="The action",
                             max_length=NOTE_MAX),
        "owner": clean_text(data.get("owner", ""), field="owner", label="The owner",
                            max_length=NAME_MAX, required=False, multiline=False),
        "organisation": clean_text(data.get("organisation", ""), field="organisation",
                                   label="The organisation", max_length=NAME_MAX,
                                   required=False, multiline=False),
        "due": due.isoformat() if due else "",
        "first_step": clean_text(data.get("first_step", ""), field="first_step",
                                 label="The first step", max_length=NOTE_MAX,
                                 required=False),
        "status": status,
        "note": clean_text(data.get("note", ""), field="note", label="The note",
                           max_length=NOTE_MAX, required=False),
    }


def carried(action: Action, data: WorkshopData) -> dict[str, Any]:
    """The review record of an action from an earlier workshop, not yet reviewed."""
    org = data.organisation(action.organisation_id)
    return check_item(REVIEW, {
        "action": action.text, "owner": action.owner, "organisation": org.name if org else "",
        "due": action.due.isoformat() if action.due else "", "first_step": action.first_step,
        "status": "open", "note": ""})


def draft_actions(step: Step, data: WorkshopData) -> list[str]:
    """Actions not finished (open or in progress) go forward as drafts."""
    return [str(i.data["action"]) for i in data.items_for(step.id, REVIEW)
            if i.data.get("status") in ("open", "in_progress")]


STEP_TYPE = StepType(
    name="review",
    label="Review of actions",
    description="Go through the actions carried in from the last workshop.",
    captures="items",
    check_config=check_config,
    item_kinds=(REVIEW,),
    check_item=check_item,
    draft_actions=draft_actions,
    paper_section=lambda step: 10,
)
