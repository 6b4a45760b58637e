"""Actions: agree what will be done, by whom, by when, and the first step."""

from __future__ import annotations

from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps.base import StepType

STEP_TYPE = StepType(
    name="actions",
    label="Actions",
    description="Agree actions with an owner, a due date and a first step.",
    captures="actions",
    paper_section=lambda step: 10,
)

VAGUE_STARTS = ("we should", "someone", "somebody", "need to", "we need", "consider",
                "look at", "think about", "explore")


@frozen
class SmartCheck:
    """One line of the SMART checklist: the question and whether the draft passes.

    ``passed`` is None where only the room can judge (is it realistic?).
    """

    question: str
    passed: bool | None
    hint: str = ""


def smart_checklist(*, text: str, owner: str, due: str, measure: str) -> list[SmartCheck]:
    """The SMART questions (after Doran) for an action being drafted."""
    words = text.split()
    lowered = text.strip().lower()
    specific = len(words) >= 4 and not lowered.startswith(VAGUE_STARTS)
    return [
        SmartCheck("Is it specific?", specific,
                   "" if specific else "Say what will be done, as 'I will…', in a few words"),
        SmartCheck("Is there a measure?", bool(measure.strip()),
                   "" if measure.strip() else "How will we know it worked?"),
        SmartCheck("Is it assigned to a named person?", bool(owner.strip()),
                   "" if owner.strip() else "If no one here will own it, it isn't an action yet"),
        SmartCheck("Is it realistic in the time we have?", None, "Ask the room"),
        SmartCheck("Does it have a date?", bool(due.strip()),
                   "" if due.strip() else "Every action needs a date"),
    ]


def drafts_for(step: Step, data: WorkshopData) -> list[tuple[str, str]]:
    """Draft actions carried in from the steps before ``step``: (from, text) pairs.

    Each earlier step's type may offer drafts (stop-doing notes, unresolved RACI
    rows, voted priorities); texts already agreed as actions are left out.
    """
    from collabfacil.domain.steps import step_type

    agreed = {a.text.strip().lower() for a in data.actions}
    out: list[tuple[str, str]] = []
    for earlier in data.steps:
        if earlier.position >= step.position:
            continue
        source = step_type(earlier.type).draft_actions
        if source is None:
            continue
        for text in source(earlier, data):
            if text.strip().lower() not in agreed:
                out.append((earlier.title, text))
    return out
