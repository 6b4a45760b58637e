"""ProjectorView: what the room sees, painted large: title, prompt, timer, cards.

Everything is drawn with QPainter as plain text. Sizes are fractions of the
widget's height, so the same view reads from the back of a hall at 1920×1080
and on a 1024×768 projector; body text never goes below 2.5% of the height
(times the facilitator's font scale).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from collabfacil.domain.timer import format_clock
from collabfacil.ui.controller import SessionController
from collabfacil.ui.projector.layout import (
    STRIPE,
    TAG_SCALE,
    BoardLayout,
    card_font,
    header_label,
    layout_board,
    shorten_to_height,
)
from collabfacil.ui.projector.steps import columns_for

BACKGROUND = QColor("#15181D")
INK = QColor("#F4F4F2")
MUTED = QColor("#C9CDD3")
CARD = QColor("#FFF5CC")
CARD_INK = QColor("#1A1A1A")
CARD_TAG = QColor("#4A4A4A")
HEADER_INK = QColor("#F0E442")
OVERTIME = QColor("#FF8C69")

BODY_FLOOR = 0.025  # body text at least 2.5% of screen height (DESIGN.md)


class ProjectorView(QWidget):
    """A read-only view of the controller's current step, for the room."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName("Projector view")
        self.setAutoFillBackground(False)
        self._layout: BoardLayout | None = None
        self._layout_key: tuple[object, ...] | None = None
        self._timer_text = ""
        for signal in (controller.step_changed, controller.contribution_added,
                       controller.contribution_updated, controller.contribution_removed,
                       controller.actions_changed, controller.projector_mode_changed,
                       controller.font_scale_changed):
            signal.connect(self._on_content_changed)
        controller.timer_ticked.connect(self._on_timer_ticked)

    # ------------------------------------------------------------ queries

    def board_layout(self) -> BoardLayout:
        """The cards as laid out now (what the room can read)."""
        key = (self.width(), self.height(), self.controller.font_scale)
        if self._layout is None or self._layout_key != key:
            self._layout = layout_board(
                columns_for(self.controller), self._board_rect(),
                min_px=self._px(BODY_FLOOR), max_px=self._px(0.05))
            self._layout_key = key
        return self._layout

    def visible_texts(self) -> list[str]:
        """Every piece of text on the projector now: title, prompt, timer, cards."""
        if self.controller.blanked:
            return []
        step = self.controller.current_step
        texts = [step.title, self._prompt()[0], self._timer_text or self._clock_text()]
        layout = self.board_layout()
        texts += [c.column.title for c in layout.columns if c.column.title]
        return [t for t in texts if t] + layout.visible_texts()

    # ------------------------------------------------------------ handlers

    def _on_content_changed(self, *_: object) -> None:
        self._layout = None
        self.update()

    def _on_timer_ticked(self) -> None:
        text = self._clock_text()
        if text != self._timer_text:
            self._timer_text = text
            self.update(self._timer_rect().toAlignedRect())

    # ------------------------------------------------------------ geometry

    def _px(self, fraction: float) -> float:
        return self.height() * fraction * self.controller.font_scale

    def _margin(self) -> float:
        return self.height() * 0.035

    def _timer_rect(self) -> QRectF:
        m = self._margin()
        w = self._px(0.07) * 4.2
        return QRectF(self.width() - m - w, m * 0.6, w, self._px(0.07) * 1.25)

    def _title_rect(self) -> QRectF:
        m = self._margin()
        return QRectF(m, m * 0.6, self.width() - 3 * m - self._timer_rect().width(),
                      self._px(0.06) * 1.3)

    def _prompt(self) -> tuple[str, QRectF]:
        """The prompt as shown (at most three lines, ending in … if longer) and its place."""
        m = self._margin()
        top = self._title_rect().bottom() + m * 0.2
        prompt = self.controller.current_step.prompt
        if not prompt:
            return "", QRectF(m, top, self.width() - 2 * m, 0)
        metrics = QFontMetricsF(card_font(self._px(0.032)))
        shown, height = shorten_to_height(metrics, prompt, self.width() - 2 * m,
                                          Qt.TextFlag.TextWordWrap,
                                          metrics.lineSpacing() * 3.2)
        return shown, QRectF(m, top, self.width() - 2 * m, height)

    def _board_rect(self) -> QRectF:
        m = self._margin()
        top = self._prompt()[1].bottom() + m * 0.7
        return QRectF(m, top, self.width() - 2 * m, self.height() - top - m)

    def _clock_text(self) -> str:
        return format_clock(self.controller.remaining_seconds())

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if self.controller.blanked:
            p.fillRect(self.rect(), Qt.GlobalColor.black)
            return
        p.fillRect(self.rect(), BACKGROUND)
        step = self.controller.current_step
        p.setPen(INK)
        p.setFont(card_font(self._px(0.06), bold=True))
        title = QFontMetricsF(p.font()).elidedText(
            step.title, Qt.TextElideMode.ElideRight, self._title_rect().width())
        p.drawText(self._title_rect(), int(Qt.AlignmentFlag.AlignLeft
                                           | Qt.AlignmentFlag.AlignVCenter), title)
        self._paint_timer(p)
        prompt, prompt_rect = self._prompt()
        if prompt:
            p.setPen(MUTED)
            p.setFont(card_font(self._px(0.032)))
            p.drawText(prompt_rect, int(Qt.TextFlag.TextWordWrap), prompt)
        self._paint_board(p)

    def _paint_timer(self, p: QPainter) -> None:
        remaining = self.controller.remaining_seconds()
        p.setPen(OVERTIME if remaining < 0 else INK)
        font = card_font(self._px(0.07), bold=True)
        font.setStyleHint(font.StyleHint.Monospace)
        p.setFont(font)
        p.drawText(self._timer_rect(), int(Qt.AlignmentFlag.AlignRight
                                           | Qt.AlignmentFlag.AlignVCenter),
                   format_clock(remaining))

    def _paint_board(self, p: QPainter) -> None:
        layout = self.board_layout()
        px = layout.font_px
        body, tag_font = card_font(px), card_font(px * TAG_SCALE)
        if not any(c.cards for c in layout.columns) and not layout.hidden:
            p.setPen(MUTED)
            p.setFont(card_font(self._px(BODY_FLOOR * 1.2)))
            p.drawText(self._board_rect(), int(Qt.AlignmentFlag.AlignCenter),
                       "Contributions will appear here")
        for col in layout.columns:
            if col.column.title:
                p.setPen(HEADER_INK)
                p.setFont(card_font(px, bold=True))
                label, _ = shorten_to_height(QFontMetricsF(p.font()), header_label(col.column),
                                             col.header.width(), Qt.TextFlag.TextWordWrap,
                                             col.header.height() - px * 0.3)
                p.drawText(col.header, int(Qt.TextFlag.TextWordWrap), label)
            for placed in col.cards:
                r = placed.rect
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(CARD)
                p.drawRoundedRect(r, px * 0.25, px * 0.25)
                if placed.card.accent:
                    p.setBrush(QColor(placed.card.accent))
                    p.drawRect(QRectF(r.left(), r.top(), px * STRIPE, r.height()))
                p.setPen(CARD_INK)
                p.setFont(body)
                p.drawText(placed.text_rect(px), int(placed.fit.wrap), placed.text)
                if placed.card.tag:
                    p.setPen(CARD_TAG)
                    p.setFont(tag_font)
                    p.drawText(placed.tag_rect(px), int(Qt.TextFlag.TextWordWrap),
                               placed.card.tag)
            if col.hidden:
                p.setPen(QPen(MUTED))
                p.setFont(card_font(px * 0.8))
                bottom = QRectF(col.area.left(), col.area.bottom() - px * 1.2,
                                col.area.width(), px * 1.2)
                noun = "note" if col.hidden == 1 else "notes"
                p.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft),
                           f"+{col.hidden} earlier {noun}")
