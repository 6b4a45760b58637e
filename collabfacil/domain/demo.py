"""A realistic sample workshop, for trying the app and for demonstrations.

A 90-minute masterclass ("masterclass-short") run for a fictional frailty and
hospital-discharge partnership in Northshire: seven partners, nine people, 53
notes across the brainstorms, six reflection entries and ten agreed actions.
Everything is fixed (dates relative to one workshop date, timestamps
included), so two demos are identical. The objects carry temporary ids (1, 2,
...) that ``WorkshopRepository.insert_workshop_data`` replaces with real ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

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

TEMPLATE = "masterclass-short"
WORKSHOP_DATE = date(2026, 3, 12)
_STARTS = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)  # GMT in March

ORGANISATIONS = (
    ("Northshire Acute Hospitals NHS Trust", "Acute Trust"),
    ("Northshire County Council – Adult Social Care", "ASC"),
    ("Riverside GP Federation", "GP Fed"),
    ("St Non's Hospice", "Hospice"),
    ("Northshire Community Health NHS Trust", "Community Trust"),
    ("Healthwatch Northshire", "Healthwatch"),
    ("Riverside Council for Voluntary Service", "CVS"),
)

PARTICIPANTS = (  # name, organisation (short name), role
    ("Dr Helen Marsh", "Acute Trust", "Deputy Chief Operating Officer"),
    ("Joanne Whitfield", "Acute Trust", "Discharge Hub Lead"),
    ("Małgorzata Wójcik", "ASC", "Head of Hospital Social Work"),
    ("Dafydd ap Rhŷs", "ASC", "Commissioning Manager, Older People"),
    ("Dr Tomasz Zieliński", "GP Fed", "Clinical Director for Frailty"),
    ("Siân Llŷr", "Hospice", "Director of Care"),
    ("Gareth Pryce", "Community Trust", "Head of Intermediate Care"),
    ("Priya Raman", "Healthwatch", "Engagement Lead"),
    ("Chidi Okonkwo", "CVS", "Community Connectors Manager"),
)

# Notes by agenda step, keyed (exercise key, n-th step of that exercise); each
# note is (section number or None, organisation short name or None, text).
_Note = tuple[int | None, str | None, str]
NOTES: dict[tuple[str, int], tuple[_Note, ...]] = {
    ("", 0): (  # welcome
        (None, "Hospice", "One conversation with families about going home, "
                          "not five different ones"),
        (None, "Acute Trust", "Get people home the same day they are medically "
                              "fit to leave"),
        (None, "ASC", "No older person waiting in a hospital bed for a care package"),
        (None, "GP Fed", "Know who our frail patients are before they reach A&E"),
        (None, "Healthwatch", "Residents' stories shaping the pathway, not just "
                              "the data"),
        (None, "CVS", "The voluntary sector as a real partner, not a last-minute "
                      "referral"),
    ),
    ("E4", 0): (  # one shared goal
        (0, "Healthwatch", "Mrs P, 84, lives alone in Eastbrook: she goes home with "
                           "support the day she is ready and tells her story once"),
        (0, "GP Fed", "Older people with frailty stay well at home for longer and "
                      "avoid unplanned admissions"),
        (0, "CVS", "Unpaid carers are asked what they need and know who to ring "
                   "at 2 a.m."),
        (0, "Hospice", "People in their last year of life die in the place they chose"),
        (1, "Acute Trust", "4-hour A&E standard, and bed occupancy above 95% all winter"),
        (1, "Acute Trust", "Daily NHS England return on patients with no criteria "
                           "to reside"),
        (1, "ASC", "Adult social care budget £2.1m overspent; every package "
                   "goes to panel"),
        (1, "ASC", "CQC assessment of our Care Act duties due in June"),
        (1, "GP Fed", "QOF and enhanced access targets fill clinicians' time"),
        (1, "Community Trust", "Intermediate care measured in contacts, not outcomes"),
        (1, "Hospice", "Charitable income has to fund a third of our beds"),
        (2, "Acute Trust", "Occupancy pressure pushes discharge to a care home "
                           "'for now' – the opposite of Home First"),
        (2, "ASC", "Panel approval adds two to three days to every complex discharge"),
        (2, "Community Trust", "Virtual ward targets help if GP frailty lists feed "
                               "into them"),
        (2, "CVS", "Short-term grants make voluntary services stop and start"),
        (3, "Healthwatch", "Nothing about me without me"),
        (3, None, "Assume good intent; challenge in the room, not in the corridor"),
        (3, None, "Share by default: the duty to share matters as much as the "
                  "duty to protect"),
        (3, "Hospice", "Own our mistakes and learn from them together"),
    ),
    ("E9", 0): (  # ways to guarantee failure
        (0, None, "Send deputies who cannot decide anything to every meeting"),
        (0, "Acute Trust", "Hold the partnership board at 8 a.m. on Mondays, when "
                           "the wards are busiest"),
        (0, "Community Trust", "Make every workstream write a monthly highlight "
                               "report nobody reads"),
        (1, "GP Fed", "Each organisation keeps its own frailty register and "
                      "never compares them"),
        (1, "ASC", "Share nothing until five legal teams have signed a data "
                   "sharing agreement"),
        (1, "GP Fed", "Discharge summaries reach the practice a week after the "
                      "patient is home"),
        (1, "Community Trust", "Use three different IT systems and fax the rest"),
        (2, "ASC", "Take every decision back to each organisation's board"),
        (2, "Acute Trust", "Leave it unclear who chairs Home First and who can say "
                           "yes to money"),
        (2, None, "Keep the terms of reference in draft for two years"),
        (3, "ASC", "Argue over who pays for the first six weeks of reablement"),
        (3, "CVS", "Fund the voluntary sector with 12-month grants announced "
                   "in March"),
        (3, None, "Keep the Better Care Fund plan a spreadsheet only finance "
                  "understands"),
        (4, "Healthwatch", "Call people 'bed blockers' in front of their families"),
        (4, "ASC", "Blame social care on the 8.30 bed call"),
        (4, "Hospice", "Refer to the hospice only when it is too late"),
        (5, "Healthwatch", "Never ask patients or carers what they think of the "
                           "pathway"),
    ),
    ("E9", 3): (  # what we will stop doing (after sorting and voting)
        (None, "Acute Trust", "Stop separate discharge huddles: one daily MDT call "
                              "for complex discharges"),
        (None, "ASC", "Stop sending packages under £500 a week to panel"),
        (None, "Community Trust", "Stop the monthly highlight reports; one page of "
                                  "shared measures instead"),
        (None, None, "Stop saying 'bed blockers', in meetings or in writing"),
        (None, "GP Fed", "Stop waiting for the perfect data sharing agreement before "
                         "testing with 20 patients under direct care"),
    ),
    ("E13", 0): (  # our 15%
        (None, "Acute Trust", "I will invite the hospital social worker to the "
                              "10 a.m. board round on wards 7 and 8"),
        (None, "ASC", "I will give team managers authority for packages up to "
                      "£500 a week from April"),
        (None, "GP Fed", "I will share our severe-frailty (eFI) lists with the "
                         "virtual ward team"),
        (None, "Hospice", "I will offer a hospice nurse to the discharge hub two "
                          "mornings a week"),
        (None, "Healthwatch", "I will ring three carers a week who used the pathway "
                              "and bring their stories to the board"),
        (None, "CVS", "I will map what our community connectors already do for "
                      "people leaving hospital"),
    ),
    ("E14", 0): (  # what? so what? now what? (entries of the reflection step)
        (0, None, "The same barriers came from every organisation: panel, data, time"),
        (0, None, "We laughed at the worst partnership, then saw we run half of it"),
        (1, None, "Our targets pull us apart unless we hold on to the one goal that "
                  "matters to Mrs P"),
        (1, "Community Trust", "Trust is there between people, not yet between "
                               "organisations"),
        (2, "Hospice", "Siân and Małgorzata to meet before winter planning starts, "
                       "not during it"),
        (2, "GP Fed", "Tomasz to spend a morning in the discharge hub in April"),
    ),
}

# text, owner, organisation, days until due, first step, measure, theme,
# small test, days until review (or None)
_Plan = tuple[str, str, str, int, str, str, str, bool, int | None]
ACTIONS: tuple[_Plan, ...] = (
    ("Small test: a hospital social worker joins the 10 a.m. board round on wards "
     "7 and 8 for six weeks", "Dr Helen Marsh", "Acute Trust", 42,
     "Email the ward managers of wards 7 and 8 to agree a start date",
     "Days from medically fit to discharge on wards 7 and 8, against the six weeks "
     "before", "Getting people home", True, 49),
    ("Delegate approval of care packages up to £500 a week to team managers",
     "Małgorzata Wójcik", "ASC", 20,
     "Draft the delegation note for the Director of Adult Social Services",
     "Median days from referral to package start", "Governance and money", False, 60),
    ("Share severe-frailty (eFI) lists from all 14 practices with the community "
     "virtual ward", "Dr Tomasz Zieliński", "GP Fed", 35,
     "Ask the Federation's Caldicott Guardian to confirm the legal basis in writing",
     "Practices sharing a list each month (target: 14)", "Sharing information",
     False, None),
    ("Agree one data sharing agreement template for all Home First partners",
     "Gareth Pryce", "Community Trust", 84,
     "Collect the five agreements in use and list where they differ",
     "", "Sharing information", False, None),
    ("Small test: a hospice nurse in the discharge hub two mornings a week for "
     "two months", "Siân Llŷr", "Hospice", 28,
     "Agree the rota with Joanne Whitfield, the discharge hub lead",
     "People in their last year of life discharged to their preferred place",
     "Getting people home", True, 90),
    ("Replace workstream highlight reports with a one-page dashboard of four "
     "shared measures", "Gareth Pryce", "Community Trust", 56,
     "Propose the four measures at the next Home First group", "",
     "Governance and money", False, None),
    ("Bring three carers' stories of the discharge pathway to every partnership "
     "board", "Priya Raman", "Healthwatch", 30,
     "Ask the Carers' Centre for five carers willing to be contacted",
     "Carers' stories heard at the board each quarter", "Relationships and voice",
     False, None),
    ("Map what community connectors already do for people leaving hospital and "
     "share it with the discharge hub", "Chidi Okonkwo", "CVS", 45,
     "Send a five-question survey to the 22 connectors", "",
     "Relationships and voice", False, None),
    ("Agree who chairs Home First and which decisions it can take without going "
     "back to each board", "Dafydd ap Rhŷs", "ASC", 63,
     "Put the terms of reference on the April partnership board agenda",
     "Terms of reference signed by all seven partners", "Governance and money", False, None),
    ("Stop using 'bed blocker' in partnership papers and meetings; say 'people "
     "waiting to go home'", "Joanne Whitfield", "Acute Trust", 7,
     "Send a note to discharge hub staff and every meeting chair", "",
     "Relationships and voice", False, None),
)


def _section(step: Step, number: int | None) -> str:
    """The label of a step's n-th section ("" when it has no such section)."""
    if number is None or number >= len(step.sections):
        return ""
    return step.sections[number]


def steps_by_key(steps: Sequence[Step]) -> dict[tuple[str, int], Step]:
    """Each agenda step under (its exercise key, which step of that exercise)."""
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], Step] = {}
    for step in steps:
        n = seen.get(step.exercise_key, 0)
        seen[step.exercise_key] = n + 1
        keyed[(step.exercise_key, n)] = step
    return keyed


def _uid(key: object, index: int) -> str:
    """A fixed uid for a demo note, so the demo is the same every time."""
    return f"demo-{re.sub(r'[^A-Za-z0-9]+', '-', str(key)).strip('-')}-{index}"[:64]


def build_demo(library: Library) -> WorkshopData:
    """The sample workshop on the masterclass-short agenda, with temporary ids."""
    workshop = Workshop(
        title="Home First: Northshire frailty and discharge partnership",
        date=WORKSHOP_DATE, venue="Riverside Community Hub, Eastbrook",
        facilitator="Ruth Adeyemi", starts_at="09:30", ends_at="11:00",
        template_key=TEMPLATE, current_step=0,
        created_at=(_STARTS - timedelta(minutes=45)).isoformat())
    organisations = [Organisation(name, short, id=i + 1)
                     for i, (name, short) in enumerate(ORGANISATIONS)]
    org_id = {o.short_name: o.id for o in organisations}
    participants = [Participant(name, organisation_id=org_id[org], role=role, id=i + 1)
                    for i, (name, org, role) in enumerate(PARTICIPANTS)]
    steps = [replace(s, id=i + 1, position=i)
             for i, s in enumerate(library.agenda_steps(TEMPLATE))]

    contributions: list[Contribution] = []
    items: list[StepItem] = []
    labels = {o.id: o.label for o in organisations}
    elapsed = 0  # minutes into the workshop: the notes' timestamps follow the agenda
    for key, step in steps_by_key(steps).items():
        for i, (section, org, text) in enumerate(NOTES.get(key, ())):
            stamp = _STARTS + timedelta(minutes=elapsed, seconds=40 * i)
            if step.type == "reflection":  # kept as entries under its prompts
                prompts = list(step.config.get("prompts", []))
                items.append(StepItem(
                    step_id=step.id or 0, kind="entry", position=i,
                    data={"prompt": prompts[section or 0], "text": text,
                          "organisation": labels.get(org_id.get(org or ""), "")},
                    created_at=stamp.isoformat(), uid=_uid(key, i)))
                continue
            contributions.append(Contribution(
                step_id=step.id or 0, text=text, organisation_id=org_id.get(org or ""),
                section=_section(step, section), position=i,
                created_at=stamp.isoformat(), uid=_uid(key, i)))
        elapsed += step.minutes

    actions_step = next((s for s in steps if s.type == "actions"), None)
    stamp = _STARTS + timedelta(minutes=70)
    actions = [
        Action(text=text, owner=owner, organisation_id=org_id[org],
               due=WORKSHOP_DATE + timedelta(days=due), first_step=first,
               measure=measure, theme=theme, small_test=small,
               review_date=WORKSHOP_DATE + timedelta(days=review) if review else None,
               step_id=actions_step.id if actions_step else None, position=i,
               created_at=(stamp + timedelta(minutes=i)).isoformat())
        for i, (text, owner, org, due, first, measure, theme, small, review)
        in enumerate(ACTIONS)
    ]
    items += _room_records(steps_by_key(steps), stamp=_STARTS + timedelta(minutes=30))
    return WorkshopData(workshop, organisations, participants, steps,
                        contributions, actions, items)


PURPOSE_DRAFTS = (
    "Older people in Northshire go home from hospital when they are ready, "
    "with one plan and one conversation.",
    "Older people in Northshire get home from hospital on the day they are ready, "
    "with one plan, one conversation with their family, and support that starts "
    "the same day.",
)
# votes: (note index in the source step, table, dots)
GOAL_VOTES = ((0, "Table 1", 2), (1, "Table 1", 1), (0, "Table 2", 3), (3, "Table 2", 1),
              (0, "Table 3", 2), (2, "Table 3", 2), (1, "Table 4", 3))
STOP_VOTES = ((0, "Table 1", 3), (4, "Table 1", 2), (13, "Table 2", 3), (4, "Table 2", 2),
              (8, "Table 3", 4), (0, "Table 3", 1), (13, "Table 4", 2), (16, "Table 4", 2))


def _room_records(keyed: dict[tuple[str, int], Step], *, stamp: datetime) -> list[StepItem]:
    """What the room decided besides notes: votes, the purpose statement, themes."""
    out: list[StepItem] = []

    def add(key: tuple[str, int], kind: str, data: dict[str, object]) -> None:
        step = keyed.get(key)
        if step is None:
            return
        n = sum(1 for i in out if i.step_id == step.id)
        out.append(StepItem(step_id=step.id or 0, kind=kind, data=data, position=n,
                            uid=_uid((*key, kind), n),
                            created_at=(stamp + timedelta(seconds=30 * len(out))).isoformat()))

    for note, table, dots in GOAL_VOTES:
        add(("E4", 1), "tally", {"target": _uid(("E4", 0), note), "voter": table,
                                 "dots": dots})
    for text in PURPOSE_DRAFTS:
        add(("E4", 2), "version", {"text": text})
    final = _uid(("E4", 2, "version"), len(PURPOSE_DRAFTS) - 1)
    add(("E4", 2), "consent", {"version": final, "agree": 13, "live_with": 3, "object": 0})
    add(("E4", 2), "agreed", {"version": final})
    cluster = keyed.get(("E9", 1))
    if cluster is not None:
        themes: dict[str, list[str]] = {}
        categories = list(cluster.config.get("categories", []))
        for i, (section, _org, _text) in enumerate(NOTES[("E9", 0)]):
            if section is not None and section < len(categories):
                themes.setdefault(categories[section], []).append(_uid(("E9", 0), i))
        for name in categories:
            if name in themes:
                add(("E9", 1), "theme", {"name": name, "notes": themes[name]})
    for note, table, dots in STOP_VOTES:
        add(("E9", 2), "tally", {"target": _uid(("E9", 0), note), "voter": table,
                                 "dots": dots})
    return out

