"""A step's countdown as pure state: start, pause, add time, overtime.

Time comes from the caller (``now`` in seconds from any monotonic clock), so
the timer is tested with a fake clock and never sleeps.
"""

from __future__ import annotations

from dataclasses import replace

from collabfacil.domain.frozen import frozen


@frozen
class Countdown:
    """``duration`` seconds, counted down while running; negative remaining is overtime."""

    duration: float
    elapsed: float = 0.0  # time run before the current start
    started_at: float | None = None  # clock reading when last started, or None if paused

    @property
    def running(self) -> bool:
        """True while the countdown is counting."""
        return self.started_at is not None

    def start(self, now: float) -> Countdown:
        """Start (or carry on) counting from ``now``."""
        return self if self.running else replace(self, started_at=now)

    def pause(self, now: float) -> Countdown:
        """Stop counting, keeping the time already run."""
        if not self.running:
            return self
        return replace(self, elapsed=self.run_time(now), started_at=None)

    def toggle(self, now: float) -> Countdown:
        """Start when paused, pause when running (the Space key)."""
        return self.pause(now) if self.running else self.start(now)

    def add(self, seconds: float) -> Countdown:
        """Give the step more (or, negative, less) time."""
        return replace(self, duration=max(0.0, self.duration + seconds))

    def reset(self, duration: float | None = None) -> Countdown:
        """Back to the full time, paused."""
        return Countdown(self.duration if duration is None else duration)

    def run_time(self, now: float) -> float:
        """Seconds counted so far."""
        extra = now - self.started_at if self.started_at is not None else 0.0
        return self.elapsed + max(0.0, extra)

    def remaining(self, now: float) -> float:
        """Seconds left; negative once the step runs over."""
        return self.duration - self.run_time(now)


def format_clock(seconds: float) -> str:
    """``mm:ss`` for time left, ``+mm:ss`` for overtime (whole seconds, rounded up)."""
    if seconds >= 0:
        whole = int(-(-seconds // 1))  # ceil: 0.2 s left still shows 0:01
        return f"{whole // 60:d}:{whole % 60:02d}"
    whole = int(-seconds // 1)
    return f"+{whole // 60:d}:{whole % 60:02d}"
