"""The board paper's contents: which numbered section each agenda step belongs in.

DESIGN.md ("The PDF action plan") orders the paper by theme, not by agenda:
1 purpose … 10 the action plan, 11 reflections. A step goes where its exercise
says (``pdf_section`` in the exercise file); a step of the facilitator's own
goes where its type says (a statement to 1, a spectrum to 2 …), a vote or a
cluster follows the brainstorm it works on, and anything else goes under
"Other discussion", printed just before the action plan. No reportlab here:
the export dialog lists these sections without loading the PDF machinery.
"""

from __future__ import annotations

from typing import Literal

from collabfacil.domain.exercises import Library
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import STEP_TYPES
from collabfacil.domain.steps.vote import source_of
from collabfacil.export.outline import is_actions_step

THEMES: dict[int, str] = {
    1: "Purpose and shared goal",
    2: "Where we are on the collaboration spectrum",
    3: "Partnership health and trust",
    4: "What has worked before",
    5: "Roles and responsibilities",
    6: "Power, stakeholders and what leaders will let go of",
    7: "Barriers and what we will stop doing",
    8: "How we will work together",
    9: "Mutual accountability",
    10: "The action plan",
    11: "Reflections and relationship commitments",
}
OTHER = 0  # the steps no theme claims
OTHER_TITLE = "Other discussion"
ACTION_PLAN = 10
# Print order: the themes, then anything else just before the action plan.
ORDER = (1, 2, 3, 4, 5, 6, 7, 8, 9, OTHER, 10, 11)

Paper = Literal["A4", "Letter"]
PAPERS: tuple[Paper, ...] = ("A4", "Letter")


@frozen
class PdfOptions:
    """What the facilitator chose to print.

    ``sections`` holds the section numbers to include (None: every section that
    has content); ``appendix`` adds every contribution by step; ``anonymise``
    leaves out participant names; ``paper`` is A4 or US Letter.
    """

    paper: Paper = "A4"
    sections: frozenset[int] | None = None
    appendix: bool = True
    anonymise: bool = False

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")

    def includes(self, number: int) -> bool:
        """True when section ``number`` is to be printed."""
        return self.sections is None or number in self.sections


@frozen
class PaperSection:
    """One numbered section of the board paper and the agenda steps it prints."""

    number: int
    title: str
    steps: tuple[Step, ...]


def section_title(number: int) -> str:
    """The heading of section ``number`` (0: the "other discussion" section)."""
    return THEMES.get(number, OTHER_TITLE)


def section_of(step: Step, data: WorkshopData, library: Library | None) -> int:
    """The section a step's results belong in (1–11, or ``OTHER``)."""
    exercise = library.exercises.get(step.exercise_key) if library else None
    if exercise is not None and exercise.pdf_section:
        return exercise.pdf_section
    kind = STEP_TYPES.get(step.type)
    by_type = kind.paper_section(step) if kind and kind.paper_section else None
    if by_type:
        return by_type
    source = _worked_on(step, data)
    return section_of(source, data, library) if source is not None else OTHER


def _worked_on(step: Step, data: WorkshopData) -> Step | None:
    """The brainstorm a cluster sorts, or the notes or themes a vote counts."""
    if step.type == "cluster":
        return source_step(data.steps, step, types=("brainstorm",))
    if step.type == "vote":
        return source_of(step, data.steps)
    return None


def has_content(step: Step, data: WorkshopData) -> bool:
    """True when anything was captured in the step (notes, records or actions)."""
    return bool(data.contributions_for(step.id) or data.items_for(step.id)
                or any(a.step_id == step.id for a in data.actions))


def paper_sections(data: WorkshopData, library: Library | None, *,
                   only_with_content: bool = True) -> list[PaperSection]:
    """The board paper's sections in print order, each with its steps in agenda order.

    The action plan is present whenever there are actions, even when none was
    agreed in an actions step on this agenda (carried in, or its step deleted).
    """
    steps: dict[int, list[Step]] = {n: [] for n in ORDER}
    for step in sorted(data.steps, key=lambda s: s.position):
        if only_with_content and not has_content(step, data):
            continue
        steps[section_of(step, data, library)].append(step)
    out = []
    for number in ORDER:
        if steps[number] or (number == ACTION_PLAN and data.actions):
            out.append(PaperSection(number, section_title(number), tuple(steps[number])))
    return out


def around_the_plan(section: PaperSection) -> tuple[list[Step], list[Step]]:
    """The action plan section's steps printed before the plan (reviews of last
    time's actions) and after it (the rest); actions steps are the plan itself."""
    before = [s for s in section.steps if s.type == "review"]
    after = [s for s in section.steps
             if s.type != "review" and not is_actions_step(s)]
    return before, after
