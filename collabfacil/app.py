"""The composition root: open the database, build the controller and both windows."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from collabfacil import __version__
from collabfacil.domain.errors import CollabFacilError
from collabfacil.domain.series import next_in_series
from collabfacil.paths import APPLICATION, ORGANISATION
from collabfacil.resources import load_default_library, resource_path
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.console.window import ConsoleWindow
from collabfacil.ui.controller import SessionController
from collabfacil.ui.keys import RoomKeyFilter
from collabfacil.ui.outline_window import OutlineWindow
from collabfacil.ui.preferences import Preferences
from collabfacil.ui.projector.window import ProjectorWindow


class Session:
    """The open workshop: its controller and its two windows, wired together."""

    def __init__(self, repo: WorkshopRepository, workshop_id: int, *,
                 screen: int | None = None, preferences: Preferences | None = None) -> None:
        self.preferences = preferences or Preferences()  # memory only unless given
        self.controller = SessionController(repo, workshop_id)
        self.controller.font_scale = self.preferences.font_scale
        self.controller.font_scale_changed.connect(self._on_font_scale_changed)
        self.console = ConsoleWindow(self.controller)
        self.console.chime_action.setChecked(self.preferences.chime)
        self.console.chime_action.toggled.connect(
            lambda on: setattr(self.preferences, "chime", on))
        self.projector = ProjectorWindow(self.controller, requested_screen=screen,
                                         preferences=self.preferences)
        self.console.choose_projector_screen = self.projector.move_to_screen
        self.outline: OutlineWindow | None = None
        self.console.show_outline = self._show_outline
        self.console.attach_preview(self.projector.view)
        self.room_keys = RoomKeyFilter(lambda: [self.console, self.projector],
                                       blank=self.controller.toggle_blank,
                                       toggle_timer=self.controller.toggle_timer,
                                       freeze=self.controller.toggle_freeze)
        self.console.toggle_projector_full_screen = self.projector.toggle_full_screen
        self.console.show_projector = self._show_projector
        self.console.closed.connect(self.projector.close_for_good)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.installEventFilter(self.room_keys)
            # A projector unplugged or plugged in mid-workshop: place the window again.
            app.screenAdded.connect(self._on_screens_changed)
            app.screenRemoved.connect(self._on_screens_changed)

    def show(self) -> None:
        self.console.show()
        self.projector.place()
        self.console.raise_()
        self.console.activateWindow()

    def close(self) -> None:
        self.console.preview.stop()
        self.controller.stop()
        if self.outline is not None:
            self.outline.close()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self.room_keys)
        self.projector.close_for_good()
        self.console.close()

    def _show_outline(self) -> None:
        if self.outline is None:
            self.outline = OutlineWindow(self.controller, self.projector.view)
        self.outline.show()
        self.outline.raise_()

    def _on_font_scale_changed(self, scale: float) -> None:
        self.preferences.font_scale = scale

    def _show_projector(self) -> None:
        self.projector.place()

    def _on_screens_changed(self, *_: object) -> None:
        QTimer.singleShot(0, self.projector.place)


class Workbench:
    """The running app: the database, the preferences and the open workshop.

    Opening another workshop (the next in a series, one from the start page)
    closes the current session's windows and opens the new one's.
    """

    def __init__(self, repo: WorkshopRepository, preferences: Preferences, *,
                 screen: int | None = None) -> None:
        self.repo = repo
        self.preferences = preferences
        self.screen = screen
        self.session: Session | None = None

    def open(self, workshop_id: int) -> Session:
        """Show ``workshop_id`` on the console and the projector, and remember it."""
        new = Session(self.repo, workshop_id, screen=self.screen,
                      preferences=self.preferences)
        if self.session is not None:
            self.session.close()
        self.session = new
        new.console.next_in_series = self.next_in_series
        new.console.export_pdf = self.export_pdf
        self.preferences.last_workshop = workshop_id
        new.show()
        return new

    def next_in_series(self) -> int | None:
        """Create the follow-up of the open workshop and open it."""
        assert self.session is not None
        data = self.repo.load(self.session.controller.workshop_id)
        answer = dialogs.ask_title_and_date(self.session.console, "Next workshop in this series",
                                            title=f"{data.workshop.title} (follow-up)",
                                            day=None)
        if answer is None:
            return None
        title, day = answer
        try:
            new_id = self.repo.insert_workshop_data(next_in_series(data, title=title, day=day))
        except CollabFacilError as exc:
            dialogs.tell(self.session.console, "No follow-up workshop made", str(exc))
            return None
        self.open(new_id)
        return new_id

    def export_pdf(self) -> Path | None:
        """Ask where, then write the open workshop's action plan as a PDF."""
        assert self.session is not None
        from collabfacil.export.pdf import write_pdf

        data = self.repo.load(self.session.controller.workshop_id)
        suggested = Path.home() / f"{safe_file_name(data.workshop.title)} - action plan.pdf"
        path = dialogs.save_file(self.session.console, "Export the action plan", suggested,
                                 "PDF (*.pdf)")
        if path is None:
            return None
        try:
            write_pdf(data, path)
        except CollabFacilError as exc:
            dialogs.tell(self.session.console, "The action plan was not written", str(exc))
            return None
        self.session.console.statusBar().showMessage(f"Action plan written to {path}", 8000)
        return path

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


def safe_file_name(title: str) -> str:
    """A workshop title made safe as a file name on every system."""
    cleaned = "".join("-" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in title)
    return cleaned.strip(" .")[:80] or "workshop"


def choose_workshop(repo: WorkshopRepository, requested: int | None,
                    remembered: int | None = None) -> int:
    """The workshop to open: the one asked for, else the one open last time, else the
    most recently changed, else (a fresh database) the built-in demo."""
    if requested is not None:
        repo.workshop(requested)  # a clear NotFoundError if there is no such workshop
        return requested
    recent = repo.list_workshops()
    if remembered is not None and any(w.id == remembered for w in recent):
        return remembered
    if recent:
        return recent[0].id
    from collabfacil.domain.demo import build_demo

    return repo.insert_workshop_data(build_demo(load_default_library()))


def run_app(*, db_path: Path, workshop_id: int | None, screen: int | None,
            exit_after_startup: bool) -> int:
    """Start the app on ``db_path``; returns the process exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "collabfacil.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    preferences = Preferences(QSettings())
    try:
        db = open_database(db_path)
        repo = WorkshopRepository(db)
        bench = Workbench(repo, preferences, screen=screen)
        bench.open(choose_workshop(repo, workshop_id, preferences.last_workshop))
    except CollabFacilError as exc:
        if not exit_after_startup:
            QMessageBox.critical(None, "CollabFacil cannot start", str(exc))
        raise
    if exit_after_startup:
        # exit(), not quit(): quit() asks windows to close and the projector
        # (which hides rather than closes, so it cannot be lost) would refuse.
        app.processEvents()
        QTimer.singleShot(0, lambda: app.exit(0))
    status = app.exec()
    bench.close()
    db.close()
    return int(status)
