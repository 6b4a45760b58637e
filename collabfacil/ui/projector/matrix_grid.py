"""RACI and decision roles on the projector: the grid, large, with each row's status.

Cells show the role's letter on a fill of its own (the letter carries the
meaning; the fill helps at a glance). Each row ends in its status, a symbol and
words ("✖ No A", "⚠ 4 Cs", "✔"). A grid too long for the screen at the smallest
allowed type is paged, rows with findings first; the page shown is the one with
the row the facilitator's cursor is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from collabfacil.domain.matrix_grid import (
    ERROR,
    Finding,
    Grid,
    role_letter,
    role_name,
    roles_for,
    row_status,
)
from collabfacil.ui.projector.matrix_paint import (
    BAND,
    EMPTY_CELL,
    ERROR_INK,
    FILL_INK,
    FOCUS,
    ROLE_FILLS,
    WARNING_INK,
    Text,
    column_headings,
    fit_lines,
    metrics,
    needs_lines,
    width_of,
)
from collabfacil.ui.projector.scene import MessageScene
from collabfacil.ui.projector.theme import GRID, INK, MUTED

CENTRE = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
MAX_ROW_LINES = 2
OK = "✔"


@dataclass
class _Cell:
    rect: QRectF
    role: str


@dataclass
class _Plan:
    px: float
    texts: list[Text] = field(default_factory=list)
    cells: list[_Cell] = field(default_factory=list)
    bands: list[QRectF] = field(default_factory=list)
    swatches: list[tuple[QRectF, str]] = field(default_factory=list)
    focus: QRectF | None = None
    lines: list[tuple[QPointF, QPointF]] = field(default_factory=list)


def status_text(row_findings: list[Finding]) -> str:
    """A row's status: each finding as symbol and words, or ✔ when resolved."""
    if not row_findings:
        return OK
    # no break inside one finding ("✖ 2 As"), only between findings
    return "  ".join(f"{f.symbol} {f.short}".replace(" ", "\u00a0") for f in row_findings)


def legend_entries(mode: str) -> list[tuple[str, str]]:
    """(role, words) for the key under the grid."""
    if mode == "decision":
        return [(r, f"{r}" + (" (veto)" if r == "Agree" else " (one only)"
                              if r == "Decide" else "")) for r in roles_for(mode)]
    return [(r, role_name(r)) for r in roles_for(mode)]


class GridScene:
    """The RACI or decision grid as the room sees it."""

    def __init__(self, grid: Grid, found: list[Finding], *, focus_row: str = "") -> None:
        self.grid = grid
        self.found = found
        self.focus_row = focus_row
        self.status = row_status(found)
        self.plan = _Plan(20.0)
        self.page = (0, 1)
        self._empty: MessageScene | None = None
        if not grid.columns:
            self._empty = MessageScene("No columns yet: the step names none and the "
                                       "workshop has no partner organisations")
        elif not grid.rows:
            self._empty = MessageScene("Rows will appear here as they are added")

    # ------------------------------------------------------------ layout

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        if self._empty is not None:
            self._empty.layout(area, min_px=min_px, max_px=max_px)
            return
        px = max_px
        while px * 0.92 >= min_px:
            plan = self._best(area, px, final=False)
            if plan is not None:
                self.plan = plan
                return
            px *= 0.92
        plan = self._best(area, min_px, final=True)
        assert plan is not None
        self.plan = plan

    def _best(self, area: QRectF, px: float, *, final: bool) -> _Plan | None:
        """The first row-label width that works: wide (one-line labels), then narrower
        (labels on two lines), leaving the cells more room."""
        pad = px * 0.35
        natural = max(width_of(r, px) for r in self.grid.rows) + 2 * pad
        options = [min(natural, area.width() * 0.4),
                   min(natural, max(area.width() * 0.26, natural / 2 + 3 * pad)),
                   min(natural, area.width() * 0.2)]
        for i, label_w in enumerate(options):
            plan = self._plan(area, px, label_w, final=final and i == len(options) - 1)
            if plan is not None:
                return plan
        return None

    def _order(self) -> list[str]:
        """Rows with errors, then warnings, then the rest (each in grid order)."""
        def rank(row: str) -> int:
            fs = self.status.get(row, [])
            if any(f.severity == ERROR for f in fs):
                return 0
            return 1 if fs else 2
        return sorted(self.grid.rows, key=rank)

    def _plan(self, area: QRectF, px: float, label_w: float, *, final: bool
              ) -> _Plan | None:
        grid, plan = self.grid, _Plan(px)
        line = metrics(px).lineSpacing()
        pad = px * 0.35
        width = area.width()
        statuses = {r: status_text(self.status.get(r, [])) for r in grid.rows}
        status_w = min(max(width_of(s, px, bold=True) for s in statuses.values())
                       + 2 * pad, width * 0.24)
        cell_min = px * 2.6
        cols_room = width - label_w - status_w
        if cols_room / len(grid.columns) < cell_min:
            if not final:
                return None
            label_w = max(width * 0.18, width - status_w - cell_min * len(grid.columns))
            cols_room = width - label_w - status_w
        col_w = cols_room / len(grid.columns)
        labels = [f"⚠ {c}" if any(f.column == c for f in self.found) else c
                  for c in grid.columns]
        heads = column_headings(labels, left=area.left() + label_w, top=area.top(),
                                col_w=col_w, px=px, final=final, colour=INK)
        if heads is None:
            return None
        header_h = heads.height
        footer = self._footer(area, px, pad, paginate=False)
        rows_h = {}
        for row in grid.rows:
            lines = needs_lines(row, label_w - 2 * pad, px)
            if lines > MAX_ROW_LINES and not final:
                return None
            status_lines = needs_lines(statuses[row], status_w - pad, px, bold=True)
            rows_h[row] = max(min(max(lines, status_lines), MAX_ROW_LINES) * line + pad,
                              px * 2.0)
        room = area.height() - header_h - footer
        pages = [list(grid.rows)]
        if sum(rows_h.values()) > room:
            if not final:
                return None
            footer = self._footer(area, px, pad, paginate=True)
            room = area.height() - header_h - footer
            pages = _paginate(self._order(), rows_h, room)
        page_index = next((i for i, p in enumerate(pages) if self.focus_row in p), 0)
        self.page = (page_index, len(pages))
        shown = pages[page_index]
        x0 = area.left() + label_w
        top = area.top()
        plan.texts += heads.texts
        plan.lines += heads.ticks
        status_x = x0 + len(grid.columns) * col_w
        y = top + header_h
        plan.lines.append((QPointF(area.left(), y), QPointF(area.right(), y)))
        for n, row in enumerate(shown):
            h = rows_h[row]
            row_rect = QRectF(area.left(), y, width, h)
            if n % 2:
                plan.bands.append(row_rect)
            if row == self.focus_row and len(shown) > 1:
                plan.focus = row_rect
            text, _ = fit_lines(row, label_w - 2 * pad, px, MAX_ROW_LINES)
            plan.texts.append(Text(QRectF(area.left() + pad, y, label_w - 2 * pad, h),
                                   text, px, INK, flags=LEFT))
            for i, column in enumerate(grid.columns):
                cell = QRectF(x0 + i * col_w, y, col_w, h).adjusted(
                    px * 0.15, px * 0.15, -px * 0.15, -px * 0.15)
                role = grid.role(row, column)
                plan.cells.append(_Cell(cell, role))
                if role:
                    plan.texts.append(Text(cell, role_letter(role), px * 1.05, FILL_INK,
                                           bold=True, flags=CENTRE))
            fs = self.status.get(row, [])
            ink = (ERROR_INK if any(f.severity == ERROR for f in fs)
                   else WARNING_INK if fs else MUTED)
            status, _ = fit_lines(statuses[row], status_w - pad, px, MAX_ROW_LINES,
                                  bold=True)
            plan.texts.append(Text(QRectF(status_x + pad, y, status_w - pad, h), status,
                                   px, ink, bold=bool(fs), flags=LEFT))
            y += h
        self._place_footer(plan, area, y + pad, pad, paginate=len(pages) > 1)
        return plan

    def _column_warnings(self) -> list[Finding]:
        return [f for f in self.found if f.column and not f.row]

    def _caption(self) -> str:
        page, pages = self.page
        return (f"Page {page + 1} of {pages} · rows with issues first · "
                f"{len(self.grid.rows)} rows in all")

    def _footer(self, area: QRectF, px: float, pad: float, *, paginate: bool) -> float:
        line = metrics(px).lineSpacing()
        lines = 1 + len(self._column_warnings()) + (1 if paginate else 0)
        legend_w = sum(width_of(w, px) + px * 2.6 for _, w in legend_entries(self.grid.mode))
        if legend_w > area.width():
            lines += 1
        return lines * line + pad * 2

    def _place_footer(self, plan: _Plan, area: QRectF, y: float, pad: float, *,
                      paginate: bool) -> None:
        px = plan.px
        line = metrics(px).lineSpacing()
        x = area.left()
        for role, words in legend_entries(self.grid.mode):
            need = px * 2.6 + width_of(words, px)
            if x + need > area.right() and x > area.left():
                x, y = area.left(), y + line
            swatch = QRectF(x, y + (line - px * 1.3) / 2, px * 1.6, px * 1.3)
            plan.swatches.append((swatch, role))
            plan.texts.append(Text(swatch, role_letter(role), px, FILL_INK, bold=True,
                                   flags=CENTRE))
            plan.texts.append(Text(QRectF(x + px * 2.0, y, need - px * 2.0, line), words,
                                   px, MUTED, flags=LEFT))
            x += need
        y += line
        for f in self._column_warnings():
            text, _ = fit_lines(f"{f.symbol} {f.message}", area.width(), px, 1)
            plan.texts.append(Text(QRectF(area.left(), y, area.width(), line), text, px,
                                   WARNING_INK, flags=LEFT))
            y += line
        if paginate:
            plan.texts.append(Text(QRectF(area.left(), y, area.width(), line),
                                   self._caption(), px, MUTED, flags=LEFT))

    # ------------------------------------------------------------ output

    def visible_texts(self) -> list[str]:
        if self._empty is not None:
            return self._empty.visible_texts()
        return [t.text for t in self.plan.texts]

    def paint(self, p: QPainter) -> None:
        if self._empty is not None:
            self._empty.paint(p)
            return
        plan = self.plan
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BAND)
        for band in plan.bands:
            p.drawRect(band)
        for cell in plan.cells:
            r = min(cell.rect.width(), cell.rect.height()) * 0.18
            if cell.role:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(ROLE_FILLS.get(cell.role, "#C9CDD3")))
            else:
                p.setPen(QPen(EMPTY_CELL, max(1.0, plan.px * 0.06)))
                p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(cell.rect, r, r)
        p.setPen(Qt.PenStyle.NoPen)
        for rect, role in plan.swatches:
            p.setBrush(QColor(ROLE_FILLS.get(role, "#C9CDD3")))
            p.drawRoundedRect(rect, plan.px * 0.2, plan.px * 0.2)
        p.setPen(QPen(GRID, max(1.0, plan.px * 0.06)))
        for a, b in plan.lines:
            p.drawLine(a, b)
        if plan.focus is not None:
            p.setPen(QPen(FOCUS, max(2.0, plan.px * 0.12)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(plan.focus)
        for text in plan.texts:
            text.paint(p)


def _paginate(order: list[str], heights: dict[str, float], room: float) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    used = 0.0
    for row in order:
        if pages[-1] and used + heights[row] > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += heights[row]
    return pages

