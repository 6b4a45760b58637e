"""The start page: open a recent workshop, try the demo, start from a template,
import a workshop file, or delete a workshop.

It writes through the repository (new, imported and deleted workshops) and asks
the Workbench, by its signals, to open what it made: it never runs a workshop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import CollabFacilError
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import Workshop
from collabfacil.domain.planning import describe_changed
from collabfacil.storage.repository import WorkshopRepository, WorkshopSummary
from collabfacil.ui import dialogs

_ID = Qt.ItemDataRole.UserRole
_COLUMNS = ("Workshop (date · venue)", "Notes", "Actions", "Last changed")


def _plain(text: str = "", *, name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles are user text: never rich text
    label.setWordWrap(wrap)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def _button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter belongs to the lists, never to a stray button
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(lambda: slot())
    return button


class StartPage(QDialog):
    """Recent workshops on the left; ways to start a new one on the right."""

    open_requested = Signal(int)  # open this workshop
    created = Signal(int)  # a new workshop from a template: open it, then its editor
    deleted = Signal(int)  # this workshop is gone (close it if it is open)
    deleted_titled = Signal(int, str)  # the same, with its title (for its backups)

    def __init__(self, repo: WorkshopRepository, library: Callable[[], Library],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self._library = library
        self.open_workshop: int | None = None  # the one on the console now, if any
        self.setWindowTitle("Start — CollabFacil")
        self.setObjectName("startPage")
        # Modal: while it is up, the console's room keys (PageDown, Esc...) wait.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

        self.recent = QTreeWidget()
        self.recent.setObjectName("recentWorkshops")
        self.recent.setAccessibleName("Recent workshops")
        self.recent.setAccessibleDescription("Enter or double-click opens a workshop; "
                                             "Delete deletes it after asking.")
        self.recent.setColumnCount(len(_COLUMNS))
        self.recent.setHeaderLabels(list(_COLUMNS))
        self.recent.setRootIsDecorated(False)
        self.recent.setUniformRowHeights(True)  # every row is two lines: title, then when/where
        self.recent.setWordWrap(False)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.recent.setAlternatingRowColors(True)
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.recent.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.recent.itemActivated.connect(lambda item, _column: self.open_selected())
        self.recent.currentItemChanged.connect(lambda *_: self._update_buttons())
        delete = QAction("Delete workshop", self.recent)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.triggered.connect(self.delete_selected)
        self.recent.addAction(delete)
        self.empty_note = _plain("No workshops yet. Try the demo to see how a workshop "
                                 "runs, or start one of your own from a template.",
                                 name="hint")

        self.open_button = _button("&Open", "Open the selected workshop (Enter)",
                                   self.open_selected)
        self.delete_button = _button("&Delete workshop…",
                                     "Delete the selected workshop and everything "
                                     "captured in it, after asking (Delete)",
                                     self.delete_selected)
        self.demo_button = _button("Try the d&emo workshop",
                                   "A realistic sample workshop, to see how it all works",
                                   self.try_demo)
        self.import_button = _button("&Import a workshop file…",
                                     "A workshop exported from CollabFacil (.json)",
                                     self.import_workshop)
        self.templates = QListWidget()
        self.templates.setObjectName("templates")
        self.templates.setAccessibleName("Templates")
        self.templates.setAccessibleDescription("Enter starts a new workshop from the "
                                                "selected template.")
        self.templates.setWordWrap(True)
        self.templates.setSpacing(2)
        self.templates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.templates.itemActivated.connect(lambda _item: self.start_from_template())
        self.template_button = _button("Start from this &template…",
                                       "A new workshop with the template's agenda; "
                                       "you can change it before the day (Enter)",
                                       self.start_from_template)
        self.message = _plain(name="message")
        self.message.setAccessibleName("Message")
        self.close_button = _button("Close", "Close the start page (Esc)", self.reject)

        self._build_layout()
        self._fill_templates()
        self.refresh()
        self.resize(1100, 660)

    # ---------------------------------------------------------------- build

    def _build_layout(self) -> None:
        title = _plain("CollabFacil", name="pageTitle")
        subtitle = _plain("Plan, run and write up a workshop on working together across "
                          "health and care.", name="hint")
        recent_box = QGroupBox("Recent workshops")
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent, 1)
        recent_layout.addWidget(self.empty_note)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        recent_layout.addLayout(row)

        new_box = QGroupBox("Start something new")
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(self.demo_button)
        new_layout.addWidget(self.import_button)
        templates_label = _plain("From a template", name="sectionLabel")
        templates_label.setBuddy(self.templates)
        new_layout.addWidget(templates_label)
        new_layout.addWidget(self.templates, 1)
        new_layout.addWidget(self.template_button)

        columns = QHBoxLayout()
        columns.addWidget(recent_box, 3)
        columns.addWidget(new_box, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.close_button)
        page = QVBoxLayout(self)
        page.addWidget(title)
        page.addWidget(subtitle)
        page.addLayout(columns, 1)
        page.addLayout(bottom)
        self.setStyleSheet(
            "#pageTitle { font-size: 22px; font-weight: bold; }"
            "#hint { color: #555; }"
            "#sectionLabel { color: #555; font-weight: bold; }"
            "#message { color: #B3261E; font-weight: bold; }"
            "#message[ok=\"true\"] { color: #1B5E20; }"
            "QGroupBox { font-weight: bold; }"
            "QTreeWidget, QListWidget, QPushButton { font-weight: normal; }"
            "QTreeWidget::item, QListWidget::item { padding: 3px 2px; }")

    def _fill_templates(self) -> None:
        self.templates.clear()
        try:
            library = self._library()
        except CollabFacilError as exc:
            self.template_button.setEnabled(False)
            self._say(f"The templates could not be read: {exc}")
            return
        keyed = sorted(library.templates.values(),
                       key=lambda t: (library.template_minutes(t.key), t.title))
        for template in keyed:
            minutes = library.template_minutes(template.key)
            text = f"{template.title} · {minutes} min"
            if template.description:
                text += "\n" + " ".join(template.description.split())
            item = QListWidgetItem(text)
            item.setData(_ID, template.key)
            item.setToolTip(text)
            self.templates.addItem(item)
        if self.templates.count():
            self.templates.setCurrentRow(0)
        self.template_button.setEnabled(bool(self.templates.count()))

    # ---------------------------------------------------------------- state

    def show_for(self, open_workshop: int | None) -> None:
        """Show the page, up to date, knowing which workshop is on the console now."""
        self.open_workshop = open_workshop
        self.message.clear()
        self.refresh(select=open_workshop)
        self.show()
        self.raise_()
        self.activateWindow()

    def refresh(self, *, select: int | None = None) -> None:
        """List the workshops again (most recently changed first)."""
        current = select if select is not None else self.selected_id()
        self.recent.clear()
        for summary in self.repo.list_workshops():
            self.recent.addTopLevelItem(self._row(summary))
        has_any = self.recent.topLevelItemCount() > 0
        self.recent.setVisible(has_any)
        self.empty_note.setVisible(not has_any)
        if has_any:
            self._select(current if current is not None else self.open_workshop)
        self._update_buttons()
        self.close_button.setText("Back to the workshop" if self.open_workshop is not None
                                  else "Quit CollabFacil")
        self.close_button.setAccessibleName(self.close_button.text())

    def _row(self, s: WorkshopSummary) -> QTreeWidgetItem:
        when = f"{s.date:%a} {s.date.day} {s.date:%b %Y}" if s.date else "no date"
        where = " · ".join(part for part in (
            "open now" if s.id == self.open_workshop else "", when, s.venue) if part)
        item = QTreeWidgetItem([f"{s.title}\n{where}", str(s.contributions), str(s.actions),
                                describe_changed(s.updated_at)])
        item.setData(0, _ID, s.id)
        for column in (1, 2):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(0, f"{s.title}\n{where}")
        return item

    def _select(self, workshop_id: int | None) -> None:
        for i in range(self.recent.topLevelItemCount()):
            item = self.recent.topLevelItem(i)
            if item.data(0, _ID) == workshop_id:
                self.recent.setCurrentItem(item)
                return
        self.recent.setCurrentItem(self.recent.topLevelItem(0))

    def selected_id(self) -> int | None:
        """The workshop selected in the list, if any."""
        item = self.recent.currentItem()
        return int(item.data(0, _ID)) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _say(self, text: str, *, ok: bool = False) -> None:
        self.message.setProperty("ok", "true" if ok else "false")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        (self.recent if self.recent.isVisible() else self.demo_button).setFocus()

    # -------------------------------------------------------------- actions

    def open_selected(self) -> int | None:
        """Open the workshop selected in the list."""
        workshop_id = self.selected_id()
        if workshop_id is not None:
            self.open_requested.emit(workshop_id)
        return workshop_id

    def try_demo(self) -> int | None:
        """Make a copy of the demo workshop and open it."""
        from collabfacil.domain.demo import build_demo

        try:
            workshop_id = self.repo.insert_workshop_data(build_demo(self._library()))
        except CollabFacilError as exc:
            self._say(str(exc))
            dialogs.tell(self, "The demo could not be made", str(exc))
            return None
        self.refresh(select=workshop_id)
        self.open_requested.emit(workshop_id)
        return workshop_id

    def start_from_template(self) -> int | None:
        """Ask for a title and date, make the workshop from the template, then edit it."""
        item = self.templates.currentItem()
        if item is None:
            return None
        try:
            library = self._library()
            key = str(item.data(_ID))
            template = library.template(key)
            answer = dialogs.ask_title_and_date(
                self, f"New workshop from “{template.title}”", title=template.title,
                day=None)
            if answer is None:
                return None
            title, day = answer
            workshop_id = self.repo.create_workshop(
                Workshop(title=title, date=day, template_key=key),
                steps=library.agenda_steps(key))
        except CollabFacilError as exc:
            self._say(str(exc))
            dialogs.tell(self, "No workshop was made", str(exc))
            return None
        self.refresh(select=workshop_id)
        self.created.emit(workshop_id)
        return workshop_id

    def import_workshop(self) -> int | None:
        """Choose a workshop file, import it as a new workshop and open it."""
        from collabfacil.storage.exchange import import_file

        path = dialogs.open_file(self, "Import a workshop file",
                                 "CollabFacil workshop (*.json);;All files (*)")
        if path is None:
            return None
        try:
            workshop_id = import_file(Path(path), self.repo)
        except CollabFacilError as exc:
            self._say(f"{Path(path).name} was not imported: {exc}")
            dialogs.tell(self, "The file was not imported", str(exc))
            return None
        self.refresh(select=workshop_id)
        self._say(f"Imported {Path(path).name}.", ok=True)
        self.open_requested.emit(workshop_id)
        return workshop_id

    def delete_selected(self) -> bool:
        """Delete the selected workshop, after a confirmation that names it."""
        workshop_id = self.selected_id()
        if workshop_id is None:
            return False
        summary = next(s for s in self.repo.list_workshops() if s.id == workshop_id)
        when = f" ({summary.date.day} {summary.date:%B %Y})" if summary.date else ""
        captured = (f"its {summary.contributions} notes and {summary.actions} actions"
                    if summary.contributions or summary.actions else "its agenda")
        question = (f"Delete “{summary.title}”{when} with {captured}? "
                    "This cannot be undone.")
        if workshop_id == self.open_workshop:
            question += " It is open now: its windows will close."
        if not dialogs.confirm(self, "Delete workshop", question, action="Delete workshop"):
            return False
        try:
            self.repo.delete_workshop(workshop_id)
        except CollabFacilError as exc:
            self._say(str(exc))
            return False
        if workshop_id == self.open_workshop:
            self.open_workshop = None
        self.refresh()
        self._say(f"Deleted “{summary.title}”.", ok=True)
        self.deleted.emit(workshop_id)
        self.deleted_titled.emit(workshop_id, summary.title)
        return True
