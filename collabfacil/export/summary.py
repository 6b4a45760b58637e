"""The board paper's one-page summary and the action plan's groups, as plain data.

Pure functions over a :class:`WorkshopData`, shared by the PDF and the
Markdown summary so that both say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Action, Step, WorkshopData
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import cluster, statement, vote
from collabfacil.export.outline import short_date, sorted_actions

NO_THEME = "Other actions"
TOP_CHOICES = 3  # per vote, on the summary page
TOP_THEMES = 3  # per cluster


@frozen
class Priority:
    """One of the room's top choices: what it is, where it was chosen, its weight."""

    label: str
    step_title: str
    weight: str  # e.g. "7 dots" or "5 notes"
    kind: str = "vote"  # "vote": the room chose it; "theme": many notes said it


@frozen
class ThemeGroup:
    """The actions of one theme, by due date."""

    theme: str
    actions: list[Action]


@frozen
class Summary:
    """What a board member reads first."""

    purpose: str  # the agreed purpose statement, else its latest draft, else ""
    purpose_agreed: bool
    partners: list[str]
    priorities: list[Priority]
    plan: list[ThemeGroup]
    owners: int
    organisations: int  # the partners that own at least one action
    small_tests: int
    first_due: date | None
    last_due: date | None
    review_rhythm: str

    @property
    def actions(self) -> int:
        return sum(len(g.actions) for g in self.plan)


def purpose(data: WorkshopData) -> tuple[str, bool]:
    """The first purpose statement on the agenda: its agreed wording (True) or latest
    draft (False); ("", False) when none was drafted."""
    for step in data.steps:
        if step.type != "statement":
            continue
        if statement.StatementSettings.of(step.config).kind != "purpose":
            continue
        state = statement.read_state(data.items_for(step.id))
        if state.agreed is not None:
            return state.agreed.text, True
        if state.latest is not None:
            return state.latest.text, False
    return "", False


def priorities(data: WorkshopData) -> list[Priority]:
    """The leading choices of every vote (votes cast) in agenda order, then the
    largest themes of every cluster."""
    votes = [p for s in data.steps if s.type == "vote" for p in _vote_leaders(s, data)]
    themes = [p for s in data.steps if s.type == "cluster" for p in _largest_themes(s, data)]
    return votes + themes


def _vote_leaders(step: Step, data: WorkshopData) -> list[Priority]:
    config = vote.settings(step.config)
    items = data.items_for(step.id)
    targets = vote.targets(step, data.steps, data.contributions_for, data.items_for)
    ranked = [r for r in vote.ranked(vote.totals(step.config, items, targets)) if r.total > 0]
    return [Priority(r.target.label, step.title, vote.value_text(config, r.total))
            for r in ranked[:TOP_CHOICES]]


def _largest_themes(step: Step, data: WorkshopData) -> list[Priority]:
    source = source_step(data.steps, step, types=("brainstorm",))
    if source is None:
        return []
    themes = cluster.themes(step.config, data.items_for(step.id, cluster.THEME))
    found = cluster.groups(themes, data.contributions_for(source.id))
    sized = [g for g in cluster.by_size(found) if g.theme is not None and g.notes]
    return [Priority(g.name, step.title,
                     f"{len(g.notes)} note{'s' if len(g.notes) != 1 else ''}", kind="theme")
            for g in sized[:TOP_THEMES]]


def plan_by_theme(actions: Iterable[Action]) -> list[ThemeGroup]:
    """Actions grouped by theme, each group by due date; the groups ordered by their
    first due date, actions with no theme last."""
    groups: dict[str, list[Action]] = {}
    for action in sorted_actions(actions):
        groups.setdefault(action.theme.strip() or NO_THEME, []).append(action)
    themed = [ThemeGroup(t, a) for t, a in groups.items() if t != NO_THEME]
    themed.sort(key=lambda g: (g.actions[0].due or date.max, g.theme.casefold()))
    if NO_THEME in groups:
        themed.append(ThemeGroup(NO_THEME, groups[NO_THEME]))
    return themed


def review_rhythm(data: WorkshopData) -> str:
    """How progress will be reviewed, in one line.

    From a brainstorm marked ``review_rhythm`` (its must-agree columns, e.g.
    "How often: monthly · In what forum: the Home First board"); else from the
    actions' review dates; else a prompt to agree one.
    """
    for step in data.steps:
        if step.type != "brainstorm" or not step.config.get("review_rhythm"):
            continue
        columns = list(step.config.get("must_agree") or step.sections)
        notes = data.contributions_for(step.id)
        parts = []
        for column in columns:
            said = [" ".join(n.text.split()) for n in notes if n.section == column]
            if said:
                parts.append(f"{column}: {'; '.join(said)}")
        if parts:
            return " \u00b7 ".join(parts)
    reviews = sorted({a.review_date for a in data.actions if a.review_date})
    if reviews:
        listed = ", ".join(short_date(d) for d in reviews[:4])
        more = f" and {len(reviews) - 4} more" if len(reviews) > 4 else ""
        return f"Progress reviews due {listed}{more}."
    return "No review rhythm was agreed: agree one at the next partnership meeting."


def summarise(data: WorkshopData) -> Summary:
    """The summary page's facts."""
    text, agreed = purpose(data)
    actions = data.actions
    dues = sorted(a.due for a in actions if a.due)
    return Summary(
        purpose=text, purpose_agreed=agreed,
        partners=[o.name for o in data.organisations],
        priorities=priorities(data),
        plan=plan_by_theme(actions),
        owners=len({" ".join(a.owner.split()).casefold() for a in actions if a.owner.strip()}),
        organisations=len({a.organisation_id for a in actions if a.organisation_id}),
        small_tests=sum(1 for a in actions if a.small_test),
        first_due=dues[0] if dues else None, last_due=dues[-1] if dues else None,
        review_rhythm=review_rhythm(data))
