"""Vote on the projector: the choices while the room votes; the results once revealed.

Until the facilitator reveals them the scene holds no result at all (no
totals, no order): only the choices in board order and how many dots (or
rankings) have been recorded. After the reveal: a bar chart, highest first,
each total written beside its bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from collabfacil.domain.steps import vote
from collabfacil.ui.projector.charts import BarChartScene
from collabfacil.ui.projector.layout import card_font, shorten_to_height, text_height
from collabfacil.ui.projector.scene import MessageScene, Scene
from collabfacil.ui.projector.theme import HEADER_INK, INK, MUTED, SERIES

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController


class StatusScene:
    """A one- or two-line status at the top, another scene below it."""

    def __init__(self, status: str, body: Scene) -> None:
        self.status = status
        self.body = body
        self._rect = QRectF()
        self._px = 20.0

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._px = min_px * 1.1
        metrics = QFontMetricsF(card_font(self._px, bold=True))
        height = min(text_height(metrics, self.status, area.width()),
                     metrics.lineSpacing() * 2)
        self._rect = QRectF(area.left(), area.top(), area.width(), height)
        below = self._rect.bottom() + self._px * 0.6
        self.body.layout(QRectF(area.left(), below, area.width(), area.bottom() - below),
                         min_px=min_px, max_px=max_px)

    def paint(self, painter: QPainter) -> None:
        painter.setPen(HEADER_INK)
        painter.setFont(card_font(self._px, bold=True))
        painter.drawText(self._rect, int(Qt.TextFlag.TextWordWrap), self.status)
        self.body.paint(painter)

    def visible_texts(self) -> list[str]:
        return [self.status, *self.body.visible_texts()]


def _targets(controller: SessionController) -> list[vote.Target]:
    return vote.targets(controller.current_step, controller.steps, controller.notes_of,
                        controller.items_of)


def status(controller: SessionController) -> str:
    """E.g. "Voting: 24 dots from 8 tables so far. Results when the facilitator reveals
    them." - counts only, never a result."""
    config = controller.current_step.config
    recorded = vote.summary(controller.items()).sentence(config)
    return f"Voting: {recorded} so far. The results will be shown when everyone has voted."


@dataclass
class _Placed:
    number: str
    text: str  # as drawn (shortened with … when it had to be)
    number_rect: QRectF
    text_rect: QRectF


class ChoiceListScene:
    """The choices as a numbered list in board order, in up to four columns.

    Every choice is shown when it can be: whole, at the largest type that holds
    them all; else shortened with … to two lines (three for eight choices or
    fewer); failing that, on one line at the smallest type, and only then are the
    last ones counted ("+12 more, on the wall"). The numbers are the console's, so a table can call
    out "four dots on 7".
    """

    MAX_COLUMNS = 4

    def __init__(self, texts: list[str]) -> None:
        self.texts = [" ".join(t.split()) for t in texts]
        self.placed: list[_Placed] = []
        self.more = 0
        self.more_rect = QRectF()
        self.font_px = 20.0

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        # whole texts at the largest size that holds them; else shortened to two
        # lines (three for a short list); else one line each, the rest counted
        passes = [(4, False), (3 if len(self.texts) <= 8 else 2, True)]
        for lines, shorten in passes:
            px = max_px
            while px >= min_px:
                for columns in range(1, self.MAX_COLUMNS + 1):
                    if self._fill(area, px, columns, lines=lines, shorten=shorten,
                                  allow_hiding=False):
                        return
                px *= 0.9
        for columns in range(self.MAX_COLUMNS, 0, -1):
            if self._fill(area, min_px, columns, lines=1, shorten=True, allow_hiding=True):
                return

    def _fill(self, area: QRectF, px: float, columns: int, *, lines: int, shorten: bool,
              allow_hiding: bool) -> bool:
        metrics = QFontMetricsF(card_font(px))
        bold = QFontMetricsF(card_font(px, bold=True))
        gap = px * 1.2
        width = (area.width() - gap * (columns - 1)) / columns
        if width < px * 11:  # narrower columns would break words
            return False
        number_w = bold.horizontalAdvance(str(len(self.texts))) + px * 0.6
        text_w = width - number_w
        line = metrics.lineSpacing()
        spacing = px * 0.35
        placed: list[_Placed] = []
        column, y = 0, area.top()
        for i, text in enumerate(self.texts):
            shown, height = shorten_to_height(metrics, text, text_w, Qt.TextFlag.TextWordWrap,
                                              line * lines + 1)
            if shown != text and not shorten:
                return False
            left = len(self.texts) - i - 1
            reserve = line if allow_hiding and left else 0.0
            if y + height + reserve > area.bottom():
                column, y = column + 1, area.top()
                if column == columns:
                    if not allow_hiding:
                        return False
                    self.more = len(self.texts) - i
                    break
            x = area.left() + column * (width + gap)
            placed.append(_Placed(str(i + 1), shown, QRectF(x, y, number_w, line),
                                  QRectF(x + number_w, y, text_w, height)))
            y += height + spacing
        else:
            self.more = 0
        self.placed, self.font_px = placed, px
        if self.more:
            x = area.left() + (columns - 1) * (width + gap)
            self.more_rect = QRectF(x, area.bottom() - line, width, line)
        return True

    def more_text(self) -> str:
        return f"+{self.more} more, on the wall"

    def visible_texts(self) -> list[str]:
        texts = [t for p in self.placed for t in (p.number, p.text)]
        return [*texts, self.more_text()] if self.more else texts

    def paint(self, painter: QPainter) -> None:
        px = self.font_px
        for p in self.placed:
            painter.setPen(HEADER_INK)
            painter.setFont(card_font(px, bold=True))
            painter.drawText(p.number_rect, int(Qt.AlignmentFlag.AlignLeft
                                                | Qt.AlignmentFlag.AlignTop), p.number)
            painter.setPen(INK)
            painter.setFont(card_font(px))
            painter.drawText(p.text_rect, int(Qt.TextFlag.TextWordWrap), p.text)
        if self.more:
            painter.setPen(MUTED)
            painter.setFont(card_font(px))
            painter.drawText(self.more_rect, int(Qt.AlignmentFlag.AlignLeft), self.more_text())


def choices(target_list: list[vote.Target]) -> Scene:
    """The choices as a numbered list in board order (what the room votes on)."""
    return ChoiceListScene([t.label for t in target_list])


SHOW_ZEROS_UP_TO = 10  # a longer list charts only the choices that got anything


def results(controller: SessionController, target_list: list[vote.Target]) -> Scene:
    """The totals as a bar chart, highest first; with many choices, those with
    nothing are counted rather than drawn, so the others get larger type."""
    config = controller.current_step.config
    rows = vote.ranked(vote.totals(config, controller.items(), target_list))
    recorded = vote.summary(controller.items()).sentence(config)
    if vote.settings(config)["mode"] == "rank":
        how = f"{len(target_list) - 1} points for a first place, 0 for last"
        unit = "points"
    else:
        how, unit = "most dots first", "dots"
    charted = rows
    if len(rows) > SHOW_ZEROS_UP_TO and any(r.total for r in rows):
        charted = [r for r in rows if r.total > 0]

    def more(n: int) -> str:
        top = rows[-n].total  # the highest of the n not drawn
        if top == 0:
            return f"+{n} more with no {unit}"
        return f"+{n} more with {vote.value_text(config, top)} or fewer"

    return BarChartScene(
        [r.target.label for r in charted], [r.total for r in charted], colour=SERIES[0],
        value_text=lambda v: vote.value_text(config, int(v)),
        caption=f"Results: {recorded} · {how}", more_text=more,
        left_out=len(rows) - len(charted))


def scene(controller: SessionController) -> Scene:
    """The projector body: the choices and a count, or the revealed results."""
    step = controller.current_step
    target_list = _targets(controller)
    if not target_list:
        if vote.source_of(step, controller.steps) is None:
            return MessageScene("The choices to vote on will appear here.")
        return MessageScene("There is nothing to vote on yet.")
    if not controller.revealed:
        return StatusScene(status(controller), choices(target_list))
    return results(controller, target_list)
