"""Vote: dot voting on notes, themes or fixed options, or ranking a short list.

Dots are ``"tally"`` items, one per entry: ``{"target", "voter", "dots"}``; a
ranking is a ``"ranking"`` item: ``{"voter", "order": [targets, best first]}``.
A target is a note uid (``on = "notes"``), a theme's item uid (``"themes"``) or
an option's text (``"options"``). Rankings score Borda points: with n targets,
first gets n-1, second n-2 ... and an unranked target 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Contribution, StepItem
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import cluster
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text

if TYPE_CHECKING:
    from collabfacil.domain.model import Step, WorkshopData

TALLY = "tally"
RANKING = "ranking"
ON = ("notes", "themes", "options")
MODES = ("dots", "rank")
ENTRIES = ("table", "person")
DOTS_MAX = 10
TALLY_MAX = 999  # dots in one entry: a table of 30 with 10 dots each is 300
OPTION_MAX = 200
TARGET_MAX = 200
VOTER_MAX = 120
DRAFTS = 3  # how many top targets become draft actions
_TALLY_FIELDS = {"target", "voter", "dots"}
_RANKING_FIELDS = {"voter", "order"}


# ------------------------------------------------------------------ settings


def _choice(config: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = config.get(key, allowed[0])
    if value not in allowed:
        shown = ", ".join(f'"{a}"' for a in allowed)
        raise ValidationError(key, f"{key} must be one of {shown}.")
    return str(value)


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``dots`` (1-10, default 3), ``on``, ``options``, ``mode``, ``entry``, ``source``."""
    out = dict(config)
    dots = config.get("dots", 3)
    if not isinstance(dots, int) or isinstance(dots, bool) or not 1 <= dots <= DOTS_MAX:
        raise ValidationError("dots", f"dots must be a whole number from 1 to {DOTS_MAX}.")
    out["dots"] = dots
    out["on"] = _choice(config, "on", ON)
    out["mode"] = _choice(config, "mode", MODES)
    out["entry"] = _choice(config, "entry", ENTRIES)
    out["source"] = cluster.check_source(config)
    options = config.get("options", [])
    if not isinstance(options, list):
        raise ValidationError("options", "options must be a list of texts.")
    clean = []
    for value in options:
        clean.append(clean_text(value, field="options", label="An option",
                                max_length=OPTION_MAX, multiline=False))
    if len({o.casefold() for o in clean}) != len(clean):
        raise ValidationError("options", "Two options have the same text.")
    if out["on"] == "options" and not clean:
        raise ValidationError("options", 'A vote on "options" needs a list of options.')
    out["options"] = clean
    return out


def settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The step's settings with every default filled in."""
    return check_config(config)


# ------------------------------------------------------------------- records


def _voter(data: Mapping[str, Any]) -> str:
    return clean_text(data.get("voter", ""), field="voter", label="The voter's name",
                      max_length=VOTER_MAX, required=False, multiline=False)


def _target(value: object, field: str) -> str:
    return clean_text(value, field=field, label="The target of a vote",
                      max_length=TARGET_MAX, multiline=False)


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A tally (some dots from one voter on one target) or a ranking (one voter's order)."""
    if kind == TALLY:
        fields = _TALLY_FIELDS
    elif kind == RANKING:
        fields = _RANKING_FIELDS
    else:
        raise ValidationError("kind", f"A vote step keeps tallies and rankings, not '{kind}'.")
    unknown = sorted(set(data) - fields)
    if unknown:
        raise ValidationError(unknown[0], f"A {kind} has no field '{unknown[0]}'.")
    voter = _voter(data)
    if kind == TALLY:
        dots = data.get("dots")
        if (not isinstance(dots, int) or isinstance(dots, bool)
                or not 1 <= dots <= TALLY_MAX):
            raise ValidationError("dots", f"The number of dots must be a whole number from 1 "
                                  f"to {TALLY_MAX}.")
        return {"target": _target(data.get("target"), "target"), "voter": voter,
                "dots": dots}
    order = data.get("order")
    if not isinstance(order, list) or not order:
        raise ValidationError("order", "A ranking needs its order: a list of what was "
                              "ranked, best first.")
    clean = [_target(t, "order") for t in order]
    if len(set(clean)) != len(clean):
        raise ValidationError("order", "A ranking lists the same thing twice.")
    return {"voter": voter, "order": clean}


# ------------------------------------------------------------------- targets


@frozen
class Target:
    """Something the room votes on: ``key`` is what items store, ``label`` what is shown."""

    key: str
    label: str
    organisation_id: int | None = None


NotesOf = Callable[[int], Sequence[Contribution]]
ItemsOf = Callable[[int], Sequence[StepItem]]


def source_of(step: Step, steps: Sequence[Step]) -> Step | None:
    """The brainstorm (``on = "notes"``) or cluster (``"themes"``) the vote is on."""
    on = settings(step.config)["on"]
    if on == "options":
        return None
    types = ("brainstorm",) if on == "notes" else ("cluster",)
    return source_step(steps, step, types=types)


def missing_source(step: Step) -> str:
    """What to tell the facilitator when the vote's source step cannot be found."""
    on = settings(step.config)["on"]
    kind = "brainstorm" if on == "notes" else "cluster"
    source = settings(step.config)["source"]
    if source == "previous":
        return (f"This vote is on the {on} of an earlier {kind} step, and there is no "
                f"{kind} step before it.")
    return f"This vote is on the {on} of the {kind} step '{source}', which is not before it."


def targets(step: Step, steps: Sequence[Step], notes_of: NotesOf,
            items_of: ItemsOf) -> list[Target]:
    """What the room votes on, in board order ([] when the source is missing)."""
    config = settings(step.config)
    if config["on"] == "options":
        return [Target(o, o) for o in config["options"]]
    source = source_of(step, steps)
    if source is None or source.id is None:
        return []
    if config["on"] == "notes":
        return [Target(n.uid, n.text, n.organisation_id) for n in notes_of(source.id)]
    return [Target(t.item.uid, t.name) for t in cluster.themes(source.config,
                                                                items_of(source.id))
            if t.item is not None]


# ------------------------------------------------------------------- results


@frozen
class Row:
    """One target's result: dots (or Borda points) in total."""

    target: Target
    total: int


def _scores(config: Mapping[str, Any], items: Iterable[StepItem],
            target_list: Sequence[Target]) -> dict[str, int]:
    known = {t.key: 0 for t in target_list}
    if config["mode"] == "rank":
        n = len(target_list)
        for item in items:
            if item.kind != RANKING:
                continue
            ranked = [k for k in item.data.get("order", []) if k in known]
            for place, key in enumerate(ranked):
                known[key] += n - 1 - place
    else:
        for item in items:
            if item.kind == TALLY and item.data.get("target") in known:
                known[item.data["target"]] += int(item.data.get("dots", 0))
    return known


def totals(config: Mapping[str, Any], items: Iterable[StepItem],
           target_list: Sequence[Target]) -> list[Row]:
    """Each target's total in board order (dots, or Borda points for a ranking)."""
    scores = _scores(settings(config), list(items), target_list)
    return [Row(t, scores[t.key]) for t in target_list]


def ranked(rows: Sequence[Row]) -> list[Row]:
    """Highest total first; equal totals stay in board order."""
    return sorted(rows, key=lambda r: -r.total)


@frozen
class Summary:
    """How much has been recorded: dots (or rankings) and how many voters."""

    dots: int
    rankings: int
    voters: int

    def sentence(self, config: Mapping[str, Any]) -> str:
        """E.g. "24 dots from 8 tables" or "5 rankings"."""
        config = settings(config)
        noun = "table" if config["entry"] == "table" else "person"
        plural = "tables" if noun == "table" else "people"
        if config["mode"] == "rank":
            text = _count(self.rankings, "ranking", "rankings")
        else:
            text = _count(self.dots, "dot", "dots")
        if self.voters:
            text += " from " + _count(self.voters, noun, plural)
        return text


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(items: Iterable[StepItem]) -> Summary:
    """The dots and rankings recorded, and from how many named voters or tables."""
    items = list(items)
    dots = sum(int(i.data.get("dots", 0)) for i in items if i.kind == TALLY)
    rankings = sum(1 for i in items if i.kind == RANKING)
    voters = {str(i.data.get("voter", "")) for i in items if i.kind in (TALLY, RANKING)}
    voters.discard("")
    return Summary(dots, rankings, len(voters))


def value_text(config: Mapping[str, Any], total: int) -> str:
    """A total as written next to its bar: "12 dots", "1 dot", "7 points"."""
    if settings(config)["mode"] == "rank":
        return _count(total, "point", "points")
    return _count(total, "dot", "dots")


def used_by(items: Iterable[StepItem], voter: str) -> int:
    """The dots one voter (or table) has placed so far."""
    return sum(int(i.data.get("dots", 0)) for i in items
               if i.kind == TALLY and i.data.get("voter") == voter)


def tally_refusal(config: Mapping[str, Any], items: Iterable[StepItem], voter: str,
                  dots: int) -> str | None:
    """Why ``voter`` may not place ``dots`` more dots, or None.

    Entered per person, nobody places more than the step's ``dots``; entered
    per table there is no cap (a table holds any number of people).
    """
    config = settings(config)
    if config["entry"] != "person":
        return None
    if not voter.strip():
        return ("Dots are entered per person here: type who is voting (e.g. "
                "'Person 4') first.")
    cap = config["dots"]
    used = used_by(items, voter)
    if used + dots > cap:
        left = cap - used
        if left <= 0:
            return f"{voter} has already placed all {cap} dots."
        return (f"{voter} has {_count(left, 'dot', 'dots')} left of {cap}; "
                f"{dots} is too many.")
    return None


def parse_order(text: str, count: int) -> list[int]:
    """Target numbers typed as "3 1 2" (or "312" when there are nine or fewer), 1-based.

    Raises ``ValidationError`` naming the problem.
    """
    text = text.strip()
    if not text:
        raise ValidationError("order", "Type the order as target numbers, best first, "
                              "e.g. 3 1 2.")
    parts = re.split(r"[\s,;.>-]+", text)
    if len(parts) == 1 and count <= 9 and parts[0].isdigit() and len(parts[0]) > 1:
        parts = list(parts[0])
    numbers = []
    for part in parts:
        if not part:
            continue
        if not part.isdigit():
            raise ValidationError("order", f"'{part[:20]}' is not a target number.")
        number = int(part)
        if not 1 <= number <= count:
            raise ValidationError("order", f"There is no target {number}: the numbers go "
                                  f"from 1 to {count}.")
        if number in numbers:
            raise ValidationError("order", f"Target {number} is in the order twice.")
        numbers.append(number)
    return numbers


# ------------------------------------------------------------- draft actions


def draft_actions(step: Step, data: WorkshopData) -> list[str]:
    """The texts of the top-voted targets (up to three with any votes at all)."""
    target_list = targets(step, data.steps, data.contributions_for, data.items_for)
    rows = ranked(totals(step.config, data.items_for(step.id), target_list))
    return [r.target.label for r in rows if r.total > 0][:DRAFTS]


STEP_TYPE = StepType(
    name="vote",
    label="Vote",
    description="Dot voting on notes, themes or options, or ranking a short list.",
    captures="items",
    check_config=check_config,
    item_kinds=(TALLY, RANKING),
    check_item=check_item,
    hides_results=True,
    draft_actions=draft_actions,
)
