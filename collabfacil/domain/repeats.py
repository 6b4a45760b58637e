"""Repeated scales: the change since last time, or since earlier the same day.

When a workshop is the next in a series, its spectrum and survey steps keep
what the room said last time in ``Step.state["baseline"]`` (each type's
``baseline``: medians per subject, means per statement shown last time, so
the minimum response count still protects anonymity). A scale taken twice in
one workshop (a trust pulse at the start and again at the close) compares the
later reading with the earlier one in the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Step, StepItem, WorkshopData
from collabfacil.domain.steps import spectrum, step_type, survey


@frozen
class Change:
    """One line of "since last time": what, then and now (same unit), and the words."""

    label: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before

    def words(self, unit: str) -> str:
        d = self.delta
        if abs(d) < 0.05:
            return "no change"
        size = f"{abs(d):.1f}"
        return f"{'up' if d > 0 else 'down'} {size} {unit}{'' if size == '1.0' else 's'}"


def spectrum_changes(step: Step, items: Iterable[StepItem]) -> list[Change]:
    """How each subject's "now" median moved since the baseline."""
    base = step.state.get("baseline", {}).get("subjects", {})
    out = []
    for r in spectrum.results(step.config, items):
        before = base.get(r.name, {}).get("now")
        if before is not None and r.now.median is not None:
            out.append(Change(r.name, float(before), float(r.now.median)))
    return out


def survey_changes(step: Step, items: Iterable[StepItem]) -> list[Change]:
    """How each statement's mean moved since the baseline (shown statements only)."""
    base = step.state.get("baseline", {}).get("means", {})
    out = []
    for r in survey.results(step.config, items):
        before = base.get(r.statement.text)
        if before is not None and r.shown and r.mean is not None:
            out.append(Change(r.statement.text, float(before), float(r.mean)))
    return out


def baseline_source(step: Step) -> str:
    """Which workshop the baseline comes from ("" when there is none)."""
    return str(step.state.get("baseline", {}).get("from", ""))


@frozen
class Repeat:
    """A scale's change against an earlier reading: where that reading came from."""

    source: str  # "the last workshop title" or the earlier step's title
    earlier_today: bool  # True: an earlier step of this workshop, not the last one
    changes: list[Change]


def _asked(step: Step, data: WorkshopData) -> set[str]:
    """What a survey or spectrum step asks about: its statements or subjects."""
    if step.type == "survey":
        return {s.text.casefold() for s in survey.settings(step.config).statements}
    return {n.casefold() for n in spectrum.subject_names(step.config,
                                                         data.items_for(step.id))}


def earlier_run(step: Step, data: WorkshopData) -> Step | None:
    """The nearest earlier step of the same type asking about at least half the same
    statements or subjects: a pulse taken at the start and again at the close."""
    if step.type not in ("survey", "spectrum"):
        return None
    asked = _asked(step, data)
    if not asked:
        return None
    earlier = [s for s in data.steps if s.type == step.type and s.position < step.position
               and len(_asked(s, data) & asked) * 2 >= len(asked)]
    return max(earlier, key=lambda s: s.position, default=None)


def repeat_of(step: Step, data: WorkshopData) -> Repeat | None:
    """The change since the last workshop of a series, else since an earlier run of
    the same scale today, else None."""
    compare = survey_changes if step.type == "survey" else spectrum_changes
    items = data.items_for(step.id)
    if baseline_source(step):
        return Repeat(baseline_source(step), False, compare(step, items))
    earlier = earlier_run(step, data)
    if earlier is None:
        return None
    kind = step_type(step.type)
    base = kind.baseline(earlier, data) if kind.baseline else {}
    changes = compare(replace(step, state={**step.state, "baseline": base}), items)
    return Repeat(earlier.title, True, changes) if changes else None
