"""RACI and decision roles in the PDF and the Markdown summary: the table, the
rows still unresolved, and the warnings."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from collabfacil.domain.matrix_grid import (
    DECISION_HINTS,
    ERROR,
    Finding,
    Grid,
    findings,
    role_letter,
    role_name,
    roles_for,
    row_status,
    unresolved_rows,
)
from collabfacil.domain.model import Step
from collabfacil.export.pdf_table import page_table
from collabfacil.export.pdf_theme import FONT, FONT_BOLD, Palette, markup
from collabfacil.export.sections.base import SectionContext

# Pale Okabe–Ito tints, one per role; the letter is always printed on them.
ROLE_TINTS = {"R": "#BFE3F7", "A": "#F9DDA6", "C": "#B3E6D5", "I": "#E8D1E0",
              "Recommend": "#BFE3F7", "Agree": "#E8D1E0", "Decide": "#F9DDA6",
              "Input": "#B3E6D5", "Perform": "#F8F3B5"}
RACI_HINTS = {"R": "does the work", "A": "answers for it; one per row",
              "C": "is asked before", "I": "is told after"}
HEAD_SIZE = 7.5


class UpLabel(Flowable):
    """A column heading that reads upwards, for columns too narrow for its words."""

    def __init__(self, text: str, size: float = HEAD_SIZE) -> None:
        super().__init__()
        self.text = text
        self.size = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = stringWidth(self.text, FONT_BOLD, self.size) + 2
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(Palette.white)
        canvas.setFont(FONT_BOLD, self.size)
        canvas.translate(self.width / 2 + self.size * 0.35, 1)
        canvas.rotate(90)
        canvas.drawString(0, 0, self.text)
        canvas.restoreState()


def key_line(mode: str) -> str:
    """What the letters mean, in words."""
    if mode == "decision":
        return " · ".join(f"<b>{role_letter(r)}</b> {r} ({DECISION_HINTS[r]})"
                          for r in roles_for(mode))
    return " · ".join(f"<b>{r}</b> {role_name(r)} ({RACI_HINTS[r]})" for r in roles_for(mode))


def status_line(row_findings: list[Finding]) -> str:
    if not row_findings:
        return "\u2714"
    return "; ".join(f"{f.symbol}\u00a0{f.short}" for f in row_findings)


def _heading(text: str, width: float, ctx: SectionContext, *, narrow: bool) -> Flowable:
    if narrow:
        return UpLabel(text)
    return Paragraph(markup(text), ctx.styles["CellHead"])


def render(step: Step, grid: Grid, ctx: SectionContext) -> list[Flowable]:
    """The table, the key, then the unresolved rows and the warnings."""
    if not grid.rows or not grid.columns:
        return []
    styles = ctx.styles
    found = findings(grid)
    status = row_status(found)
    decision = grid.mode == "decision"
    centred = ParagraphStyle("MatrixCell", parent=styles["Cell"], alignment=TA_CENTER)
    label_share = 0.3 if len(grid.columns) > 5 else 0.34
    check_share = 0.17
    col_w = ctx.width * (1 - label_share - check_share) / len(grid.columns)
    words = [w for c in grid.columns for w in c.split()]
    narrow = any(stringWidth(w, FONT_BOLD, HEAD_SIZE) > col_w - 6 for w in words)
    head: list[Any] = [Paragraph("Decision" if decision else "Responsibility",
                                 styles["CellHead"])]
    head += [_heading(c, col_w, ctx, narrow=narrow) for c in grid.columns]
    head.append(Paragraph("Check", styles["CellHead"]))
    rows: list[list[Any]] = [head]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), Palette.blue),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, Palette.rule),
        ("GRID", (1, 1), (-2, -1), 0.5, colors.white),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-2, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r, row in enumerate(grid.rows, start=1):
        fs = status.get(row, [])
        line: list[Any] = [Paragraph(markup(row), styles["Cell"])]
        for c, column in enumerate(grid.columns, start=1):
            role = grid.role(row, column)
            line.append(Paragraph(f"<b>{role_letter(role)}</b>" if role else "", centred))
            if role:
                style.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(ROLE_TINTS[role])))
        colour = (Palette.vermillion if any(f.severity == ERROR for f in fs)
                  else Palette.muted)
        line.append(Paragraph(f'<font color="{colour.hexval()}">'
                              f"{markup(status_line(fs))}</font>", styles["Cell"]))
        rows.append(line)
    widths = ([ctx.width * label_share] + [col_w] * len(grid.columns)
              + [ctx.width * check_share])
    table = page_table(ctx.height)(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    story: list[Flowable] = [table, Spacer(1, 3),
                             Paragraph(key_line(grid.mode), styles["Small"])]
    story += _lists(grid, found, ctx)
    return story


def _lists(grid: Grid, found: list[Finding], ctx: SectionContext) -> list[Flowable]:
    styles = ctx.styles
    status = row_status(found)
    unresolved = unresolved_rows(grid, found)
    decision = grid.mode == "decision"
    story: list[Flowable] = []
    if unresolved:
        title = ("Decisions still to settle" if decision
                 else "Unresolved rows, to follow up")
        items = [Paragraph(f"<b>{markup(row)}</b>: " + markup("; ".join(
            f.detail for f in status[row] if f.severity == ERROR)), styles["Note"],
            bulletText="\u2716") for row in unresolved]
        story.append(KeepTogether([Paragraph(title, styles["Heading3"]), *items[:2]]))
        story += items[2:]
    else:
        story.append(Paragraph(
            "Every decision has exactly one Decide." if decision
            else "Every row has exactly one A and at least one R.", styles["Normal"]))
    warnings = [f for f in found if f.severity != ERROR]
    if warnings:
        story.append(Paragraph("Worth a look", styles["Heading3"]))
        story += [Paragraph(markup(f.message), styles["Note"], bulletText="\u26a0")
                  for f in warnings]
    return story


def markdown(grid: Grid) -> list[str]:
    """The grid as a Markdown table, then the unresolved rows and warnings."""
    if not grid.rows or not grid.columns:
        return []
    found = findings(grid)
    status = row_status(found)
    first = "Decision" if grid.mode == "decision" else "Responsibility"
    head = [first, *grid.columns, "Check"]
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join("---" for _ in head) + "|"]
    for row in grid.rows:
        cells = [role_letter(grid.role(row, c)) for c in grid.columns]
        lines.append("| " + " | ".join(_cell(x) for x in [row, *cells,
                                                           status_line(status.get(row, []))])
                     + " |")
    lines += ["", "Key: " + key_line(grid.mode).replace("<b>", "**").replace("</b>", "**")]
    unresolved = unresolved_rows(grid, found)
    if unresolved:
        lines += ["", "**Unresolved:**", ""]
        lines += [f"- {row}: " + "; ".join(f.detail for f in status[row]
                                           if f.severity == ERROR) for row in unresolved]
    warnings = [f for f in found if f.severity != ERROR]
    if warnings:
        lines += ["", "**Worth a look:**", ""]
        lines += [f"- {f.message}" for f in warnings]
    return lines


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())
