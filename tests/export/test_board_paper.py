"""The PDF as a board paper: summary, sections by theme, the plan by theme, appendices."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabfacil.domain.demo import build_demo
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import (
    Action,
    Contribution,
    Organisation,
    Step,
    StepItem,
    Workshop,
    WorkshopData,
)
from collabfacil.export.paper import OTHER, PdfOptions, paper_sections, section_of
from collabfacil.export.pdf import render_pdf
from collabfacil.export.summary import NO_THEME, plan_by_theme, review_rhythm, summarise
from collabfacil.resources import load_default_library
from collabfacil.storage.repository import WorkshopRepository

EMPTY_LIBRARY = Library(exercises={}, templates={})


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(pdf: bytes) -> list[str]:
    return [flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_default_library()


@pytest.fixture(scope="module")
def demo(library: Library) -> WorkshopData:
    return build_demo(library)


@pytest.fixture(scope="module")
def demo_pages(demo: WorkshopData, library: Library) -> list[str]:
    return pages_of(render_pdf(demo, library=library))


# ------------------------------------------------------------------ contents


def test_steps_are_placed_by_their_exercise_then_by_their_type(demo, library):
    """E4's steps go to purpose (1), E9's to barriers (7); a step of the facilitator's
    own with no theme goes to "other"; a statement of one's own goes to purpose."""
    placed = {s.title: section_of(s, demo, library) for s in demo.steps}
    assert placed["One shared goal"] == 1
    assert placed["What to stop first"] == 7
    assert placed["Welcome: what brought you here today"] == OTHER
    assert placed["Actions we commit to"] == 10
    own = Step(type="statement", title="Our values", config={"kind": "values"})
    assert section_of(own, demo, EMPTY_LIBRARY) == 1
    raci = Step(type="matrix", title="Who does what", config={"mode": "raci"})
    assert section_of(raci, demo, EMPTY_LIBRARY) == 5


def test_a_vote_follows_the_brainstorm_it_counts(repo: WorkshopRepository):
    """With no exercise, a vote on a barriers brainstorm of E9 lands in barriers too."""
    library = load_default_library()
    e9 = [s for s in library.agenda_steps("masterclass-short") if s.exercise_key == "E9"]
    brainstorm = next(s for s in e9 if s.type == "brainstorm")
    vote = Step(type="vote", title="Which first?", position=brainstorm.position + 1,
                config={"on": "notes"})
    data = WorkshopData(Workshop(title="T"), [], [], [brainstorm, vote], [], [], [])
    assert section_of(vote, data, library) == 7


def test_sections_print_in_theme_order_not_agenda_order(demo_pages):
    """The welcome step comes first on the agenda but sits in "other", just before
    the plan; reflections come last."""
    text = " ".join(demo_pages[2:])
    headings = ["1. Purpose and shared goal", "2. Barriers and what we will stop doing",
                "3. Other discussion", "4. The action plan",
                "5. Reflections and relationship commitments",
                "Appendix A: every contribution", "Appendix B: sources"]
    found = [text.index(h) for h in headings]
    assert found == sorted(found)


def test_sections_with_nothing_captured_are_left_out(demo, library):
    """Only sections with content are listed (the demo has no spectrum, RACI ...)."""
    numbers = [s.number for s in paper_sections(demo, library)]
    assert numbers == [1, 7, OTHER, 10, 11]


# ------------------------------------------------------------------ summary page


def test_the_summary_page_follows_the_cover(demo, demo_pages):
    """Page 2: the agreed purpose, the partners, the plan's figures, what the room
    put first, and the contents."""
    page = demo_pages[1]
    assert page.startswith(demo.workshop.title)  # the running header
    assert "Summary OUR SHARED PURPOSE Older people in Northshire get home" in page
    assert "7 PARTNERS Northshire Acute Hospitals NHS Trust" in page
    assert "10 actions 9 named owners 7 partners with actions 2 small tests of change" in page
    assert "19 Mar – 4 Jun 2026 due dates" in page
    assert "WHAT THE ROOM PUT FIRST Choose the draft goal • Mrs P, 84" in page
    assert "THE THEMES THAT CAME UP MOST Which barriers, and are we doing them? " \
           "• Information & data sharing 4 notes" in page
    assert "IN THIS PAPER" in demo_pages[0]  # the contents are on the cover


def test_the_cover_lists_the_parts_with_the_page_each_starts_on(demo_pages):
    """Every page number in the contents is the page its heading is printed on (the
    numbers are written in last, so they come after the footer in the text)."""
    listing, numbers = demo_pages[0].split("IN THIS PAPER", 1)[1].split(" Page 1 of ")
    titles = [t.strip() for t in re.split(r"(?: ?\.){3,}", listing) if t.strip()]
    pages = [int(n) for n in numbers.split()[1:]]
    assert len(titles) == len(pages) == 7
    for title, page in zip(titles, pages, strict=True):
        first = next(i for i, text in enumerate(demo_pages[2:], start=3) if title in text)
        assert first == page, title


def test_the_pdf_has_a_bookmark_per_part(demo, library):
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(demo, library=library)))
    titles = [o.title for o in reader.outline]
    assert titles[0] == "Summary"
    assert "4. The action plan" in titles
    assert titles[-1] == "Appendix B: sources"


def test_the_metadata_names_title_author_subject_and_partners(demo, library):
    meta = pypdf.PdfReader(io.BytesIO(render_pdf(demo, library=library))).metadata
    assert meta.title == demo.workshop.title
    assert meta.author == "Ruth Adeyemi"
    assert "Thursday 12 March 2026" in meta.subject
    assert "Healthwatch" in meta["/Keywords"]
    assert "action plan" in meta["/Keywords"]


# ------------------------------------------------------------------ the plan


def _action(text: str, due: str, theme: str, **kw: object) -> Action:
    return Action(text=text, owner="Ann", due=due, first_step="Go", theme=theme, **kw)


def test_the_plan_groups_by_theme_in_order_of_each_themes_first_due_date():
    """Within a theme by due date; themes by their soonest action; no theme last."""
    plan = plan_by_theme([
        _action("late data", "2026-09-01", "Data"),
        _action("loose", "2026-01-01", ""),
        _action("early data", "2026-04-01", "Data"),
        _action("culture", "2026-05-01", "Culture"),
    ])
    assert [(g.theme, [a.text for a in g.actions]) for g in plan] == [
        ("Data", ["early data", "late data"]),
        ("Culture", ["culture"]),
        (NO_THEME, ["loose"])]


def test_the_plan_prints_theme_by_theme_with_the_review_rhythm(demo_pages, demo):
    text = " ".join(demo_pages[2:]).split("4. The action plan", 1)[1]
    assert text.startswith(" Review rhythm: Progress reviews due 30 Apr 2026")
    themes = [g.theme for g in summarise(demo).plan]
    at = [text.index(f"{t} {n} action") for t, n in
          ((g.theme, len(g.actions)) for g in summarise(demo).plan)]
    assert at == sorted(at)
    assert len(themes) == len(at)


def test_the_review_rhythm_comes_from_the_must_agree_columns():
    """E12's "how we'll hold each other to account" names the rhythm."""
    step = Step(type="brainstorm", title="Account", id=1, config={
        "sections": ["How often", "In what forum", "Other"],
        "must_agree": ["How often", "In what forum"], "review_rhythm": True})
    notes = [Contribution(step_id=1, text="Monthly", section="How often"),
             Contribution(step_id=1, text="Home First board", section="In what forum"),
             Contribution(step_id=1, text="Not this", section="Other")]
    data = WorkshopData(Workshop(title="T"), [], [], [step], notes, [], [])
    assert review_rhythm(data) == "How often: Monthly · In what forum: Home First board"
    bare = replace(data, contributions=[])
    assert review_rhythm(bare).startswith("No review rhythm was agreed")


def test_a_theme_title_row_is_never_left_alone_at_the_foot_of_a_page(repo, workshop_id):
    """Many themes of one long action each: every page of the plan that ends in a
    theme's title row also shows that theme's action on the same page."""
    actions_step = repo.load(workshop_id).steps[2]
    for i in range(30):
        repo.add_action(_action(f"Action {i:02d} " + "with a long description " * 6,
                                f"2026-{1 + i % 12:02d}-{1 + i % 27:02d}", f"Theme {i:02d}",
                                step_id=actions_step.id), workshop_id=workshop_id)
    pages = pages_of(render_pdf(repo.load(workshop_id), library=EMPTY_LIBRARY))
    for page in pages:
        last_theme = re.findall(r"Theme (\d\d) 1 action", page)
        if last_theme:
            assert f"Action {last_theme[-1]}" in page, page[-200:]


# ------------------------------------------------------------------ options


def test_a_section_left_out_is_not_printed_and_the_rest_renumber(demo, library):
    options = PdfOptions(sections=frozenset({1, 10}))
    text = " ".join(pages_of(render_pdf(demo, library=library, options=options)))
    assert "1. Purpose and shared goal" in text
    assert "2. The action plan" in text
    assert "Barriers and what we will stop doing" not in text.split("Appendix A")[0]


def test_without_the_appendix_the_record_is_left_out_but_sources_stay(demo, library):
    text = " ".join(pages_of(render_pdf(demo, library=library,
                                        options=PdfOptions(appendix=False))))
    assert "every contribution" not in text
    assert "Appendix A: sources" in text


def test_us_letter_pages(demo, library):
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(demo, library=library,
                                                   options=PdfOptions(paper="Letter"))))
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages} == {(612, 792)}


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(ValueError, match="A4, Letter"):
        PdfOptions(paper="A3")  # type: ignore[arg-type]


# ------------------------------------------------------------------ appendix


def test_the_appendix_lists_every_note_of_every_step(demo, demo_pages):
    record = " ".join(demo_pages).rsplit("Appendix A: every contribution", 1)[1]
    for note in demo.contributions:
        assert flat(note.text) in record


def test_a_long_brainstorm_is_summed_up_in_its_section_and_listed_in_the_appendix(
        repo, workshop_id):
    """60 notes: the section gives a chart by column and points to the appendix,
    which lists every note; without the appendix the section lists them all."""
    fail = repo.load(workshop_id).steps[0]
    for i in range(60):
        repo.add_contribution(Contribution(step_id=fail.id, text=f"Barrier number {i:02d}",
                                           section=("Time", "Data")[i % 2]))
    data = repo.load(workshop_id)
    text = " ".join(pages_of(render_pdf(data, library=EMPTY_LIBRARY)))
    section, record = text.rsplit("Appendix A: every contribution", 1)
    assert "60 notes, by column. Every note is listed in the appendix." in section
    assert "Barrier number 07" not in section
    assert all(f"Barrier number {i:02d}" in record for i in range(60))
    whole = " ".join(pages_of(render_pdf(data, library=EMPTY_LIBRARY,
                                         options=PdfOptions(appendix=False))))
    assert all(f"Barrier number {i:02d}" in whole for i in range(60))


def test_a_brainstorm_sorted_into_themes_prints_once_in_the_body(demo_pages):
    """E9's notes print under their themes, not also as a list before them."""
    body = " ".join(demo_pages[2:]).rsplit("Appendix A: every contribution", 1)[0]
    assert body.count("Hold the partnership board at 8 a.m. on Mondays") == 1


def test_summary_counts_owners_once_however_they_are_spaced():
    data = WorkshopData(Workshop(title="T", date=date(2026, 1, 1)), [], [], [], [], [
        _action("a", "2026-02-01", "", small_test=True),
        replace(_action("b", "2026-03-01", ""), owner=" ann "),
    ], [])
    summary = summarise(data)
    assert (summary.actions, summary.owners, summary.small_tests) == (2, 1, 1)


# ------------------------------------------------------------------ any text

LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F,
                      blacklist_categories=("Cs", "Cc", "Cf"))  # Cf: invisible
MARKUP = st.sampled_from(["<b>", "</b>", "&", "&amp;", "<para>", "</font>", "<br/>",
                          "&#60;", "<", ">", "]]>", "<img src='x'/>", '"', "ŵŷł"])
LINE = st.lists(st.one_of(st.text(LATIN, min_size=1, max_size=15), MARKUP),
                min_size=1, max_size=5).map("".join).filter(lambda t: bool(t.strip()))


def squeezed(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=LINE, venue=LINE, facilitator=LINE, partner=LINE, short=LINE, step_title=LINE,
       prompt=LINE, theme=LINE, statement=LINE)
def test_any_text_in_the_papers_own_fields_prints_verbatim(
        repo: WorkshopRepository, title, venue, facilitator, partner, short, step_title,
        prompt, theme, statement):
    """The workshop's facts, a partner's names, a step's title and prompt, a theme and
    the purpose statement print as typed: on the cover, the summary, the plan."""
    def strip(text: str) -> str:
        return " ".join(text.split())
    workshop = Workshop(title=strip(title), venue=strip(venue),
                        facilitator=strip(facilitator), date=date(2026, 3, 4))
    org = Organisation(strip(partner), strip(short)[:24].strip(), id=1)
    steps = [Step(type="brainstorm", title=strip(step_title), prompt=strip(prompt), id=1,
                  position=0),
             Step(type="statement", title="Purpose", id=2, position=1),
             Step(type="actions", title="Actions", id=3, position=2)]
    data = WorkshopData(
        workshop, [org], [], steps,
        [Contribution(step_id=1, text="A note", organisation_id=1, id=1)],
        [Action(text="Do it", owner="Ann", due="2026-05-01", first_step="Go",
                theme=strip(theme), organisation_id=1, step_id=3, id=1)],
        [StepItem(step_id=2, kind="version", data={"text": strip(statement)}, id=1)])
    text = squeezed(" ".join(pages_of(render_pdf(data, library=EMPTY_LIBRARY))))
    for typed in (workshop.title, workshop.venue, workshop.facilitator, org.name, org.label,
                  steps[0].title, steps[0].prompt, theme, statement):
        assert squeezed(typed) in text
