"""A complete sample workshop: the half-day masterclass with every step filled in.

The same fictional Northshire "Home First" partnership as ``demo.py`` (its
partners, people, notes, purpose drafts and actions are reused from there),
run on the 4-hour agenda ("masterclass-4h"), with something realistic
captured in every step: round entries, notes in every column, themes, dot
votes, spectrum hands, both trust pulses, all five matrix modes, the purpose
statement with its consent checks, reflections and relationship commitments,
and fifteen actions. It exists so the exported PDF shows every part of the
board paper, and so its layout can be looked at with real text in it.

One step is added to the template's agenda: the collaboration spectrum's own
option (E5's script: "add a matrix step in pairwise mode"), so that the
organisation × organisation heatmap appears too. The template's steps keep
their titles, prompts, minutes and settings exactly.

Everything is fixed (the workshop date, and every timestamp follows the
agenda's clock), so two builds are equal. The objects carry temporary ids
(1, 2, ...) that ``WorkshopRepository.insert_workshop_data`` replaces, and
uids starting "full-", distinct from the short demo's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from collabfacil.domain.demo import (
    ACTIONS,
    NOTES,
    ORGANISATIONS,
    PARTICIPANTS,
    PURPOSE_DRAFTS,
    WORKSHOP_DATE,
    steps_by_key,
)
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import (
    Action,
    Contribution,
    Organisation,
    Participant,
    Step,
    StepItem,
    Workshop,
    WorkshopData,
)
from collabfacil.domain.steps import step_type

TEMPLATE = "masterclass-4h"
_STARTS = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)  # GMT in March

# Twelve people at four tables of three: the nine of the short demo and three more.
EXTRA_PARTICIPANTS = (
    ("Rhiannon Bevan", "Community Trust", "Virtual Ward Clinical Lead"),
    ("Kwame Asante", "Acute Trust", "Associate Director of Finance"),
    ("Agnieszka Nowak", "CVS", "Carers' Support Coordinator"),
)
TABLES = ("Table 1", "Table 2", "Table 3", "Table 4")

# The step added after the spectrum: E5's pairwise option (not in the template).
PAIRWISE_TITLE = "How each partner sees each relationship"
PAIRWISE_STEP = Step(
    type="matrix", title=PAIRWISE_TITLE, exercise_key="E5", minutes=10,
    prompt="Each organisation rates its relationship with each other one, from 0 (no "
           "contact) to 5 (collaborating). Where two of us see it differently, that is "
           "the conversation.",
    script="The E5 option: each organisation's leads agree one rating per partner on a "
           "slip; type them in, then reveal.",
    config={"mode": "pairwise", "silent": True,
            "scale": ["No contact", "We know of each other", "Networking",
                      "Coordinating", "Cooperating", "Collaborating"]})

# --------------------------------------------------------------------- notes

# Notes by step, keyed (exercise key, n-th step of that exercise) as in demo.py;
# each note is (section number or None, organisation short name or None, text).
# The short demo's notes are used where the two agendas share a step.
_Note = tuple[int | None, str | None, str]
MORE_NOTES: dict[tuple[str, int], tuple[_Note, ...]] = {
    ("E1", 1): (  # common threads we noticed
        (None, None, "Almost everyone has a family story of a discharge that went wrong"),
        (None, "CVS", "Several of us started on the front line and still think like it"),
        (None, "Acute Trust", "We know people in each other's organisations, but not how "
                              "those organisations work"),
        (None, "Hospice", "Nobody here chose this work for the targets"),
    ),
    ("", 1): (  # the first break: the parking board
        (None, "ASC", "Parked: who pays for the first six weeks of reablement once the "
                      "discharge fund ends?"),
        (None, "GP Fed", "Parked: can the virtual ward see GP records out of hours?"),
    ),
    ("E9", 0): (  # more ways to guarantee failure, after the short demo's 17
        (0, "Hospice", "Book every workshop in the week of the winter plan deadline"),
        (1, "Healthwatch", "Make residents repeat their story to every new professional"),
        (3, "Acute Trust", "Count the savings in one organisation and the costs in "
                           "another"),
        (4, "GP Fed", "Assume the other side is the problem and never visit them"),
        (None, "CVS", "Launch a new pathway with a logo and no staff"),  # left ungrouped
    ),
    ("E9", 3): (  # more of what we will stop doing
        (None, "Hospice", "Stop referring to the hospice only in the last days: ask "
                          "'would you be surprised?' at the board round"),
        (None, "Healthwatch", "Stop asking residents to repeat their story: one shared "
                              "'what matters to me' page"),
    ),
    ("E10", 1): (  # Troika: what the clients chose to share
        (None, "GP Fed", "Round 1: discharge summaries arrive late. Heard: the wards may "
                         "see our calls as chasing, not helping. Will ask to join their "
                         "medicines meeting."),
        (None, "ASC", "Round 2: the panel feels like a brake to the hospital. Heard: "
                      "they can't see the budget we hold. Will share the weekly spend "
                      "with the discharge hub."),
        (None, "CVS", "Round 3: we are asked in at the last minute. Heard: the trust "
                      "may not know what connectors do. Will invite the hub to our "
                      "team meeting."),
    ),
    ("E10", 2): (  # how we'll handle disagreement
        (None, None, "Say it in the room, within the week, to the person concerned"),
        (None, "Acute Trust", "Argue from the data we share, not the data each of us "
                              "keeps"),
        (None, "Healthwatch", "When we are stuck, ask what Mrs P would say"),
        (None, "ASC", "Call a disagreement a tension to work through, and give it an "
                      "agenda slot"),
    ),
    ("", 2): (  # the second break
        (None, "Healthwatch", "Parked: could Healthwatch sit on the partnership board as a "
                              "full member rather than an observer?"),
    ),
    ("E12", 1): (  # measures we'd all be judged by
        (None, "Acute Trust", "Days from medically fit to going home (median)"),
        (None, "ASC", "People still at home 91 days after leaving hospital"),
        (None, "GP Fed", "Unplanned admissions of people with severe frailty"),
        (None, "Hospice", "People dying in the place they chose"),
        (None, "Healthwatch", "Carers who say they knew who to call after discharge"),
        (None, "Community Trust", "Virtual ward places used by people leaving hospital"),
        (None, "CVS", "People home alone with no contact within 72 hours"),
    ),
    ("E12", 3): (  # how we'll hold each other to account, by column
        (0, None, "Every six weeks, with a short video check-in in between"),
        (1, None, "The Home First partnership board, not a new meeting"),
        (1, "Healthwatch", "Once a year in public, at a residents' forum"),
        (2, "ASC", "Dafydd convenes; the chair rotates between partners each year"),
        (3, None, "Raise it with the partner first, within the week, before it goes to "
                  "the board"),
        (3, "GP Fed", "A standing item: what we said we'd do, and didn't"),
    ),
    ("E13", 0): (  # more 15% notes, after the short demo's six
        (None, "Community Trust", "I will hold five virtual ward places a day for people "
                                  "leaving hospital from April"),
        (None, "Acute Trust", "I will cost delayed discharges with ASC's finance lead: "
                              "one set of numbers"),
        (None, "ASC", "I will spend a morning a month on the wards with the discharge "
                      "hub"),
        (None, "CVS", "I will add a carers' question to the connectors' first call"),
        (None, "Community Trust", "I will send the one-page dashboard instead of our "
                                  "monthly highlight report"),
        (None, "Hospice", "I will teach the 'surprise question' at the next GP "
                          "protected learning time"),
    ),
    ("E14", 0): (  # more reflections, after the short demo's six
        (0, "Acute Trust", "The finance director's view was missing from the power map, "
                           "and it matters"),
        (1, None, "Our biggest barriers are habits we could stop on Monday"),
        (2, None, "Meet again in six weeks and start with the action plan, not the "
                  "slides"),
    ),
}
# On the failure board the facilitator coloured what the room said it does now
# (EXERCISES.md E9 "are we doing this now?"): vermilion yes, yellow partly.
DOING_NOW = {0: "vermilion", 4: "vermilion", 7: "yellow", 8: "vermilion", 10: "yellow",
             13: "vermilion", 14: "yellow", 16: "vermilion"}


def _notes(key: tuple[str, int]) -> tuple[_Note, ...]:
    return NOTES.get(key, ()) + MORE_NOTES.get(key, ())


# ------------------------------------------------------------ room records

# E1: one line per person, captured privately (the PDF says only that it happened).
HISTORIES = (
    ("Dr Helen Marsh", "Her father's discharge: five assessments and no one plan"),
    ("Joanne Whitfield", "Twelve years a ward sister; knows every care home manager"),
    ("Małgorzata Wójcik", "Trained in Kraków; learned this system the hard way"),
    ("Dafydd ap Rhŷs", "Grew up above his parents' care home in Llanelli"),
    ("Dr Tomasz Zieliński", "A district nurse got him out of a hole on his first night "
                            "on call"),
    ("Siân Llŷr", ""),  # passed
    ("Gareth Pryce", "A physiotherapist first: still thinks about getting people moving"),
    ("Priya Raman", "Her grandmother's story is why she joined Healthwatch"),
    ("Chidi Okonkwo", "Ran a lunch club and saw who went missing after a hospital stay"),
    ("Rhiannon Bevan", "District nurse in the valleys before the virtual ward"),
    ("Kwame Asante", "In finance now, but started as a hospital porter"),
    ("Agnieszka Nowak", "Cared for her mum for six years while working"),
)

# E2: counts of [don't know, 1, 2, 3, 4, 5] per statement; 11 slips at the start,
# 10 at the close (two left for a ward round). Reliability and shared intent stay
# lowest; trust in each other's information is split.
PULSE_START = ((0, 1, 2, 3, 4, 1), (1, 1, 3, 3, 3, 0), (1, 2, 4, 2, 2, 0),
               (0, 0, 3, 4, 3, 1), (2, 1, 1, 2, 3, 2), (0, 0, 1, 3, 5, 2))
PULSE_END = ((0, 0, 1, 2, 5, 2), (0, 0, 2, 3, 4, 1), (1, 1, 2, 3, 3, 0),
             (0, 0, 2, 3, 4, 1), (1, 0, 1, 3, 3, 2), (0, 0, 0, 2, 5, 3))
SLIPS_START, SLIPS_END = 11, 10

# E4 vote: (goal note index in "Who we serve...", table, dots); two dots each.
GOAL_DOTS = ((0, 0, 3), (1, 0, 2), (3, 0, 1), (0, 1, 4), (2, 1, 2), (0, 2, 2), (3, 2, 2),
             (1, 2, 2), (1, 3, 3), (0, 3, 3))
# The purpose statement: a consent check on each draft; the second is agreed.
CONSENTS = ({"agree": 5, "live_with": 4, "object": 3},
            {"agree": 9, "live_with": 3, "object": 0})

# E5: hands per level (networking .. collaborating) now and target, per subject;
# the first subject is the template's, the others were added live; views on
# information sharing split (one table said "collaborating" already).
SPECTRUM = (
    ("This partnership as a whole", (3, 6, 3, 0), (0, 1, 4, 7)),
    ("Getting people home from hospital", (1, 5, 5, 1), (0, 0, 3, 9)),
    ("Finding people with frailty early", (7, 4, 1, 0), (0, 3, 6, 3)),
    ("Care in the last year of life", (2, 3, 5, 2), (0, 2, 5, 5)),
    ("Sharing information about the people we serve", (5, 2, 2, 3), (0, 2, 8, 2)),
)

# E5 option: organisation pairs, 0-5. Each pair as both see it, then the few pairs
# where one side sees it differently (a gap of 2 or more is flagged).
_PAIR_BASE = {
    ("Acute Trust", "ASC"): 3, ("Acute Trust", "GP Fed"): 2, ("Acute Trust", "Hospice"): 3,
    ("Acute Trust", "Community Trust"): 4, ("Acute Trust", "Healthwatch"): 2,
    ("Acute Trust", "CVS"): 2, ("ASC", "GP Fed"): 2, ("ASC", "Hospice"): 2,
    ("ASC", "Community Trust"): 4, ("ASC", "Healthwatch"): 3, ("ASC", "CVS"): 3,
    ("GP Fed", "Hospice"): 3, ("GP Fed", "Community Trust"): 3, ("GP Fed", "Healthwatch"): 1,
    ("GP Fed", "CVS"): 2, ("Hospice", "Community Trust"): 3, ("Hospice", "Healthwatch"): 2,
    ("Hospice", "CVS"): 3, ("Community Trust", "Healthwatch"): 2,
    ("Community Trust", "CVS"): 2, ("Healthwatch", "CVS"): 4,
}
_PAIR_SEEN_OTHERWISE = {
    ("Acute Trust", "ASC"): 4, ("ASC", "Acute Trust"): 2,
    ("Acute Trust", "CVS"): 3, ("CVS", "Acute Trust"): 1,
    ("GP Fed", "Hospice"): 2, ("Hospice", "GP Fed"): 4,
    ("Community Trust", "CVS"): 3, ("CVS", "Community Trust"): 1,
    ("GP Fed", "ASC"): 1,  # a gap of one: not flagged
}
_PAIR_NOT_RATED = {("Healthwatch", "GP Fed")}  # "we don't know them well enough yet"

# E8: stakeholders on power (y) × interest (x): label, x, y, stance, desired place.
_Point = tuple[str, float, float, str, tuple[float, float] | None]
STAKEHOLDERS: tuple[_Point, ...] = (
    ("Northshire Integrated Care Board", 0.62, 0.93, "+", None),
    ("Cabinet Member for Adult Social Care", 0.72, 0.84, "0", None),
    ("Council's section 151 officer (finance)", 0.22, 0.88, "-", (0.55, 0.88)),
    ("Acute physicians and ward consultants", 0.36, 0.68, "-", (0.7, 0.7)),
    ("Care Quality Commission", 0.28, 0.76, "0", None),
    ("GP practices (all 14)", 0.45, 0.58, "0", (0.72, 0.62)),
    ("Home care agencies", 0.82, 0.42, "+", None),
    ("Care home providers' forum", 0.6, 0.36, "0", None),
    ("Residents and unpaid carers", 0.93, 0.14, "+", (0.9, 0.62)),
    ("Local MPs", 0.3, 0.45, "", None),
    ("Ambulance service", 0.4, 0.3, "0", None),
    ("Faith and community groups outside the CVS", 0.78, 0.1, "+", None),
)

# E8: the circles (0 only I decide, 1 I can influence, 2 together): text, ring,
# organisation, the ring it started in when it was moved (None: not moved).
CIRCLES = (
    ("Who sits on the discharge hub rota", 0, "Acute Trust", None),
    ("Approval of care packages under £500 a week", 2, "ASC", 0),
    ("Which patients go on the virtual ward", 2, "Community Trust", 0),
    ("Our practices' severe-frailty lists", 2, "GP Fed", 0),
    ("Hospice nurse time in the discharge hub", 2, "Hospice", 0),
    ("Community connectors' caseloads", 1, "CVS", 0),
    ("Hospice admission criteria", 1, "Hospice", 2),  # moved back: the board decides
    ("The Better Care Fund plan", 1, "ASC", None),
    ("Winter escalation beds", 0, "Acute Trust", None),
    ("Our returns to NHS England", 0, "Acute Trust", None),
    ("Intermediate care bed allocation", 1, "Community Trust", None),
    ("How residents' stories reach the board", 2, "Healthwatch", None),
    ("Who pays for the first six weeks after discharge", 2, "", None),
)

# E9 vote: (failure note index, table, dots); three dots each.
STOP_DOTS = ((4, 0, 3), (0, 0, 2), (13, 0, 2), (10, 0, 2),
             (13, 1, 3), (4, 1, 3), (7, 1, 2), (18, 1, 1),
             (8, 2, 4), (4, 2, 2), (0, 2, 2), (12, 2, 1),
             (13, 3, 3), (10, 3, 2), (16, 3, 2), (4, 3, 2))

# E10: show of hands per zone (in the step's zone order) for each scenario.
CONFLICT_HANDS = ((6, 3, 2, 0, 1), (5, 2, 1, 4, 0), (1, 3, 1, 6, 1))

# E7: RACI cells per row, by the partners' short labels. "Chair and convene" has
# two As (unresolved, as the room left it); ASC holds A on four of six rows
# (A-overload); information sharing consults four partners (a warning).
RACI_LIVE_ROW = "Run the daily call for complex discharges"
RACI = {
    "Chair and convene the partnership group": {
        "Acute Trust": "A", "ASC": "A", "Community Trust": "R", "GP Fed": "C",
        "Hospice": "I", "Healthwatch": "I", "CVS": "I"},
    "Keep the shared action plan up to date": {
        "Community Trust": "R", "ASC": "A", "Acute Trust": "C", "GP Fed": "I",
        "Hospice": "I", "Healthwatch": "I", "CVS": "I"},
    "Report progress to each organisation's board": {
        "Acute Trust": "R", "ASC": "A", "GP Fed": "R", "Hospice": "R",
        "Community Trust": "R", "CVS": "R", "Healthwatch": "I"},
    "Agree how partners share information": {
        "GP Fed": "R", "Community Trust": "R", "ASC": "A", "Acute Trust": "C",
        "Hospice": "C", "Healthwatch": "C", "CVS": "C"},
    "Involve residents, patients and carers": {
        "Healthwatch": "R", "CVS": "R", "Community Trust": "A", "Hospice": "C",
        "ASC": "C", "Acute Trust": "I", "GP Fed": "I"},
    RACI_LIVE_ROW: {
        "Acute Trust": "A", "ASC": "R", "Community Trust": "R", "Hospice": "C",
        "GP Fed": "I"},
}
# Decision roles: the pooled budget has two vetoes (a warning); eligibility has two
# deciders (unresolved); the live row is settled.
DECISION_LIVE_ROW = "Commission a voluntary-sector service from the pooled budget"
DECISIONS = {
    "Spend money from a shared or pooled budget": {
        "Community Trust": "Recommend", "Acute Trust": "Agree", "GP Fed": "Agree",
        "ASC": "Decide", "Hospice": "Input", "CVS": "Input"},
    "Change who is eligible for the joint service": {
        "Community Trust": "Recommend", "Acute Trust": "Decide", "ASC": "Decide",
        "GP Fed": "Input", "Healthwatch": "Input", "Hospice": "Input", "CVS": "Perform"},
    DECISION_LIVE_ROW: {
        "CVS": "Recommend", "ASC": "Decide", "Acute Trust": "Agree",
        "Healthwatch": "Input", "Community Trust": "Input"},
}

# E12: each organisation's "we will" and "we need" (Healthwatch asked for nothing).
COMPACT = (
    ("Acute Trust", "Open the discharge hub to social care and hospice staff, with desks "
                    "and system access", "Decisions on care packages within a day, not "
                                         "at the weekly panel"),
    ("ASC", "Delegate packages under £500 a week to team managers and fund two trusted "
            "assessors", "Two days' notice of who is likely to go home"),
    ("GP Fed", "Share severe-frailty lists from all 14 practices each month",
     "Discharge summaries within 24 hours"),
    ("Hospice", "A nurse in the discharge hub two mornings a week",
     "Referrals before the last days of life"),
    ("Community Trust", "Keep five virtual ward places a day for people leaving hospital",
     "One referral form for every partner"),
    ("Healthwatch", "Bring three carers' stories to every board", ""),
    ("CVS", "Call everyone who goes home alone within 72 hours",
     "Grants for three years, not twelve months"),
)
# E12 vote: (measure note index, table, dots); three dots each.
MEASURE_DOTS = ((0, 0, 3), (1, 0, 3), (4, 0, 3), (0, 1, 4), (3, 1, 2), (6, 1, 3),
                (1, 2, 3), (0, 2, 2), (4, 2, 2), (5, 2, 2), (1, 3, 4), (4, 3, 3), (2, 3, 2))

# E14: who will invest in which relationship, by when (days after the workshop).
COMMITMENTS = (
    ("Siân Llŷr", "Małgorzata Wójcik, Adult Social Care", 35,
     "Coffee before winter planning starts, not during it"),
    ("Dr Tomasz Zieliński", "The discharge hub team", 40,
     "A morning in the hub, sitting in on the 10 a.m. call"),
    ("Dr Helen Marsh", "Chidi Okonkwo and the community connectors", 21,
     "Visit a lunch club with the connectors"),
    ("Gareth Pryce", "Riverside practice managers", 28,
     "Join their monthly meeting twice before asking for anything"),
    ("Priya Raman", "St Non's Hospice family support team", 30,
     "Learn how they gather families' views"),
    ("Kwame Asante", "The finance lead for adult social care", 14,
     "Lunch, not a spreadsheet"),
    ("Dafydd ap Rhŷs", "Healthwatch Northshire", 45,
     "Go to a residents' forum to listen"),
    ("Agnieszka Nowak", "Discharge coordinators on wards 7 and 8", 21,
     "Introduce the carers' service in person"),
    ("", "Northshire Community Health NHS Trust night team", 60,
     "Ask what they need from social care after 8 p.m."),
)

# ------------------------------------------------------------------ actions

# The short demo's ten actions, in its four themes, then five more.
_Plan = tuple[str, str, str, int, str, str, str, bool, int | None]
MORE_ACTIONS: tuple[_Plan, ...] = (
    ("Small test: hold five virtual ward places a day for people leaving wards 7 and 8",
     "Rhiannon Bevan", "Community Trust", 21,
     "Agree the referral criteria with Joanne Whitfield and the two ward managers",
     "Virtual ward places used each week by people leaving hospital",
     "Getting people home", True, 56),
    ("Agree one figure for the cost of delayed discharges, with adult social care's "
     "finance lead", "Kwame Asante", "Acute Trust", 49,
     "Book a working session with the ASC finance lead",
     "One figure used in both boards' papers", "Governance and money", False, None),
    ("Small test: ask carers 'who would you call at 2 a.m.?' on the connectors' first "
     "call", "Agnieszka Nowak", "CVS", 14,
     "Add the question to the first-call script and brief the connectors",
     "Carers who say they knew who to call", "Relationships and voice", True, 42),
    ("Settle who decides changes to eligibility for the joint service: one decider, "
     "not two", "Dr Helen Marsh", "Acute Trust", 70,
     "Put the question to the joint commissioning group in May", "",
     "Governance and money", False, None),
    ("Teach the 'would you be surprised?' question at GP protected learning time",
     "Siân Llŷr", "Hospice", 35, "Ask the GP Federation for a 20-minute slot",
     "Practices using the question at their frailty meetings", "Getting people home",
     False, None),
)


# ------------------------------------------------------------------ building


def _uid(*parts: object) -> str:
    """A fixed uid for a note or record of the full demo."""
    text = "-".join(re.sub(r"[^A-Za-z0-9]+", "-", str(p)).strip("-") for p in parts)
    return f"full-{text}"[:64].rstrip("-")


def agenda(library: Library) -> list[Step]:
    """The 4-hour template's steps with the pairwise option after the spectrum,
    numbered 1, 2, ... The results of hidden steps are revealed: it is over."""
    steps = list(library.agenda_steps(TEMPLATE))
    spectrum = next((i for i, s in enumerate(steps) if s.type == "spectrum"), len(steps) - 1)
    steps.insert(spectrum + 1, PAIRWISE_STEP)
    out = []
    for i, step in enumerate(steps):
        hidden = step_type(step.type).hides_results or bool(step.config.get("silent"))
        out.append(replace(step, id=i + 1, position=i,
                           state={"revealed": True} if hidden else {}))
    return out


class _Recorder:
    """Collects the notes and records of each step, then stamps them on the agenda's
    clock: spread evenly through the step's minutes, in the order they were added."""

    def __init__(self, steps: Sequence[Step], org_id: Mapping[str, int | None],
                 labels: Mapping[str, str]) -> None:
        self.keyed = steps_by_key(steps)
        self.org_id = org_id
        self.labels = labels
        self.starts: dict[int, datetime] = {}
        elapsed = 0
        for step in steps:
            self.starts[step.id or 0] = _STARTS + timedelta(minutes=elapsed)
            elapsed += step.minutes
        self.minutes = {s.id or 0: s.minutes for s in steps}
        self._notes: list[Contribution] = []
        self._items: list[StepItem] = []
        self._count: dict[int, int] = {}

    def _next(self, step: Step) -> int:
        n = self._count.get(step.id or 0, 0)
        self._count[step.id or 0] = n + 1
        return n

    def _stamp(self, step_id: int, n: int) -> str:
        """The n-th record's time: from 30 seconds in, at most 20 seconds apart, all
        before the step's last half minute."""
        room = max(self.minutes[step_id] * 60 - 60, 1)
        gap = min(20.0, room / max(self._count.get(step_id, 1), 1))
        at = self.starts[step_id] + timedelta(seconds=30 + int(gap * n))
        return at.isoformat()

    def step(self, key: tuple[str, int]) -> Step | None:
        return self.keyed.get(key)

    def notes(self, key: tuple[str, int], notes: Iterable[_Note],
              colours: Mapping[int, str] | None = None) -> None:
        step = self.step(key)
        if step is None:
            return
        for i, (section, org, text) in enumerate(notes):
            label = ""
            if section is not None and section < len(step.sections):
                label = step.sections[section]
            self._notes.append(Contribution(
                step_id=step.id or 0, text=text, organisation_id=self.org_id.get(org or ""),
                section=label, position=self._next(step), uid=self.note_uid(key, i),
                colour=(colours or {}).get(i, "")))

    def add(self, key: tuple[str, int], kind: str, data: dict[str, Any]) -> str:
        """Add one record to the step under ``key``; its uid ("" with no such step)."""
        step = self.step(key)
        if step is None:
            return ""
        n = self._next(step)
        uid = _uid(*key, kind, n)
        self._items.append(StepItem(step_id=step.id or 0, kind=kind, data=data,
                                    position=n, uid=uid))
        return uid

    def note_uid(self, key: tuple[str, int], index: int) -> str:
        return _uid(*key, index)

    def label(self, short: str) -> str:
        return self.labels.get(short, short)

    def finish(self, steps: Sequence[Step]) -> tuple[list[Contribution], list[StepItem]]:
        """The notes and records in agenda order, as the repository gives them back,
        each stamped."""
        order = {s.id: s.position for s in steps}
        notes = [replace(c, created_at=self._stamp(c.step_id, c.position))
                 for c in sorted(self._notes, key=lambda c: (order[c.step_id], c.position))]
        items = [replace(i, created_at=self._stamp(i.step_id, i.position))
                 for i in sorted(self._items, key=lambda i: (order[i.step_id], i.position))]
        return notes, items


def build_full_demo(library: Library) -> WorkshopData:
    """The complete sample workshop on the masterclass-4h agenda, with temporary ids."""
    steps = agenda(library)
    minutes = sum(s.minutes for s in steps)
    ends = _STARTS + timedelta(minutes=minutes)
    workshop = Workshop(
        title="Home First: collaborative leadership half day for the Northshire frailty "
              "and discharge partnership",
        date=WORKSHOP_DATE, venue="Riverside Community Hub, Eastbrook",
        facilitator="Ruth Adeyemi", starts_at=_STARTS.strftime("%H:%M"),
        ends_at=ends.strftime("%H:%M"), template_key=TEMPLATE,
        current_step=len(steps) - 1,
        created_at=(_STARTS - timedelta(days=2, hours=3)).isoformat())
    organisations = [Organisation(name, short, id=i + 1)
                     for i, (name, short) in enumerate(ORGANISATIONS)]
    org_id: dict[str, int | None] = {o.short_name: o.id for o in organisations}
    participants = [Participant(name, organisation_id=org_id[org], role=role, id=i + 1)
                    for i, (name, org, role) in enumerate(PARTICIPANTS + EXTRA_PARTICIPANTS)]
    rec = _Recorder(steps, org_id, {o.short_name: o.label for o in organisations})

    for key, step in rec.keyed.items():
        if step.type == "brainstorm":
            rec.notes(key, _notes(key), DOING_NOW if key == ("E9", 0) else None)
        elif step.type == "reflection":
            _reflection(rec, key, step)
        elif step.type == "survey":
            _survey(rec, key, *((PULSE_START, SLIPS_START) if key == ("E2", 0)
                                else (PULSE_END, SLIPS_END)))
    _round_and_votes(rec)
    _purpose(rec)
    _spectrum_and_pairs(rec)
    _power(rec)
    _barriers(rec)
    _conflict(rec)
    _roles(rec)

    actions_step = next((s for s in steps if s.type == "actions"), None)
    plan = list(ACTIONS) + list(MORE_ACTIONS)
    start = rec.starts[actions_step.id or 0] if actions_step else _STARTS
    actions = [
        Action(text=text, owner=owner, organisation_id=org_id[org],
               due=WORKSHOP_DATE + timedelta(days=due), first_step=first,
               measure=measure, theme=theme, small_test=small,
               review_date=WORKSHOP_DATE + timedelta(days=review) if review else None,
               step_id=actions_step.id if actions_step else None, position=i,
               created_at=(start + timedelta(minutes=1, seconds=50 * i)).isoformat())
        for i, (text, owner, org, due, first, measure, theme, small, review)
        in enumerate(plan)
    ]
    contributions, items = rec.finish(steps)
    return WorkshopData(workshop, organisations, participants, steps, contributions,
                        actions, items)


# ------------------------------------------------------------ step by step


def _reflection(rec: _Recorder, key: tuple[str, int], step: Step) -> None:
    prompts = list(step.config.get("prompts") or ["What?", "So what?", "Now what?"])
    for section, org, text in _notes(key):
        rec.add(key, "entry", {"prompt": prompts[min(section or 0, len(prompts) - 1)],
                               "text": text, "organisation": rec.label(org or "")})
    if step.config.get("commitments", True):
        for who, with_, days, text in COMMITMENTS:
            by = WORKSHOP_DATE + timedelta(days=days)
            rec.add(key, "commitment", {"who": who, "with": with_, "by": by.isoformat(),
                                        "text": text})


def _survey(rec: _Recorder, key: tuple[str, int], counts: Sequence[Sequence[int]],
            slips: int) -> None:
    step = rec.step(key)
    statements = len(step.config.get("statements", [])) if step else 0
    for i in range(statements):
        rec.add(key, "tally", {"statement": i, "counts": list(counts[i % len(counts)])})
    rec.add(key, "slips", {"count": slips})


def _round_and_votes(rec: _Recorder) -> None:
    for who, text in HISTORIES:
        rec.add(("E1", 0), "turn", {"who": who, "text": text, "passed": not text})
    round_step = rec.step(("E12", 0))
    by_org = round_step is not None and round_step.config.get("by") == "organisation"
    for org, will, need in COMPACT:
        who = org if by_org else next(p[0] for p in PARTICIPANTS if p[1] == org)
        rec.add(("E12", 0), "turn", {"who": who, "text": "", "parts": [will, need],
                                     "passed": False})
    for source, vote_key, dots in ((("E4", 0), ("E4", 1), GOAL_DOTS),
                                   (("E9", 0), ("E9", 2), STOP_DOTS),
                                   (("E12", 1), ("E12", 2), MEASURE_DOTS)):
        for note, table, n in dots:
            rec.add(vote_key, "tally", {"target": rec.note_uid(source, note),
                                        "voter": TABLES[table], "dots": n})


def _purpose(rec: _Recorder) -> None:
    key = ("E4", 2)
    last = ""
    for text, consent in zip(PURPOSE_DRAFTS, CONSENTS, strict=True):
        last = rec.add(key, "version", {"text": text})
        rec.add(key, "consent", {"version": last, **consent})
    if last:
        rec.add(key, "agreed", {"version": last})


def _spectrum_and_pairs(rec: _Recorder) -> None:
    key = ("E5", 0)
    step = rec.step(key)
    configured = {s.casefold() for s in (step.config.get("subjects", []) if step else [])}
    for subject, _now, _target in SPECTRUM:
        if subject.casefold() not in configured:
            rec.add(key, "subject", {"name": subject})
    for subject, now, target in SPECTRUM:
        for marker, counts in (("now", now), ("target", target)):
            for level, count in enumerate(counts):
                if count:
                    rec.add(key, "hands", {"subject": subject, "marker": marker,
                                           "level": level, "count": count})
    labels = [short for _name, short in ORGANISATIONS]
    for a in labels:
        for b in labels:
            if a == b or (a, b) in _PAIR_NOT_RATED:
                continue
            value = _PAIR_SEEN_OTHERWISE.get((a, b), _PAIR_BASE.get((a, b),
                                                                    _PAIR_BASE.get((b, a))))
            if value is not None:
                rec.add(("E5", 1), "rating", {"from": a, "to": b, "value": value})


def _power(rec: _Recorder) -> None:
    for label, x, y, stance, target in STAKEHOLDERS:
        data: dict[str, Any] = {"label": label, "x": x, "y": y, "disposition": stance}
        if target is not None:
            data["target_x"], data["target_y"] = target
        rec.add(("E8", 0), "point", data)
    for text, ring, org, moved_from in CIRCLES:
        entry: dict[str, Any] = {"text": text, "ring": ring, "organisation": org}
        if moved_from is not None:
            entry["moved_from"] = moved_from
        rec.add(("E8", 1), "entry", entry)


def _barriers(rec: _Recorder) -> None:
    cluster = rec.step(("E9", 1))
    if cluster is None:
        return
    categories = list(cluster.config.get("categories", []))
    themes: dict[str, list[str]] = {}
    for i, (section, _org, _text) in enumerate(_notes(("E9", 0))):
        if section is not None and section < len(categories):
            themes.setdefault(categories[section], []).append(rec.note_uid(("E9", 0), i))
    for name in categories:
        if name in themes:
            rec.add(("E9", 1), "theme", {"name": name, "notes": themes[name]})


def _conflict(rec: _Recorder) -> None:
    step = rec.step(("E10", 0))
    if step is None:
        return
    zones = [z["name"] for z in step.config.get("zones", [])]
    scenarios = list(step.config.get("scenarios", [])) or [""]
    for scenario, hands in zip(scenarios, CONFLICT_HANDS, strict=False):
        for zone, count in zip(zones, hands, strict=False):
            if count:
                rec.add(("E10", 0), "zone_count", {"scenario": scenario, "zone": zone,
                                                   "count": count})


def _roles(rec: _Recorder) -> None:
    for key, grid, live in ((("E7", 0), RACI, RACI_LIVE_ROW),
                            (("E7", 1), DECISIONS, DECISION_LIVE_ROW)):
        step = rec.step(key)
        if step is None:
            continue
        if live not in step.config.get("rows", []):
            rec.add(key, "row", {"label": live})
        for row, cells in grid.items():
            for column, role in cells.items():
                rec.add(key, "cell", {"row": row, "column": column, "role": role})
