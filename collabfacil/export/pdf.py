"""The PDF action plan partners take back to their boards (reportlab platypus).

:class:`ActionPlanPdf` follows the shape of pretix's invoice renderer: class-level
page geometry and hooks for fonts, stylesheet, page templates and story, built
into bytes. :func:`render_pdf` and :func:`write_pdf` are what callers use.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from collabfacil.domain.errors import ExerciseFileError
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import WorkshopData
from collabfacil.export.anonymise import anonymise as anonymised
from collabfacil.export.files import ExportError, write_atomically
from collabfacil.export.outline import actions_by_step, exercises_used, long_date
from collabfacil.export.paper import PdfOptions
from collabfacil.export.pdf_canvas import NumberedCanvas
from collabfacil.export.pdf_theme import (
    FONT,
    Palette,
    markup,
    printable,
    register_fonts,
    stylesheet,
)
from collabfacil.export.sections import SectionContext, section_renderer
from collabfacil.export.sections.actions import action_table
from collabfacil.resources import load_default_library, resource_path

logger = logging.getLogger(__name__)
PAGE_SIZES = {"A4": A4, "Letter": LETTER}


class ActionPlanPdf:
    """Renders one workshop's action plan as A4 PDF bytes.

    Parts, in order: the cover; a section per agenda step that has something
    to show; any actions agreed outside an actions step; the sources the
    exercises draw on. Later parts of the board paper slot in as more
    ``_story`` parts.
    """

    pagesize = A4
    left_margin = right_margin = 18 * mm
    top_margin = 24 * mm  # leaves room for the running header
    bottom_margin = 22 * mm  # and for the "Page X of Y" footer

    def __init__(self, data: WorkshopData, *, library: Library | None = None,
                 options: PdfOptions | None = None) -> None:
        self.data = data
        self.library = library
        self.options = options or PdfOptions()
        self.pagesize = PAGE_SIZES[self.options.paper]
        self._register_fonts()
        self.styles = self._stylesheet()
        self.width = self.pagesize[0] - self.left_margin - self.right_margin
        self.height = self.pagesize[1] - self.top_margin - self.bottom_margin

    # ------------------------------------------------------------------ hooks

    def _register_fonts(self) -> None:
        register_fonts(resource_path("fonts"))

    def _stylesheet(self) -> StyleSheet1:
        return stylesheet()

    def _page_templates(self) -> list[PageTemplate]:
        """The cover (no running header) and the body pages (with it)."""
        def frame(name: str) -> Frame:
            return Frame(self.left_margin, self.bottom_margin, self.width, self.height,
                         leftPadding=0, rightPadding=0, topPadding=0,
                         bottomPadding=0, id=name)
        return [PageTemplate(id="cover", frames=[frame("cover")]),
                PageTemplate(id="body", frames=[frame("body")],
                             onPage=self._draw_header)]

    def _draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The workshop's title and date across the top of every body page."""
        workshop = self.data.workshop
        width, height = self.pagesize
        y = height - 14 * mm
        date_text = long_date(workshop.date)
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(Palette.muted)
        room = self.width - canvas.stringWidth(date_text, FONT, 8) - 8 * mm
        canvas.drawString(self.left_margin, y,
                          _fit(printable(workshop.title), canvas, room))
        canvas.drawRightString(width - self.right_margin, y, date_text)
        canvas.setStrokeColor(Palette.rule)
        canvas.setLineWidth(0.5)
        canvas.line(self.left_margin, y - 2.5 * mm, width - self.right_margin,
                    y - 2.5 * mm)
        canvas.restoreState()

    def _story(self) -> list[Flowable]:
        story = self._cover()
        story += [NextPageTemplate("body"), PageBreak()]
        body = self._step_sections() + self._sources()
        if not body:
            body = [Paragraph("Nothing was captured in this workshop.",
                              self.styles["Normal"])]
        return story + body

    # ----------------------------------------------------------------- parts

    def _cover(self) -> list[Flowable]:
        """Title, date, venue, facilitator and the partners' full names."""
        s, workshop = self.styles, self.data.workshop
        story: list[Flowable] = [
            Spacer(1, 30 * mm),
            Paragraph("ACTION PLAN", s["CoverKicker"]),
            Paragraph(markup(workshop.title), s["CoverTitle"]),
            HRFlowable(width="100%", thickness=2, color=Palette.blue,
                       spaceBefore=2, spaceAfter=10 * mm, hAlign="LEFT"),
        ]
        facts = [("Date", long_date(workshop.date)), ("Venue", workshop.venue),
                 ("Facilitator", workshop.facilitator)]
        facts += [("Partners" if i == 0 else "", o.name)
                  for i, o in enumerate(self.data.organisations)]
        # one row per partner, so a long list can run onto a second page
        rows = [[Paragraph(label, s["CoverLabel"]), Paragraph(markup(value),
                                                              s["CoverValue"])]
                for label, value in facts if value]
        first_partner = len(rows) - len(self.data.organisations)
        if rows:
            table = Table(rows, colWidths=[32 * mm, self.width - 32 * mm],
                          hAlign="LEFT")
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
        return story

    def _step_sections(self) -> list[Flowable]:
        """A numbered section for each step with something to show."""
        ctx = SectionContext(self.data, self.styles, self.width, self.height,
                             actions_by_step(self.data))
        parts: list[tuple[str, str, list[Flowable]]] = []
        for step in self.data.steps:
            render = section_renderer(step.type)
            body = render(step, ctx) if render else []
            if body:
                parts.append((step.title, step.prompt, body))
        loose = ctx.actions.get(None, [])
        if loose:  # actions but no actions step on the agenda
            parts.append(("Actions", "", [action_table(loose, ctx)]))
        story: list[Flowable] = []
        for number, (title, prompt, body) in enumerate(parts, start=1):
            story += [CondPageBreak(40 * mm),
                      Paragraph(f"{number}.\u2002{markup(title)}",
                                self.styles["Heading1"])]
            if prompt:
                story.append(Paragraph(markup(prompt), self.styles["Prompt"]))
            story += body
        return story

    def _sources(self) -> list[Flowable]:
        """An appendix crediting what each exercise used is based on."""
        library = self.library
        if library is None:
            try:
                library = load_default_library()
            except ExerciseFileError:
                logger.exception("No sources appendix: the exercise library is broken")
                return []
        exercises = exercises_used(self.data, library)
        if not exercises:
            return []
        s = self.styles
        story: list[Flowable] = [
            CondPageBreak(50 * mm),
            Paragraph("Appendix: sources", s["Heading1"]),
            Paragraph("The exercises in this workshop draw on the work below.",
                      s["Normal"])]
        for exercise in exercises:
            story.append(Paragraph(f"{markup(exercise.key)}\u2002{markup(exercise.title)}",
                                   s["Heading2"]))
            story += [Paragraph(markup(source), s["Source"], bulletText="\u2022")
                      for source in exercise.based_on]
        return story

    # ----------------------------------------------------------------- build

    def render(self) -> bytes:
        """The finished PDF."""
        workshop = self.data.workshop
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer, pagesize=self.pagesize, pageTemplates=self._page_templates(),
            leftMargin=self.left_margin, rightMargin=self.right_margin,
            topMargin=self.top_margin, bottomMargin=self.bottom_margin,
            title=workshop.title, author=workshop.facilitator or "CollabFacil",
            subject="Action plan", creator="CollabFacil", lang="en-GB", invariant=1,
            initialFontName=FONT)  # else every page names a non-embedded Helvetica
        footer_canvas = type("FooterCanvas", (NumberedCanvas,),
                             {"margin": self.right_margin})
        doc.build(self._story(), canvasmaker=footer_canvas)
        return buffer.getvalue()


def _fit(text: str, canvas: Canvas, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points on one line."""
    if canvas.stringWidth(text, FONT, 8) <= width:
        return text
    while text and canvas.stringWidth(text + "\u2026", FONT, 8) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def render_pdf(data: WorkshopData, *, anonymise: bool = False,
               library: Library | None = None, options: PdfOptions | None = None) -> bytes:
    """The workshop's action plan as PDF bytes, as ``options`` say (default: A4,
    every section, the appendix); ``anonymise`` withholds participant names."""
    options = options or PdfOptions()
    if anonymise and not options.anonymise:
        options = replace(options, anonymise=True)
    if options.anonymise:
        data = anonymised(data)
    try:
        return ActionPlanPdf(data, library=library, options=options).render()
    except LayoutError as exc:  # a bug of ours, but the facilitator gets one line
        logger.exception("PDF layout failed")
        raise ExportError(f"The PDF could not be laid out: {exc}") from None


def write_pdf(data: WorkshopData, path: Path, *, anonymise: bool = False,
              library: Library | None = None, options: PdfOptions | None = None) -> None:
    """Write the action plan to ``path``: the whole file, or none at all."""
    write_atomically(Path(path), render_pdf(data, anonymise=anonymise, library=library,
                                            options=options))
