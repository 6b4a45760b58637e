"""A round in the PDF: each person's (or organisation's) entry, as a list or a table.

Passes are not listed. A private round prints only a line saying it took place.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps.round import RoundSettings, Turn, turns
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.pdf_table import data_table
from collabfacil.export.pdf_theme import markup
from collabfacil.export.sections.base import SectionContext


def private_line(settings: RoundSettings, taken: list[Turn]) -> str:
    """The one line a private round leaves in the record."""
    n = len({t.who.casefold() for t in taken})
    who = ("person" if n == 1 else "people") if settings.by == "person" else \
        ("organisation" if n == 1 else "organisations")
    return (f"This round was private: {n} {who} took a turn, and what was said "
            "stays in the room.")


def display_name(who: str, settings: RoundSettings, data: WorkshopData) -> str:
    """``who`` as printed: a partner's full name for a round by organisation;
    "" when the name was withheld (``--anonymise``)."""
    if who == WITHHELD:
        return ""
    if settings.by == "organisation":
        for org in data.organisations:
            if who.casefold() in (org.label.casefold(), org.name.casefold()):
                return org.name
    return who


def entries(step: Step, data: WorkshopData) -> tuple[RoundSettings, list[Turn], list[Turn]]:
    """The settings, every turn, and the turns with something said (passes left out)."""
    settings = RoundSettings.of(step)
    taken = turns(data.items_for(step.id))
    return settings, taken, [t for t in taken if not t.passed]


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The entries as a list, or as a table of who and each column's part."""
    settings, taken, said = entries(step, ctx.data)
    if not taken:
        return []
    styles = ctx.styles
    if settings.private:
        return [Paragraph(markup(private_line(settings, taken)), styles["Prompt"])]
    if not said:
        return [Paragraph("Everyone passed: no entries were recorded.", styles["Normal"])]
    if not settings.columns:
        out: list[Flowable] = []
        for t in said:
            who = display_name(t.who, settings, ctx.data)
            text = (f"<b>{markup(who)}</b>\u2002\u2014\u2002" if who else "") + markup(t.text)
            out.append(Paragraph(text, styles["Note"], bulletText="\u2022"))
        return out
    return [_table(settings, said, ctx)]


def _table(settings: RoundSettings, said: list[Turn], ctx: SectionContext) -> Flowable:
    styles = ctx.styles
    first = "Organisation" if settings.by == "organisation" else "Who"
    named = any(display_name(t.who, settings, ctx.data) for t in said)
    head = ([first] if named else []) + list(settings.columns)
    rows: list[list[Flowable]] = [[Paragraph(markup(h), styles["CellHead"]) for h in head]]
    for t in said:
        row = [Paragraph(markup(display_name(t.who, settings, ctx.data)), styles["Cell"])] \
            if named else []
        parts = list(t.parts) if t.parts else [t.text]
        row += [Paragraph(markup(parts[i] if i < len(parts) else ""), styles["Cell"])
                for i in range(len(settings.columns))]
        rows.append(row)
    who_share = 0.26 if named else 0.0
    rest = (1.0 - who_share) / len(settings.columns)
    widths = ([ctx.width * who_share] if named else []) + [ctx.width * rest] * len(
        settings.columns)
    return data_table(rows, widths, page_height=ctx.height)


def _line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _line(text.replace("|", "\\|"))


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The entries as a list or a table; a private round as one line."""
    settings, taken, said = entries(step, data)
    if not taken:
        return []
    if settings.private:
        return [f"*{private_line(settings, taken)}*"]
    if not said:
        return ["Everyone passed: no entries were recorded."]
    if not settings.columns:
        lines = []
        for t in said:
            who = display_name(t.who, settings, data)
            lines.append("- " + (f"**{_line(who)}**: " if who else "")
                         + t.text.replace("\n", "\n  "))
        return lines
    first = "Organisation" if settings.by == "organisation" else "Who"
    head = [first, *settings.columns]
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join("---" for _ in head) + "|"]
    for t in said:
        parts = list(t.parts) if t.parts else [t.text]
        cells = [display_name(t.who, settings, data)] + [
            parts[i] if i < len(parts) else "" for i in range(len(settings.columns))]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


# The appendix repeats the entries as the section prints them (a private round: one line).
appendix = render
