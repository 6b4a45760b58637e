"""Fixtures for the export tests: a workshop with notes and actions, PDF text."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

import pypdf
import pytest

from collabfacil.domain.model import Action, Contribution, Participant, WorkshopData
from collabfacil.storage.repository import WorkshopRepository

PdfPages = Callable[[bytes], list[str]]


def _pdf_pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


@pytest.fixture
def pdf_pages() -> PdfPages:
    """A function giving the text of each page of a PDF, as a reader would copy it."""
    return _pdf_pages


@pytest.fixture
def data(repo: WorkshopRepository, workshop_id: int) -> WorkshopData:
    """The shared small workshop with notes in both columns and on the open board,
    two named participants, and three actions agreed in its actions step."""
    loaded = repo.load(workshop_id)
    fail, fifteen, actions = loaded.steps
    acute, council = loaded.organisations
    notes = [
        (fail.id, "Time", "Nobody has time to meet", acute.id),
        (fail.id, "Data", "Records that do not join up", council.id),
        (fail.id, "Time", "Meetings that decide nothing", None),
        (fifteen.id, "", "I will call the ward manager on Monday", acute.id),
    ]
    for step_id, section, text, org_id in notes:
        repo.add_contribution(Contribution(step_id=step_id, text=text, section=section,
                                           organisation_id=org_id))
    plan = [
        ("Agree one frailty score", "Gwenllian Prŷs", acute.id, "2026-05-01",
         "Compare the three scores in use", True),
        ("Weekly joint huddle on discharges", "Tomasz Kowalski", council.id,
         "2026-03-20", "Book a room", False),
        ("Report back to the boards", "Siân Llewelyn", None, "2026-07-01",
         "Add to each board's forward plan", False),
    ]
    for text, owner, org_id, due, first, small in plan:
        repo.add_action(Action(text=text, owner=owner, organisation_id=org_id, due=due,
                               first_step=first, small_test=small, step_id=actions.id),
                        workshop_id=workshop_id)
    full = repo.load(workshop_id)
    people = [Participant("Gwenllian Prŷs", organisation_id=acute.id, id=1,
                          workshop_id=workshop_id),
              Participant("Tomasz Kowalski", organisation_id=council.id, id=2,
                          workshop_id=workshop_id)]
    return replace(full, participants=people)  # the repository has no people API
