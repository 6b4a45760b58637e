"""ProjectorWindow: the room's window, full-screen on the projector when there is one."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QGuiApplication, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from collabfacil.ui.controller import SessionController
from collabfacil.ui.preferences import Preferences
from collabfacil.ui.projector.view import ProjectorView
from collabfacil.ui.screens import ScreenInfo, choose_projector_screen


def screen_infos() -> list[ScreenInfo]:
    """The screens Qt knows, as plain tuples."""
    primary = QGuiApplication.primaryScreen()
    return [
        ScreenInfo(s.name(), s.geometry().x(), s.geometry().y(), s.geometry().width(),
                   s.geometry().height(), s is primary)
        for s in QGuiApplication.screens()
    ]


class ProjectorWindow(QWidget):
    """A window holding the ProjectorView; never edits anything itself.

    Keys pressed while it has the focus act as on the console: the shortcuts are
    application-wide, B, '.', F and Space included (``keys.RoomKeys``).
    """

    def __init__(self, controller: SessionController, *, requested_screen: int | None = None,
                 preferences: Preferences | None = None) -> None:
        super().__init__()
        self.controller = controller
        self.requested_screen = requested_screen
        self.preferences = preferences or Preferences()
        self.setWindowTitle(f"{controller.data.workshop.title} — projector")
        self.setAccessibleName("Projector window")
        self.view = ProjectorView(controller, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1024, 576)
        self._closing = False

    def place(self) -> QScreen | None:
        """Full-screen on the chosen screen, or a normal window with only one screen.

        Called at start and again whenever a screen is plugged in or unplugged, so
        the projector follows the hardware and never ends up on a missing screen.
        """
        index = choose_projector_screen(screen_infos(), self.requested_screen,
                                        self.preferences.projector_screen)
        if index is None:
            was_full_screen = self.isFullScreen()
            self.showNormal()
            primary = QGuiApplication.primaryScreen()
            if was_full_screen and primary is not None:
                # the projector went away: a window on the laptop, not covering it all
                self.setScreen(primary)
                area = primary.availableGeometry()
                self.setGeometry(area.x() + area.width() // 4, area.y() + area.height() // 4,
                                 area.width() // 2, area.height() // 2)
            return None
        screen = QGuiApplication.screens()[index]
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return screen

    def move_to_screen(self, index: int) -> None:
        """The facilitator chose a screen: full-screen there, and remember it."""
        infos = screen_infos()
        if not 0 <= index < len(infos):
            return
        self.requested_screen = None
        self.preferences.projector_screen = infos[index]
        screen = QGuiApplication.screens()[index]
        self.showNormal()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def toggle_full_screen(self) -> None:
        """F5 / Esc: full-screen on or off, on the screen the window is on."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the room's window by accident must not lose it: hide instead;
        # the console's "Show projector" brings it back.
        if self._closing:
            event.accept()
            return
        event.ignore()
        self.hide()

    def close_for_good(self) -> None:
        self._closing = True
        self.close()

