"""How the session is going against the plan: ahead or behind, and the likely finish."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from collabfacil.domain.frozen import frozen


@frozen
class Forecast:
    """``behind_minutes`` > 0: running late by that much; < 0: ahead."""

    behind_minutes: float
    finish: datetime

    def describe(self) -> str:
        """E.g. "3 min behind plan · finish about 12:08"."""
        late = round(self.behind_minutes)
        if late > 0:
            pace = f"{late} min behind plan"
        elif late < 0:
            pace = f"{-late} min ahead of plan"
        else:
            pace = "on plan"
        return f"{pace} · finish about {self.finish:%H:%M}"


def forecast(*, planned_minutes: Sequence[int], current: int, started: datetime,
             step_started: datetime, step_elapsed_s: float, now: datetime) -> Forecast:
    """Compare the session so far with the plan.

    ``planned_minutes`` are the agenda's steps, ``current`` the step in hand,
    ``started`` when the session began and ``step_started`` when the current step
    began; ``step_elapsed_s`` is the time counted on it (the countdown's run time).
    The current step is assumed to take at least its planned time.
    """
    planned_before = sum(planned_minutes[:current])
    actual_before = (step_started - started).total_seconds() / 60
    this_step = planned_minutes[current] if planned_minutes else 0
    over_now = max(0.0, step_elapsed_s / 60 - this_step)
    behind = actual_before - planned_before + over_now
    left_here = max(this_step - step_elapsed_s / 60, 0.0)
    remaining = left_here + sum(planned_minutes[current + 1:])
    return Forecast(behind, now + timedelta(minutes=remaining))
