"""Every shipped exercise and template loads and validates (sqlite-utils test_docs style)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from collabfacil.domain.exercises import (
    Exercise,
    Library,
    load_exercise,
    load_library,
    load_template,
)
from collabfacil.domain.model import Step
from collabfacil.domain.steps import STEP_TYPES
from collabfacil.resources import load_default_library, resources_root

ROOT = resources_root()
EXERCISE_FILES = sorted((ROOT / "exercises").glob("*.toml"))
TEMPLATE_FILES = sorted((ROOT / "templates").glob("*.toml"))
DOCS = Path(__file__).resolve().parents[2] / "docs" / "exercise-files.md"

# Trademarks and product names that are never a title or a label (EXERCISES.md
# section 3); they may appear in based_on, which credits the source.
FORBIDDEN_EXACT = ("RAPID", "TKI")
FORBIDDEN_ANY_CASE = ("thomas-kilmann", "thomas kilmann", "five dysfunctions")
# The conflict-mode names of the published instrument: not our zone labels.
MODE_NAMES = ("competing", "collaborating", "compromising", "avoiding", "accommodating")

# EXERCISES.md section 3.3: starter items written for this product, used verbatim.
PULSE = (
    'I can say "I don\'t know" or "I got that wrong" in this group without it being '
    "used against me.",
    "If I raised a concern about how another organisation is acting, it would be heard, "
    "not dismissed.",
    "I expect partners here to act for the shared goal, even when it costs their own "
    "organisation something.",
    "When someone here commits to an action, I assume it will happen.",
    "I trust the information other partners bring to this group.",
    "It is easy to ask another organisation in this room for help.",
)
HEALTH_CHECK = {
    "Need for partnership": (
        "We can each name something our organisation cannot achieve without the others.",
        "We have already achieved something together that we are proud of."),
    "Clarity and realism of purpose": (
        "Everyone here could describe, in a sentence, what this partnership is for.",
        "Our shared goals are realistic for the time and money we actually have."),
    "Commitment and ownership": (
        "When organisational targets clash with the shared goal, we discuss it openly.",
        "Senior leaders in each organisation actively back this work, not just in name."),
    "Trust": (
        "Disagreements are raised in the room rather than afterwards.",
        "We invest in relationships here even when there is no immediate task."),
    "Clear and robust arrangements": (
        "It is clear who decides what in this partnership.",
        "Information that a partner needs reaches them without a struggle."),
    "Monitor, measure and learn": (
        "We regularly check whether this partnership is making a difference for the "
        "people we serve.",
        "When something doesn't work, we change our approach rather than repeat it."),
}
BARRIERS = ["Time & capacity", "Information & data sharing", "Governance & decision-making",
            "Money & incentives", "Culture & behaviours", "Other"]

# EXERCISES.md section 2.11 (and the 90-minute short masterclass): minutes per
# agenda item, "" for a plain step of the template's own (welcome, break, pulse).
AGENDAS = {
    "masterclass-short": [("", 5), ("E4", 25), ("E9", 30), ("E13", 25), ("E14", 5)],
    "masterclass-2h": [("", 5), ("E1", 12), ("E5", 15), ("E4", 15), ("E9", 25),
                       ("E7", 15), ("E13", 25), ("E14", 8)],
    "masterclass-3h": [("", 5), ("E1", 15), ("E2", 10), ("E4", 25), ("E5", 20),
                       ("", 10), ("E9", 30), ("E7", 20), ("E12", 15), ("E13", 25),
                       ("E14", 5)],
    "masterclass-4h": [("", 5), ("E1", 15), ("E2", 10), ("E4", 25), ("E5", 20),
                       ("", 10), ("E8", 20), ("E9", 30), ("E10", 25), ("", 10),
                       ("E7", 20), ("E12", 15), ("E13", 25), ("", 2), ("E14", 8)],
}
SLOTS = {"masterclass-short": 90, "masterclass-2h": 120, "masterclass-3h": 180,
         "masterclass-4h": 240}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([ROOT])


def labels(value: Any) -> Iterator[str]:
    """Every text inside a step's settings (labels, options, statements, zones...)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from labels(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from labels(v)


def shown_texts(ex: Exercise) -> list[str]:
    """What the room or the facilitator reads: everything but the credits."""
    texts = [ex.key, ex.title, ex.purpose, ex.script]
    for step in ex.steps:
        texts += [step.title, step.prompt, *labels(dict(step.config))]
    return texts


def assert_no_product_names(texts: list[str]) -> None:
    for text in texts:
        for word in FORBIDDEN_EXACT:
            assert not re.search(rf"\b{word}\b", text), (word, text)
        for word in FORBIDDEN_ANY_CASE:
            assert word not in text.casefold(), (word, text)


def grouped(steps: list[Step]) -> list[tuple[str, int]]:
    """An agenda's steps as (exercise key, minutes), one entry per agenda item."""
    out: list[tuple[str, int]] = []
    previous: tuple[str, int] | None = None
    for step in steps:
        if step.exercise_key and previous and previous[0] == step.exercise_key:
            out[-1] = (step.exercise_key, out[-1][1] + step.minutes)
        else:
            out.append((step.exercise_key, step.minutes))
        previous = out[-1]
    return out


def test_the_shipped_resources_are_found() -> None:
    """resources/ has exercises and templates to offer."""
    assert EXERCISE_FILES
    assert TEMPLATE_FILES


def test_all_fourteen_exercises_are_shipped(library: Library) -> None:
    """E1 to E14 of EXERCISES.md, and nothing else."""
    assert sorted(library.exercises, key=lambda k: int(k[1:])) == [
        f"E{n}" for n in range(1, 15)]


# ------------------------------------------------------------ every exercise


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.name)
def test_every_shipped_exercise_loads(path: Path) -> None:
    """Each exercise file validates, has sources, and its steps make real steps."""
    ex = load_exercise(path)
    assert ex.key
    assert ex.title
    assert ex.purpose
    assert ex.based_on
    assert all(source.strip() for source in ex.based_on)
    assert ex.script
    assert ex.steps
    assert 0 < ex.short_minutes <= ex.minutes
    assert ex.pdf_section is not None
    assert 1 <= ex.pdf_section <= 11
    for short in (False, True):
        for i, definition in enumerate(ex.steps):
            step = definition.to_step(exercise_key=ex.key, script=ex.script, short=short,
                                      position=i)
            assert isinstance(step, Step)


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.name)
def test_every_exercise_adds_up_in_both_lengths(path: Path) -> None:
    """Declared minutes match the steps, and each step's phases match the step."""
    raw = tomllib.loads(path.read_text("utf-8"))
    ex = load_exercise(path)
    assert raw["minutes"] == ex.minutes == sum(s.minutes for s in ex.steps)
    assert raw["short_minutes"] == ex.short_minutes == sum(
        s.short_minutes for s in ex.steps)
    for short in (False, True):
        for definition in ex.steps:
            step = definition.to_step(exercise_key=ex.key, script="", short=short,
                                      position=0)
            if step.phases:
                assert sum(p.minutes for p in step.phases) == step.minutes, step.title
                assert "short_minutes" not in str(step.config)


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.name)
def test_every_step_type_used_exists(path: Path) -> None:
    """Each step names a type of the registry (each with its own module)."""
    for step in load_exercise(path).steps:
        assert step.type in STEP_TYPES


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.name)
def test_no_trademarked_names_are_used_as_titles(path: Path) -> None:
    """No RAPID, Thomas-Kilmann, TKI or Five Dysfunctions, except in the credits."""
    assert_no_product_names(shown_texts(load_exercise(path)))


def test_exercise_keys_are_unique_and_match_the_file_names() -> None:
    """E4 lives in e04-*.toml: a facilitator can find an exercise's file."""
    library = load_default_library()
    shipped = {k: e for k, e in library.exercises.items() if Path(e.path).parent
               == ROOT / "exercises"}
    assert len(shipped) == len(EXERCISE_FILES)
    for key, ex in shipped.items():
        assert Path(ex.path).name.startswith(f"e{int(key[1:]):02d}-")


# ------------------------------------------------------- particular exercises


def test_the_pulse_uses_our_own_six_statements(library: Library) -> None:
    """E2: the starter items of EXERCISES.md 3.3, verbatim, each with a category."""
    [survey] = [s for s in library.exercises["E2"].steps if s.type == "survey"]
    statements = survey.config["statements"]
    assert tuple(s["text"] for s in statements) == PULSE
    assert all(s["category"] for s in statements)


def test_the_health_check_has_two_statements_per_principle(library: Library) -> None:
    """E6: twelve own statements, the six principles as categories, then a vote on them."""
    survey, vote = library.exercises["E6"].steps
    got: dict[str, list[str]] = {}
    for s in survey.config["statements"]:
        got.setdefault(s["category"], []).append(s["text"])
    assert {k: tuple(v) for k, v in got.items()} == HEALTH_CHECK
    assert list(got) == list(HEALTH_CHECK)
    assert vote.type == "vote"
    assert vote.config["on"] == "options"
    assert vote.config["options"] == list(HEALTH_CHECK)
    assert vote.config["dots"] == 2


def test_the_pulse_repeated_at_the_close_asks_the_same_statements(library: Library) -> None:
    """The four-hour agenda's second pulse can be compared with the first."""
    steps = library.agenda_steps("masterclass-4h")
    pulses = [s for s in steps if s.type == "survey"]
    assert len(pulses) == 2
    assert pulses[0].config["statements"] == pulses[1].config["statements"]
    assert steps.index(pulses[1]) > [s.exercise_key for s in steps].index("E13")


def test_the_spectrum_uses_four_levels_described_in_our_words(library: Library) -> None:
    """E5: Himmelman's four levels, one line each; the seven-level option is in the script."""
    ex = library.exercises["E5"]
    [spectrum] = ex.steps
    assert spectrum.config["levels"] == ["Networking", "Coordinating", "Cooperating",
                                         "Collaborating"]
    assert len(spectrum.config["level_notes"]) == 4
    assert "Tamarack" in ex.script
    assert "Integrate" in ex.script


def test_the_shared_goal_runs_one_two_four_all_then_votes_and_agrees(
        library: Library) -> None:
    """E4: a phased canvas with must-agree sections, dots on drafts, then the statement."""
    canvas, vote, statement = library.exercises["E4"].steps
    assert canvas.type == "brainstorm"
    assert [p["title"] for p in canvas.config["phases"]][:4] == [
        "Alone", "Pairs", "Fours", "All"]
    assert len(canvas.config["must_agree"]) == 2
    assert (vote.type, vote.config["dots"]) == ("vote", 2)
    assert (statement.type, statement.config["kind"]) == ("statement", "purpose")


def test_failure_is_sorted_into_the_barrier_categories(library: Library) -> None:
    """E9: list, cluster into the preset barriers, three dots, then what we stop."""
    steps = library.exercises["E9"].steps
    assert [s.type for s in steps] == ["brainstorm", "cluster", "vote", "brainstorm"]
    assert steps[1].config["categories"] == BARRIERS
    assert steps[2].config["dots"] == 3


def test_conflict_placement_uses_plain_zones_not_the_instruments_modes(
        library: Library) -> None:
    """E10: our axes, five zones in plain words, no mode names of the published model."""
    placement = library.exercises["E10"].steps[0]
    config = placement.config
    assert config["mode"] == "quadrant"
    axes = {config["x_axis"]["label"], config["y_axis"]["label"]}
    assert axes == {"Standing up for my organisation's concerns",
                    "Meeting the other party's concerns"}
    assert len(config["zones"]) == 5
    assert len(config["quadrants"]) == 4
    for name in [z["name"] for z in config["zones"]] + list(config["quadrants"]):
        assert not any(mode in name.casefold() for mode in MODE_NAMES), name
    script = library.exercises["E10"].script
    assert script.count("\n- ") >= 6  # six or more scenarios of our own


def test_roles_use_raci_and_generic_decision_roles(library: Library) -> None:
    """E7: a RACI grid, then decision roles under a generic name."""
    raci, decision = library.exercises["E7"].steps
    assert raci.config["mode"] == "raci"
    assert decision.config["mode"] == "decision"


# ------------------------------------------------------------------ templates


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_every_shipped_template_loads(path: Path, library: Library) -> None:
    """Each template validates against the shipped exercises and builds its agenda."""
    template = load_template(path, library.exercises)
    steps = library.agenda_steps(template.key)
    assert steps
    assert template.title
    assert template.description
    assert [s.position for s in steps] == list(range(len(steps)))
    assert library.template_minutes(template.key) == sum(s.minutes for s in steps)
    assert_no_product_names([template.title, *(s.title for s in steps)])


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_every_template_fills_its_time_slot_exactly(path: Path, library: Library) -> None:
    """The agenda adds up to the declared minutes: 90, 120, 180 or 240."""
    raw = tomllib.loads(path.read_text("utf-8"))
    assert library.template_minutes(raw["key"]) == raw["minutes"] == SLOTS[raw["key"]]


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_every_agenda_steps_phases_fit_its_minutes(path: Path, library: Library) -> None:
    """Squeezed or short, a step's timed phases still add up to the step."""
    key = tomllib.loads(path.read_text("utf-8"))["key"]
    for step in library.agenda_steps(key):
        if step.phases:
            assert sum(p.minutes for p in step.phases) == step.minutes, step.title


@pytest.mark.parametrize("key", sorted(AGENDAS))
def test_the_agendas_follow_the_exercise_library(key: str, library: Library) -> None:
    """Each item gets the minutes EXERCISES.md 2.11 gives it."""
    assert grouped(library.agenda_steps(key)) == AGENDAS[key]


@pytest.mark.parametrize(("key", "breaks"), [("masterclass-2h", 0), ("masterclass-3h", 1),
                                            ("masterclass-4h", 2)])
def test_longer_agendas_have_ten_minute_breaks(key: str, breaks: int,
                                               library: Library) -> None:
    found = [s for s in library.agenda_steps(key) if s.title == "Break"]
    assert len(found) == breaks
    assert all(s.minutes == 10 and s.prompt == "Break: 10 minutes" for s in found)


def test_the_short_masterclass_takes_ninety_minutes() -> None:
    """The 90-minute template adds up to exactly 90 minutes."""
    assert load_default_library().template_minutes("masterclass-short") == 90


# ------------------------------------------------------------------- the docs


def test_the_examples_in_the_docs_load(tmp_path: Path) -> None:
    """docs/exercise-files.md's exercise and template are valid files."""
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text("utf-8"), flags=re.S)
    exercise, template = blocks
    (tmp_path / "exercises").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "exercises" / "x01-who-is-missing.toml").write_text(exercise, "utf-8")
    (tmp_path / "templates" / "board-away-day.toml").write_text(template, "utf-8")
    library = load_library([ROOT, tmp_path])
    assert library.exercises["X1"].minutes == 20
    assert library.template_minutes("board-away-day") == 67
