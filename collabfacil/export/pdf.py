"""The PDF action plan partners take back to their boards (reportlab platypus).

:class:`ActionPlanPdf` follows the shape of pretix's invoice renderer: class-level
page geometry and hooks for fonts, stylesheet, page templates and story, built
into bytes. :func:`render_pdf` and :func:`write_pdf` are what callers use.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
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
)

from collabfacil.domain.errors import ExerciseFileError
from collabfacil.domain.exercises import Exercise, Library
from collabfacil.domain.model import Step, WorkshopData
from collabfacil.export.anonymise import anonymise as anonymised
from collabfacil.export.files import ExportError, write_atomically
from collabfacil.export.outline import (
    actions_by_step,
    exercises_used,
    long_date,
)
from collabfacil.export.paper import (
    ACTION_PLAN,
    PaperSection,
    PdfOptions,
    around_the_plan,
    paper_sections,
)
from collabfacil.export.pdf_appendix import contributions, sources
from collabfacil.export.pdf_canvas import NumberedCanvas
from collabfacil.export.pdf_contents import Contents, SectionHeading
from collabfacil.export.pdf_plan import action_plan
from collabfacil.export.pdf_summary import cover, summary_page
from collabfacil.export.pdf_theme import (
    FONT,
    Palette,
    markup,
    printable,
    register_fonts,
    stylesheet,
)
from collabfacil.export.sections import SectionContext, section_renderer
from collabfacil.export.summary import Summary, summarise
from collabfacil.resources import load_default_library, resource_path

logger = logging.getLogger(__name__)
PAGE_SIZES = {"A4": A4, "Letter": LETTER}


class ActionPlanPdf:
    """Renders one workshop's action plan as PDF bytes, laid out as a board paper.

    Parts, in order (DESIGN.md "The PDF action plan"): the cover; a one-page
    summary with the contents; the numbered sections by theme (paper.py says
    which step goes where), the action plan by theme among them; every
    contribution, by step; the sources the exercises draw on.
    """

    pagesize = A4
    left_margin = right_margin = 18 * mm
    top_margin = 24 * mm  # leaves room for the running header
    bottom_margin = 22 * mm  # and for the "Page X of Y" footer

    def __init__(self, data: WorkshopData, *, library: Library | None = None,
                 options: PdfOptions | None = None) -> None:
        self.data = data
        self.library = library if library is not None else _default_library()
        self.options = options or PdfOptions()
        self.pagesize = PAGE_SIZES[self.options.paper]
        self.contents = Contents()
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
        """Cover, summary, the numbered sections, the appendices."""
        s, options = self.styles, self.options
        ctx = SectionContext(self.data, s, self.width, self.height,
                             actions_by_step(self.data), appendix=options.appendix)
        summary = summarise(self.data)
        sections = [(section, body) for section in paper_sections(self.data, self.library)
                    if options.includes(section.number)
                    and (body := self._section_body(section, summary, ctx))]
        body: list[Flowable] = []
        parts: list[tuple[str, str]] = []
        for number, (section, flowables) in enumerate(sections, start=1):
            key, title = f"section-{section.number}", f"{number}. {section.title}"
            parts.append((key, title))
            body += [CondPageBreak(45 * mm), self._heading(title, key), *flowables]
        appendices = [("every contribution", "appendix-records",
                       contributions(ctx) if options.appendix else []),
                      ("sources", "appendix-sources", sources(self._exercises(), ctx))]
        for letter, (title, key, flowables) in zip(
                "ABC", [a for a in appendices if a[2]], strict=False):
            heading = f"Appendix {letter}: {title}"
            parts.append((key, heading))
            body += [CondPageBreak(50 * mm), self._heading(heading, key), *flowables]
        story = [*cover(self.data, s, self.width, parts=parts if body else [],
                        contents=self.contents), NextPageTemplate("body"), PageBreak()]
        if not body:
            return [*story, Paragraph("Nothing was captured in this workshop.", s["Normal"])]
        story += summary_page(self.data, summary, s, self.width, contents=self.contents)
        return [*story, PageBreak(), *body]

    def _heading(self, title: str, key: str) -> SectionHeading:
        """A part's heading, bookmarked and noted for the contents."""
        return SectionHeading(markup(title).replace(". ", ".\u2002", 1),
                              self.styles["Heading1"], key=key, title=title,
                              contents=self.contents)

    def _section_body(self, section: PaperSection, summary: Summary,
                      ctx: SectionContext) -> list[Flowable]:
        """A section's steps, each under its title and prompt. The action plan: any
        review of last time's actions, the plan by theme, then its other steps."""
        if section.number != ACTION_PLAN:
            return self._steps(section.steps, ctx)
        reviews, others = around_the_plan(section)
        plan = action_plan(summary, ctx) if summary.actions else []
        return self._steps(reviews, ctx) + plan + self._steps(others, ctx)

    def _steps(self, steps: Iterable[Step], ctx: SectionContext) -> list[Flowable]:
        story: list[Flowable] = []
        for step in steps:
            render = section_renderer(step.type)
            body = render(step, ctx) if render else []
            if not body:
                continue
            story.append(Paragraph(markup(step.title), self.styles["Heading2"]))
            if step.prompt:
                story.append(Paragraph(markup(step.prompt), self.styles["Prompt"]))
            story += body
        return story

    def _subject(self) -> str:
        workshop = self.data.workshop
        when = f" on {long_date(workshop.date)}" if workshop.date else ""
        return f"Action plan agreed by the partners at the workshop{when}"

    def _keywords(self) -> list[str]:
        """What a document store would file the paper under: the partners by name."""
        return ["action plan", "partnership", *(o.label for o in self.data.organisations)]

    def _exercises(self) -> list[Exercise]:
        """The library exercises this agenda used (none when the library is broken)."""
        return exercises_used(self.data, self.library) if self.library else []

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
            subject=self._subject(), keywords=self._keywords(), creator="CollabFacil",
            lang="en-GB", invariant=1,
            initialFontName=FONT)  # else every page names a non-embedded Helvetica
        footer_canvas = type("FooterCanvas", (NumberedCanvas,),
                             {"margin": self.right_margin, "contents": self.contents})
        doc.build(self._story(), canvasmaker=footer_canvas)
        return buffer.getvalue()


def _default_library() -> Library | None:
    """The built-in exercise library, or None (no sources, sections by step type)."""
    try:
        return load_default_library()
    except ExerciseFileError:
        logger.exception("The exercise library is broken: no sources appendix")
        return None


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
