"""The PDF under load: many pages, very long text, and arbitrary text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabfacil.domain.exercises import Library
from collabfacil.domain.model import NOTE_MAX, Action, Contribution, WorkshopData
from collabfacil.export.pdf import render_pdf
from collabfacil.storage.repository import WorkshopRepository

EMPTY_LIBRARY = Library(exercises={}, templates={})
HEADINGS = "Action Owner Organisation Due First step"


def flat(text: str) -> str:
    """Whitespace (line breaks where text wrapped) folded to single spaces."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Text with no whitespace at all: wrapping may split a long word anywhere."""
    return "".join(text.split())


@pytest.fixture
def big(repo: WorkshopRepository, workshop_id: int) -> WorkshopData:
    """300 notes over three boards and 60 actions with long text."""
    steps = repo.load(workshop_id).steps
    orgs = repo.load(workshop_id).organisations
    for i in range(300):
        step = steps[i % 2]
        section = ("Time", "Data")[i % 2] if step.sections else ""
        repo.add_contribution(Contribution(
            step_id=step.id, section=section, organisation_id=orgs[i % 2].id,
            text=f"Note {i:03d}: " + "partners need protected time to meet " * (i % 4)))
    for i in range(60):
        repo.add_action(Action(
            text=f"Action {i:02d}: " + "set up a joint frailty huddle with " * 6,
            owner=f"Owner {i:02d}", organisation_id=orgs[i % 2].id,
            due=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            first_step=f"First step {i:02d}: " + "book a room and invite " * 5,
            measure="Discharges before noon" if i % 3 == 0 else "",
            small_test=i % 5 == 0, step_id=steps[2].id), workshop_id=workshop_id)
    return repo.load(workshop_id)


def test_a_long_workshop_runs_over_pages_with_header_and_footer_on_each(big, pdf_pages):
    """Every page is numbered, every body page has the header, nothing is lost."""
    pages = pdf_pages(render_pdf(big, library=EMPTY_LIBRARY))
    assert len(pages) >= 8
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            assert "Frailty pathway partnership" in page
            assert "Wednesday 4 March 2026" in page
    text = flat("\n".join(pages))
    for i in range(300):
        assert f"Note {i:03d}:" in text
    for i in range(60):
        assert f"Action {i:02d}:" in text
        assert f"First step {i:02d}:" in text


def test_the_action_table_repeats_its_header_row_on_every_page(big, pdf_pages):
    """A reader on page three still sees which column is which."""
    pages = [flat(p) for p in pdf_pages(render_pdf(big, library=EMPTY_LIBRARY))]
    with_actions = [p for p in pages if "Action " in p and "Owner " in p]
    assert len(with_actions) >= 3
    for page in with_actions:
        assert page.count(HEADINGS) == 1


def test_a_row_taller_than_a_page_is_split_not_lost(repo, workshop_id, pdf_pages):
    """An action at the length limit in every field still prints in full."""
    actions_step = repo.load(workshop_id).steps[2]
    for i in range(4):  # so the tall row starts part-way down a page
        repo.add_action(Action(text=f"Short {i}", owner="Aled", due="2026-04-01",
                               first_step="Go", step_id=actions_step.id),
                        workshop_id=workshop_id)
    words = " ".join(f"w{i}" for i in range(NOTE_MAX // 6))[:NOTE_MAX - 4] + " END"
    repo.add_action(Action(text="A" + words, owner="Aled Jones", due="2026-05-01",
                           first_step="F" + words, measure="M" + words,
                           step_id=actions_step.id), workshop_id=workshop_id)
    pages = [flat(p) for p in pdf_pages(render_pdf(repo.load(workshop_id),
                                                    library=EMPTY_LIBRARY))]
    assert len(pages) >= 3
    text = " ".join(pages)
    assert text.count("END") == 3
    assert "Aled Jones" in text
    # the header row repeats at the top of each page, never again mid-page
    table = pages[next(i for i, page in enumerate(pages) if HEADINGS in page):]
    assert [page.count(HEADINGS) for page in table] == [1] * len(table)


def test_a_word_longer_than_a_column_is_broken_inside_the_cell(repo, workshop_id,
                                                                  pdf_pages):
    """A URL-like word wraps within its column instead of running off the page."""
    actions_step = repo.load(workshop_id).steps[2]
    word = "https://example.org/" + "x" * 300
    repo.add_action(Action(text=word, owner="Aled", due="2026-05-01", first_step=word,
                           step_id=actions_step.id), workshop_id=workshop_id)
    pages = pdf_pages(render_pdf(repo.load(workshop_id), library=EMPTY_LIBRARY))
    table_page = next(p for p in pages if "https://" in p)
    longest = max(len(line) for line in table_page.splitlines())
    assert longest < 120
    assert squeezed("\n".join(pages)).count(word) == 2


# Characters DejaVu Sans draws in all four faces (printable ASCII, Latin-1, Latin
# Extended-A and -B) apart from the soft hyphen, which is invisible by design.
LATIN = st.characters(
    codec="utf-8", exclude_characters="\u00ad",
    categories=("L", "M", "N", "P", "S", "Zs"),
    min_codepoint=0x20, max_codepoint=0x24F)
MARKUP = st.sampled_from(["<b>", "</b>", "&", "&amp;", "<para>", "</font>", "<br/>",
                          "&#60;", "<", ">", "\n", "]]>", "<img src='x'/>", '"'])
TEXT = st.lists(st.one_of(st.text(LATIN, min_size=1, max_size=20), MARKUP),
                min_size=1, max_size=12).map("".join)
# Labels and owners are single lines of at most 120 characters.
ONE_LINE = st.lists(st.one_of(st.text(LATIN, min_size=1, max_size=20), MARKUP),
                    min_size=1, max_size=5).map(lambda p: "".join(p).replace("\n", " "))


def _valid(text: str) -> bool:
    return bool(text.strip())


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=TEXT.filter(_valid), action=TEXT.filter(_valid),
       owner=ONE_LINE.filter(_valid), first=TEXT.filter(_valid),
       measure=TEXT.filter(_valid), label=ONE_LINE.filter(_valid))
def test_any_text_prints_verbatim(data, pdf_pages, note, action, owner, first,
                                  measure, label):
    """Whatever is typed (markup characters included) renders and reads back as typed."""
    label = label.strip()  # the model strips section labels, but not must_agree's
    step = replace(data.steps[0], config={"sections": [label], "must_agree": [label]})
    notes = [Contribution(step_id=step.id, text=f"«{note}»", section=label, id=99)]
    plan = [Action(text=f"«{action}»", owner=f"«{owner}»", due="2026-01-01",
                   first_step=f"«{first}»", measure=f"«{measure}»",
                   step_id=data.steps[2].id, id=99)]
    data = replace(data, steps=[step, *data.steps[1:]], contributions=notes,
                   actions=plan)
    text = squeezed("\n".join(pdf_pages(render_pdf(data, library=EMPTY_LIBRARY))))
    for typed in (notes[0].text, *(getattr(plan[0], f) for f in (
            "text", "owner", "first_step", "measure")), step.sections[0]):
        assert squeezed(typed) in text
