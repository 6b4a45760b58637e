"""Reflection: close with What? So what? Now what?, and relationship commitments.

``entry`` items are the room's answers to each prompt (a note per table, or one
word each); ``commitment`` items are "whose well will you dig?": who will
invest in a relationship with whom, by when (names optional).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import NAME_MAX, NOTE_MAX, TITLE_MAX, StepItem
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text, parse_date

DEFAULT_PROMPTS = ("What?", "So what?", "Now what?")
PROMPTS_MAX = 6
PROMPT_LABEL_MAX = 80
ENTRY = "entry"
COMMITMENT = "commitment"
COMMITMENTS_TITLE = "Relationship commitments"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``prompts``: the reflection questions (default What? / So what? / Now what?);
    ``commitments``: whether to collect relationship commitments (default true)."""
    out = dict(config)
    if "prompts" in config:
        raw = config["prompts"]
        if not isinstance(raw, list) or not raw:
            raise ValidationError("prompts", "prompts must be a list of 1 to "
                                  f"{PROMPTS_MAX} labels, e.g. [\"What?\", \"So what?\"].")
        labels = [clean_text(p, field="prompts", label="A prompt label",
                             max_length=PROMPT_LABEL_MAX, multiline=False) for p in raw]
        if len(labels) > PROMPTS_MAX:
            raise ValidationError("prompts", f"prompts has {len(labels)} labels; the most "
                                  f"is {PROMPTS_MAX}.")
        if len({p.casefold() for p in labels}) != len(labels):
            raise ValidationError("prompts", "Two prompts have the same label.")
        out["prompts"] = labels
    if "commitments" in config and not isinstance(config["commitments"], bool):
        raise ValidationError("commitments", "commitments must be true or false.")
    return out


def _fields(kind: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise ValidationError(str(key), f"A {kind} record has no field '{key}' "
                                  f"(it has: {', '.join(allowed)}).")


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """An ``entry`` under one prompt, or a relationship ``commitment``."""
    if kind == ENTRY:
        _fields(kind, data, ("prompt", "text", "organisation"))
        return {
            "prompt": clean_text(data.get("prompt"), field="prompt", label="The prompt",
                                 max_length=PROMPT_LABEL_MAX, multiline=False),
            "text": clean_text(data.get("text"), field="text", label="The reflection",
                               max_length=NOTE_MAX),
            "organisation": clean_text(data.get("organisation", ""), field="organisation",
                                       label="The organisation", max_length=NAME_MAX,
                                       required=False, multiline=False),
        }
    if kind == COMMITMENT:
        _fields(kind, data, ("who", "with", "by", "text"))
        by = parse_date(data.get("by", ""), field="by", label="The date")
        return {
            "who": clean_text(data.get("who", ""), field="who", label="Who commits",
                              max_length=NAME_MAX, required=False, multiline=False),
            "with": clean_text(data.get("with"), field="with",
                               label="Who they will invest time in",
                               max_length=TITLE_MAX, multiline=False),
            "by": by.isoformat() if by else "",
            "text": clean_text(data.get("text", ""), field="text",
                               label="The commitment", max_length=NOTE_MAX,
                               required=False),
        }
    raise ValidationError("kind", f"A reflection keeps no '{kind}' records.")


STEP_TYPE = StepType(
    name="reflection",
    label="Reflection",
    description="Close: What? So what? Now what?, and relationship commitments.",
    captures="items",
    check_config=check_config,
    item_kinds=(ENTRY, COMMITMENT),
    check_item=check_item,
    paper_section=lambda step: 11,
)


# --------------------------------------------------------------- reading


@frozen
class ReflectionSettings:
    """A reflection step's prompts, and whether it asks for commitments."""

    prompts: tuple[str, ...] = DEFAULT_PROMPTS
    commitments: bool = True

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> ReflectionSettings:
        c = check_config(config)
        return cls(tuple(c.get("prompts", DEFAULT_PROMPTS)), c.get("commitments", True))


@frozen
class Entry:
    """One answer to a reflection prompt, from an organisation or the room."""

    prompt: str
    text: str
    organisation: str = ""
    uid: str = ""


@frozen
class Commitment:
    """Who commits to do what with whom, by when."""

    who: str
    with_: str
    by: str = ""
    text: str = ""
    uid: str = ""

    @property
    def due(self) -> date | None:
        return date.fromisoformat(self.by) if self.by else None

    def headline(self) -> str:
        """``Sam → Riverside GP Federation, by 30 Apr 2026`` (names optional)."""
        line = f"{self.who} → {self.with_}" if self.who else f"With {self.with_}"
        return line + (f", by {short_date(self.due)}" if self.due else "")


def short_date(day: date | None) -> str:
    """``30 Apr 2026`` (month names spelled here, never from the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else ""


def entries(items: Sequence[StepItem]) -> list[Entry]:
    return [Entry(str(i.data.get("prompt", "")), str(i.data.get("text", "")),
                  str(i.data.get("organisation", "")), i.uid)
            for i in items if i.kind == ENTRY]


def commitments(items: Sequence[StepItem]) -> list[Commitment]:
    return [Commitment(str(i.data.get("who", "")), str(i.data.get("with", "")),
                       str(i.data.get("by", "")), str(i.data.get("text", "")), i.uid)
            for i in items if i.kind == COMMITMENT]


def by_prompt(settings: ReflectionSettings, items: Sequence[StepItem]
              ) -> list[tuple[str, list[Entry]]]:
    """Each prompt with its entries, in the step's order; entries under a prompt the
    step no longer has keep their own label and come after."""
    groups: dict[str, list[Entry]] = {p: [] for p in settings.prompts}
    for entry in entries(items):
        groups.setdefault(entry.prompt, []).append(entry)
    return list(groups.items())
