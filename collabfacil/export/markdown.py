"""A readable plain-text summary of the workshop, in Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from collabfacil.domain.errors import ExerciseFileError
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import Action, Step, WorkshopData
from collabfacil.export.anonymise import anonymise as anonymised
from collabfacil.export.files import write_atomically
from collabfacil.export.outline import date_span, long_date, note_groups, short_date
from collabfacil.export.paper import ACTION_PLAN, PaperSection, around_the_plan, paper_sections
from collabfacil.export.sections import section_markdown
from collabfacil.export.sections.brainstorm import sorted_by_cluster
from collabfacil.export.summary import NO_THEME, Summary, summarise
from collabfacil.resources import load_default_library

TABLE_HEADINGS = ("Action", "Owner", "Organisation", "Due", "First step", "Measure")


def markdown_text(data: WorkshopData, *, library: Library | None = None) -> str:
    """The board paper as plain text: title and facts, partners, the summary, then
    the sections by theme (paper.py), the action plan by theme among them."""
    workshop = data.workshop
    lines = [f"# {_line(workshop.title)}", ""]
    for label, value in (("Date", long_date(workshop.date)), ("Venue", workshop.venue),
                         ("Facilitator", workshop.facilitator)):
        if value:
            lines.append(f"- **{label}:** {_line(value)}")
    if data.organisations:
        lines += ["", "## Partners", ""]
        lines += [f"- {_line(o.name)}" + (f" ({_line(o.short_name)})"
                                          if o.short_name else "")
                  for o in data.organisations]
    summary = summarise(data)
    lines += _summary(summary)
    number = 0
    for section in paper_sections(data, library if library is not None else _library()):
        body = _section(data, section, summary)
        if body:
            number += 1
            lines += ["", f"## {number}. {section.title}", "", *body]
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)  # one blank line between blocks


def _summary(summary: Summary) -> list[str]:
    lines: list[str] = []
    if summary.purpose:
        label = "Our shared purpose" if summary.purpose_agreed else \
            "Our purpose (a draft, not yet agreed)"
        lines += [f"**{label}**", "", _quote(summary.purpose), ""]
    if summary.actions:
        span = ""
        if summary.first_due and summary.last_due:
            span = f"; due {date_span(summary.first_due, summary.last_due)}"
        lines.append(f"- **The action plan:** {_count(summary.actions, 'action')}, "
                     f"{_count(summary.owners, 'named owner')}, "
                     f"{_count(summary.organisations, 'partner')} with actions, "
                     f"{_count(summary.small_tests, 'small test')} of change{span}.")
        if any(g.theme != NO_THEME for g in summary.plan):
            lines.append("- **By theme:** " + "; ".join(
                f"{_line(g.theme)} ({len(g.actions)})" for g in summary.plan) + ".")
        lines += [f"- **Review rhythm:** {_line(summary.review_rhythm)}", ""]
    for kind, label in (("vote", "What the room put first"),
                        ("theme", "The themes that came up most")):
        chosen = [p for p in summary.priorities if p.kind == kind]
        if chosen:
            lines += [f"**{label}**", ""]
            lines += [f"- {_line(p.label)} ({p.weight}, {_line(p.step_title)})"
                      for p in chosen]
            lines.append("")
    return ["", "## Summary", "", *lines] if lines else []


def _section(data: WorkshopData, section: PaperSection, summary: Summary) -> list[str]:
    """A section's steps; the action plan: reviews, the plan by theme, the rest."""
    if section.number != ACTION_PLAN:
        return _steps(data, section.steps)
    reviews, others = around_the_plan(section)
    plan: list[str] = []
    if summary.actions:
        plan = [f"**Review rhythm:** {_line(summary.review_rhythm)}", ""]
        for group in summary.plan:
            if len(summary.plan) > 1 or group.theme != NO_THEME:
                plan += [f"### {_line(group.theme)} ({_count(len(group.actions), 'action')})",
                         ""]
            plan += [*_action_table(data, group.actions), ""]
    return _steps(data, reviews) + plan + _steps(data, others)


def _steps(data: WorkshopData, steps: Sequence[Step]) -> list[str]:
    lines: list[str] = []
    for step in steps:
        if step.type == "brainstorm" and sorted_by_cluster(step, data):
            continue  # its notes are listed under the cluster's themes
        own = section_markdown(step.type)
        body = own(step, data) if own else _notes(data, step)
        if body:
            lines += [f"### {_line(step.title)}", ""]
            if step.prompt:
                lines += [_quote(step.prompt), ""]
            # the step's own headings go one level down, under its title
            lines += [f"#{line}" if line.startswith("#") else line for line in body]
            lines.append("")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _library() -> Library | None:
    try:
        return load_default_library()
    except ExerciseFileError:
        return None


def _notes(data: WorkshopData, step: Step) -> list[str]:
    lines: list[str] = []
    for group in note_groups(step, data.contributions_for(step.id)):
        if group.label:
            marker = " *(must agree)*" if group.must_agree else ""
            lines += [f"### {_line(group.label)}{marker}", ""]
        for note in group.notes:
            org = data.organisation(note.organisation_id)
            suffix = f" — {org.label}" if org else ""
            # continuation lines are indented so they stay inside the list item
            lines.append("- " + (note.text + suffix).replace("\n", "\n  "))
        lines.append("")
    return lines[:-1]


def _action_table(data: WorkshopData, actions: Sequence[Action]) -> list[str]:
    if not actions:
        return []
    rows = [TABLE_HEADINGS, tuple("---" for _ in TABLE_HEADINGS)]
    for a in actions:
        org = data.organisation(a.organisation_id)
        text = a.text + (" (small test)" if a.small_test else "")
        rows.append((text, a.owner, org.label if org else "", short_date(a.due),
                     a.first_step, a.measure))
    head, rule, *body = rows
    return ["| " + " | ".join(head) + " |", "|" + "|".join(rule) + "|",
            *("| " + " | ".join(_cell(c) for c in row) + " |" for row in body)]


def _cell(text: str) -> str:
    """Table-cell text: pipes escaped, line breaks as spaces (a row is one line)."""
    return " ".join(text.replace("|", "\\|").split())


def _line(text: str) -> str:
    return " ".join(text.split())


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def write_markdown(data: WorkshopData, path: Path, *, anonymise: bool = False,
                   library: Library | None = None) -> None:
    """Write the summary to ``path`` atomically; ``anonymise`` withholds names."""
    if anonymise:
        data = anonymised(data)
    write_atomically(Path(path), markdown_text(data, library=library).encode("utf-8"))
