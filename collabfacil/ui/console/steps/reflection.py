"""Reflection on the console: a tab per prompt with a capture box, and the
relationship-commitments form.

Alt+1…9 picks a prompt (and puts the cursor in its box); Enter captures;
Ctrl+1…9 / Ctrl+0 tag the next entry with an organisation / none. In the
commitments form (Alt+C) Enter moves from field to field and adds the
commitment from the last one. Delete removes the selected entry; all undoable.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.steps.reflection import (
    COMMITMENT,
    COMMITMENTS_TITLE,
    ENTRY,
    Commitment,
    ReflectionSettings,
    commitments,
    entries,
)
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import plain_label

UidRole = Qt.ItemDataRole.UserRole
_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")


def iso_date(text: str) -> str:
    """31/03/2026 (UK order) as 2026-03-31; anything else as typed, for the check."""
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text.strip()
    return text.strip()


def _deletable_list(name: str, on_delete: object) -> QListWidget:
    view = QListWidget()
    view.setAccessibleName(name)
    view.setWordWrap(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    delete = QAction("Delete", view)
    delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    delete.triggered.connect(on_delete)  # type: ignore[arg-type]
    view.addAction(delete)
    return view


class PromptTab(QWidget):
    """One prompt: its capture box and its entries."""

    def __init__(self, prompt: str, on_delete: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.capture = CaptureBox(f"{prompt} Type what the room said and press Enter")
        self.entries = _deletable_list(f"Entries under {prompt}", on_delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.capture)
        layout.addWidget(self.entries, 1)


class ReflectionEditor(QWidget):
    """Prompts as tabs on the left; relationship commitments on the right."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.step_id = controller.current_step.id
        self.settings = ReflectionSettings.of(controller.current_step.config)

        self.organisation_box = QComboBox()
        self.organisation_box.setAccessibleName("Organisation for the next entry")
        self.organisation_box.addItem("No organisation", "")
        for org in controller.data.organisations:
            self.organisation_box.addItem(org.name, org.label)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Reflection prompts")
        self.prompt_tabs: list[PromptTab] = []
        for i, prompt in enumerate(self.settings.prompts):
            tab = PromptTab(prompt, self.delete_entries)
            tab.capture.submitted.connect(lambda text, p=prompt: self.add_entry(p, text))
            self.prompt_tabs.append(tab)
            self.tabs.addTab(tab, f"{prompt} (Alt+{i + 1})" if i < 9 else prompt)
        self.tabs.currentChanged.connect(lambda _i: self.focus_capture())
        orgs = QHBoxLayout()
        orgs.addWidget(QLabel("Organisation (Ctrl+0…9):"))
        orgs.addWidget(self.organisation_box, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(orgs)
        left_layout.addWidget(self.tabs, 1)

        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, hint in (
            ("who", "Who", "Optional: a name, if the room is happy to be named"),
            ("with", "With *", "The person or organisation to invest time in"),
            ("by", "By", "A date: YYYY-MM-DD or DD/MM/YYYY"),
            ("text", "What", "e.g. Coffee before the next board"),
        ):
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label.rstrip(" *"))
            edit.returnPressed.connect(lambda k=key: self._on_field_return(k))
            self.fields[key] = edit
            form.addRow(label, edit)
        self.add_button = QPushButton("Add commitment (Enter in the last field)")
        self.add_button.clicked.connect(self.add_commitment)
        self.commitment_list = _deletable_list("Relationship commitments",
                                               self.delete_commitments)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(plain_label(f"{COMMITMENTS_TITLE}: whose well will you "
                                           "dig? (Alt+C)", name="sectionLabel"))
        right_layout.addLayout(form)
        right_layout.addWidget(self.add_button)
        right_layout.addWidget(self.commitment_list, 1)
        right.setVisible(self.settings.commitments)

        self.count_label = plain_label(name="hint")
        self.message = plain_label(name="errorMessage")
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        layout.addWidget(plain_label("Alt+1…9: a prompt · Enter captures · Delete removes "
                                     "the selected entries · Ctrl+Z undoes", name="hint"))

        def shortcut(keys: str, slot: object) -> None:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)  # type: ignore[arg-type]
            self.addAction(action)

        for i in range(min(9, len(self.prompt_tabs))):
            shortcut(f"Alt+{i + 1}", lambda _=False, i=i: self.show_prompt(i))
        for i in range(min(10, self.organisation_box.count())):
            shortcut(f"Ctrl+{i}", lambda _=False, i=i: self.organisation_box.setCurrentIndex(i))
        if self.settings.commitments:
            shortcut("Alt+C", self.fields["who"].setFocus)
            shortcut("Ctrl+Return", self._on_ctrl_return)
        controller.items_changed.connect(self._on_items_changed)
        controller.error_raised.connect(self.message.setText)
        self._refresh()

    # ----------------------------------------------------------- verbs

    def focus_capture(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, PromptTab):
            tab.capture.setFocus()

    def show_prompt(self, index: int) -> None:
        """Alt+n: the n-th prompt, ready to type."""
        self.tabs.setCurrentIndex(index)
        self.focus_capture()

    def add_entry(self, prompt: str, text: str) -> None:
        """Capture what the room said under ``prompt`` (undoable)."""
        data = {"prompt": prompt, "text": text,
                "organisation": self.organisation_box.currentData() or ""}
        if self.controller.add_item(ENTRY, data, label=f"Add to {prompt}") is not None:
            self.message.clear()
            tab = self.prompt_tabs[self.settings.prompts.index(prompt)]
            tab.capture.accept_capture()
            tab.entries.scrollToBottom()

    def add_commitment(self) -> None:
        """Add the commitment in the form (undoable); the form empties for the next one."""
        data = {key: edit.text() for key, edit in self.fields.items()}
        data["by"] = iso_date(data["by"])
        who = data["who"].strip()
        label = f"Commitment{' of ' + who if who else ''}"
        if self.controller.add_item(COMMITMENT, data, label=label) is not None:
            self.message.clear()
            for edit in self.fields.values():
                edit.clear()
            self.fields["who"].setFocus()
            self.commitment_list.scrollToBottom()

    def delete_entries(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, PromptTab):
            self._delete_selected(tab.entries, "Delete entries")

    def delete_commitments(self) -> None:
        self._delete_selected(self.commitment_list, "Delete commitments")

    def _delete_selected(self, view: QListWidget, label: str) -> None:
        uids = {i.data(UidRole) for i in view.selectedItems()}
        doomed = [i for i in self.controller.items() if i.uid in uids]
        if not doomed:
            return
        self.controller.undo_stack.beginMacro(label)
        for item in doomed:
            self.controller.delete_item(item)
        self.controller.undo_stack.endMacro()

    # ----------------------------------------------------------- views

    def _on_field_return(self, key: str) -> None:
        """Enter: on to the next field; in the last one, add the commitment."""
        keys = list(self.fields)
        i = keys.index(key)
        if i < len(keys) - 1:
            self.fields[keys[i + 1]].setFocus()
        else:
            self.add_commitment()

    def _on_ctrl_return(self) -> None:
        if any(edit.hasFocus() for edit in self.fields.values()):
            self.add_commitment()

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.step_id:
            self._refresh()

    def _refresh(self) -> None:
        if self.controller.current_step.id != self.step_id:
            return
        items = self.controller.items()
        found = entries(items)
        for i, tab in enumerate(self.prompt_tabs):
            mine = [e for e in found if e.prompt == tab.prompt]
            tab.entries.clear()
            for e in mine:
                row = QListWidgetItem(e.text + (f"    [{e.organisation}]"
                                                if e.organisation else ""))
                row.setData(UidRole, e.uid)
                tab.entries.addItem(row)
            tab.entries.scrollToBottom()
            label = f"{tab.prompt} ({len(mine)})" if mine else tab.prompt
            self.tabs.setTabText(i, f"{label} · Alt+{i + 1}" if i < 9 else label)
        self.commitment_list.clear()
        promised = commitments(items)
        for c in promised:
            self.commitment_list.addItem(self._commitment_row(c))
        self.commitment_list.scrollToBottom()
        n = len(found)
        self.count_label.setText(
            f"{n} entr{'y' if n == 1 else 'ies'}"
            + (f" · {len(promised)} commitment{'s' if len(promised) != 1 else ''}"
               if self.settings.commitments else ""))

    @staticmethod
    def _commitment_row(c: Commitment) -> QListWidgetItem:
        row = QListWidgetItem(c.headline() + (f": {c.text}" if c.text else ""))
        row.setData(UidRole, c.uid)
        return row


EDITOR = ReflectionEditor
