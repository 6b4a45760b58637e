"""Vote on the projector: the choices while the room votes; the results once revealed.

Until the facilitator reveals them the scene holds no result at all (no
totals, no order): only the choices in board order and how many dots (or
rankings) have been recorded. After the reveal: a bar chart, highest first,
each total written beside its bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from collabfacil.domain.steps import vote
from collabfacil.ui.projector.charts import BarChartScene
from collabfacil.ui.projector.layout import Card, Column, card_font, text_height
from collabfacil.ui.projector.scene import CardScene, MessageScene, Scene
from collabfacil.ui.projector.steps.brainstorm import organisation_accents
from collabfacil.ui.projector.theme import HEADER_INK, SERIES

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


def choices(controller: SessionController, target_list: list[vote.Target]) -> Scene:
    """The choices as cards in board order (what the room votes on), each tagged with
    the number the console uses for it, so a table can say "4 dots on choice 7"."""
    accents = organisation_accents(controller)
    labels = {o.id: o.label for o in controller.data.organisations}
    cards = tuple(Card(t.label,
                       " · ".join(x for x in (f"Choice {i + 1}",
                                              labels.get(t.organisation_id, "")) if x),
                       accents.get(t.organisation_id or -1, ""))
                  for i, t in enumerate(target_list))
    return CardScene([Column("", cards)])


def results(controller: SessionController, target_list: list[vote.Target]) -> Scene:
    """The totals as a bar chart, highest first."""
    config = controller.current_step.config
    rows = vote.ranked(vote.totals(config, controller.items(), target_list))
    recorded = vote.summary(controller.items()).sentence(config)
    if vote.settings(config)["mode"] == "rank":
        how = f"{len(target_list) - 1} points for a first place, 0 for last"
        unit = "points"
    else:
        how, unit = "most dots first", "dots"
    return BarChartScene(
        [r.target.label for r in rows], [r.total for r in rows], colour=SERIES[0],
        value_text=lambda v: vote.value_text(config, int(v)),
        caption=f"Results: {recorded} · {how}",
        more_text=lambda n: f"+{n} more with fewer {unit}")


def scene(controller: SessionController) -> Scene:
    """The projector body: the choices and a count, or the revealed results."""
    step = controller.current_step
    target_list = _targets(controller)
    if not target_list:
        if vote.source_of(step, controller.steps) is None:
            return MessageScene("The choices to vote on will appear here.")
        return MessageScene("There is nothing to vote on yet.")
    if not controller.revealed:
        return StatusScene(status(controller), choices(controller, target_list))
    return results(controller, target_list)
