"""Round: round the room, one short entry per person (or organisation), each timed.

The facilitator goes round in order: whoever's turn it is speaks for
``seconds_each``, their words are captured (or a pass recorded), and the next
person is shown. Everything here is pure: who is next (:class:`RoundQueue`) and
the per-person countdown (:class:`RoundRun`, driven by the caller's clock).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field, replace
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import NAME_MAX, NOTE_MAX, Step, StepItem, WorkshopData
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text
from collabfacil.domain.timer import Countdown, format_clock

BY = ("person", "organisation")
SECONDS_EACH = 90
SECONDS_MIN = 10
SECONDS_MAX = 1800
COLUMNS_MAX = 4
COLUMN_LABEL_MAX = 80
TURN = "turn"
PERSON = "person"


# ------------------------------------------------------------------ settings


def _flag(config: Mapping[str, Any], key: str) -> bool:
    value = config.get(key, False)
    if not isinstance(value, bool):
        raise ValidationError(key, f"{key} must be true or false.")
    return value


def _labels(config: Mapping[str, Any], key: str, *, what: str, max_length: int,
            most: int | None = None) -> list[str]:
    raw = config.get(key, [])
    if not isinstance(raw, list):
        raise ValidationError(key, f"{key} must be a list of {what}s.")
    labels = [clean_text(v, field=key, label=f"A {what} in {key}", max_length=max_length,
                         multiline=False) for v in raw]
    seen: set[str] = set()
    for label in labels:
        if label.casefold() in seen:
            raise ValidationError(key, f"'{label}' is in {key} twice.")
        seen.add(label.casefold())
    if most is not None and len(labels) > most:
        raise ValidationError(key, f"{key} has {len(labels)} {what}s; the most is {most}.")
    return labels


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``by``: "person" or "organisation"; ``seconds_each``: each turn's time;
    ``order``: who speaks, in order; ``columns``: labels of a two-part entry;
    ``private``: entries stay off the projector and out of the PDF."""
    out = dict(config)
    if "by" in config:
        if config["by"] not in BY:
            raise ValidationError("by", 'by must be "person" or "organisation".')
        out["by"] = config["by"]
    if "seconds_each" in config:
        seconds = config["seconds_each"]
        if (not isinstance(seconds, int) or isinstance(seconds, bool)
                or not SECONDS_MIN <= seconds <= SECONDS_MAX):
            raise ValidationError("seconds_each", "seconds_each must be a whole number of "
                                  f"seconds from {SECONDS_MIN} to {SECONDS_MAX}.")
        out["seconds_each"] = seconds
    if "order" in config:
        out["order"] = _labels(config, "order", what="name", max_length=NAME_MAX)
    if "columns" in config:
        columns = _labels(config, "columns", what="column label",
                          max_length=COLUMN_LABEL_MAX, most=COLUMNS_MAX)
        if not columns:
            raise ValidationError("columns", "columns needs at least one label "
                                  "(or leave it out for one-line entries).")
        out["columns"] = columns
    if "private" in config:
        out["private"] = _flag(config, "private")
    return out


@frozen
class RoundSettings:
    """A round step's settings with the defaults filled in."""

    by: str = "person"
    seconds_each: int = SECONDS_EACH
    order: tuple[str, ...] | None = None  # None: the workshop's people or partners
    columns: tuple[str, ...] = ()
    private: bool = False

    @classmethod
    def of(cls, step: Step) -> RoundSettings:
        c = check_config(step.config)
        order = c.get("order")
        return cls(by=c.get("by", "person"), seconds_each=c.get("seconds_each", SECONDS_EACH),
                   order=tuple(order) if order is not None else None,
                   columns=tuple(c.get("columns", ())), private=c.get("private", False))

    @property
    def placeholder(self) -> str:
        """What to call the n-th speaker when no names are known ("Person 3")."""
        return "Person" if self.by == "person" else "Organisation"


def default_order(settings: RoundSettings, data: WorkshopData) -> list[str]:
    """Who goes round: the ``order`` setting, else the participants (by person) or
    the partner organisations' short labels (by organisation)."""
    if settings.order is not None:
        return list(settings.order)
    if settings.by == "organisation":
        return [o.label for o in data.organisations]
    return [p.name for p in data.participants]


# ------------------------------------------------------------------- items


def _fields(kind: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise ValidationError(str(key), f"A {kind} record has no field '{key}' "
                                  f"(it has: {', '.join(allowed)}).")


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A ``turn`` (who spoke, what they said or that they passed) or a ``person``
    added to the queue during the round."""
    if kind == PERSON:
        _fields(kind, data, ("name",))
        return {"name": clean_text(data.get("name"), field="name", label="The name",
                                   max_length=NAME_MAX, multiline=False)}
    if kind != TURN:
        raise ValidationError("kind", f"A round keeps no '{kind}' records.")
    _fields(kind, data, ("who", "text", "parts", "passed"))
    who = clean_text(data.get("who"), field="who", label="Whose turn it was",
                     max_length=NAME_MAX, multiline=False)
    text = clean_text(data.get("text", ""), field="text", label="The entry",
                      max_length=NOTE_MAX, required=False)
    passed = data.get("passed", False)
    if not isinstance(passed, bool):
        raise ValidationError("passed", "passed must be true or false.")
    out: dict[str, Any] = {"who": who, "text": text, "passed": passed}
    if "parts" in data:
        parts = data["parts"]
        if not isinstance(parts, list) or len(parts) > COLUMNS_MAX:
            raise ValidationError("parts", f"parts must be a list of up to {COLUMNS_MAX} "
                                  "texts, one per column.")
        out["parts"] = [clean_text(p, field="parts", label="A part of the entry",
                                   max_length=NOTE_MAX, required=False) for p in parts]
    said = bool(text) or any(out.get("parts", []))
    if passed and said:
        raise ValidationError("text", f"{who} passed, so the entry must be empty: clear "
                              "the text, or record it as a turn instead of a pass.")
    if not passed and not said:
        raise ValidationError("text", f"The entry for {who} is empty: type what they said, "
                              "or record a pass.")
    return out


STEP_TYPE = StepType(
    name="round",
    label="Round",
    description="Round the room: one short entry each, with a timer per person and a pass.",
    captures="items",
    check_config=check_config,
    item_kinds=(TURN, PERSON),
    check_item=check_item,
)


@frozen
class Turn:
    """One person's go: what they said (``text``, or ``parts`` by column) or a pass."""

    who: str
    text: str = ""
    parts: tuple[str, ...] = ()
    passed: bool = False
    uid: str = ""

    @classmethod
    def of(cls, item: StepItem) -> Turn:
        d = item.data
        return cls(who=d.get("who", ""), text=d.get("text", ""),
                   parts=tuple(d.get("parts", ())), passed=bool(d.get("passed")),
                   uid=item.uid)

    def part(self, i: int) -> str:
        """The ``i``-th column's text ("" when that part was left empty)."""
        return self.parts[i] if i < len(self.parts) else ""


def turns(items: Sequence[StepItem]) -> list[Turn]:
    """The turns taken so far, in the order they were captured."""
    return [Turn.of(i) for i in items if i.kind == TURN]


def added_names(items: Sequence[StepItem]) -> list[str]:
    """Names the facilitator added to the queue during the round."""
    return [str(i.data.get("name", "")) for i in items if i.kind == PERSON]


def entry_text(text: str, parts: Sequence[str], columns: Sequence[str]) -> str:
    """The entry as one text: the plain text, or each column's label and its part."""
    if not parts:
        return text
    lines = []
    for i, part in enumerate(parts):
        if part:
            label = columns[i] if i < len(columns) else ""
            lines.append(f"{label} {part}" if label else part)
    return "\n".join(lines)


def queue_names(base: Sequence[str], added: Sequence[str]) -> list[str]:
    """Everyone in the queue: the planned order, then names added live (each once)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in [*base, *added]:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


# ------------------------------------------------------------------- queue


@frozen
class RoundQueue:
    """Who has spoken, who is speaking now and who is next.

    ``names`` is everyone in order; ``skipped`` are people passed over without
    recording anything (they wait at the end until chosen again); ``chosen`` is
    someone the facilitator picked to go now, out of order. With no names at
    all the queue is "Person 1", "Person 2"... (``placeholder``).
    """

    names: tuple[str, ...]
    turns: tuple[Turn, ...] = ()
    skipped: tuple[str, ...] = ()
    chosen: str | None = None
    placeholder: str = "Person"

    def _done(self) -> set[str]:
        return {t.who.casefold() for t in self.turns}

    def has_had_turn(self, name: str) -> bool:
        return name.casefold() in self._done()

    def is_skipped(self, name: str) -> bool:
        return name.casefold() in {s.casefold() for s in self.skipped}

    def waiting(self) -> list[str]:
        """People still to go, in order (the skipped and the current one included)."""
        return [n for n in self.names if not self.has_had_turn(n) and not self.is_skipped(n)]

    @property
    def anonymous(self) -> bool:
        """True when no names are known: speakers are numbered instead."""
        return not self.names

    def current(self) -> str | None:
        """Whose turn it is now; None once everyone has had a turn (or was skipped)."""
        if self.chosen:
            return self.chosen
        waiting = self.waiting()
        if waiting:
            return waiting[0]
        if self.anonymous:
            k = 1
            while self.has_had_turn(f"{self.placeholder} {k}") or self.is_skipped(
                    f"{self.placeholder} {k}"):
                k += 1
            return f"{self.placeholder} {k}"
        return None

    def upcoming(self, count: int = 2) -> list[str]:
        """The next ``count`` people after the current one."""
        now = self.current()
        rest = [n for n in self.waiting() if n != now]
        return rest[:count]

    def turn_of(self, name: str) -> Turn | None:
        """The latest turn of ``name``, or None."""
        for t in reversed(self.turns):
            if t.who.casefold() == name.casefold():
                return t
        return None

    @property
    def complete(self) -> bool:
        return self.current() is None


# ------------------------------------------------------------ the live round


@frozen
class RoundRun:
    """The live state of a round that is not stored: skips, a chosen speaker, and
    the per-person countdown, which restarts for each new speaker.

    Immutable: every change returns a new RoundRun. Time comes from the caller
    (``now``, seconds on any monotonic clock), so tests use a fake clock.
    """

    seconds_each: float = SECONDS_EACH
    skipped: tuple[str, ...] = ()
    chosen: str | None = None
    speaker: str | None = None
    countdown: Countdown = field(default_factory=lambda: Countdown(SECONDS_EACH))

    @classmethod
    def new(cls, seconds_each: float) -> RoundRun:
        return cls(seconds_each=seconds_each, countdown=Countdown(seconds_each))

    def queue(self, names: Sequence[str], taken: Sequence[Turn], *,
              placeholder: str = "Person") -> RoundQueue:
        """The queue as it stands, with this run's skips and choice."""
        return RoundQueue(tuple(names), tuple(taken), self.skipped, self.chosen, placeholder)

    # who speaks
    def skip(self, name: str) -> RoundRun:
        """Move on from ``name`` without recording anything."""
        skipped = tuple(s for s in self.skipped if s.casefold() != name.casefold())
        return replace(self, skipped=(*skipped, name), chosen=None)

    def choose(self, name: str) -> RoundRun:
        """Let ``name`` go now, out of turn (or again)."""
        skipped = tuple(s for s in self.skipped if s.casefold() != name.casefold())
        return replace(self, skipped=skipped, chosen=name)

    def captured(self, name: str) -> RoundRun:
        """``name`` has had their turn: no longer chosen or skipped."""
        skipped = tuple(s for s in self.skipped if s.casefold() != name.casefold())
        chosen = None if self.chosen and self.chosen.casefold() == name.casefold() \
            else self.chosen
        return replace(self, skipped=skipped, chosen=chosen)

    # the per-person clock
    @property
    def running(self) -> bool:
        return self.countdown.running

    def follow(self, speaker: str | None, now: float) -> RoundRun:
        """Give a new speaker the full time (still running if it was running)."""
        if speaker == self.speaker:
            return self
        return replace(self, speaker=speaker, countdown=self._fresh(now))

    def _fresh(self, now: float) -> Countdown:
        fresh = Countdown(self.seconds_each)
        return fresh.start(now) if self.countdown.running else fresh

    def toggle_clock(self, now: float) -> RoundRun:
        """Start or pause the current speaker's time."""
        return replace(self, countdown=self.countdown.toggle(now))

    def restart_clock(self, now: float) -> RoundRun:
        """The current speaker's full time again (running if it was)."""
        return replace(self, countdown=self._fresh(now))

    def remaining(self, now: float) -> float:
        """Seconds the current speaker has left (negative: over time)."""
        return self.countdown.remaining(now)

    def clock_text(self, now: float) -> str:
        """``1:30``, or ``+0:12`` once over time."""
        return format_clock(self.remaining(now))
