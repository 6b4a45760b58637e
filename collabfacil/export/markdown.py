"""A readable plain-text summary of the workshop, in Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from collabfacil.domain.model import Action, Step, WorkshopData
from collabfacil.export.anonymise import anonymise as anonymised
from collabfacil.export.files import write_atomically
from collabfacil.export.outline import (
    actions_by_step,
    is_actions_step,
    long_date,
    note_groups,
    short_date,
)
from collabfacil.export.sections import section_markdown

TABLE_HEADINGS = ("Action", "Owner", "Organisation", "Due", "First step", "Measure")


def markdown_text(data: WorkshopData) -> str:
    """Title and facts, partners, each step's notes by section, the actions."""
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
    plan = actions_by_step(data)
    for step in data.steps:
        if is_actions_step(step):
            body = _action_table(data, plan.get(step.id, []))
        else:
            own = section_markdown(step.type)
            body = own(step, data) if own else _notes(data, step)
        if body:
            lines += ["", f"## {_line(step.title)}", ""]
            if step.prompt:
                lines += [_quote(step.prompt), ""]
            lines += body
    if plan.get(None):
        lines += ["", "## Actions", "", *_action_table(data, plan[None])]
    return "\n".join(lines).rstrip() + "\n"


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


def write_markdown(data: WorkshopData, path: Path, *, anonymise: bool = False) -> None:
    """Write the summary to ``path`` atomically; ``anonymise`` withholds names."""
    if anonymise:
        data = anonymised(data)
    write_atomically(Path(path), markdown_text(data).encode("utf-8"))
