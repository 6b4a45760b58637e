"""Ahead or behind plan, and the forecast finish."""

from __future__ import annotations

from datetime import datetime

from collabfacil.domain.flow import forecast

NINE = datetime(2026, 3, 12, 9, 0)


def at(h: int, m: int) -> datetime:
    return datetime(2026, 3, 12, h, m)


def test_on_plan_at_the_start() -> None:
    """Nothing run yet: on plan, finishing after the planned total."""
    f = forecast(planned_minutes=[10, 20, 30], current=0, started=NINE, step_started=NINE,
                 step_elapsed_s=0, now=NINE)
    assert f.describe() == "on plan · finish about 10:00"


def test_a_late_step_puts_the_session_behind() -> None:
    """Step 1 (10 min planned) took 15: step 2 starts 5 minutes behind."""
    f = forecast(planned_minutes=[10, 20, 30], current=1, started=NINE,
                 step_started=at(9, 15), step_elapsed_s=0, now=at(9, 15))
    assert round(f.behind_minutes) == 5
    assert f.describe() == "5 min behind plan · finish about 10:05"


def test_running_over_in_the_current_step_counts_as_it_happens() -> None:
    """12 minutes into a 10-minute first step: 2 minutes behind already."""
    f = forecast(planned_minutes=[10, 20], current=0, started=NINE, step_started=NINE,
                 step_elapsed_s=12 * 60, now=at(9, 12))
    assert round(f.behind_minutes) == 2
    assert f.finish == at(9, 32)


def test_ahead_when_steps_finish_early() -> None:
    """Two 10-minute steps done in 14 minutes: 6 ahead."""
    f = forecast(planned_minutes=[10, 10, 10], current=2, started=NINE,
                 step_started=at(9, 14), step_elapsed_s=0, now=at(9, 14))
    assert f.describe() == "6 min ahead of plan · finish about 09:24"
