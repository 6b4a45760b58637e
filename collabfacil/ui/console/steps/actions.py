"""Actions on the console: a keyboard-first form and the table of agreed actions."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.model import Action
from collabfacil.domain.steps.actions import drafts_for, smart_checklist
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.models import ActionRole

_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")


def normalise_date(text: str) -> str:
    """Accept 31/03/2026 (UK order) as well as 2026-03-31; leave anything else as typed."""
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    return text.strip()


class ActionsEditor(QWidget):
    """Add an action from the keyboard (Enter in any field); edit or delete from the table."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._editing: Action | None = None
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label, hint in (
            ("text", "Action *", "What will be done"),
            ("owner", "Owner *", "A named person"),
            ("due", "Due *", "YYYY-MM-DD or DD/MM/YYYY"),
            ("first_step", "First step *", "The very next thing, this week"),
            ("measure", "Measure", "How we will know it worked"),
            ("theme", "Theme", "e.g. Information sharing"),
            ("review_date", "Review date", "YYYY-MM-DD"),
        ):
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label.rstrip(" *"))
            edit.returnPressed.connect(self.submit)
            self.fields[name] = edit
            form.addRow(label, edit)
        self.organisation_box = QComboBox()
        self.organisation_box.setAccessibleName("Organisation")
        self.organisation_box.addItem("No organisation", None)
        for org in controller.data.organisations:
            self.organisation_box.addItem(org.name, org.id)
        form.insertRow(2, "Organisation", self.organisation_box)
        self.small_test = QCheckBox("This is a small test (PDSA)")
        form.addRow("", self.small_test)
        self.submit_button = QPushButton("Add action")
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton("Cancel edit")
        self.cancel_button.clicked.connect(self.clear_form)
        self.cancel_button.hide()
        self.message = QLabel()
        give_look(self.message, "errorMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.table = QTableView()
        self.table.setAccessibleName("Actions agreed")
        self.table.setModel(controller.actions)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        delete = QAction("Delete action", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)
        self.smart = QLabel()
        self.smart.setObjectName("smartChecklist")
        self.smart.setTextFormat(Qt.TextFormat.PlainText)
        self.smart.setAccessibleName("SMART checklist for the action being drafted")
        self.smart.setWordWrap(True)
        self.drafts = QListWidget()
        self.drafts.setAccessibleName("Draft actions carried in from earlier steps")
        self.drafts.setWordWrap(True)
        self.drafts.itemActivated.connect(self._on_draft_activated)
        side = QVBoxLayout()
        side.addWidget(QLabel("SMART check"))
        side.addWidget(self.smart)
        self.drafts_label = QLabel("Drafts from earlier steps (Enter or double-click to use)")
        side.addWidget(self.drafts_label)
        side.addWidget(self.drafts, 1)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Double-click an action to change it · Delete removes it"))
        controller.error_raised.connect(self._on_error_raised)
        controller.actions_changed.connect(self._load_drafts)
        for name in ("text", "owner", "due", "measure"):
            self.fields[name].textChanged.connect(self._update_smart)
        self._update_smart()
        self._load_drafts()

    def focus_capture(self) -> None:
        self.fields["text"].setFocus()

    def values(self) -> dict[str, object]:
        """The form as keyword arguments for the controller."""
        v: dict[str, object] = {k: e.text() for k, e in self.fields.items()}
        v["due"] = normalise_date(str(v["due"])) or None
        v["review_date"] = normalise_date(str(v["review_date"])) or None
        v["organisation_id"] = self.organisation_box.currentData()
        v["small_test"] = self.small_test.isChecked()
        return v

    def submit(self) -> None:
        """Add the action in the form (or save the one being edited)."""
        self.message.clear()
        if self._editing is None:
            done = self.controller.add_action(**self.values()) is not None  # type: ignore[arg-type]
        else:
            done = self.controller.update_action(self._editing, **self.values()) is not None
        if done:
            self.clear_form()

    def clear_form(self) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.small_test.setChecked(False)
        self.organisation_box.setCurrentIndex(0)
        self._editing = None
        self.submit_button.setText("Add action")
        self.cancel_button.hide()
        self.fields["text"].setFocus()

    def load(self, action: Action) -> None:
        """Put an action in the form to change it."""
        self._editing = action
        for name, edit in self.fields.items():
            value = getattr(action, name)
            edit.setText(value.isoformat() if isinstance(value, date) else (value or ""))
        self.small_test.setChecked(action.small_test)
        self.organisation_box.setCurrentIndex(
            max(0, self.organisation_box.findData(action.organisation_id)))
        self.submit_button.setText("Save changes")
        self.cancel_button.show()
        self.fields["text"].setFocus()

    def delete_selected(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        actions = [self.controller.actions.items()[r] for r in sorted(rows)]
        self.controller.undo_stack.beginMacro("Delete actions")
        for action in actions:
            self.controller.delete_action(action)
        self.controller.undo_stack.endMacro()

    def _update_smart(self, *_: object) -> None:
        checks = smart_checklist(text=self.fields["text"].text(),
                                 owner=self.fields["owner"].text(),
                                 due=self.fields["due"].text(),
                                 measure=self.fields["measure"].text())
        marks = {True: "✓", False: "✗", None: "?"}
        self.smart.setText("\n".join(
            f"{marks[c.passed]} {c.question}" + (f" — {c.hint}" if c.hint else "")
            for c in checks))

    def _load_drafts(self, *_: object) -> None:
        """Offer what earlier steps suggest (stop-doing notes, unresolved rows...)."""
        c = self.controller
        drafts = drafts_for(c.current_step, c.repo.load(c.workshop_id))
        self.drafts.clear()
        for source, text in drafts:
            item = QListWidgetItem(f"{text}  ({source})")
            item.setData(Qt.ItemDataRole.UserRole, text)
            self.drafts.addItem(item)
        self.drafts_label.setVisible(bool(drafts))
        self.drafts.setVisible(bool(drafts))

    def _on_draft_activated(self, item: QListWidgetItem) -> None:
        """Start an action from a draft: its text goes in the form, ready to complete."""
        if self._editing is not None:
            self.clear_form()
        self.fields["text"].setText(item.data(Qt.ItemDataRole.UserRole))
        self.fields["owner"].setFocus()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.load(index.data(ActionRole))

    def _on_error_raised(self, message: str) -> None:
        self.message.setText(message)

EDITOR = ActionsEditor
