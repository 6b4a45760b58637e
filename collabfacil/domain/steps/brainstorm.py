"""Brainstorm: ideas as notes on one board, in columns or labelled sections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text

if TYPE_CHECKING:
    from collabfacil.domain.model import Step, WorkshopData


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``sections``: column labels; ``must_agree``: the sections the room must agree on;
    ``silent``: the notes stay off the projector until the facilitator reveals them;
    ``drafts``: the notes are offered as draft actions to a later actions step
    (e.g. "what we will stop doing"); ``review_rhythm``: the must-agree columns say
    how the partnership will review progress (how often, where, who convenes), and
    the action plan quotes them."""
    out = dict(config)
    sections = config.get("sections", [])
    if not isinstance(sections, list):
        raise ValidationError("sections", "sections must be a list of labels.")
    labels = [
        clean_text(s, field="sections", label="A section label", max_length=120,
                   multiline=False)
        for s in sections
    ]
    if len(set(labels)) != len(labels):
        raise ValidationError("sections", "Two sections have the same label.")
    must_agree = config.get("must_agree", [])
    if isinstance(must_agree, list) and all(isinstance(m, str) for m in must_agree):
        must_agree = [clean_text(m, field="must_agree", label="A section label",
                                 max_length=120, multiline=False) for m in must_agree]
    if not isinstance(must_agree, list) or any(m not in labels for m in must_agree):
        raise ValidationError("must_agree",
                              "must_agree must list labels that are also in sections.")
    for flag in ("silent", "drafts", "review_rhythm"):
        if not isinstance(config.get(flag, False), bool):
            raise ValidationError(flag, f"{flag} must be true or false.")
    out["sections"] = labels
    out["must_agree"] = list(must_agree)
    return out


def draft_actions(step: Step, data: WorkshopData) -> list[str]:
    """With ``drafts = true``, every note of the step is a draft action."""
    if not step.config.get("drafts"):
        return []
    return [note.text for note in data.contributions_for(step.id)]


STEP_TYPE = StepType(
    name="brainstorm",
    label="Brainstorm",
    description="Ideas as sticky notes, in columns or labelled sections.",
    captures="notes",
    check_config=check_config,
    draft_actions=draft_actions,
)
