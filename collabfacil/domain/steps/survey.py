"""Survey: anonymous 5-point agreement ratings of our own statements, plus "don't know".

Only aggregate counts are ever stored: one ``tally`` record per statement with
how many people answered don't know, 1, 2, 3, 4 and 5. The facilitator types in
paper slips (one digit per statement) or adds votes by show of fingers; no
individual response is kept. A statement's numbers are shown only once it has
at least ``min_responses`` ratings. Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Step, StepItem, WorkshopData
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text

SCALE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
         "Strongly agree")
DONT_KNOW = "Don't know"
DK = 0  # index of "don't know" in a tally's counts; ratings 1..5 sit at their own index
DEFAULT_MIN_RESPONSES = 4
MIN_RESPONSES_FLOOR = 2  # one rating on its own would be one person's answer
STATEMENT_MAX = 300
CATEGORY_MAX = 80
STATEMENTS_MAX = 60
COUNT_MAX = 100_000
LOW_MEAN = 3.0  # a mean below this is flagged "low"
HIGH_SPREAD = 1.2  # a standard deviation from this up is flagged "split"
STATEMENT_FIELDS = ("text", "category", "reverse", "source")
DK_KEYS = "xX0?"


# ------------------------------------------------------------------ settings


@frozen
class Statement:
    """One statement to rate, in our own words; ``reverse`` flips it for the mean."""

    text: str
    category: str = ""
    reverse: bool = False


def _statement(i: int, value: object) -> dict[str, Any]:
    field = f"statements[{i}]"
    if not isinstance(value, Mapping):
        raise ValidationError("statements", f"{field} must be a table with a text.")
    for key in value:
        if key not in STATEMENT_FIELDS:
            raise ValidationError("statements", f"{field} has no field '{str(key)[:40]}' "
                                                f"(it has: {', '.join(STATEMENT_FIELDS)}).")
    out: dict[str, Any] = dict(value)
    out["text"] = clean_text(value.get("text"), field="statements",
                             label=f"The text of statement {i + 1}",
                             max_length=STATEMENT_MAX, multiline=False)
    if "category" in value:
        out["category"] = clean_text(value["category"], field="statements",
                                     label=f"The category of statement {i + 1}",
                                     max_length=CATEGORY_MAX, required=False,
                                     multiline=False)
    if "reverse" in value and not isinstance(value["reverse"], bool):
        raise ValidationError("statements", f"{field}.reverse must be true or false.")
    if "source" in value:
        out["source"] = clean_text(value["source"], field="statements",
                                   label=f"The source of statement {i + 1}",
                                   max_length=CATEGORY_MAX, required=False,
                                   multiline=False)
    return out


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``statements``: tables of ``text``, ``category``, ``reverse``; ``min_responses``:
    the fewest ratings a statement needs before its numbers are shown (default 4);
    ``categories_order``: the order of the categories on the radar and in the PDF."""
    out = dict(config)
    statements = config.get("statements", [])
    if not isinstance(statements, list):
        raise ValidationError("statements", "statements must be a list of tables, "
                                            "each with a text.")
    if len(statements) > STATEMENTS_MAX:
        raise ValidationError("statements", f"A survey can have at most {STATEMENTS_MAX} "
                                            "statements.")
    checked = [_statement(i, s) for i, s in enumerate(statements)]
    texts = [s["text"].casefold() for s in checked]
    for i, text in enumerate(texts):
        if text in texts[:i]:
            raise ValidationError("statements", f"Statement {i + 1} repeats statement "
                                                f"{texts.index(text) + 1}.")
    if "statements" in config:
        out["statements"] = checked
    if "min_responses" in config:
        value = config["min_responses"]
        if (not isinstance(value, int) or isinstance(value, bool)
                or not MIN_RESPONSES_FLOOR <= value <= 1000):
            raise ValidationError("min_responses", "min_responses must be a whole number "
                                                   f"from {MIN_RESPONSES_FLOOR} to 1000.")
    if "categories_order" in config:
        order = config["categories_order"]
        if not isinstance(order, list):
            raise ValidationError("categories_order", "categories_order must be a list "
                                                      "of category names.")
        names = [clean_text(c, field="categories_order", label="A category",
                            max_length=CATEGORY_MAX, multiline=False) for c in order]
        used = {s.get("category", "") for s in checked}
        for name in names:
            if name not in used:
                raise ValidationError("categories_order", f"The category '{name}' in "
                                      "categories_order is not used by any statement.")
        if len(set(names)) != len(names):
            raise ValidationError("categories_order", "categories_order names a "
                                                      "category twice.")
        out["categories_order"] = names
    return out


@frozen
class Settings:
    """A survey step's settings with the defaults filled in."""

    statements: tuple[Statement, ...]
    min_responses: int
    categories: tuple[str, ...]  # named categories in display order ("" left out)


def settings(config: Mapping[str, Any]) -> Settings:
    """The settings of a step's (already checked) config."""
    checked = check_config(config)
    statements = tuple(Statement(s["text"], s.get("category", ""), bool(s.get("reverse")))
                       for s in checked.get("statements", []))
    order = list(checked.get("categories_order", []))
    for s in statements:
        if s.category and s.category not in order:
            order.append(s.category)
    return Settings(statements, int(checked.get("min_responses", DEFAULT_MIN_RESPONSES)),
                    tuple(order))


# ------------------------------------------------------------------ items


def _whole(value: object, *, field: str, label: str, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a whole number.")
    if not 0 <= value <= high:
        raise ValidationError(field, f"{label} must be from 0 to {high:,}, not {value}.")
    return value


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """``tally``: ``{"statement": index, "counts": [don't know, 1, 2, 3, 4, 5]}``;
    ``slips``: ``{"count": n}``, how many paper slips were typed in."""
    if kind == "tally":
        for key in data:
            if key not in ("statement", "counts"):
                raise ValidationError(str(key)[:40], f"A tally has no field "
                                                     f"'{str(key)[:40]}' (it has: "
                                                     "statement, counts).")
        statement = _whole(data.get("statement"), field="statement",
                           label="The statement number", high=STATEMENTS_MAX - 1)
        counts = data.get("counts")
        if not isinstance(counts, list) or len(counts) != 6:
            raise ValidationError("counts", "A tally's counts must be six numbers: "
                                            "don't know, then ratings 1 to 5.")
        return {"statement": statement,
                "counts": [_whole(c, field="counts", label="A count", high=COUNT_MAX)
                           for c in counts]}
    if kind == "slips":
        for key in data:
            if key != "count":
                raise ValidationError(str(key)[:40], f"The slip count has no field "
                                                     f"'{str(key)[:40]}' (it has: count).")
        return {"count": _whole(data.get("count"), field="count",
                                label="The number of slips", high=COUNT_MAX)}
    raise ValidationError("kind", f"A survey step keeps no '{kind}' records.")


# ------------------------------------------------------------------ slips


def parse_slip(text: str, statements: int) -> list[int | None]:
    """One paper slip typed as one character per statement, in order.

    ``1``–``5`` is a rating, ``x``, ``0`` or ``?`` is "don't know" (0 here) and a
    space skips a statement (None); statements after the last character are
    skipped too. Raises ValidationError naming the first character that is wrong.
    """
    if not text.strip():
        raise ValidationError("slip", "The slip is empty: type one digit per statement.")
    body = text.rstrip()
    if len(body) > statements:
        raise ValidationError("slip", f"The slip has {len(body)} answers but there are "
                                      f"only {statements} statements.")
    answers: list[int | None] = []
    for position, ch in enumerate(body, start=1):
        if ch == " ":
            answers.append(None)
        elif ch in DK_KEYS:
            answers.append(DK)
        elif ch in "12345":
            answers.append(int(ch))
        else:
            raise ValidationError("slip", f"Answer {position} is '{ch}': use 1 to 5, "
                                          "x for don't know, or a space to skip.")
    return answers + [None] * (statements - len(answers))


def describe_slip(answers: Sequence[int | None]) -> str:
    """The slip as the facilitator checks it: "1: 4 · 2: don't know · 3: –"."""
    def one(a: int | None) -> str:
        if a is None:
            return "–"
        return "don't know" if a == DK else str(a)
    return " · ".join(f"{i}: {one(a)}" for i, a in enumerate(answers, start=1))


def tally_item(items: Iterable[StepItem], statement: int) -> StepItem | None:
    """The record holding the counts of one statement, if there is one yet."""
    return next((i for i in items
                 if i.kind == "tally" and i.data["statement"] == statement), None)


def slips_entered(items: Iterable[StepItem]) -> int:
    return sum(int(i.data["count"]) for i in items if i.kind == "slips")


# ------------------------------------------------------------------ results


@frozen
class StatementResult:
    """The group's answers to one statement, and what may be shown of them."""

    number: int  # 1-based, as on the paper slip
    statement: Statement
    counts: tuple[int, ...]  # don't know, 1, 2, 3, 4, 5
    min_responses: int

    @property
    def dont_know(self) -> int:
        return self.counts[DK]

    @property
    def ratings(self) -> tuple[int, ...]:
        """How many chose 1, 2, 3, 4 and 5, as answered (not reversed)."""
        return self.counts[1:]

    @property
    def n(self) -> int:
        """The number of ratings (don't know not counted)."""
        return sum(self.ratings)

    @property
    def responses(self) -> int:
        """Everyone who answered, don't know included."""
        return self.n + self.dont_know

    @property
    def shown(self) -> bool:
        """Enough ratings to show numbers without exposing anyone."""
        return self.n >= self.min_responses

    @property
    def mean(self) -> float | None:
        """The mean rating, a reversed statement's ratings flipped (1↔5)."""
        if self.n == 0:
            return None
        total = sum(score * c for score, c in zip(_scores(self.statement), self.ratings,
                                                  strict=True))
        return total / self.n

    @property
    def spread(self) -> float | None:
        """The standard deviation of the ratings (of the group: divided by n)."""
        mean = self.mean
        if mean is None:
            return None
        return math.sqrt(sum(c * (score - mean) ** 2 for score, c in
                             zip(_scores(self.statement), self.ratings, strict=True))
                         / self.n)

    @property
    def low(self) -> bool:
        return self.mean is not None and self.mean < LOW_MEAN

    @property
    def split(self) -> bool:
        return self.spread is not None and self.spread >= HIGH_SPREAD

    @property
    def flags(self) -> list[str]:
        """Words for what to discuss: "low" (mean below 3), "split" (spread 1.2 or more)."""
        return [w for w, on in (("low", self.low), ("split", self.split)) if on]


def _scores(statement: Statement) -> tuple[int, ...]:
    return (5, 4, 3, 2, 1) if statement.reverse else (1, 2, 3, 4, 5)


def results(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[StatementResult]:
    """Every statement's counts, in statement order (two tallies of one statement add
    up; a tally of a statement the step does not have is left out)."""
    s = settings(config)
    counts = [[0] * 6 for _ in s.statements]
    for item in items:
        if item.kind != "tally":
            continue
        index = int(item.data["statement"])
        if index < len(counts):
            for k, c in enumerate(item.data["counts"]):
                counts[index][k] += int(c)
    return [StatementResult(i + 1, st, tuple(counts[i]), s.min_responses)
            for i, st in enumerate(s.statements)]


def responses_so_far(found: Sequence[StatementResult], items: Iterable[StepItem]) -> int:
    """About how many people have answered: the slips typed in, or the most answers
    any one statement has (show of fingers), whichever is more."""
    return max([slips_entered(items), *(r.responses for r in found)])


@frozen
class CategoryResult:
    """One category: the mean of its statements' means (only statements shown)."""

    name: str
    statements: tuple[StatementResult, ...]

    @property
    def shown(self) -> tuple[StatementResult, ...]:
        return tuple(r for r in self.statements if r.shown)

    @property
    def mean(self) -> float | None:
        means = [r.mean for r in self.shown if r.mean is not None]
        return sum(means) / len(means) if means else None

    @property
    def spread(self) -> float | None:
        """The standard deviation of all the category's shown ratings together."""
        pairs = [(score, c) for r in self.shown
                 for score, c in zip(_scores(r.statement), r.ratings, strict=True)]
        n = sum(c for _, c in pairs)
        if n == 0:
            return None
        mean = sum(s * c for s, c in pairs) / n
        return math.sqrt(sum(c * (s - mean) ** 2 for s, c in pairs) / n)


def categories(config: Mapping[str, Any],
               found: Sequence[StatementResult]) -> list[CategoryResult]:
    """The named categories in display order, each with its statements."""
    return [CategoryResult(name, tuple(r for r in found if r.statement.category == name))
            for name in settings(config).categories]


def has_radar(config: Mapping[str, Any]) -> bool:
    """A radar by category needs at least three named categories."""
    return len(settings(config).categories) >= 3


def by_concern(found: Sequence[StatementResult]) -> list[StatementResult]:
    """Statements most worth discussing first: flagged, lowest mean, widest spread;
    then the rest; those below the minimum last."""
    return sorted(found, key=lambda r: (not r.shown, not r.flags, r.mean or 0.0,
                                        -(r.spread or 0.0)))


def not_enough(min_responses: int) -> str:
    return f"not enough responses to show (n < {min_responses})"


def format_number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def baseline(step: Step, data: WorkshopData) -> dict[str, Any]:
    """For the next workshop in a series: the mean of each statement shown this time."""
    means = {r.statement.text: round(r.mean, 3)
             for r in results(step.config, data.items_for(step.id))
             if r.shown and r.mean is not None}
    return {"means": means} if means else {}


STEP_TYPE = StepType(
    name="survey",
    label="Survey",
    description="Anonymous 5-point agreement with our own statements, plus don't know; "
                "aggregates only.",
    captures="items",
    check_config=check_config,
    item_kinds=("tally", "slips"),
    check_item=check_item,
    hides_results=True,
    baseline=baseline,
    paper_section=lambda step: 3,
)
