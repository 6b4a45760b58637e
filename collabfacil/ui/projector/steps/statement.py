"""Statement on the projector: the current draft large, its version, the consent
counts as labelled bars, and a clear marker once it is agreed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from collabfacil.domain.frozen import frozen
from collabfacil.domain.steps.statement import (
    HANDS,
    Consent,
    StatementSettings,
    list_lines,
    read_state,
)
from collabfacil.ui.projector.layout import card_font, shorten_to_height, text_height
from collabfacil.ui.projector.scene import MessageScene, Scene
from collabfacil.ui.projector.theme import BACKGROUND, GRID, HEADER_INK, INK, MUTED

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

EMPTY = "The draft will appear here once the facilitator saves it."
AGREED_COLOUR = QColor("#009E73")  # Okabe–Ito green; always with the word "Agreed"
BAR_COLOURS = {"agree": QColor("#009E73"), "live_with": QColor("#56B4E9"),
               "object": QColor("#E69F00")}
TEXT_SCALE = 1.4  # a statement may be set larger than card text: it is the one thing shown


def agreed_ink() -> QColor:
    """Green text that reads on the current theme's background (at least 4.5:1)."""
    return QColor("#00704F") if BACKGROUND.lightness() > 128 else QColor("#3DD6A3")


@frozen
class Shown:
    """What the room sees of the statement."""

    header: str
    text: str
    agreed: bool
    consent: Consent | None


def shown(controller: SessionController) -> Shown | None:
    """The latest version for the room, or None before any is saved."""
    settings = StatementSettings.of(controller.current_step.config)
    state = read_state(controller.items())
    version = state.shown
    if version is None:
        return None
    agreed = state.agreed_uid == version.uid
    where = f"{settings.title}, version {version.number}"
    if agreed:
        header = f"✓ Agreed · {where}"
    else:
        header = f"Draft · {where}"
        if state.agreed is not None:
            header += f" (version {state.agreed.number} was agreed)"
    if settings.is_list:
        text = "\n".join(f"{i}. {line}" for i, line in
                         enumerate(list_lines(version.text), start=1))
    else:
        text = version.text
    consent = state.consents.get(version.uid)
    return Shown(header, text, agreed, consent if consent and consent.total else None)


def _wrap(metrics: QFontMetricsF, text: str, width: float) -> Qt.TextFlag:
    longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0.0)
    return Qt.TextFlag.TextWrapAnywhere if longest > width else Qt.TextFlag.TextWordWrap


class StatementScene:
    """Header line, the text as large as fits (never below the floor), consent bars."""

    def __init__(self, what: Shown) -> None:
        self.what = what
        self._header = QRectF()
        self._header_text = what.header
        self._header_px = 20.0
        self._frame = QRectF()
        self._text_rect = QRectF()
        self._text = what.text
        self._px = 20.0
        self._wrap = Qt.TextFlag.TextWordWrap
        self._bars: list[tuple[QRectF, QRectF, str, float, QColor]] = []
        self._bar_px = 20.0
        self._outcome = ""
        self._outcome_rect = QRectF()

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._header_px = max(min_px, max_px * 0.75)
        hm = QFontMetricsF(card_font(self._header_px, bold=True))
        self._header_text = hm.elidedText(self.what.header, Qt.TextElideMode.ElideRight,
                                          area.width())
        self._header = QRectF(area.left(), area.top(), area.width(), hm.lineSpacing() * 1.2)
        bottom = area.bottom()
        self._bars = []
        if self.what.consent is not None:
            self._bar_px = min_px
            row = self._bar_px * 1.5
            block = row * len(HANDS) + self._bar_px * 0.6
            top = bottom - block
            self._layout_bars(QRectF(area.left(), top, area.width(), block),
                              self.what.consent, row)
            bottom = top - min_px * 0.6
        frame = QRectF(area.left(), self._header.bottom() + min_px * 0.4, area.width(),
                       max(0.0, bottom - self._header.bottom() - min_px * 0.4))
        self._frame = frame
        pad = min_px * 0.8
        rect = frame.adjusted(pad, pad * 0.6, -pad, -pad * 0.6)
        self._text_rect = rect
        px = max_px * TEXT_SCALE
        while True:
            metrics = QFontMetricsF(card_font(px))
            wrap = _wrap(metrics, self.what.text, rect.width())
            if text_height(metrics, self.what.text, rect.width(), wrap) <= rect.height() \
                    or px <= min_px:
                break
            px = max(min_px, px * 0.93)
        self._px, self._wrap = px, wrap
        self._text, used = shorten_to_height(metrics, self.what.text, rect.width(), wrap,
                                             rect.height())
        # the frame of an agreed text hugs the text rather than filling the screen
        self._frame = QRectF(frame.left(), frame.top(), frame.width(),
                             min(frame.height(), used + pad * 1.2))

    def _layout_bars(self, block: QRectF, consent: Consent, row: float) -> None:
        metrics = QFontMetricsF(card_font(self._bar_px, bold=True))
        labels = [(key, f"{label} {getattr(consent, key)}") for key, label in HANDS]
        label_w = max(metrics.horizontalAdvance(t) for _, t in labels) + self._bar_px
        self._outcome = consent.outcome()
        outcome_w = metrics.horizontalAdvance(self._outcome) + self._bar_px
        bar_w = max(self._bar_px, block.width() - label_w - outcome_w)
        most = max(1, max(getattr(consent, k) for k, _ in HANDS))
        for i, (key, text) in enumerate(labels):
            y = block.top() + i * row
            label_rect = QRectF(block.left(), y, label_w, row)
            bar_rect = QRectF(block.left() + label_w, y + row * 0.18, bar_w, row * 0.64)
            self._bars.append((label_rect, bar_rect, text, getattr(consent, key) / most,
                               BAR_COLOURS[key]))
        self._outcome_rect = QRectF(block.right() - outcome_w + self._bar_px, block.top(),
                                    outcome_w - self._bar_px, row * len(HANDS))

    def visible_texts(self) -> list[str]:
        texts = [self._header_text, self._text]
        texts += [text for _, _, text, _, _ in self._bars]
        if self._bars:
            texts.append(self._outcome)
        return texts

    def paint(self, p: QPainter) -> None:
        p.setFont(card_font(self._header_px, bold=True))
        p.setPen(agreed_ink() if self.what.agreed else HEADER_INK)
        p.drawText(self._header, int(Qt.AlignmentFlag.AlignLeft
                                     | Qt.AlignmentFlag.AlignVCenter), self._header_text)
        if self.what.agreed:  # a green frame round the agreed wording
            p.setPen(QPen(AGREED_COLOUR, max(3.0, self._px * 0.15)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(self._frame, self._px * 0.3, self._px * 0.3)
        p.setPen(INK)
        p.setFont(card_font(self._px))
        p.drawText(self._text_rect, int(self._wrap), self._text)
        bold = card_font(self._bar_px, bold=True)
        for label_rect, bar_rect, text, share, colour in self._bars:
            p.setPen(INK)
            p.setFont(bold)
            p.drawText(label_rect, int(Qt.AlignmentFlag.AlignLeft
                                       | Qt.AlignmentFlag.AlignVCenter), text)
            p.setPen(QPen(GRID, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(bar_rect)
            if share > 0:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawRect(QRectF(bar_rect.left(), bar_rect.top(),
                                  max(2.0, bar_rect.width() * share), bar_rect.height()))
        if self._bars:
            p.setPen(MUTED)
            p.setFont(QFont(bold))
            p.drawText(self._outcome_rect, int(Qt.AlignmentFlag.AlignRight
                                               | Qt.AlignmentFlag.AlignVCenter),
                       self._outcome)


def scene(controller: SessionController) -> Scene:
    """The projector body for a statement."""
    what = shown(controller)
    if what is None:
        return MessageScene(EMPTY)
    return StatementScene(what)
