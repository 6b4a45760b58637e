"""Repeated scales in a series: the change since last time.

When a workshop is the next in a series, its spectrum and survey steps keep
what the room said last time in ``Step.state["baseline"]`` (each type's
``baseline``: medians per subject, means per statement shown last time, so
the minimum response count still protects anonymity).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from collabfacil.domain.model import Step, StepItem
from collabfacil.domain.steps import spectrum, survey


@dataclass(frozen=True)
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
        return f"{'up' if d > 0 else 'down'} {abs(d):.1f} {unit}"


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
