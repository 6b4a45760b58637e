"""The composition root: open the database, build the controller and both windows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from collabfacil import __version__
from collabfacil.domain.errors import CollabFacilError
from collabfacil.paths import APPLICATION, ORGANISATION
from collabfacil.resources import load_library_tolerantly, load_shipped_library, resource_path
from collabfacil.startup import resume_collection
from collabfacil.storage.backups import (
    backups_holding,
    check_backup,
    check_room_to_restore,
    make_backup,
    newest_good_backup,
    purge_workshop_from_backups,
    restore,
    restore_hint,
)
from collabfacil.storage.db import open_database
from collabfacil.storage.errors import (
    DatabaseTooNewError,
    DiskFullError,
    ReadOnlyLocationError,
    StorageError,
)
from collabfacil.storage.lock import DatabaseLock
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.console.window import ConsoleWindow
from collabfacil.ui.controller import SessionController
from collabfacil.ui.keys import RoomKeys
from collabfacil.ui.preferences import Preferences
from collabfacil.ui.projector.window import ProjectorWindow

# What only a menu or a dialog needs (the start page, the editor, the outline,
# the backups list, a rehearsal) is imported when first used, not at start-up:
# the app shows its windows sooner (see README, "Speed and memory").
if TYPE_CHECKING:
    from collabfacil.domain.exercises import Library
    from collabfacil.storage.database import Database
    from collabfacil.ui.backups_dialog import BackupsDialog
    from collabfacil.ui.outline_window import OutlineWindow
    from collabfacil.ui.start_page import StartPage
    from collabfacil.ui.workshop_editor import WorkshopEditor


class Session:
    """The open workshop: its controller and its two windows, wired together."""

    def __init__(self, repo: WorkshopRepository, workshop_id: int, *,
                 screen: int | None = None, preferences: Preferences | None = None) -> None:
        self.preferences = preferences or Preferences()  # memory only unless given
        self.controller = SessionController(repo, workshop_id)
        self.controller.font_scale = self.preferences.font_scale
        self.controller.font_scale_changed.connect(self._on_font_scale_changed)
        self.controller.set_theme(self.preferences.theme)
        self.controller.projector_mode_changed.connect(self._on_projector_mode_changed)
        self.console = ConsoleWindow(self.controller)
        # Not saved (the disk full...): a dialog the first time, the status bar every
        # time; a save that works again ends the trouble.
        self._storage_trouble = False
        self.controller.storage_failed.connect(self._on_storage_failed)
        for saved in (self.controller.contribution_added, self.controller.actions_changed,
                      self.controller.items_changed):
            saved.connect(self._on_saved)
        self.console.chime_action.setChecked(self.preferences.chime)
        self.console.chime_action.toggled.connect(
            lambda on: setattr(self.preferences, "chime", on))
        self.projector = ProjectorWindow(self.controller, requested_screen=screen,
                                         preferences=self.preferences)
        self.console.choose_projector_screen = self.projector.move_to_screen
        self.outline: OutlineWindow | None = None
        self.console.show_outline = self._show_outline
        self.console.attach_preview(self.projector.view)
        self.room_keys = RoomKeys(lambda: [self.console, self.projector],
                                  blank=self.controller.toggle_blank,
                                  toggle_timer=self.controller.toggle_timer,
                                  freeze=self.controller.toggle_freeze, parent=self.console)
        self.console.toggle_projector_full_screen = self.projector.toggle_full_screen
        self.console.show_projector = self._show_projector
        self.console.closed.connect(self.projector.close_for_good)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
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
        self.room_keys.stop()
        self.controller.stop()
        if self.outline is not None:
            self.outline.close()
        self.projector.close_for_good()
        self.console.close()

    def _show_outline(self) -> None:
        if self.outline is None:
            from collabfacil.ui.outline_window import OutlineWindow

            self.outline = OutlineWindow(self.controller, self.projector.view)
        self.outline.show()
        self.outline.raise_()

    def _on_projector_mode_changed(self) -> None:
        self.preferences.theme = self.controller.theme

    def _on_storage_failed(self, message: str) -> None:
        self.console.statusBar().showMessage(f"Not saved: {message}")
        if self._storage_trouble:
            return  # told once already: a dialog on every keystroke would stop the room
        self._storage_trouble = True
        dialogs.tell(self.console, "Not saved",
                     f"{message}\n\nNothing typed is lost: what was not saved stays "
                     "where you typed it, so press Enter again once there is room. The "
                     "workshop goes on, and everything shown as captured is saved.")

    def _on_saved(self, *_: object) -> None:
        self._storage_trouble = False

    def _on_font_scale_changed(self, scale: float) -> None:
        self.preferences.font_scale = scale

    def _show_projector(self) -> None:
        self.projector.place()

    def _on_screens_changed(self, *_: object) -> None:
        QTimer.singleShot(0, self.projector.place)


BACKUP_INTERVAL_MS = 5 * 60 * 1000


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
        self.start_page: StartPage | None = None
        self.editor: WorkshopEditor | None = None
        self.rehearsal: Session | None = None  # the session on a throwaway copy, if any
        self._rehearsed = 0  # the real workshop a rehearsal returns to
        self._library: Library | None = None
        self.db_path: Path | None = None  # set by start_backups (run_app only)
        self.backup_timer: QTimer | None = None
        self.last_backup: Path | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.lock: DatabaseLock | None = None  # held by run_app: one writer per database
        self._closed = False  # closed: what after_start has left is not done

    # ------------------------------------------------------------ backups

    def start_backups(self, db_path: Path, *, interval_ms: int = BACKUP_INTERVAL_MS) -> None:
        """Back up ``db_path`` now, whenever a workshop is opened, and every 5 minutes."""
        self.db_path = db_path
        self.backup_timer = QTimer()
        self.backup_timer.setInterval(interval_ms)
        self.backup_timer.timeout.connect(self.backup_now)
        self.backup_timer.start()

    def stop_backups(self) -> None:
        if self.backup_timer is not None:
            self.backup_timer.stop()

    def backup_now(self) -> Path | None:
        """One backup; a failure is told on the console's status bar, never raised."""
        if self.db_path is None:
            return None
        try:
            self.last_backup = make_backup(self.repo.db, self.db_path)
        except CollabFacilError as exc:
            if self.session is not None:
                self.session.console.statusBar().showMessage(
                    f"Backup failed (the workshop goes on): {exc}", 15000)
            return None
        return self.last_backup

    def show_backups(self) -> BackupsDialog | None:
        """File ▸ Restore from a backup…: the list of backups, each restorable."""
        if self._refuse_in_rehearsal():
            return None
        parent = self.session.console if self.session else None
        if self.db_path is None:
            dialogs.tell(parent, "No backups", "This database is not backed up "
                                               "(it is not a file).")
            return None
        if self.backups_dialog is None:
            from collabfacil.ui.backups_dialog import BackupsDialog

            self.backups_dialog = BackupsDialog(self.db_path, parent)
            self.backups_dialog.restore_requested.connect(self.restore_backup)
        else:
            self.backups_dialog.refresh()
        self.backups_dialog.show()
        self.backups_dialog.raise_()
        return self.backups_dialog

    def restore_backup(self, backup: Path) -> bool:
        """Put ``backup`` back after confirmation, then reopen the same workshop.

        The open session is closed and the database closed first; the current file
        is kept aside. If the workshop that was open is not in the backup, the most
        recent one is opened, with the start page over it.
        """
        parent = self.backups_dialog or (self.session.console if self.session else None)
        if self.db_path is None:
            return False
        try:
            check_backup(backup)
            check_room_to_restore(backup, self.db_path)  # before anything is closed
        except CollabFacilError as exc:
            dialogs.tell(parent, "This backup cannot be restored", str(exc))
            return False
        if not dialogs.confirm(
                parent, "Restore from a backup",
                f"Put back all workshops as they were at this backup ({backup.name})? "
                "Anything captured since then will not be in the restored file; the "
                "current file is kept aside, not deleted.", action="Restore"):
            return False
        was_open = self.session.controller.workshop_id if self.session else None
        self._close_windows_on_database()
        self.repo.db.close()
        problem = None
        try:
            aside = restore(backup, self.db_path)
        except CollabFacilError as exc:
            aside, problem = None, str(exc)
        try:
            self.repo = WorkshopRepository(open_database(self.db_path))
        except CollabFacilError as exc:  # e.g. the disk filled up meanwhile: stop cleanly
            dialogs.error(None, "CollabFacil cannot go on",
                          f"{problem + ' ' if problem else ''}{exc}")
            QApplication.exit(1)
            return False
        if problem is not None:
            dialogs.tell(None, "The backup was not restored", problem)
        self.on_database_reopened()
        return self._reopen_after_restore(was_open, aside, restored=problem is None)

    def on_database_reopened(self) -> None:
        """Hook for the lock holder (run_app) when the repository is replaced."""

    def _close_windows_on_database(self) -> None:
        """Close everything that holds the repository: session, start page, editor."""
        self._switch_to(None)
        if self.backups_dialog is not None:
            self.backups_dialog.close()
            self.backups_dialog.deleteLater()
            self.backups_dialog = None
        if self.start_page is not None:
            self.start_page.hide()
            self.start_page.deleteLater()
            self.start_page = None
        if self.editor is not None:
            self.editor.close()
            self.editor = None

    def _reopen_after_restore(self, was_open: int | None, aside: Path | None, *,
                              restored: bool) -> bool:
        workshops = self.repo.list_workshops()
        if was_open is not None and any(w.id == was_open for w in workshops):
            session = self.open(was_open)
        elif workshops:
            session = self.open(workshops[0].id)
            self.show_start_page()
        else:
            self.show_start_page()
            return restored
        if restored:
            kept = f"; the previous file was kept as {aside}" if aside else ""
            session.console.statusBar().showMessage(f"Backup restored{kept}.", 15000)
        return restored

    @property
    def library(self) -> Library:
        """The exercises and templates, read on first use. A broken file of the
        facilitator's own leaves them out (the built-in library still works) and
        says so once, in a message naming the file and field."""
        if self._library is None:
            self._library, problem = load_library_tolerantly()
            if problem:
                parent = self.session.console if self.session else None
                dialogs.tell(parent, "Your exercise files", problem)
        return self._library

    def open(self, workshop_id: int, *, backup: bool = True) -> Session:
        """Show ``workshop_id`` on the console and the projector, and remember it;
        back the database up then, unless ``backup`` is False (at start-up, where
        ``after_start`` does it once the windows are up)."""
        new = Session(self.repo, workshop_id, screen=self.screen,
                      preferences=self.preferences)
        self._switch_to(new)
        new.console.next_in_series = self.next_in_series
        new.console.export_pdf = self.export_pdf
        new.console.export_data = self.export_data
        new.console.show_start_page = self.show_start_page
        new.console.edit_workshop = self.edit_workshop
        new.console.rehearse = self.rehearse
        new.console.restore_backup = self.show_backups
        self.preferences.last_workshop = workshop_id
        if self.lock is not None:
            self.lock.update(new.controller.data.workshop.title)
        new.show()
        if backup:
            self.backup_now()
        return new

    def after_start(self, then: Callable[[], object] | None = None) -> None:
        """What waits until the facilitator sees both windows at start-up: the first
        backup of the session, then sqlite-utils (for the first capture), then the
        garbage collection paused while starting (startup.py), then ``then``. One
        per event, so that a key pressed meanwhile waits for one of them at most;
        each runs even if the one before failed; none after the app has closed."""
        pending: list[Callable[[], object]] = [
            self.backup_now, self.repo.db.warm_up, lambda: resume_collection(collect=True)]
        if then is not None:
            pending.append(then)

        def next_job() -> None:
            if self._closed:
                return
            job = pending.pop(0)
            try:
                job()
            finally:
                if pending:
                    QTimer.singleShot(0, next_job)

        next_job()

    def _switch_to(self, new: Session | None) -> None:
        old, self.session = self.session, new
        if old is not None:
            old.close()  # after the switch: a rehearsal's console closing must not reopen
            if old is self.rehearsal:
                self.rehearsal = None  # its in-memory database goes with the session

    # ------------------------------------------------- prepare (start page, editor)

    def show_start_page(self) -> StartPage | None:
        """The start page: recent workshops, the demo, templates, import, delete."""
        if self._refuse_in_rehearsal():
            return None
        if self.start_page is None:
            from collabfacil.ui.start_page import StartPage

            page = StartPage(self.repo, lambda: self.library)
            page.open_requested.connect(self._open_from_start_page)
            page.created.connect(self._created_on_start_page)
            page.deleted.connect(self._deleted_on_start_page)
            page.deleted_titled.connect(self.offer_to_purge_backups)
            page.rejected.connect(self._start_page_closed)
            self.start_page = page
        self.start_page.show_for(self.session.controller.workshop_id
                                 if self.session else None)
        return self.start_page

    def _open_from_start_page(self, workshop_id: int) -> None:
        if self.session is None or self.session.controller.workshop_id != workshop_id:
            self.open(workshop_id)  # (the one already open just stays, timer and all)
        if self.start_page is not None:
            self.start_page.accept()

    def _created_on_start_page(self, workshop_id: int) -> None:
        self._open_from_start_page(workshop_id)
        self.edit_workshop()

    def _deleted_on_start_page(self, workshop_id: int) -> None:
        if self.session is not None and self.session.controller.workshop_id == workshop_id:
            self._switch_to(None)  # the start page stays up: open or make another

    def offer_to_purge_backups(self, workshop_id: int, title: str) -> int:
        """After a workshop is deleted: offer to remove it from the backups too."""
        if self.db_path is None:
            return 0
        holding = backups_holding(self.db_path, workshop_id, title)
        if not holding:
            return 0
        parent = self.start_page
        count = len(holding)
        if not dialogs.confirm(
                parent, "Delete it from the backups too?",
                f"\u201c{title}\u201d is still in {count} automatic backup"
                f"{'s' if count != 1 else ''}. Remove it from them too? The other "
                "workshops in those backups are kept. If you keep them, it stays in "
                "the backups until they are replaced (the newest 20 are kept).",
                action="Delete from backups"):
            return 0
        try:
            purged = purge_workshop_from_backups(self.db_path, workshop_id, title)
        except CollabFacilError as exc:
            dialogs.tell(parent, "The backups were not all cleared", str(exc))
            return 0
        return purged

    def _start_page_closed(self) -> None:
        if self.session is None:  # nothing open behind it: closing it ends the app
            QApplication.quit()

    def edit_workshop(self) -> WorkshopEditor | None:
        """The workshop editor for the open workshop; Save reopens it with the new agenda."""
        if self._refuse_in_rehearsal() or self.session is None:
            return None
        try:
            library: Library | None = self.library
        except CollabFacilError as exc:
            library = None
            self.session.console.statusBar().showMessage(
                f"The exercise library could not be read: {exc}", 10000)
        workshop_id = self.session.controller.workshop_id
        from collabfacil.ui.workshop_editor import WorkshopEditor

        self.editor = WorkshopEditor(self.repo, library, workshop_id)
        self.editor.saved.connect(self.open)
        self.editor.show()
        return self.editor

    # ------------------------------------------------------------ rehearsal

    def rehearse(self) -> Session | None:
        """Run a copy of the open workshop on an in-memory database: nothing is saved.

        Closing the rehearsal's console (or its End rehearsal button) returns to
        the real workshop.
        """
        if self._refuse_in_rehearsal() or self.session is None:
            return None
        real_id = self.session.controller.workshop_id
        from collabfacil.ui.rehearsal import copy_for_rehearsal, mark_as_rehearsal

        try:
            session = Session(*copy_for_rehearsal(self.repo, real_id), screen=self.screen,
                              preferences=self.preferences)
        except CollabFacilError as exc:
            dialogs.tell(self.session.console, "The rehearsal could not start", str(exc))
            return None
        self._switch_to(session)
        self.rehearsal, self._rehearsed = session, real_id
        title = session.controller.data.workshop.title
        mark_as_rehearsal(session.console, title, session.console.close)
        for name in ("next_in_series", "export_pdf", "show_start_page", "edit_workshop",
                     "rehearse", "restore_backup"):
            setattr(session.console, name, self._refuse_in_rehearsal)
        session.console.export_data = lambda kind: self._refuse_in_rehearsal()
        session.console.closed.connect(self._rehearsal_closed)
        session.show()
        return session

    def end_rehearsal(self) -> Session | None:
        """Back to the real workshop (as closing the rehearsal's console does)."""
        if self.rehearsal is None:
            return None
        return self.open(self._rehearsed)

    def _rehearsal_closed(self) -> None:
        if self.rehearsal is not None and self.session is self.rehearsal:
            self.open(self._rehearsed)  # closed by the facilitator, not by a switch

    def _refuse_in_rehearsal(self) -> bool:
        if self.rehearsal is None or self.session is not self.rehearsal:
            return False
        dialogs.tell(self.rehearsal.console, "This is a rehearsal",
                     "End the rehearsal first (the button on the red banner, or close "
                     "this window): nothing done in a rehearsal is kept.")
        return True

    def next_in_series(self) -> int | None:
        """Create the follow-up of the open workshop and open it."""
        assert self.session is not None
        from collabfacil.domain.series import next_in_series

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
        """Choose the sections, paper and names, see the first pages, then write the
        open workshop's action plan as a PDF where the facilitator says."""
        assert self.session is not None
        from collabfacil.ui import export_dialog

        data = self.repo.load(self.session.controller.workshop_id)
        suggested = Path.home() / f"{safe_file_name(data.workshop.title)} - action plan.pdf"
        dialog = export_dialog.ExportDialog(data, library=self.library,
                                            preferences=self.preferences, suggested=suggested,
                                            parent=self.session.console)
        path = export_dialog.run_modal(dialog)
        dialog.deleteLater()
        if path is not None:
            self.session.console.statusBar().showMessage(f"Action plan written to {path}", 8000)
        return path

    def export_data(self, kind: str) -> Path | None:
        """Ask where, then write the open workshop's actions (CSV), summary (Markdown)
        or workshop file (JSON): ``kind`` is a key of ``data_exports.EXPORTS``."""
        assert self.session is not None
        from collabfacil.ui import data_exports

        data = self.repo.load(self.session.controller.workshop_id)
        path = data_exports.export_data(self.session.console, data, kind, folder=Path.home(),
                                        safe_name=safe_file_name(data.workshop.title))
        if path is not None:
            what = data_exports.EXPORTS[kind].what
            self.session.console.statusBar().showMessage(f"{what} written to {path}", 8000)
        return path

    def close(self) -> None:
        self._closed = True
        self.stop_backups()
        if self.start_page is not None:
            self.start_page.hide()
        self._switch_to(None)


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

    return repo.insert_workshop_data(build_demo(load_shipped_library()))


def _open_or_offer_backup(db_path: Path, *, ask: bool) -> Database:
    """Open the database; if it is damaged and a good backup exists, offer to put the
    backup back (the damaged file is kept aside), or say how to, then stop. A full
    disk or a read-only folder is only told: a backup would not help."""
    try:
        return open_database(db_path)
    except (DatabaseTooNewError, DiskFullError, ReadOnlyLocationError):
        raise
    except StorageError as exc:
        backup = newest_good_backup(db_path)
        if backup is None:
            raise
        question = (f"{exc}\n\nA backup from {backup.when:%d %B %Y at %H:%M} can be put "
                    "back. The damaged file is kept aside, not deleted.")
        if ask and dialogs.confirm(None, "Restore the last backup?", question,
                                   action="Restore the backup"):
            restore(backup.path, db_path)
            return open_database(db_path)
        raise StorageError(str(exc) + restore_hint(db_path)) from None


def cannot_start(message: str) -> None:
    """Tell the facilitator, in a dialog, why the app cannot start (the caller then
    exits with status 1 and the same message on stderr)."""
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # alive while it shows
    dialogs.error(None, "CollabFacil cannot start", message)


def _say_now(line: str) -> None:
    """A line on standard output, now (a windowed app may have none)."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except OSError:  # e.g. the pipe closed: the line was only for whoever read it
        pass


def run_app(*, db_path: Path, workshop_id: int | None, screen: int | None,
            exit_after_startup: bool) -> int:
    """Start the app on ``db_path``; returns the process exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    # the .desktop entry's id: lets Wayland docks match the window to its menu entry
    app.setDesktopFileName("uk.org.collabfacil.CollabFacil")
    icon = resource_path("icons", "collabfacil.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    preferences = Preferences(QSettings())
    lock = DatabaseLock(db_path)
    try:
        lock.acquire()  # a second app on this database is refused, before any write
        db = _open_or_offer_backup(db_path, ask=not exit_after_startup)
        repo = WorkshopRepository(db)
        bench = Workbench(repo, preferences, screen=screen)
        bench.lock = lock
        bench.start_backups(db_path)
        first_run = workshop_id is None and not repo.list_workshops()
        bench.open(choose_workshop(repo, workshop_id, preferences.last_workshop),
                   backup=False)
        if first_run and not exit_after_startup:
            bench.show_start_page()  # over the demo: what to do first
    except CollabFacilError as exc:
        lock.release()
        if not exit_after_startup:
            cannot_start(str(exc))
        raise
    app.processEvents()  # both windows painted: the app has started
    if exit_after_startup:
        session = bench.session
        title = session.controller.data.workshop.title if session else ""
        # the moments the benchmark times to (its stdout is a pipe: flushed now)
        _say_now(f"Started: \u201c{title}\u201d open, console and projector shown.")

        def ready() -> None:
            _say_now("Ready: backed up, ready to save.")
            # exit(), not quit(): quit() asks windows to close and the projector
            # (which hides rather than closes, so it cannot be lost) would refuse.
            app.exit(0)

        QTimer.singleShot(0, lambda: bench.after_start(then=ready))
    else:
        QTimer.singleShot(0, bench.after_start)
    status = app.exec()
    bench.close()
    bench.repo.db.close()
    lock.release()
    return int(status)
