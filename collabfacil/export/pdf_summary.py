"""The board paper's first two pages: the cover and the one-page summary."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from collabfacil.domain.model import WorkshopData
from collabfacil.export.outline import date_span, long_date
from collabfacil.export.pdf_contents import Contents, ContentsList, SectionHeading
from collabfacil.export.pdf_theme import FONT, Palette, markup
from collabfacil.export.summary import NO_THEME, Summary

LINES_MAX = {"vote": 6, "theme": 3}  # top choices and largest themes on the summary page
SUMMARY_KEY = "summary"


def cover(data: WorkshopData, styles: StyleSheet1, width: float, *,
          parts: list[tuple[str, str]], contents: Contents) -> list[Flowable]:
    """Title, date, venue, facilitator, the partners' full names, and what is in the
    paper (``parts``: (key, title), with the page each starts on)."""
    s, workshop = styles, data.workshop
    story: list[Flowable] = [
        Spacer(1, 18 * mm),
        Paragraph("ACTION PLAN", s["CoverKicker"]),
        Paragraph(markup(workshop.title), s["CoverTitle"]),
        HRFlowable(width="100%", thickness=2, color=Palette.blue,
                   spaceBefore=2, spaceAfter=10 * mm, hAlign="LEFT"),
    ]
    facts = [("Date", long_date(workshop.date)), ("Venue", workshop.venue),
             ("Facilitator", workshop.facilitator)]
    facts += [("Partners" if i == 0 else "", o.name)
              for i, o in enumerate(data.organisations)]
    # one row per partner, so a long list can run onto a second page
    rows = [[Paragraph(label, s["CoverLabel"]), Paragraph(markup(value), s["CoverValue"])]
            for label, value in facts if value]
    first_partner = len(rows) - len(data.organisations)
    if rows:
        table = Table(rows, colWidths=[32 * mm, width - 32 * mm], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ("BOTTOMPADDING", (0, first_partner), (-1, -1), 2),  # a list
            ("TOPPADDING", (0, 0), (0, -1), 2.5),  # label baseline meets value's
        ]))
        story.append(table)
    if parts:
        story += [Spacer(1, 9 * mm),
                  KeepTogether([Paragraph("IN THIS PAPER", s["Label"]),
                                ContentsList(parts, contents)])]
    return story


def summary_page(data: WorkshopData, summary: Summary, styles: StyleSheet1, width: float,
                 *, contents: Contents) -> list[Flowable]:
    """Purpose, partners, the figures of the plan, the review rhythm, what the room
    put first and the themes that came up most."""
    s = styles
    story: list[Flowable] = [SectionHeading("Summary", s["Heading1"], key=SUMMARY_KEY,
                                            title="Summary", contents=contents)]
    if summary.purpose:
        label = "OUR SHARED PURPOSE" if summary.purpose_agreed else \
            "OUR PURPOSE: DRAFT, NOT YET AGREED"
        story += [Paragraph(label, s["Label"]), _purpose_box(summary, s, width)]
    if data.organisations:
        names = ", ".join(markup(o.name) for o in data.organisations)
        count = len(data.organisations)
        story += [Paragraph(f"{count} PARTNER{'S' if count != 1 else ''}", s["Label"]),
                  Paragraph(names, s["Normal"])]
    if summary.actions:
        story += [Paragraph("THE ACTION PLAN", s["Label"]), _figures(summary, s, width)]
        themes = summary.plan
        if len(themes) > 1 or themes[0].theme != NO_THEME:
            line = "\u2003\u00b7\u2003".join(
                f"{markup(g.theme)}\u00a0<b>{len(g.actions)}</b>" for g in themes)
            story.append(Paragraph(f"By theme: {line}", s["Normal"]))
        story.append(Paragraph(f"<b>Review rhythm:</b> {markup(summary.review_rhythm)}",
                               s["Normal"]))
    shown = 0
    for kind, label in (("vote", "WHAT THE ROOM PUT FIRST"),
                        ("theme", "THE THEMES THAT CAME UP MOST")):
        chosen = [p for p in summary.priorities if p.kind == kind][:LINES_MAX[kind]]
        shown += len(chosen)
        if chosen:
            story.append(Paragraph(label, s["Label"]))
        for title in dict.fromkeys(p.step_title for p in chosen):
            story.append(Paragraph(markup(title), s["SummaryStep"]))
            story += [Paragraph(f"{markup(p.label)}\u2003<font size='8.5' color="
                                f"'{Palette.muted.hexval()}'>{markup(p.weight)}</font>",
                                s["Note"], bulletText="\u2022")
                      for p in chosen if p.step_title == title]
    more = len(summary.priorities) - shown
    if more > 0:
        story.append(Paragraph(f"And {more} more in the sections that follow.", s["Small"]))
    return story


def _purpose_box(summary: Summary, s: StyleSheet1, width: float) -> Table:
    big = ParagraphStyle("SummaryPurpose", parent=s["Lead"], fontSize=12.5, leading=17,
                         spaceAfter=0)
    paras = [Paragraph(markup(p), big) for p in summary.purpose.split("\n\n") if p.strip()]
    box = Table([[paras]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),  # the cells' own default is Helvetica
        ("BACKGROUND", (0, 0), (-1, -1), Palette.band),
        ("LINEBEFORE", (0, 0), (0, -1), 4,
         Palette.green if summary.purpose_agreed else Palette.orange),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return box


def _figures(summary: Summary, s: StyleSheet1, width: float) -> Table:
    """The plan in four numbers and its span of dates, large enough to take in at once."""
    def figure(value: int, one: str, many: str) -> list[Flowable]:
        return [Paragraph(str(value), s["Figure"]),
                Paragraph(one if value == 1 else many, s["FigureLabel"])]
    cells = [figure(summary.actions, "action", "actions"),
             figure(summary.owners, "named owner", "named owners"),
             figure(summary.organisations, "partner with actions", "partners with actions"),
             figure(summary.small_tests, "small test of change", "small tests of change")]
    if summary.first_due is not None and summary.last_due is not None:
        span = date_span(summary.first_due, summary.last_due)
        cells.append([Paragraph(span, ParagraphStyle("Span", parent=s["Normal"],
                                                     fontSize=10.5, leading=23)),
                      Paragraph("due dates", s["FigureLabel"])])
    shares = [0.15, 0.17, 0.19, 0.19, 0.30][: len(cells)]
    total = sum(shares)
    table = Table([cells], colWidths=[width * x / total for x in shares], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table
