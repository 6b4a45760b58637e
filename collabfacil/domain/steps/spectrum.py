"""Spectrum: place each subject (a workstream, a relationship) on a labelled scale.

For every subject the room shows hands twice, level by level: where the work is
*now* and where it needs to be (the *target*). The facilitator enters the
count of hands per level; this module checks those records and works out, per
subject and marker, the distribution, the median level, the spread and the gap
(target median − now median). Pure Python: no Qt, no SQL.
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

# Himmelman's four levels (the names only); the one-line notes are our own words.
HIMMELMAN = ("Networking", "Coordinating", "Cooperating", "Collaborating")
HIMMELMAN_NOTES = (
    "We share information with each other",
    "We also adjust what we do so our plans fit together",
    "We also share resources: staff, money, buildings, data",
    "We also build each other's capacity for one shared goal",
)
LEVEL_COUNTS = (4, 7)
MARKERS = ("now", "target")
MAX_LEVEL = max(LEVEL_COUNTS) - 1  # the highest level index any scale has
LEVEL_MAX = 60  # characters in a level label
NOTE_MAX = 200  # characters in a level's one-line description
SUBJECT_MAX = 120  # characters in a subject's name
SUBJECTS_MAX = 60
COUNT_MAX = 10_000  # hands at one level: far above any room
SPLIT_SPREAD = 1.0  # a spread (in levels) from which the room's views differ


# ------------------------------------------------------------------ settings


def _labels(value: object, *, field: str, label: str, max_length: int) -> list[str]:
    if not isinstance(value, list):
        raise ValidationError(field, f"{field} must be a list of texts.")
    return [clean_text(v, field=field, label=label, max_length=max_length,
                       multiline=False) for v in value]


def _no_repeats(names: Sequence[str], *, field: str, what: str) -> None:
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if key in seen:
            raise ValidationError(field, f"{what} '{name}' is listed twice.")
        seen.add(key)


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``levels``: 4 or 7 labels (default Himmelman's four); ``level_notes``: one
    line per level, in our own words; ``subjects``: the subjects to place."""
    out = dict(config)
    levels = list(HIMMELMAN)
    if "levels" in config:
        levels = _labels(config["levels"], field="levels", label="A level label",
                         max_length=LEVEL_MAX)
        if len(levels) not in LEVEL_COUNTS:
            raise ValidationError("levels", f"levels must list 4 or 7 labels, not "
                                            f"{len(levels)}.")
        _no_repeats(levels, field="levels", what="The level")
        out["levels"] = levels
    if "level_notes" in config:
        notes = _labels(config["level_notes"], field="level_notes",
                        label="A level's description", max_length=NOTE_MAX)
        if len(notes) != len(levels):
            raise ValidationError("level_notes", f"level_notes must have one line per "
                                                 f"level: {len(levels)}, not {len(notes)}.")
        out["level_notes"] = notes
    if "subjects" in config:
        subjects = _labels(config["subjects"], field="subjects", label="A subject's name",
                           max_length=SUBJECT_MAX)
        if len(subjects) > SUBJECTS_MAX:
            raise ValidationError("subjects", f"At most {SUBJECTS_MAX} subjects can be "
                                              "placed in one step.")
        _no_repeats(subjects, field="subjects", what="The subject")
        out["subjects"] = subjects
    return out


@frozen
class Settings:
    """A spectrum step's settings with the defaults filled in."""

    levels: tuple[str, ...]
    level_notes: tuple[str, ...]  # one per level, or () when there are none
    subjects: tuple[str, ...]  # from the exercise file; more are added live


def settings(config: Mapping[str, Any]) -> Settings:
    """The settings of a step's (already checked) config."""
    checked = check_config(config)
    levels = tuple(checked.get("levels", HIMMELMAN))
    notes = checked.get("level_notes")
    if notes is None:
        notes = HIMMELMAN_NOTES if levels == HIMMELMAN else ()
    return Settings(levels, tuple(notes), tuple(checked.get("subjects", ())))


# ------------------------------------------------------------------ items


def _whole(value: object, *, field: str, label: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a whole number.")
    if not low <= value <= high:
        raise ValidationError(field, f"{label} must be from {low} to {high}, not {value}.")
    return value


def _only(data: Mapping[str, Any], fields: tuple[str, ...], what: str) -> None:
    for key in data:
        if key not in fields:
            raise ValidationError(str(key)[:40], f"A {what} record has no field "
                                                 f"'{str(key)[:40]}' (it has: "
                                                 f"{', '.join(fields)}).")


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """``subject``: ``{"name"}``, a subject added live; ``hands``: ``{"subject",
    "marker", "level", "count"}``, the hands shown at one level.

    The level is checked against the largest scale (7 levels): the step's own
    scale is not visible here, and the console keeps to it.
    """
    if kind == "subject":
        _only(data, ("name",), "subject")
        return {"name": clean_text(data.get("name"), field="name",
                                   label="The subject's name", max_length=SUBJECT_MAX,
                                   multiline=False)}
    if kind == "hands":
        _only(data, ("subject", "marker", "level", "count"), "hands")
        subject = clean_text(data.get("subject"), field="subject",
                             label="The subject's name", max_length=SUBJECT_MAX,
                             multiline=False)
        marker = data.get("marker")
        if marker not in MARKERS:
            raise ValidationError("marker", "The marker must be 'now' or 'target'.")
        level = _whole(data.get("level"), field="level", label="The level",
                       low=0, high=MAX_LEVEL)
        count = _whole(data.get("count"), field="count", label="The number of hands",
                       low=0, high=COUNT_MAX)
        return {"subject": subject, "marker": marker, "level": level, "count": count}
    raise ValidationError("kind", f"A spectrum step keeps no '{kind}' records.")


# ------------------------------------------------------------------ results


@frozen
class Distribution:
    """How many hands went up at each level, for one subject and one marker."""

    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def median(self) -> float | None:
        """The median level (0-based); a half when it falls between two levels."""
        n = self.total
        if n == 0:
            return None
        return (self._nth((n - 1) // 2) + self._nth(n // 2)) / 2

    @property
    def mean(self) -> float | None:
        n = self.total
        if n == 0:
            return None
        return sum(level * c for level, c in enumerate(self.counts)) / n

    @property
    def spread(self) -> float | None:
        """The standard deviation of the levels, in levels (0: everyone agrees)."""
        mean = self.mean
        if mean is None:
            return None
        n = self.total
        return math.sqrt(sum(c * (level - mean) ** 2
                             for level, c in enumerate(self.counts)) / n)

    def _nth(self, index: int) -> int:
        """The level of the ``index``-th hand, counting from the lowest level."""
        seen = 0
        for level, c in enumerate(self.counts):
            seen += c
            if index < seen:
                return level
        raise IndexError(index)  # pragma: no cover - callers stay below total


@frozen
class SubjectResult:
    """One subject's "now" and "target" distributions and the gap between them."""

    name: str
    now: Distribution
    target: Distribution

    @property
    def gap(self) -> float | None:
        """Target median − now median, in levels (None until both have hands)."""
        if self.now.median is None or self.target.median is None:
            return None
        return self.target.median - self.now.median

    @property
    def responses(self) -> int:
        """The larger of the two hand counts: about how many people placed it."""
        return max(self.now.total, self.target.total)

    @property
    def views_differ(self) -> bool:
        """True when the room's placements spread over more than about a level."""
        return any(d.spread is not None and d.spread >= SPLIT_SPREAD
                   for d in (self.now, self.target))

    def marker(self, marker: str) -> Distribution:
        return self.now if marker == "now" else self.target


def subject_names(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[str]:
    """The subjects in order: the exercise file's, those added live, then any that
    only hands records name (so no count is ever lost); each name once."""
    names: list[str] = []
    seen: set[str] = set()
    items = list(items)

    def add(name: str) -> None:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)

    for name in settings(config).subjects:
        add(name)
    for item in items:
        if item.kind == "subject":
            add(str(item.data["name"]))
    for item in items:
        if item.kind == "hands":
            add(str(item.data["subject"]))
    return names


def hands_item(items: Iterable[StepItem], subject: str, marker: str,
               level: int) -> StepItem | None:
    """The record holding the hands for one subject, marker and level, if any."""
    key = subject.casefold()
    for item in items:
        d = item.data
        if (item.kind == "hands" and str(d["subject"]).casefold() == key
                and d["marker"] == marker and d["level"] == level):
            return item
    return None


def results(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[SubjectResult]:
    """Every subject's distributions, in subject order.

    Hands at a level beyond the step's scale (a file made for a longer scale)
    are left out; two records for the same level add up.
    """
    items = list(items)
    levels = len(settings(config).levels)
    names = subject_names(config, items)
    index = {n.casefold(): i for i, n in enumerate(names)}
    counts = {(i, m): [0] * levels for i in range(len(names)) for m in MARKERS}
    for item in items:
        if item.kind != "hands":
            continue
        d = item.data
        level = int(d["level"])
        if level < levels:
            counts[(index[str(d["subject"]).casefold()], str(d["marker"]))][level] += \
                int(d["count"])
    return [SubjectResult(name, Distribution(tuple(counts[(i, "now")])),
                          Distribution(tuple(counts[(i, "target")])))
            for i, name in enumerate(names)]


def by_gap(found: Sequence[SubjectResult]) -> list[SubjectResult]:
    """Subjects with the biggest gap first, whichever way it points (a target below
    "now" is a change too); subjects not yet placed last; ties in subject order."""
    return sorted(found, key=lambda r: (r.gap is None, -abs(r.gap or 0.0)))


def level_name(levels: Sequence[str], median: float | None) -> str:
    """A median as words: "Coordinating", or "Coordinating – Cooperating" between two."""
    if median is None:
        return "—"
    low, high = math.floor(median), math.ceil(median)
    if low == high:
        return levels[low]
    return f"{levels[low]} \u2013 {levels[high]}"


def format_gap(gap: float | None) -> str:
    """``+2``, ``−0.5``, ``0``; "—" when there is no gap yet."""
    if gap is None:
        return "—"
    text = f"{abs(gap):g}"
    if gap > 0:
        return f"+{text}"
    if gap < 0:
        return f"\u2212{text}"
    return "0"


def gap_words(gap: float | None) -> str:
    """The gap for a reader: "+2 levels", "−1 level", "no gap", "not placed yet"."""
    if gap is None:
        return "not placed yet"
    if gap == 0:
        return "no gap"
    unit = "level" if abs(gap) == 1 else "levels"
    return f"{format_gap(gap)} {unit}"


def baseline(step: Step, data: WorkshopData) -> dict[str, Any]:
    """For the next workshop in a series: each placed subject's now and target medians."""
    subjects = {r.name: {"now": r.now.median, "target": r.target.median}
                for r in results(step.config, data.items_for(step.id))
                if r.now.median is not None or r.target.median is not None}
    return {"subjects": subjects} if subjects else {}


STEP_TYPE = StepType(
    name="spectrum",
    label="Spectrum",
    description="Place each subject on a labelled scale, now and target, "
                "from a show of hands per level.",
    captures="items",
    check_config=check_config,
    item_kinds=("subject", "hands"),
    check_item=check_item,
    baseline=baseline,
    paper_section=lambda step: 2,
)
