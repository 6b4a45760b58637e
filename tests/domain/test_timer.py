"""The step countdown, driven by a fake clock."""

from __future__ import annotations

import pytest

from collabfacil.domain.timer import Countdown, format_clock


def test_countdown_runs_only_while_started() -> None:
    """Time passes on the countdown only between start and pause."""
    c = Countdown(600).start(100.0)
    assert c.remaining(160.0) == 540
    c = c.pause(160.0)
    assert c.remaining(1000.0) == 540
    c = c.start(2000.0)
    assert c.remaining(2030.0) == 510


def test_adding_a_minute_and_reset() -> None:
    """+1 minute extends the time left; reset goes back to the full time, paused."""
    c = Countdown(60).start(0.0).add(60)
    assert c.remaining(30.0) == 90
    c = c.reset()
    assert not c.running
    assert c.remaining(999.0) == 120


def test_overtime_is_negative_and_shown_with_a_plus() -> None:
    """Past zero the countdown goes negative and reads +m:ss."""
    c = Countdown(60).start(0.0)
    assert c.remaining(75.0) == -15
    assert format_clock(c.remaining(75.0)) == "+0:15"


@pytest.mark.parametrize(("seconds", "shown"), [
    (600, "10:00"), (59.2, "1:00"), (0.4, "0:01"), (0, "0:00"), (-61, "+1:01"),
])
def test_clock_format(seconds: float, shown: str) -> None:
    """Time left rounds up (0.4 s left still shows 0:01); overtime counts whole seconds."""
    assert format_clock(seconds) == shown
