"""A live, scaled picture of the projector on the console, so the facilitator sees
what the room sees without turning round."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from shiboken6 import isValid

from collabfacil.ui.controller import SessionController


class ProjectorPreview(QWidget):
    """Paints a scaled copy of ``source`` (the projector view), refreshed at most
    a few times a second so capture stays fast on a full board."""

    def __init__(self, controller: SessionController, source: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setAccessibleName("Preview of the projector")
        self.setToolTip("What the room sees now")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._picture = QPixmap()
        self._stopped = False
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(150)
        self._refresh.timeout.connect(self.refresh)
        for signal in (controller.step_changed, controller.phase_changed,
                       controller.contribution_added, controller.contribution_updated,
                       controller.contribution_removed, controller.actions_changed,
                       controller.items_changed, controller.projector_mode_changed,
                       controller.font_scale_changed, controller.timer_ticked):
            signal.connect(self._schedule)
        self._schedule()

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def heightForWidth(self, width: int) -> int:
        return round(width * self._aspect())

    def hasHeightForWidth(self) -> bool:
        return True

    def _aspect(self) -> float:
        w, h = self.source.width(), self.source.height()
        return h / w if w > 0 and h > 0 else 9 / 16

    def _schedule(self, *_: object) -> None:
        if not self._refresh.isActive() and not self._stopped:
            self._refresh.start()

    def stop(self) -> None:
        """No more pictures (the session is closing)."""
        self._refresh.stop()
        self._stopped = True

    def refresh(self) -> None:
        """Take a new picture of the projector now."""
        if self._stopped or not isValid(self.source):
            return
        self._picture = self.source.grab()
        self.setFixedHeight(self.heightForWidth(self.width()))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self.heightForWidth(self.width())
        if height != self.height():
            self.setFixedHeight(height)

    def picture(self) -> QPixmap:
        """The last picture taken (for tests and screenshots)."""
        return self._picture

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.black)
        if not self._picture.isNull():
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawPixmap(self.rect(), self._picture)
