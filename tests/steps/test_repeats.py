"""Repeated scales in a series show the change since last time."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.model import Step, StepItem, Workshop
from collabfacil.domain.series import next_in_series
from collabfacil.export.pdf import render_pdf
from collabfacil.storage.repository import WorkshopRepository

STATEMENTS = [{"text": f"Statement {i}", "category": "Trust"} for i in range(1, 4)]


def hands(step_id: int, subject: str, marker: str, level: int, count: int) -> StepItem:
    return StepItem(step_id=step_id, kind="hands",
                    data={"subject": subject, "marker": marker, "level": level,
                          "count": count})


def tally(step_id: int, statement: int, counts: list[int]) -> StepItem:
    return StepItem(step_id=step_id, kind="tally",
                    data={"statement": statement, "counts": counts})


@pytest.fixture
def series(repo: WorkshopRepository) -> tuple[int, int]:
    """Spring: discharge 'now' at Coordinating, 5 people agreeing at 2; autumn follows."""
    spring = repo.create_workshop(Workshop("Spring", date="2026-03-12"), steps=[
        Step(type="spectrum", title="Where are we", config={"subjects": ["Discharge"]}),
        Step(type="survey", title="Pulse", config={"statements": STATEMENTS}),
    ])
    spectrum, survey = (s.id or 0 for s in repo.steps(spring))
    repo.add_item(hands(spectrum, "Discharge", "now", 1, 6))
    repo.add_item(hands(spectrum, "Discharge", "target", 3, 6))
    repo.add_item(tally(survey, 0, [0, 0, 5, 0, 0, 0]))  # five 2s: mean 2.0
    repo.add_item(tally(survey, 1, [0, 0, 0, 1, 0, 0]))  # one rating: never shown
    autumn = repo.insert_workshop_data(next_in_series(repo.load(spring), title="Autumn",
                                                      day=None))
    return spring, autumn


def test_the_baseline_keeps_only_what_was_shown(repo: WorkshopRepository,
                                                series: tuple[int, int]) -> None:
    """Medians and shown means are kept; a statement below the minimum is not."""
    steps = repo.steps(series[1])
    assert steps[1].state["baseline"]["subjects"] == {"Discharge": {"now": 1.0,
                                                                    "target": 3.0}}
    assert steps[2].state["baseline"]["means"] == {"Statement 1": 2.0}
    assert "Spring (12 March 2026)" in steps[2].state["baseline"]["from"]


@pytest.fixture
def autumn(qtbot: QtBot, repo: WorkshopRepository,
           series: tuple[int, int]) -> Iterator[Session]:
    steps = repo.steps(series[1])
    repo.add_item(hands(steps[1].id or 0, "Discharge", "now", 2, 6))
    repo.add_item(tally(steps[2].id or 0, 0, [0, 0, 0, 1, 4, 0]))  # mean 3.8
    s = Session(repo, series[1])
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    yield s
    s.close()


def test_the_projector_says_what_moved(autumn: Session) -> None:
    """The spectrum moved up a level; the pulse statement's mean rose 1.8 points."""
    autumn.controller.go_to_step(1)
    texts = autumn.projector.view.visible_texts()
    assert any(t.startswith("Since last time (Spring") and "Discharge: up 1.0 level" in t
               for t in texts)
    autumn.controller.go_to_step(2)
    assert not any("Since last time" in t for t in autumn.projector.view.visible_texts())
    autumn.controller.toggle_reveal()  # results (and the change) only once revealed
    assert any("Statement 1: up 1.8 points" in t for t in autumn.projector.view.visible_texts())


def test_the_pdf_has_a_since_last_time_table(repo: WorkshopRepository,
                                             autumn: Session) -> None:
    """Both scales print their change table."""
    pdf = render_pdf(repo.load(autumn.controller.workshop_id))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    assert text.count("Since last time (Spring") == 2
    assert "up 1.8 points" in text


def test_a_pulse_taken_again_the_same_day_shows_the_change_since_the_morning(
        repo: WorkshopRepository) -> None:
    """The same statements at the start and the close: the later one's section in the
    PDF compares with the earlier one; an unrelated survey does not."""
    wid = repo.create_workshop(Workshop("One day", date="2026-03-12"), steps=[
        Step(type="survey", title="Morning pulse", config={"statements": STATEMENTS}),
        Step(type="survey", title="Other questions",
             config={"statements": [{"text": "Something else"}]}),
        Step(type="survey", title="Closing pulse", config={"statements": STATEMENTS}),
    ])
    morning, other, closing = (s.id or 0 for s in repo.steps(wid))
    for step, low, high in ((morning, 5, 0), (other, 5, 0), (closing, 0, 5)):
        for statement in range(3):
            repo.add_item(tally(step, statement, [0, low, 0, high, 0, 0]))
    data = repo.load(wid)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(BytesIO(render_pdf(data))).pages)
    assert text.count("Since earlier today") == 1
    closing_part = text.split("Closing pulse", 1)[1]
    assert "Since earlier today (“Morning pulse”)" in closing_part
    assert "Statement 1 1.0 3.0 up 2.0 points" in closing_part
