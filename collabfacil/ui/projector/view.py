"""ProjectorView: what the room sees, painted large: title, prompt, timer and the step.

Everything is drawn with QPainter as plain text. Sizes are fractions of the
widget's height, so the same view reads from the back of a hall at 1920×1080
and on a 1024×768 projector; body text never goes below 2.5% of the height
(times the facilitator's font scale). The body belongs to the current step
type's Scene (``ui/projector/steps``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from collabfacil.domain.timer import format_clock
from collabfacil.ui.controller import SessionController
from collabfacil.ui.projector.layout import card_font, shorten_to_height
from collabfacil.ui.projector.scene import PaintUnit, Scene
from collabfacil.ui.projector.steps import scene_for
from collabfacil.ui.projector.theme import (
    BACKGROUND,
    BODY_FLOOR,
    BODY_MAX,
    HEADER_INK,
    INK,
    LAST_MINUTE,
    MUTED,
    OVERTIME,
    current_theme,
)


class ProjectorView(QWidget):
    """A read-only view of the controller's current step, for the room."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName("Projector view")
        # every paint covers every pixel (background, black, or the kept picture):
        # the window behind need not be painted first
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._scene: Scene | None = None
        self._scene_key: tuple[object, ...] | None = None
        self._timer_text = ""
        self._frozen: tuple[QPixmap, list[str]] | None = None
        # the last picture of a scene with units, what it shows, and the timer in it
        self._frame: QPixmap | None = None
        self._frame_key: tuple[object, ...] = ()
        self._frame_scene: Scene | None = None
        self._frame_units: list[PaintUnit] = []
        self._frame_timer: tuple[str, int] = ("", 0)
        for signal in (controller.step_changed, controller.phase_changed,
                       controller.contribution_added, controller.contribution_updated,
                       controller.contribution_removed, controller.actions_changed,
                       controller.items_changed, controller.projector_mode_changed,
                       controller.font_scale_changed):
            signal.connect(self._on_content_changed)
        controller.timer_ticked.connect(self._on_timer_ticked)
        controller.timer_signalled.connect(self._on_timer_signalled)
        self._time_up_until = 0.0  # monotonic clock: show the time-up frame until then

    # ------------------------------------------------------------ queries

    def scene(self) -> Scene:
        """The current step's body as laid out now (what the room can read)."""
        key = (self.width(), self.height(), self.controller.font_scale)
        if self._scene is None or self._scene_key != key:
            self._scene = scene_for(self.controller)
            self._scene.layout(self._body_rect(), min_px=self._px(BODY_FLOOR),
                               max_px=self._px(BODY_MAX))
            self._scene_key = key
        return self._scene

    def board_layout(self):  # type: ignore[no-untyped-def]  # tests of card steps
        """The card layout of a card scene (brainstorm, actions)."""
        return self.scene().board  # type: ignore[attr-defined]

    def visible_texts(self) -> list[str]:
        """Every piece of text on the projector now: title, phase, prompt, timer, body."""
        if self.controller.blanked:
            return []
        if self._frozen is not None:
            return list(self._frozen[1])
        return self._live_texts()

    def forget_picture(self) -> None:
        """Paint everything again on the next paint, as after a resize (for tests)."""
        self._frame = None

    # ------------------------------------------------------------ handlers

    def _on_content_changed(self, *_: object) -> None:
        if self.controller.frozen and self._frozen is None:
            # take the picture before anything changes underneath it
            self._frozen = (self.grab(), self._live_texts())
        elif not self.controller.frozen:
            self._frozen = None
        self._scene = None
        self.update()

    def _on_timer_signalled(self, moment: str) -> None:
        if moment == "time_up":
            self._time_up_until = self.controller.clock() + 4.0
            self.update()

    def _live_texts(self) -> list[str]:
        texts = [self.controller.current_step.title, self._phase_label(), self._prompt()[0],
                 self._timer_text or self._clock_text()]
        return [t for t in texts if t] + self.scene().visible_texts()

    def _on_timer_ticked(self) -> None:
        if self._frozen is not None:
            return
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

    def _phase_label(self) -> str:
        phases = self.controller.current_step.phases
        if not phases:
            return ""
        i = self.controller.phase_index
        return f"{phases[i].title} · part {i + 1} of {len(phases)}"

    def _phase_rect(self) -> QRectF:
        m = self._margin()
        top = self._title_rect().bottom()
        height = self._px(0.036) * 1.3 if self._phase_label() else 0.0
        return QRectF(m, top, self.width() - 2 * m, height)

    def _prompt(self) -> tuple[str, QRectF]:
        """The prompt as shown (at most three lines, ending in … if longer) and its place.

        During a timed sub-phase the phase's own prompt, when it has one, replaces
        the step's.
        """
        m = self._margin()
        top = self._phase_rect().bottom() + m * 0.2
        prompt = self._prompt_text()
        if not prompt:
            return "", QRectF(m, top, self.width() - 2 * m, 0)
        metrics = QFontMetricsF(card_font(self._px(0.032)))
        shown, height = shorten_to_height(metrics, prompt, self.width() - 2 * m,
                                          Qt.TextFlag.TextWordWrap,
                                          metrics.lineSpacing() * 3.2)
        return shown, QRectF(m, top, self.width() - 2 * m, height)

    def _prompt_text(self) -> str:
        """The prompt in full: the phase's own during a timed sub-phase that has one."""
        step = self.controller.current_step
        phases = step.phases
        if phases and phases[self.controller.phase_index].prompt:
            return phases[self.controller.phase_index].prompt
        return step.prompt

    def _body_rect(self) -> QRectF:
        m = self._margin()
        top = self._prompt()[1].bottom() + m * 0.7
        return QRectF(m, top, self.width() - 2 * m, self.height() - top - m)

    def _clock_text(self) -> str:
        return format_clock(self.controller.remaining_seconds())

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        if self.controller.blanked:
            p.fillRect(self.rect(), Qt.GlobalColor.black)
            return
        if self._frozen is not None:
            p.drawPixmap(self.rect(), self._frozen[0])
            return
        scene = self.scene()
        if not hasattr(scene, "units") or self.width() <= 0 or self.height() <= 0:
            self._frame = None  # painted whole, straight onto the widget
            self._paint(p, scene)
            return
        self._update_frame(scene)
        assert self._frame is not None
        p.drawPixmap(0, 0, self._frame)

    def _update_frame(self, scene: Scene) -> None:
        """Bring the kept picture up to date, painting only what changed in it.

        The whole picture is painted again when the size, theme, title, phase or
        prompt changed; otherwise only where the scene's units differ from the
        ones last painted (a new card, the column it shifts), and the timer when
        it shows another time.
        """
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, current_theme(), self.controller.font_scale,
               self.controller.current_step.title, self._phase_label(), self._prompt_text(),
               self.controller.clock() < self._time_up_until)
        units = scene.units()  # type: ignore[attr-defined]
        if self._frame is None or self._frame_key != key:
            self._frame = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
            self._frame.setDevicePixelRatio(dpr)
            dirty = QRegion(self.rect())
        elif self._frame_scene is scene:
            dirty = QRegion()
        else:
            dirty = changed_region(self._frame_units, units)
        timer = self._timer_look()
        if timer != self._frame_timer:
            dirty += self._timer_rect().toAlignedRect().adjusted(-2, -2, 2, 2)
        if not dirty.isEmpty():
            p = QPainter(self._frame)
            p.setClipRegion(dirty)
            self._paint(p, scene)
            p.end()
        self._frame_key, self._frame_scene, self._frame_units = key, scene, units
        self._frame_timer = timer

    def _paint(self, p: QPainter, scene: Scene) -> None:
        """The whole view: background, title, timer, phase, prompt and the scene.

        With a clip set on ``p`` (a change painted into the kept picture), the
        title, phase and prompt are left out where the clip does not reach them.
        """
        clip = p.clipRegion() if p.hasClipping() else None

        def reaches(rect: QRectF) -> bool:
            return clip is None or clip.intersects(_spread(rect))

        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # setBrush + drawRect, not fillRect: PySide6 resolves fillRect's overloads by
        # making the QGradient class (with ~180 gradient presets): ~3 ms at start-up
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BACKGROUND)
        p.drawRect(self.rect())
        p.restore()
        step = self.controller.current_step
        if reaches(self._title_rect()):
            p.setPen(INK)
            p.setFont(card_font(self._px(0.06), bold=True))
            title = QFontMetricsF(p.font()).elidedText(
                step.title, Qt.TextElideMode.ElideRight, self._title_rect().width())
            p.drawText(self._title_rect(), int(Qt.AlignmentFlag.AlignLeft
                                               | Qt.AlignmentFlag.AlignVCenter), title)
        self._paint_timer(p)
        if self._phase_label() and reaches(self._phase_rect()):
            p.setPen(HEADER_INK)
            p.setFont(card_font(self._px(0.036), bold=True))
            p.drawText(self._phase_rect(), int(Qt.AlignmentFlag.AlignLeft
                                               | Qt.AlignmentFlag.AlignVCenter),
                       self._phase_label())
        prompt, prompt_rect = self._prompt()
        if prompt and reaches(prompt_rect):
            p.setPen(MUTED)
            p.setFont(card_font(self._px(0.032)))
            p.drawText(prompt_rect, int(Qt.TextFlag.TextWordWrap), prompt)
        scene.paint(p)

    def _timer_look(self) -> tuple[str, int]:
        """The timer as painted now: its text and colour."""
        remaining = self.controller.remaining_seconds()
        return format_clock(remaining), self._timer_colour(remaining).rgba()

    def _timer_colour(self, remaining: float) -> QColor:
        return OVERTIME if remaining < 0 else LAST_MINUTE if remaining <= 60 else INK

    def _paint_timer(self, p: QPainter) -> None:
        remaining = self.controller.remaining_seconds()
        p.setPen(self._timer_colour(remaining))
        if self.controller.clock() < self._time_up_until:  # a frame the room notices
            p.save()
            p.setPen(QPen(OVERTIME, self._margin() * 0.25))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.rect().adjusted(4, 4, -4, -4))
            p.restore()
        font = card_font(self._px(0.07), bold=True)
        font.setStyleHint(font.StyleHint.Monospace)
        p.setFont(font)
        p.drawText(self._timer_rect(), int(Qt.AlignmentFlag.AlignRight
                                           | Qt.AlignmentFlag.AlignVCenter),
                   format_clock(remaining))


def _spread(rect: QRectF) -> QRect:
    """The pixels a line of text in ``rect`` can touch: its box, and a margin for
    glyphs reaching past it (a title's overhang, an accent above a capital)."""
    margin = 4 + rect.height() * 0.5
    return rect.adjusted(-margin, -margin, margin, margin).toAlignedRect()


def changed_region(before: list[PaintUnit], after: list[PaintUnit]) -> QRegion:
    """Where two lists of units paint differently: the bounds of every unit in one
    and not the other (a card that moved counts at both places)."""
    old = {u.key for u in before}
    new = {u.key for u in after}
    region = QRegion()
    for unit in before:
        if unit.key not in new:
            region += unit.bounds.toAlignedRect()
    for unit in after:
        if unit.key not in old:
            region += unit.bounds.toAlignedRect()
    return region
