"""ConsoleWindow: the facilitator's window: agenda, current step, capture, timer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.steps import step_type
from collabfacil.ui.console.preview import ProjectorPreview
from collabfacil.ui.console.steps import editor_for
from collabfacil.ui.console.timer_panel import TimerPanel
from collabfacil.ui.controller import SessionController
from collabfacil.ui.data_exports import EXPORTS
from collabfacil.ui.looks import SCRIPT_BACKGROUND, plain_label, set_colours
from collabfacil.ui.projector.theme import THEME_LABELS

if TYPE_CHECKING:  # (imported when first shown, not at start-up)
    from collabfacil.ui.about import AboutDialog
    from collabfacil.ui.console.shortcuts_overlay import ShortcutsOverlay


class ConsoleWindow(QMainWindow):
    """Agenda on the left; the current step's prompt, editor and timer on the right."""

    closed = Signal()  # the facilitator closed the console: the session ends

    def __init__(self, controller: SessionController) -> None:
        super().__init__()
        self.controller = controller
        self.toggle_projector_full_screen: Callable[[], None] = lambda: None
        self.show_projector: Callable[[], None] = lambda: None
        self.choose_projector_screen: Callable[[int], None] = lambda index: None
        self.show_outline: Callable[[], None] = lambda: None
        self.next_in_series: Callable[[], object] = lambda: None
        self.export_pdf: Callable[[], object] = lambda: None
        # File ▸ Export the actions (CSV) / summary (Markdown) / workshop file (JSON)
        self.export_data: Callable[[str], object] = lambda kind: None
        self.show_start_page: Callable[[], object] = lambda: None
        self.edit_workshop: Callable[[], object] = lambda: None
        self.rehearse: Callable[[], object] = lambda: None
        self.restore_backup: Callable[[], object] = lambda: None
        self.about: AboutDialog | None = None
        self.setWindowTitle(f"{controller.data.workshop.title} — CollabFacil")
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setWordWrap(True)
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for i, step in enumerate(controller.steps):
            self.agenda.addItem(f"{i + 1}. {step.title}  ({step.minutes} min)")
        self.agenda.currentRowChanged.connect(self._on_agenda_row_changed)
        self.step_title = plain_label(name="stepTitle")
        self.step_meta = plain_label(name="stepMeta")
        self.prompt = plain_label(name="prompt")
        self.prompt.setAccessibleName("Prompt shown to the room")
        self.script = plain_label(name="script")
        self.script.setAccessibleName("Facilitator's script (not projected)")
        self.private_notes = QPlainTextEdit()
        self.private_notes.setObjectName("privateNotes")
        self.private_notes.setPlaceholderText("Your private notes on this step: kept, "
                                              "never projected or printed")
        self.private_notes.setAccessibleName("Your private notes on this step")
        self.private_notes.setMaximumHeight(56)
        self._notes_saver = QTimer(self)
        self._notes_saver.setSingleShot(True)
        self._notes_saver.setInterval(400)
        self._notes_saver.timeout.connect(self._save_private_notes)
        self.private_notes.textChanged.connect(self._notes_saver.start)
        self._notes_step: int | None = None
        self.timer = TimerPanel(controller)
        self.reveal_button = QPushButton()
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip("Show the room the results hidden until now (Ctrl+R)")
        self.reveal_button.clicked.connect(controller.toggle_reveal)
        self.phases_label = plain_label(name="phases")
        self.phases_label.setAccessibleName("Timed phases of this step")
        self.message = plain_label(name="errorMessage")
        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setToolTip("Previous step (PageUp)")
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("Next step (PageDown)")
        self.position_label = plain_label(wrap=False)
        self.previous_button.clicked.connect(controller.previous_step)
        self.next_button.clicked.connect(controller.next_step)
        self.editor_holder = QVBoxLayout()
        self.editor: QWidget | None = None
        self.shortcuts: ShortcutsOverlay | None = None
        self._build_layout()
        self._build_actions()
        controller.step_changed.connect(self._on_step_changed)
        controller.phase_changed.connect(self._on_phase_changed)
        controller.step_state_changed.connect(self._on_phase_changed)
        controller.error_raised.connect(self.message.setText)
        controller.contribution_added.connect(self._on_saved)
        controller.actions_changed.connect(self._on_saved)
        controller.items_changed.connect(self._on_saved)
        self._on_step_changed(controller.current_index)
        self.resize(1280, 800)

    # ---------------------------------------------------------------- build

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.step_title)
        titles.addWidget(self.step_meta)
        header.addLayout(titles, 1)
        right_of_title = QVBoxLayout()
        right_of_title.addWidget(self.timer)
        right_of_title.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignRight)
        header.addLayout(right_of_title)
        script_frame = QFrame()
        script_frame.setObjectName("scriptFrame")
        set_colours(script_frame, background=SCRIPT_BACKGROUND)
        script_layout = QVBoxLayout(script_frame)
        script_layout.addWidget(plain_label("Your script (not on the projector)",
                                            name="sectionLabel"))
        # a long script scrolls in a few lines, so the capture area keeps its room
        script_scroll = QScrollArea()
        script_scroll.setWidget(self.script)
        script_scroll.setWidgetResizable(True)
        script_scroll.setFrameShape(QFrame.Shape.NoFrame)
        script_scroll.setMaximumHeight(110)
        script_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        script_scroll.setObjectName("scriptScroll")
        self.script_scroll = script_scroll
        script_layout.addWidget(script_scroll)
        script_layout.addWidget(self.private_notes)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.position_label)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addLayout(header)
        column.addWidget(plain_label("Prompt on the projector", name="sectionLabel"))
        column.addWidget(self.prompt)
        column.addWidget(self.phases_label)
        column.addWidget(script_frame)
        column.addLayout(self.editor_holder, 1)
        column.addWidget(self.message)
        column.addLayout(nav)
        splitter = QSplitter()
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.agenda, 1)
        left_column.addWidget(plain_label("The room sees", name="sectionLabel"))
        self.preview_holder = left_column
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 980])
        self.setCentralWidget(splitter)

    def attach_preview(self, source: QWidget) -> None:
        """Show a live, scaled preview of the projector view under the agenda."""
        self.preview = ProjectorPreview(self.controller, source)
        self.preview_holder.addWidget(self.preview)

    def _build_actions(self) -> None:
        c = self.controller
        undo = c.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = c.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"),
                           QKeySequence(QKeySequence.StandardKey.Redo)])
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction("Start page / open another workshop…",
                            QKeySequence("Ctrl+O"), lambda: self.show_start_page())
        file_menu.addAction("Edit workshop and agenda…", QKeySequence("Ctrl+E"),
                            lambda: self.edit_workshop())
        file_menu.addAction("Rehearse this workshop", lambda: self.rehearse())
        file_menu.addSeparator()
        file_menu.addAction("Export the action plan (PDF)…", lambda: self.export_pdf())
        for kind, export in EXPORTS.items():
            file_menu.addAction(export.menu, lambda kind=kind: self.export_data(kind))
        file_menu.addAction("Next workshop in this series…", lambda: self.next_in_series())
        file_menu.addSeparator()
        file_menu.addAction("Restore from a backup…", lambda: self.restore_backup())
        file_menu.addSeparator()
        file_menu.addAction("Close", self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        run_menu = self.menuBar().addMenu("&Run")
        view_menu = self.menuBar().addMenu("&Projector")
        help_menu = self.menuBar().addMenu("&Help")
        app_wide = Qt.ShortcutContext.ApplicationShortcut
        for menu, text, keys, slot in (
            (run_menu, "Next step", ["PgDown", "Ctrl+Right"], c.next_step),
            (run_menu, "Previous step", ["PgUp", "Ctrl+Left"], c.previous_step),
            (run_menu, "+1 minute", ["Ctrl+Up"], c.add_minute),
            (run_menu, "Reveal / hide results", ["Ctrl+R"], c.toggle_reveal),
            (run_menu, "Reset timer", ["Ctrl+Shift+Backspace"], c.reset_timer),
            (view_menu, "Show projector", [], lambda: self.show_projector()),
            (view_menu, "Full screen on / off", ["F5", "Esc"],
             lambda: self.toggle_projector_full_screen()),
            (view_menu, "Larger text", ["Ctrl+=", "Ctrl++"],
             lambda: c.change_font_scale(1.1)),
            (view_menu, "Smaller text", ["Ctrl+-"], lambda: c.change_font_scale(1 / 1.1)),
            (help_menu, "Keyboard shortcuts", ["F1"], self.show_shortcuts),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(app_wide)
            action.triggered.connect(slot)
            menu.addAction(action)
        for action in (undo, redo):
            action.setShortcutContext(app_wide)
        about = help_menu.addAction("About CollabFacil", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        # B, "." and Space are the room's keys (keys.RoomKeys, outside text
        # fields only): listed here as hints, bound there for both windows.
        view_menu.addAction("Text outline of the board", lambda: self.show_outline())
        themes = view_menu.addMenu("Projector theme")
        cycle = QAction("Next theme", self)
        cycle.setShortcut(QKeySequence("Ctrl+T"))
        cycle.setShortcutContext(app_wide)
        cycle.triggered.connect(c.cycle_theme)
        themes.addAction(cycle)
        for name, label in THEME_LABELS.items():
            themes.addAction(label, lambda n=name: c.set_theme(n))
        self.screens_menu = view_menu.addMenu("Projector screen")
        self.screens_menu.aboutToShow.connect(self._fill_screens_menu)
        run_menu.addAction("Start / pause timer\tSpace", c.toggle_timer)
        self.chime_action = run_menu.addAction("Chime at one minute left and at zero")
        self.chime_action.setCheckable(True)
        self.chime_action.setChecked(self.timer.sound)
        self.chime_action.toggled.connect(lambda on: setattr(self.timer, "sound", on))
        view_menu.addAction("Blank / back\tB", c.toggle_blank)
        view_menu.addAction("Freeze / live\tF", c.toggle_freeze)

    # ------------------------------------------------------------- handlers

    def _on_agenda_row_changed(self, row: int) -> None:
        if row >= 0:
            self.controller.go_to_step(row)

    def _on_step_changed(self, index: int) -> None:
        c = self.controller
        step = c.current_step
        self.agenda.blockSignals(True)
        self.agenda.setCurrentRow(index)
        self.agenda.blockSignals(False)
        self.step_title.setText(step.title)
        self.step_meta.setText(f"{step_type(step.type).label} · {step.minutes} minutes"
                               + (f" · exercise {step.exercise_key}"
                                  if step.exercise_key else ""))
        self.prompt.setText(step.prompt or "(no prompt)")
        self.script.setText(step.script or "No script for this step.")
        if self._notes_saver.isActive():
            self._save_private_notes()  # typed on the previous step, not yet saved
        self.private_notes.blockSignals(True)
        self.private_notes.setPlainText(str(step.state.get("private_notes", "")))
        self.private_notes.blockSignals(False)
        self._notes_step = index
        self.position_label.setText(f"Step {index + 1} of {len(c.steps)}")
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(c.steps) - 1)
        self.message.clear()
        self._on_phase_changed()
        if self.editor is not None:
            self.editor_holder.removeWidget(self.editor)
            self.editor.hide()
            self.editor.setParent(None)
            self.editor.deleteLater()
        self.editor = editor_for(c)
        self.editor_holder.addWidget(self.editor)
        focus = getattr(self.editor, "focus_capture", None)
        if focus:
            focus()

    def _fill_screens_menu(self) -> None:
        """List the screens plugged in now; choosing one puts the projector there."""
        self.screens_menu.clear()
        primary = QGuiApplication.primaryScreen()
        for index, screen in enumerate(QGuiApplication.screens()):
            g = screen.geometry()
            label = (f"{index + 1}. {screen.name() or 'Screen'} ({g.width()}×{g.height()})"
                     + (" — this laptop" if screen is primary else ""))
            self.screens_menu.addAction(
                label, lambda i=index: self.choose_projector_screen(i))

    def _save_private_notes(self) -> None:
        """Write the private notes to the step they were typed on."""
        self._notes_saver.stop()
        if self._notes_step is not None:
            self.controller.set_private_notes(self._notes_step,
                                              self.private_notes.toPlainText())

    def _on_phase_changed(self, *_: object) -> None:
        """Show the timed phases (current one in brackets) and the reveal state."""
        c = self.controller
        step = c.current_step
        phases = step.phases
        self.phases_label.setVisible(bool(phases))
        self.phases_label.setText("Phases (PageDown moves on): " + "  →  ".join(
            (f"[{p.title} {p.minutes} min]" if i == c.phase_index else
             f"{p.title} {p.minutes} min") for i, p in enumerate(phases)))
        hides = step_type(step.type).hides_results or bool(step.config.get("silent"))
        self.reveal_button.setVisible(hides)
        self.reveal_button.setChecked(c.revealed)
        self.reveal_button.setText("Hide from the room" if c.revealed
                                   else "Reveal to the room")

    def _on_saved(self, *_: object) -> None:
        self.message.clear()
        self.statusBar().showMessage("Saved", 2000)

    def show_shortcuts(self) -> None:
        """F1: the keyboard shortcuts over the console (F1 again closes them)."""
        if self.shortcuts is None:
            from collabfacil.ui.console.shortcuts_overlay import ShortcutsOverlay

            self.shortcuts = ShortcutsOverlay(self)
        self.shortcuts.toggle()

    def show_about(self) -> AboutDialog:
        """Help ▸ About: the version, the data folder in use, the licence and the credits."""
        if self.about is None:
            from collabfacil.resources import load_default_library
            from collabfacil.ui.about import AboutDialog, database_path_of

            self.about = AboutDialog(database_path_of(self.controller.repo.db.conn),
                                     library=load_default_library, parent=self)
        self.about.show()
        self.about.raise_()
        return self.about

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to save: every change is already in the database.
        event.accept()
        self.closed.emit()
