"""Round on the projector: "Now: <name>" large with their countdown, who is next,
and (unless the round is private) the entries so far as cards.

The live part of a round (skips, a speaker picked out of turn, the per-person
clock) is not stored; it lives here, one :class:`RoundRun` per controller and
step, so the console changes it and the projector reads it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication

from collabfacil.domain.frozen import frozen
from collabfacil.domain.steps.round import (
    RoundQueue,
    RoundRun,
    RoundSettings,
    added_names,
    default_order,
    entry_text,
    queue_names,
    turns,
)
from collabfacil.ui.projector.layout import (
    OKABE_ITO,
    Card,
    Column,
    card_font,
    shorten_to_height,
    text_height,
)
from collabfacil.ui.projector.scene import CardScene, MessageScene
from collabfacil.ui.projector.theme import HEADER_INK, INK, LAST_MINUTE, MUTED, OVERTIME

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

PRIVATE_MESSAGE = "A private round: what is said stays in the room."
EMPTY_MESSAGE = "What each person says will appear here."
COMPLETE = "Everyone has had a turn"
LAST_SECONDS = 15  # the speaker's clock changes colour for the last seconds

_RUNS: WeakKeyDictionary[SessionController, dict[int, RoundRun]] = WeakKeyDictionary()


# ------------------------------------------------------------- live state


@frozen
class RoundState:
    """Everything both views need about the current round, read at one moment."""

    settings: RoundSettings
    queue: RoundQueue
    run: RoundRun
    now: float

    @property
    def speaker(self) -> str | None:
        return self.queue.current()

    def clock_text(self) -> str:
        return self.run.clock_text(self.now)

    def over_time(self) -> bool:
        return self.run.remaining(self.now) < 0

    def nearly_done(self) -> bool:
        """The last few seconds of a running turn."""
        return self.run.running and 0 <= self.run.remaining(self.now) <= LAST_SECONDS


def _run(controller: SessionController, settings: RoundSettings) -> RoundRun:
    step_id = controller.current_step.id or 0
    runs = _RUNS.setdefault(controller, {})
    if step_id not in runs:
        runs[step_id] = RoundRun.new(settings.seconds_each)
    elif runs[step_id].seconds_each != settings.seconds_each:  # the agenda was edited
        runs[step_id] = replace(runs[step_id], seconds_each=settings.seconds_each)
    return runs[step_id]


def set_run(controller: SessionController, run: RoundRun) -> None:
    """Store the live state of the current step's round."""
    _RUNS.setdefault(controller, {})[controller.current_step.id or 0] = run


def round_state(controller: SessionController) -> RoundState:
    """The current round as it stands now; the clock follows a change of speaker."""
    settings = RoundSettings.of(controller.current_step)
    items = controller.items()
    names = queue_names(default_order(settings, controller.data), added_names(items))
    run = _run(controller, settings)
    queue = run.queue(names, turns(items), placeholder=settings.placeholder)
    now = controller.clock()
    followed = run.follow(queue.current(), now)
    if followed is not run:
        set_run(controller, followed)
    return RoundState(settings, queue, followed, now)


def refresh(controller: SessionController) -> None:
    """Repaint the projector (and the console's preview of it) after a change that
    is not stored and so sends no signal: a skip, a speaker picked, the clock."""
    from collabfacil.ui.console.preview import ProjectorPreview
    from collabfacil.ui.projector.view import ProjectorView

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    views = [w for w in app.allWidgets()
             if isinstance(w, ProjectorView) and w.controller is controller]
    for view in views:
        view.update()
    for widget in app.allWidgets():
        if isinstance(widget, ProjectorPreview) and widget.source in views:
            widget.refresh()


# ------------------------------------------------------------------- cards


def accents(controller: SessionController) -> dict[str, str]:
    """A colour per name: the speaker's organisation's, as on the brainstorm cards."""
    data = controller.data
    by_org = {o.id: OKABE_ITO[i % len(OKABE_ITO)] for i, o in enumerate(data.organisations)}
    out = {o.label.casefold(): by_org[o.id] for o in data.organisations}
    for p in data.participants:
        if p.organisation_id in by_org:
            out.setdefault(p.name.casefold(), by_org[p.organisation_id])
    return out


def entry_cards(controller: SessionController, settings: RoundSettings) -> list[Card]:
    """The entries so far (passes left out), oldest first."""
    colours = accents(controller)
    return [Card(entry_text(t.text, t.parts, settings.columns), t.who,
                 colours.get(t.who.casefold(), ""))
            for t in turns(controller.items()) if not t.passed]


# ------------------------------------------------------------------- scene


def _fit_px(text: str, width: float, start: float, floor: float, *, bold: bool) -> float:
    """The largest size from ``start`` down to ``floor`` at which ``text`` is one line."""
    px = start
    while px > floor and QFontMetricsF(card_font(px, bold=bold)).horizontalAdvance(
            text) > width:
        px *= 0.92
    return max(px, floor)


def _speaker_line(text: str, width: float, height: float, start: float,
                  floor: float) -> tuple[QFont, str, int]:
    """"Now: name" as large as it reads: one line, shrinking a little; a long name
    on two lines rather than tiny; cut with "…" only if even that cannot fit."""
    one_line = _fit_px(text, width, start, start * 0.75, bold=True)
    font = card_font(one_line, bold=True)
    metrics = QFontMetricsF(font)
    left_v = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if metrics.horizontalAdvance(text) <= width:
        return font, text, left_v
    px = min(start * 0.75, height / 2.5)
    wrap = int(Qt.TextFlag.TextWordWrap) | left_v
    while True:
        font = card_font(max(px, floor), bold=True)
        metrics = QFontMetricsF(font)
        if text_height(metrics, text, width) <= height or px <= floor:
            break
        px *= 0.92
    shown, _ = shorten_to_height(metrics, text, width, Qt.TextFlag.TextWordWrap, height)
    return font, shown, wrap


class RoundScene:
    """The speaker band at the top; the entries (or a message) below it."""

    def __init__(self, controller: SessionController) -> None:
        self.controller = controller
        self.settings = RoundSettings.of(controller.current_step)
        if self.settings.private:
            self.body: CardScene | MessageScene = MessageScene(PRIVATE_MESSAGE)
        else:
            self.body = CardScene([Column("", tuple(entry_cards(controller, self.settings)))],
                                  empty=EMPTY_MESSAGE)
        self._band = QRectF()
        self._min_px = 20.0
        self._now_px = 40.0

    @property
    def board(self):  # type: ignore[no-untyped-def]  # the entries' card layout
        return self.body.board if isinstance(self.body, CardScene) else None

    # the texts of the band, read live (skips and the clock change without a store)
    def _band_texts(self) -> tuple[str, str, str, QColor]:
        state = round_state(self.controller)
        speaker = state.speaker
        if speaker is None:
            return COMPLETE, "", "", INK
        nxt = state.queue.upcoming(2)
        after = ""
        if nxt:
            after = f"Next: {nxt[0]}" + (f" · then {nxt[1]}" if len(nxt) > 1 else "")
        colour = OVERTIME if state.over_time() else (LAST_MINUTE if state.nearly_done()
                                                     else INK)
        return f"Now: {speaker}", state.clock_text(), after, colour

    def layout(self, area: QRectF, *, min_px: float, max_px: float) -> None:
        self._min_px = min_px
        self._now_px = max(min_px * 1.6, min(max_px * 1.5, area.height() * 0.11))
        next_px = max(min_px, self._now_px * 0.55)
        band_h = self._now_px * 1.3 + next_px * 1.45
        self._band = QRectF(area.left(), area.top(), area.width(), band_h)
        gap = min_px * 0.8
        rest = QRectF(area.left(), area.top() + band_h + gap, area.width(),
                      max(0.0, area.height() - band_h - gap))
        self.body.layout(rest, min_px=min_px, max_px=max_px)

    def _band_lines(self) -> list[tuple[QRectF, QFont, QColor, str, int]]:
        """What the band draws: (rect, font, colour, text as shown, alignment)."""
        now, clock, after, clock_colour = self._band_texts()
        band = self._band
        now_h = self._now_px * 1.3
        left_v = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lines = []
        clock_w = 0.0
        if clock:
            font = card_font(self._now_px, bold=True)
            font.setStyleHint(font.StyleHint.Monospace)
            clock_w = QFontMetricsF(font).horizontalAdvance("+00:00")
            lines.append((QRectF(band.right() - clock_w, band.top(), clock_w, now_h), font,
                          clock_colour, clock,
                          int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)))
        width = max(10.0, band.width() - clock_w - self._min_px)
        font, shown, flags = _speaker_line(now, width, now_h, self._now_px, self._min_px)
        lines.insert(0, (QRectF(band.left(), band.top(), width, now_h), font, HEADER_INK,
                         shown, flags))
        if after:
            next_px = max(self._min_px, self._now_px * 0.55)
            font = card_font(_fit_px(after, band.width(), next_px, self._min_px, bold=False))
            shown = QFontMetricsF(font).elidedText(after, Qt.TextElideMode.ElideRight,
                                                   band.width())
            lines.append((QRectF(band.left(), band.top() + now_h, band.width(),
                                 band.height() - now_h), font, MUTED, shown, left_v))
        return lines

    def visible_texts(self) -> list[str]:
        return [line[3] for line in self._band_lines()] + self.body.visible_texts()

    def paint(self, p: QPainter) -> None:
        for rect, font, colour, text, flags in self._band_lines():
            p.setFont(font)
            p.setPen(colour)
            p.drawText(rect, flags, text)
        self.body.paint(p)


def scene(controller: SessionController) -> RoundScene:
    """The projector body for a round."""
    return RoundScene(controller)
