"""A statement in the PDF: the agreed wording prominently (or the latest draft,
labelled as a draft), the consent result and how many versions it took."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle

from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps.statement import (
    StatementSettings,
    StatementState,
    Version,
    list_lines,
    read_state,
)
from collabfacil.export.pdf_table import page_table
from collabfacil.export.pdf_theme import FONT, Palette, markup
from collabfacil.export.sections.base import SectionContext

AGREED = "AGREED"
DRAFT = "DRAFT, NOT AGREED"


def chosen(state: StatementState) -> tuple[Version, bool] | None:
    """The version to print: the agreed one, else the latest draft; and whether agreed."""
    if state.agreed is not None:
        return state.agreed, True
    if state.latest is not None:
        return state.latest, False
    return None


def facts(settings: StatementSettings, state: StatementState, version: Version,
          agreed: bool) -> list[str]:
    """The lines under the wording: consent, versions, a later unagreed draft."""
    noun = settings.title.lower() if settings.kind != "purpose" else "purpose statement"
    consent = state.consents.get(version.uid)
    lines = []
    if consent is not None and consent.total:
        lines.append(f"Consent check on version {version.number}: {consent.summary()} "
                     f"({consent.outcome().lower()}).")
    n = len(state.versions)
    if n > 1:
        lines.append(f"{'Agreed' if agreed else 'Latest'} wording: version {version.number} "
                     f"of {n} drafted.")
    else:
        lines.append("Agreed at the first draft." if agreed else "One draft so far.")
    latest = state.latest
    if agreed and latest is not None and latest.uid != version.uid:
        lines.append(f"A later draft (version {latest.number}) was not agreed.")
    if not agreed:
        lines.append(f"The room did not mark this {noun} as agreed.")
    return lines


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The wording in a ruled box, then the consent and version facts."""
    settings = StatementSettings.of(step.config)
    state = read_state(ctx.data.items_for(step.id))
    picked = chosen(state)
    if picked is None:
        return []
    version, agreed = picked
    styles = ctx.styles
    label = f"{AGREED} {settings.title.upper()}" if agreed else f"{settings.title.upper()}: " \
        f"{DRAFT}"
    big = ParagraphStyle("Statement", parent=styles["Normal"], fontSize=13, leading=18,
                         spaceAfter=3)
    item = ParagraphStyle("StatementItem", parent=big, leftIndent=20, bulletIndent=2,
                          bulletFontName=FONT)
    if settings.is_list:
        body: list[Flowable] = [Paragraph(markup(line), item, bulletText=f"{i}.")
                                for i, line in enumerate(list_lines(version.text), start=1)]
    else:
        body = [Paragraph(markup(para), big) for para in version.text.split("\n\n")
                if para.strip()]
    # a page table, so even the longest statement breaks across pages
    box = page_table(ctx.height)([[body]], colWidths=[ctx.width], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, -1), Palette.band if agreed else Palette.white),
        ("LINEBEFORE", (0, 0), (0, -1), 4, Palette.green if agreed else Palette.rule),
        ("BOX", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    fill = Palette.green if agreed else Palette.orange
    marker = ParagraphStyle("StatementMarker", parent=styles["Normal"], fontSize=9.5,
                            leading=15, spaceAfter=3, keepWithNext=1)
    story: list[Flowable] = [Paragraph(label_markup(label, fill), marker), box]
    lines = facts(settings, state, version, agreed)
    consent = [line for line in lines if line.startswith("Consent")]
    result = ParagraphStyle("StatementResult", parent=styles["Normal"], spaceBefore=4)
    story += [Paragraph(markup(line), result) for line in consent]
    story += [Paragraph(markup(line), styles["Small"]) for line in lines
              if line not in consent]
    return story


def label_markup(label: str, fill: Color) -> str:
    """A label such as "AGREED RULES" in black on a coloured band, large enough to
    read at arm's length (words, not only colour)."""
    return (f'<font color="{Palette.ink.hexval()}" backColor="{fill.hexval()}">'
            f"<b>\u00a0{escape(label)}\u00a0</b></font>")


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The wording (agreed, or the draft, so labelled), then the facts."""
    settings = StatementSettings.of(step.config)
    state = read_state(data.items_for(step.id))
    picked = chosen(state)
    if picked is None:
        return []
    version, agreed = picked
    lines = [f"**{'Agreed' if agreed else 'Draft (not agreed)'}: {settings.title.lower()}**",
             ""]
    if settings.is_list:
        lines += [f"{i}. {' '.join(line.split())}"
                  for i, line in enumerate(list_lines(version.text), start=1)]
    else:
        lines += ["> " + line if line.strip() else ">" for line in version.text.splitlines()]
    lines.append("")
    lines += facts(settings, state, version, agreed)
    return lines


def appendix(step: Step, ctx: SectionContext) -> list[Flowable]:
    """Every draft in order, each with its consent count and whether it was agreed."""
    state = read_state(ctx.data.items_for(step.id))
    story: list[Flowable] = []
    for version in state.versions:
        facts = []
        if version.uid == state.agreed_uid:
            facts.append("agreed")
        consent = state.consents.get(version.uid)
        if consent is not None and consent.total:
            facts.append(f"consent: {consent.summary()}")
        label = f"Version {version.number}" + (f" ({'; '.join(facts)})" if facts else "")
        story.append(Paragraph(f"<b>{escape(label)}</b>", ctx.styles["RecordText"]))
        story += [Paragraph(markup(para), ctx.styles["RecordText"])
                  for para in version.text.split("\n\n") if para.strip()]
    return story
