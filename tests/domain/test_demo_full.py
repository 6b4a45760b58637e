"""The full sample workshop: every step of the 4-hour agenda filled in, valid, the
same every time, stored and loaded whole, and every step visible in the PDF."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

import pypdf
import pytest

from collabfacil.domain import demo, matrix_grid, matrix_maps
from collabfacil.domain.demo_full import PAIRWISE_STEP, TEMPLATE, build_full_demo
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import check_item, cluster, spectrum, step_type, survey, vote
from collabfacil.domain.steps.matrix import mode_of, partner_labels
from collabfacil.domain.steps.reflection import ReflectionSettings
from collabfacil.domain.steps.round import RoundSettings, default_order, turns
from collabfacil.domain.steps.statement import read_state
from collabfacil.export.paper import PdfOptions
from collabfacil.export.pdf import render_pdf
from collabfacil.resources import load_default_library
from collabfacil.storage.repository import WorkshopRepository


@pytest.fixture(scope="module")
def library() -> Library:
    return load_default_library()


@pytest.fixture(scope="module")
def full(library: Library) -> WorkshopData:
    return build_full_demo(library)


def _by_mode(data: WorkshopData, mode: str) -> list[Step]:
    return [s for s in data.steps if s.type == "matrix" and mode_of(s) == mode]


def _items(data: WorkshopData, step: Step, kind: str | None = None) -> list[Any]:
    return data.items_for(step.id, kind)


# ------------------------------------------------------------------ the agenda


def test_the_agenda_is_the_4h_template_plus_the_pairwise_option(full: WorkshopData,
                                                                library: Library) -> None:
    """Every template step as the template makes it (settings included), in order,
    with E5's pairwise option added straight after the spectrum."""
    def shape(s: Step) -> tuple[Any, ...]:
        return (s.type, s.title, s.prompt, s.minutes, s.exercise_key, s.script,
                dict(s.config))

    template = [shape(s) for s in library.agenda_steps(TEMPLATE)]
    ours = [shape(s) for s in full.steps]
    extra = ours.index(shape(PAIRWISE_STEP))
    assert ours[:extra] + ours[extra + 1:] == template
    assert full.steps[extra - 1].type == "spectrum"
    assert mode_of(full.steps[extra]) == "pairwise"
    assert [s.id for s in full.steps] == list(range(1, len(full.steps) + 1))
    assert [s.position for s in full.steps] == list(range(len(full.steps)))
    assert full.workshop.template_key == TEMPLATE
    minutes = sum(s.minutes for s in full.steps)
    start = datetime.strptime(full.workshop.starts_at, "%H:%M")
    assert (start + timedelta(minutes=minutes)).strftime("%H:%M") == full.workshop.ends_at


def test_the_partners_and_people_are_the_short_demos_and_more(full: WorkshopData) -> None:
    assert [(o.name, o.short_name) for o in full.organisations] == list(demo.ORGANISATIONS)
    people = [(p.name, full.organisation(p.organisation_id).short_name, p.role)
              for p in full.participants]
    assert people[:len(demo.PARTICIPANTS)] == list(demo.PARTICIPANTS)
    assert len(people) >= 12
    names = {p.name for p in full.participants}
    assert {"Siân Llŷr", "Małgorzata Wójcik", "Dafydd ap Rhŷs", "Dr Tomasz Zieliński"} <= names


def test_every_step_has_something_in_it(full: WorkshopData) -> None:
    """At least one note, record or action in every step, of the kind its type keeps."""
    for step in full.steps:
        captures = step_type(step.type).captures
        got = {"notes": len(full.contributions_for(step.id)),
               "items": len(full.items_for(step.id)),
               "actions": sum(1 for a in full.actions if a.step_id == step.id)}
        assert got[captures] >= 1, step.title
        assert sum(got.values()) == got[captures], f"{step.title} keeps only {captures}"


def test_every_record_passes_its_step_types_check_unchanged(full: WorkshopData) -> None:
    """check_item accepts each record and has nothing left to normalise."""
    steps = {s.id: s for s in full.steps}
    assert full.items
    for item in full.items:
        step = steps[item.step_id]
        assert item.kind in step_type(step.type).item_kinds, (step.title, item.kind)
        assert check_item(step.type, item.kind, dict(item.data)) == item.data, step.title


def test_uids_are_unique_and_positions_run_in_board_order(full: WorkshopData) -> None:
    uids = [c.uid for c in full.contributions] + [i.uid for i in full.items]
    assert len(set(uids)) == len(uids)
    for step in full.steps:
        for records in (full.contributions_for(step.id), full.items_for(step.id)):
            assert [r.position for r in records] == list(range(len(records)))
    assert [a.position for a in full.actions] == list(range(len(full.actions)))


def test_timestamps_follow_the_agenda_on_the_day(full: WorkshopData) -> None:
    """Each record falls inside its own step's slot; the workshop was set up before."""
    start = datetime.fromisoformat(f"{full.workshop.date}T{full.workshop.starts_at}:00+00:00")
    slots: dict[int | None, tuple[datetime, datetime]] = {}
    for step in full.steps:
        end = start + timedelta(minutes=step.minutes)
        slots[step.id] = (start, end)
        start = end
    records = [*full.contributions, *full.items, *full.actions]
    for r in records:
        begin, end = slots[r.step_id]
        assert begin <= datetime.fromisoformat(r.created_at) < end, r
    stamps = [r.created_at for r in sorted(records, key=lambda r: (r.step_id, r.position))]
    assert stamps == sorted(stamps)
    assert full.workshop.created_at < min(stamps)


# ------------------------------------------------------------------ content


def test_every_brainstorm_column_has_notes_mostly_tagged(full: WorkshopData) -> None:
    org_ids = {o.id for o in full.organisations}
    for step in full.steps:
        if step.type != "brainstorm":
            continue
        notes = full.contributions_for(step.id)
        sections = Counter(c.section for c in notes)
        assert set(sections) == set(step.sections or [""]), step.title
    tagged = [c for c in full.contributions if c.organisation_id is not None]
    assert {c.organisation_id for c in tagged} == org_ids
    assert len(tagged) >= 0.75 * len(full.contributions)
    assert len(full.contributions) >= 80


def test_rounds_go_round_the_room_as_configured(full: WorkshopData) -> None:
    rounds = [s for s in full.steps if s.type == "round"]
    assert rounds
    for step in rounds:
        settings = RoundSettings.of(step)
        taken = turns(full.items_for(step.id))
        assert [t.who for t in taken] == default_order(settings, full), step.title
        spoken = [t for t in taken if not t.passed]
        assert len(spoken) >= len(taken) - 1
        if settings.columns:  # E12: "We will…" and "We need…"
            assert all(len(t.parts) == len(settings.columns) and t.parts[0] for t in spoken)
            assert all(t.part(1) for t in spoken[:3])
    assert any(RoundSettings.of(s).by == "organisation" for s in rounds)


def test_votes_are_dots_per_table_on_the_right_board(full: WorkshopData) -> None:
    votes = [s for s in full.steps if s.type == "vote"]
    assert len(votes) >= 3
    for step in votes:
        config = vote.settings(step.config)
        keys = {t.key for t in vote.targets(step, full.steps, full.contributions_for,
                                            full.items_for)}
        tallies = _items(full, step, "tally")
        assert tallies, step.title
        assert all(t.data["target"] in keys for t in tallies), step.title
        per_table = Counter()
        for t in tallies:
            per_table[t.data["voter"]] += t.data["dots"]
        assert config["entry"] == "table"
        assert len(per_table) >= 3
        # every table spends the same number of dots: its people times the dots each
        assert len(set(per_table.values())) == 1
        assert next(iter(per_table.values())) % config["dots"] == 0
        totals = [r.total for r in vote.totals(config, tallies, vote.targets(
            step, full.steps, full.contributions_for, full.items_for))]
        assert len({t for t in totals if t}) >= 3  # a real spread of opinion


def test_the_cluster_names_barrier_themes_from_its_brainstorm(full: WorkshopData) -> None:
    step = next(s for s in full.steps if s.type == "cluster")
    source = source_step(full.steps, step, types=("brainstorm",))
    notes = {c.uid for c in full.contributions_for(source.id)}
    themes = cluster.themes(step.config, full.items_for(step.id))
    assert len(themes) >= 4
    assert {t.name for t in themes} <= set(step.config["categories"])
    grouped = [u for t in themes for u in t.notes]
    assert set(grouped) <= notes
    assert len(grouped) == len(set(grouped))
    assert all(t.notes for t in themes)


def test_the_purpose_statement_was_redrafted_and_agreed(full: WorkshopData) -> None:
    step = next(s for s in full.steps if s.type == "statement")
    state = read_state(full.items_for(step.id))
    assert len(state.versions) >= 2
    assert state.agreed is not None
    assert state.agreed == state.latest
    assert state.consent(state.versions[0].uid).object > 0
    final = state.consent(state.agreed.uid)
    assert final.object == 0
    assert final.total == len(full.participants)


def test_the_spectrum_places_several_subjects_now_and_target(full: WorkshopData) -> None:
    step = next(s for s in full.steps if s.type == "spectrum")
    found = spectrum.results(step.config, full.items_for(step.id))
    assert len(found) >= 4
    assert found[0].name in spectrum.settings(step.config).subjects
    assert all(r.now.total and r.target.total for r in found)
    assert all(r.responses <= len(full.participants) for r in found)
    assert sum(1 for r in found if r.gap) >= 3
    assert any(r.views_differ for r in found)


def test_each_survey_statement_has_enough_varied_answers(full: WorkshopData) -> None:
    surveys = [s for s in full.steps if s.type == "survey"]
    assert len(surveys) == 2  # the pulse, and the pulse again at the close
    means = []
    for step in surveys:
        found = survey.results(step.config, full.items_for(step.id))
        assert found, step.title
        assert all(r.shown for r in found), step.title
        assert all(len([c for c in r.ratings if c]) >= 3 for r in found)
        assert any(r.dont_know for r in found)
        assert all(r.responses <= survey.slips_entered(full.items_for(step.id))
                   <= len(full.participants) for r in found)
        assert any(r.flags for r in found)
        means.append([r.mean for r in found])
    assert sum(means[1]) > sum(means[0])  # the room trusts each other a little more


def test_the_raci_and_decision_grids_leave_real_work(full: WorkshopData) -> None:
    partners = partner_labels(full)
    raci, = _by_mode(full, "raci")
    grid = matrix_grid.grid_of(raci.config, partners, full.items_for(raci.id))
    codes = Counter(f.code for f in matrix_grid.findings(grid))
    assert matrix_grid.unresolved_rows(grid)
    assert codes["a_overload"] == 1
    assert grid.live_rows
    assert set(grid.columns) == set(partners)
    assert len(matrix_grid.unresolved_rows(grid)) < len(grid.rows)
    decision, = _by_mode(full, "decision")
    grid = matrix_grid.grid_of(decision.config, partners, full.items_for(decision.id))
    assert matrix_grid.unresolved_rows(grid)
    assert set(grid.rows) >= set(decision.config["rows"])


def test_the_maps_place_stakeholders_styles_and_gives(full: WorkshopData) -> None:
    stakeholders, styles = _by_mode(full, "quadrant")
    points = matrix_maps.points_of(full.items_for(stakeholders.id))
    assert len(points) >= 8
    assert {p.quadrant for p in points} == {0, 1, 2, 3}
    assert any(p.target for p in points)
    assert {"+", "0", "-"} <= {p.disposition for p in points}
    counts = matrix_maps.zone_counts(full.items_for(styles.id))
    zones = {z["name"] for z in matrix_maps.zones_of(styles.config)}
    assert set(counts) == set(styles.config["scenarios"])
    assert all(set(per_zone) <= zones for per_zone in counts.values())
    assert all(sum(per_zone.values()) == len(full.participants)
               for per_zone in counts.values())
    circles, = _by_mode(full, "circles")
    rings = matrix_maps.by_ring(circles.config, full.items_for(circles.id))
    assert all(rings)
    assert len(matrix_maps.gives(circles.config, full.items_for(circles.id))) >= 3


def test_the_pairs_include_some_who_see_it_differently(full: WorkshopData) -> None:
    step, = _by_mode(full, "pairwise")
    partners = partner_labels(full)
    pairs = matrix_grid.pairs_of(step.config, partners, full.items_for(step.id))
    assert pairs.organisations == partners
    n = len(partners)
    assert n * (n - 1) - 2 <= len(pairs.ratings) < n * (n - 1)  # one left unrated
    assert 2 <= len(matrix_grid.asymmetries(pairs)) <= 5


def test_reflections_answer_every_prompt_with_commitments(full: WorkshopData) -> None:
    step = next(s for s in full.steps if s.type == "reflection")
    prompts = ReflectionSettings.of(step.config).prompts
    entries = Counter(i.data["prompt"] for i in _items(full, step, "entry"))
    assert set(entries) == set(prompts)
    commitments = _items(full, step, "commitment")
    assert len(commitments) >= 6
    assert all(c.data["by"] > str(full.workshop.date) for c in commitments)


def test_the_actions_are_a_full_plan(full: WorkshopData) -> None:
    actions_step = next(s for s in full.steps if s.type == "actions")
    assert 14 <= len(full.actions) <= 16
    assert all(a.step_id == actions_step.id for a in full.actions)
    assert all(a.owner and a.first_step and a.due > full.workshop.date for a in full.actions)
    assert 3 <= len({a.theme for a in full.actions}) <= 4
    assert len({a.owner for a in full.actions}) >= 10
    assert len({a.organisation_id for a in full.actions}) == len(full.organisations)
    assert len({a.due for a in full.actions}) >= 12
    assert sum(a.small_test for a in full.actions) >= 3
    assert sum(bool(a.measure) for a in full.actions) >= 8
    reviews = [a for a in full.actions if a.review_date]
    assert len(reviews) >= 4
    assert all(a.review_date > a.due for a in reviews)


# ------------------------------------------------------------ whole workshop


def test_two_builds_are_equal(library: Library) -> None:
    assert build_full_demo(library) == build_full_demo(library)


def _content(data: WorkshopData) -> dict[str, Any]:
    """Everything but database ids: references as positions in their lists."""
    step_at = {s.id: i for i, s in enumerate(data.steps)}
    org_at = {o.id: i for i, o in enumerate(data.organisations)}
    org_at[None] = None
    no_ids = ("id", "workshop_id")

    def plain(obj: Any, **refs: Any) -> dict[str, Any]:
        out = {k: v for k, v in asdict(obj).items() if k not in no_ids}
        out.update(refs)
        return out

    return {
        "workshop": plain(data.workshop),
        "organisations": [plain(o) for o in data.organisations],
        "participants": [plain(p, organisation_id=org_at[p.organisation_id])
                         for p in data.participants],
        "steps": [plain(s) for s in data.steps],
        "contributions": [plain(c, step_id=step_at[c.step_id],
                                organisation_id=org_at[c.organisation_id])
                          for c in data.contributions],
        "actions": [plain(a, step_id=step_at[a.step_id],
                          organisation_id=org_at[a.organisation_id]) for a in data.actions],
        "items": [plain(i, step_id=step_at[i.step_id]) for i in data.items],
    }


def test_it_stores_and_loads_back_the_same(repo: WorkshopRepository,
                                           full: WorkshopData) -> None:
    loaded = repo.load(repo.insert_workshop_data(full))
    assert len(loaded.items) == len(full.items) > 200
    assert _content(loaded) == _content(full)


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text as a reader would copy it, whitespace folded to single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _sample(step: Step, data: WorkshopData) -> str:
    """A piece of text the step's results put in the PDF, taken from its records."""
    items = data.items_for(step.id)
    if step.type == "brainstorm":  # the last: the first may be a vote's winner
        return data.contributions_for(step.id)[-1].text
    if step.type == "round":
        if RoundSettings.of(step).private:
            return "This round was private"
        return turns(items)[0].parts[0]
    if step.type == "survey":  # the first statement and its number of ratings
        first = survey.results(step.config, items)[0]
        return f"{first.statement.text} {first.n}"
    if step.type == "vote":
        return vote.summary(items).sentence(step.config)  # "24 dots from 4 tables"
    if step.type == "cluster":  # the smallest theme's heading (the summary quotes the
        source = source_step(data.steps, step, types=("brainstorm",))  # largest)
        groups = cluster.groups(cluster.themes(step.config, items),
                                data.contributions_for(source.id))
        smallest = [g for g in cluster.by_size(groups) if g.notes][-1]
        n = len(smallest.notes)
        return f"{smallest.name} {n} note{'s' if n != 1 else ''}"
    if step.type == "statement":
        state = read_state(items)
        return state.consent(state.agreed.uid).summary()
    if step.type == "spectrum":
        return spectrum.results(step.config, items)[-1].name
    if step.type == "reflection":
        return next(i.data["with"] for i in items if i.kind == "commitment")
    if step.type == "actions":
        return next(a.text for a in data.actions if a.step_id == step.id
                    and not a.small_test)
    mode = mode_of(step)
    if mode in ("raci", "decision"):
        return next(i.data["label"] for i in items if i.kind == "row")
    if mode == "pairwise":
        pairs = matrix_grid.pairs_of(step.config, partner_labels(data), items)
        return matrix_grid.asymmetries(pairs)[0].sentence()
    if mode == "circles":
        return matrix_maps.gives(step.config, items)[0].text
    if step.config.get("scenarios"):
        return step.config["scenarios"][0]
    return matrix_maps.points_of(items)[0].label


def test_the_pdf_renders_with_the_appendix(full: WorkshopData) -> None:
    pdf = render_pdf(full)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = _pdf_text(pdf)
    assert len(reader.pages) >= 15
    for words in ("ACTION PLAN", "Małgorzata Wójcik", "Dafydd ap Rhŷs", "Dr Tomasz Zieliński"):
        assert words in text
    assert _sample(full.steps[0], full) in text


def test_the_body_shows_something_of_every_step(full: WorkshopData) -> None:
    """Without the appendix (which lists every note again), each step's sample is in
    the board paper's body: as often as steps have that sample. (A note quoted by
    another section, e.g. a vote's table, may be found there.)"""
    text = _pdf_text(render_pdf(full, options=PdfOptions(appendix=False)))
    samples = Counter(_sample(step, full) for step in full.steps)
    missing = [s for s, n in samples.items() if text.count(s) < n]
    assert not missing
