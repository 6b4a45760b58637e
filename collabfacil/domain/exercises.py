"""The exercise library and agenda templates, read from TOML files.

An exercise is a reusable activity (E1-E14 of the library) made of one or more
steps; a template is an agenda: a list of exercises (standard or short) and
plain steps such as a welcome or a break. A malformed file raises
:class:`ExerciseFileError` naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from collabfacil.domain.errors import ExerciseFileError, ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Step
from collabfacil.domain.phases import read_phases
from collabfacil.domain.steps import step_type


@frozen
class StepDefinition:
    """One step of an exercise as written in its file."""

    type: str
    title: str
    prompt: str
    minutes: int
    short_minutes: int
    config: Mapping[str, Any] = field(default_factory=dict)
    # The settings of the short version when they differ: its timed phases
    # share the short minutes (None: the same settings as the standard one).
    short_config: Mapping[str, Any] | None = None

    def to_step(self, *, exercise_key: str, script: str, short: bool,
                position: int) -> Step:
        """A fresh agenda step (no ids yet) made from this definition."""
        config = self.short_config if short and self.short_config is not None else (
            self.config)
        return Step(type=self.type, title=self.title, prompt=self.prompt,
                    minutes=self.short_minutes if short else self.minutes,
                    exercise_key=exercise_key, script=script,
                    config=_copy(config), position=position)


@frozen
class Exercise:
    """A library exercise: why it exists, where it comes from, and its steps."""

    key: str
    title: str
    purpose: str
    based_on: tuple[str, ...]
    script: str
    pdf_section: int | None
    steps: tuple[StepDefinition, ...]
    path: str = ""

    @property
    def minutes(self) -> int:
        """The standard length: the sum of its steps' minutes."""
        return sum(s.minutes for s in self.steps)

    @property
    def short_minutes(self) -> int:
        """The short length: the sum of its steps' short minutes."""
        return sum(s.short_minutes for s in self.steps)


@frozen
class AgendaItem:
    """One line of a template: an exercise (by key), or a plain step of its own."""

    exercise: str = ""
    short: bool = False
    step: StepDefinition | None = None
    minutes: int | None = None  # overrides the exercise's own length when set


@frozen
class Template:
    """A ready-made agenda a workshop can start from."""

    key: str
    title: str
    description: str
    agenda: tuple[AgendaItem, ...]
    path: str = ""


@frozen
class Library:
    """All exercises and templates found, keyed by their keys."""

    exercises: dict[str, Exercise]
    templates: dict[str, Template]

    def template(self, key: str) -> Template:
        """The template called ``key``, or a ValidationError listing the known ones."""
        try:
            return self.templates[key]
        except KeyError:
            known = ", ".join(sorted(self.templates)) or "none"
            raise ValidationError(
                "template", f"No template called '{key}' (known: {known})."
            ) from None

    def agenda_steps(self, template_key: str) -> list[Step]:
        """The agenda of a template as fresh steps, in order."""
        steps: list[Step] = []
        for item in self.template(template_key).agenda:
            if item.step is not None:
                steps.append(item.step.to_step(exercise_key="", script="",
                                               short=item.short, position=len(steps)))
                continue
            exercise = self.exercises[item.exercise]
            made = [
                d.to_step(exercise_key=exercise.key, script=exercise.script,
                          short=item.short, position=len(steps) + i)
                for i, d in enumerate(exercise.steps)
            ]
            if item.minutes is not None:
                made = _rescale(made, item.minutes)
            steps.extend(made)
        return steps

    def template_minutes(self, template_key: str) -> int:
        """The planned length of a template's agenda."""
        return sum(s.minutes for s in self.agenda_steps(template_key))


def _rescale(steps: list[Step], total: int) -> list[Step]:
    """Share ``total`` minutes across steps in proportion to their own minutes.

    Largest remainders: the shares add up to ``total`` exactly, none is
    negative, and a step of 0 minutes stays at 0 (unless every step is 0, when
    the time is shared equally).
    """
    weights = [s.minutes for s in steps]
    if not any(weights):
        weights = [1] * len(steps)
    own = sum(weights)
    shares = [total * w // own for w in weights]
    by_remainder = sorted(range(len(steps)), key=lambda i: -(total * weights[i] % own))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return [Step(**{**s.__dict__, "minutes": share,
                    "config": fit_phases(s.config, share)})
            for s, share in zip(steps, shares, strict=True)]


def _copy(config: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a step's settings whose phase list can be changed safely."""
    out = dict(config)
    if isinstance(out.get("phases"), list):
        out["phases"] = [dict(p) if isinstance(p, Mapping) else p for p in out["phases"]]
    return out


def _phase_shares(total: int, weights: list[int]) -> list[int]:
    """``total`` minutes shared in proportion to ``weights``, at least 1 each.

    Needs ``total >= len(weights)``; the shares add up to ``total`` exactly
    (largest remainders over what is left after the first minute of each).
    """
    spare = total - len(weights)
    extra = [max(w - 1, 0) for w in weights]
    if not any(extra):
        extra = [1] * len(weights)
    own = sum(extra)
    shares = [spare * e // own for e in extra]
    by_remainder = sorted(range(len(weights)), key=lambda i: -(spare * extra[i] % own))
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [1 + share for share in shares]


def fit_phases(config: Mapping[str, Any], minutes: int) -> dict[str, Any]:
    """A step's settings with its timed phases fitted to ``minutes``.

    Phases that already add up to ``minutes`` are kept; otherwise each gets its
    share in proportion to its own length (at least a minute). A step too short
    to give every phase a minute runs in one go: its phases are left out.
    """
    out = _copy(config)
    phases = out.get("phases")
    if not isinstance(phases, list) or not phases:
        return out
    weights = [p.get("minutes", 1) if isinstance(p, Mapping) else 1 for p in phases]
    if all(isinstance(w, int) for w in weights) and sum(weights) == minutes:
        return out
    if minutes < len(phases):
        del out["phases"]
        return out
    weights = [w if isinstance(w, int) and not isinstance(w, bool) else 1
               for w in weights]
    out["phases"] = [{**p, "minutes": m}
                     for p, m in zip(phases, _phase_shares(minutes, weights), strict=True)]
    return out


# ---------------------------------------------------------------- reading files


class _Reader:
    """Reads fields out of one TOML table, naming file and field on any problem."""

    def __init__(self, path: Path, data: Mapping[str, Any], prefix: str = "") -> None:
        self.path, self.data, self.prefix = path, data, prefix

    def fail(self, name: str, problem: str) -> ExerciseFileError:
        return ExerciseFileError(str(self.path), self.prefix + name, problem)

    def get(self, name: str, kind: type | tuple[type, ...], *, default: Any = ...) -> Any:
        if name not in self.data:
            if default is ...:
                raise self.fail(name, "this field is missing")
            return default
        value = self.data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            want = kind.__name__ if isinstance(kind, type) else "/".join(
                k.__name__ for k in kind)
            raise self.fail(name, f"must be {want}, not {type(value).__name__}")
        return value

    def text(self, name: str, *, default: Any = ...) -> str:
        value = self.get(name, str, default=default)
        if default is ... and not value.strip():
            raise self.fail(name, "must not be empty")
        return str(value).strip()

    def minutes(self, name: str, *, default: Any = ...) -> Any:
        value = self.get(name, int, default=default)
        if value is None:
            return None  # type: ignore[return-value]
        if not 0 <= value <= 600:
            raise self.fail(name, "must be between 0 and 600 minutes")
        return int(value)

    def child(self, data: Mapping[str, Any], prefix: str) -> _Reader:
        return _Reader(self.path, data, self.prefix + prefix)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: the library is read when first needed, not at start-up

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExerciseFileError(str(path), "(file)",
                                f"cannot be read: {exc.strerror}") from None
    try:
        # utf-8-sig: Windows Notepad may start a UTF-8 file with a byte-order mark.
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExerciseFileError(
            str(path), "(file)",
            f"is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseFileError(str(path), "(file)", f"not valid TOML: {exc}") from None


def _read_phase_lengths(reader: _Reader, config: dict[str, Any], minutes: int,
                        short_minutes: int) -> dict[str, Any] | None:
    """Check a step's timed phases against its minutes; returns the short settings.

    Each phase may give its own ``short_minutes``; when none does, the short
    version shares the step's short minutes in proportion. Standard phases must
    add up to the step's ``minutes``, short ones to its ``short_minutes``.
    ``short_minutes`` is taken out of ``config``'s phases (it is a file-only field).
    """
    raw = config.get("phases")
    if not isinstance(raw, list) or not all(isinstance(p, Mapping) for p in raw):
        return None  # read_phases (via the step type's checks) names the problem
    phases = [dict(p) for p in raw]
    short = [p.pop("short_minutes", None) for p in phases]
    config["phases"] = phases
    try:
        standard = read_phases(config)
    except ValidationError as exc:
        raise reader.fail("config.phases", exc.message) from None
    if not standard:
        return None
    total = sum(p.minutes for p in standard)
    if total != minutes:
        raise reader.fail("config.phases", f"the phases add up to {total} minutes but "
                                           f"the step's minutes are {minutes}")
    if all(s is None for s in short):
        if short_minutes == minutes:
            return None
        if short_minutes < len(phases):
            raise reader.fail(
                "config.phases", f"the short version ({short_minutes} minutes) is too "
                f"short to give each of the {len(phases)} phases a minute")
        return fit_phases(config, short_minutes)
    for i, s in enumerate(short):
        if not isinstance(s, int) or isinstance(s, bool) or not 0 < s <= 240:
            raise reader.fail(f"config.phases[{i}].short_minutes",
                              "give every phase a short_minutes from 1 to 240, or none")
    if sum(short) != short_minutes:
        raise reader.fail("config.phases", f"the phases' short_minutes add up to "
                                           f"{sum(short)} but the step's short_minutes "
                                           f"are {short_minutes}")
    return {**config, "phases": [{**p, "minutes": s}
                                 for p, s in zip(phases, short, strict=True)]}


def _read_step(reader: _Reader) -> StepDefinition:
    type_name = reader.text("type")
    try:
        kind = step_type(type_name)
    except ValidationError as exc:
        raise reader.fail("type", exc.message) from None
    minutes = reader.minutes("minutes")
    short_minutes = reader.minutes("short_minutes", default=minutes)
    config = dict(reader.get("config", dict, default={}))
    short_config = _read_phase_lengths(reader, config, minutes, short_minutes)
    try:
        config = kind.check_config(config)
        if short_config is not None:
            short_config = kind.check_config(short_config)
    except ValidationError as exc:
        raise reader.fail(f"config.{exc.field}", exc.message) from None
    definition = StepDefinition(
        type=type_name, title=reader.text("title"),
        prompt=reader.text("prompt", default=""), minutes=minutes,
        short_minutes=short_minutes, config=config, short_config=short_config)
    try:  # the same checks a step made in the app gets, in both lengths
        definition.to_step(exercise_key="", script="", short=False, position=0)
        definition.to_step(exercise_key="", script="", short=True, position=0)
    except ValidationError as exc:
        raise reader.fail(exc.field, exc.message) from None
    return definition


def load_exercise(path: Path) -> Exercise:
    """Read and validate one exercise file."""
    r = _Reader(path, _read_toml(path))
    steps_data = r.get("steps", list)
    if not steps_data:
        raise r.fail("steps", "an exercise needs at least one step")
    steps = []
    for i, data in enumerate(steps_data):
        if not isinstance(data, dict):
            raise r.fail(f"steps[{i}]", "must be a table")
        steps.append(_read_step(r.child(data, f"steps[{i}].")))
    based_on = r.get("based_on", list)
    if not based_on or not all(isinstance(b, str) and b.strip() for b in based_on):
        raise r.fail("based_on", "must list at least one source, as text")
    section = r.get("pdf_section", int, default=0)
    if not 0 <= section <= 11:
        raise r.fail("pdf_section", "must be a section number from 1 to 11 (0 for none)")
    exercise = Exercise(
        key=r.text("key"), title=r.text("title"), purpose=r.text("purpose"),
        based_on=tuple(b.strip() for b in based_on), script=r.text("script", default=""),
        pdf_section=section or None, steps=tuple(steps), path=str(path))
    for name, declared, actual in (
        ("minutes", r.get("minutes", int, default=None), exercise.minutes),
        ("short_minutes", r.get("short_minutes", int, default=None),
         exercise.short_minutes),
    ):
        if declared is not None and declared != actual:
            raise r.fail(name, f"says {declared} but the steps add up to {actual}")
    return exercise


def load_template(path: Path, exercises: Mapping[str, Exercise]) -> Template:
    """Read and validate one template file against the known exercises."""
    r = _Reader(path, _read_toml(path))
    items_data = r.get("agenda", list)
    if not items_data:
        raise r.fail("agenda", "a template needs at least one agenda item")
    items = []
    for i, data in enumerate(items_data):
        if not isinstance(data, dict):
            raise r.fail(f"agenda[{i}]", "must be a table")
        ir = r.child(data, f"agenda[{i}].")
        length = ir.get("length", str, default="standard")
        if length not in ("standard", "short"):
            raise ir.fail("length", "must be 'standard' or 'short'")
        minutes = ir.minutes("minutes", default=None)
        if "exercise" in data:
            key = ir.text("exercise")
            if key not in exercises:
                raise ir.fail("exercise", f"no exercise with key '{key}'")
            items.append(AgendaItem(exercise=key, short=length == "short",
                                    minutes=minutes))
        else:
            items.append(AgendaItem(step=_read_step(ir), short=length == "short"))
    template = Template(key=r.text("key"), title=r.text("title"),
                        description=r.text("description", default=""),
                        agenda=tuple(items), path=str(path))
    declared = r.get("minutes", int, default=None)
    if declared is not None:
        actual = Library(dict(exercises), {template.key: template}).template_minutes(
            template.key)
        if declared != actual:
            raise r.fail("minutes", f"says {declared} but the agenda adds up to {actual}")
    return template


def load_library(folders: Iterable[Path]) -> Library:
    """Load every exercise and template under each folder's exercises/ and templates/.

    Later folders (e.g. the facilitator's own) may add exercises; a key used
    twice is an error naming both files.
    """
    folders = list(folders)
    exercises: dict[str, Exercise] = {}
    for folder in folders:
        for path in sorted((folder / "exercises").glob("*.toml")):
            ex = load_exercise(path)
            if ex.key in exercises:
                raise ExerciseFileError(str(path), "key",
                                        f"'{ex.key}' is also used by "
                                        f"{exercises[ex.key].path}")
            exercises[ex.key] = ex
    templates: dict[str, Template] = {}
    for folder in folders:
        for path in sorted((folder / "templates").glob("*.toml")):
            t = load_template(path, exercises)
            if t.key in templates:
                raise ExerciseFileError(str(path), "key",
                                        f"'{t.key}' is also used by "
                                        f"{templates[t.key].path}")
            templates[t.key] = t
    return Library(exercises, templates)
