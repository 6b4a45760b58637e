"""The keyboard contract of DESIGN.md, in one table the help overlay also reads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import QWidget

# (keys, what they do) - shown by F1, bound by the console window.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Enter (in the capture box)", "capture what was typed"),
    ("PageDown / Ctrl+Right", "next step (or next timed phase)"),
    ("PageUp / Ctrl+Left", "previous step (or previous timed phase)"),
    ("B or .", "blank the projector / back"),
    ("F (outside a text field)", "freeze the projector while you tidy up / live again"),
    ("F5 / Esc", "projector full-screen on / off"),
    ("Space (outside a text field)", "start / pause the timer"),
    ("Ctrl+Up / Ctrl+Shift+Backspace", "one more minute / reset the timer"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("Ctrl+= / Ctrl+-", "projector font larger / smaller"),
    ("Ctrl+R", "reveal hidden results to the room / hide them"),
    ("Ctrl+T", "projector theme: dark, light, high contrast"),
    ("Alt+1 … Alt+9", "choose the section for the next note"),
    ("Ctrl+1 … Ctrl+9 / Ctrl+0", "choose the organisation for the next note / none"),
    ("F2 / Delete (in the notes)", "edit / delete the selected note"),
    ("Ctrl+O / Ctrl+E", "start page (open another workshop) / edit workshop and agenda"),
    ("F1", "this list of shortcuts"),
)


class RoomKeys(QObject):
    """B, '.', F and Space for the room, wherever the focus is in our windows.

    Shortcuts, application-wide so the console and the projector both take them,
    and on only while one of ``windows`` has the focus (elsewhere, e.g. on the
    start page, B is a letter again). Inside a text field they stay ordinary
    typing: Qt offers a key to the focused widget first (ShortcutOverride) and a
    text field keeps the keys that type text. Item views do not, so B or Space
    never becomes a type-ahead search or a selection there.

    (Not an application-wide event filter, as before: that ran Python for every
    event of every widget, and made PySide6 build a Python class, with all its
    enums, for each kind of widget and event it was shown: some 30 ms before the
    first paint.)
    """

    def __init__(self, windows: Callable[[], list[QWidget]], *, blank: Callable[[], None],
                 toggle_timer: Callable[[], None], freeze: Callable[[], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._windows = windows
        self.actions: list[QAction] = []
        for keys, slot in ((("B", "."), blank), (("Space",), toggle_timer), (("F",), freeze)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(slot)
            parent.addAction(action)
            self.actions.append(action)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._follow_focus)

    def stop(self) -> None:
        """The session is closing: the keys do nothing more."""
        if not self.actions:
            return
        for action in self.actions:
            action.setEnabled(False)
        self.actions = []
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self._follow_focus)

    def _follow_focus(self, window: QWindow | None) -> None:
        ours = window is None or any(w.windowHandle() is window for w in self._windows())
        for action in self.actions:
            action.setEnabled(ours)
