"""Partners and participants, as two editable tables of the workshop editor.

Partners keep their stored id; a partner added here gets a negative id, a
temporary reference participants can point at until the plan is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Organisation, Participant
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs

_REF = Qt.ItemDataRole.UserRole


class FormError(Exception):
    """A value in the form that cannot be saved: the message, and where to look."""

    def __init__(self, message: str, widget: QWidget, *, row: int = -1,
                 column: int = -1) -> None:
        super().__init__(message)
        self.message = message
        self.widget = widget
        self.row = row
        self.column = column

    def show(self) -> None:
        """Put the focus (and the table's current cell) where the problem is."""
        if isinstance(self.widget, QTableWidget) and self.row >= 0:
            self.widget.setCurrentCell(self.row, max(self.column, 0))
        self.widget.setFocus()


def small_button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(lambda: slot())
    return button


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    return table


def _shortcut(widget: QWidget, keys: str, slot: Callable[[], object]) -> None:
    action = QAction(widget)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: slot())
    widget.addAction(action)


class _OrganisationChoice(QStyledItemDelegate):
    """The participants' Organisation cells: F2, typing or a double-click opens a list
    of the partners (as they are now in the editor) to choose from."""

    def __init__(self, editor: PeopleEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Organisation")
        combo.addItem("—", None)
        for ref, label in self.editor.partner_choices():
            combo.addItem(label, ref)
        return combo

    def setEditorData(self, editor: QWidget,  # noqa: N802 (Qt's name)
                      index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        ref = index.data(_REF)
        editor.setCurrentIndex(max(editor.findData(ref), 0) if ref is not None else 0)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), _REF)
        model.setData(index, editor.currentText())


class PeopleEditor(QWidget):
    """Partner organisations (name, short name, order) and the optional participants."""

    changed = Signal()

    def __init__(self, repo: WorkshopRepository, organisations: list[Organisation],
                 participants: list[Participant], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self._next_ref = -1
        self.partners = _table(["Name", "Short name (cards and tables)"], "Partners")
        self.partners.setObjectName("partners")
        self.partners.setAccessibleDescription(
            "Type to rename. Alt+Up and Alt+Down move a partner; Delete removes it.")
        self.partners.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Interactive)
        self.partners.setColumnWidth(1, 200)
        for org in organisations:
            assert org.id is not None
            self._add_partner_row(org.name, org.short_name, org.id)
        self.people = _table(["Name", "Organisation", "Role"], "Participants")
        self.people.setObjectName("participants")
        self.people.setAccessibleDescription("Optional. Type to change a name or role; "
                                             "Delete removes a participant.")
        self.people.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Interactive)
        self.people.setColumnWidth(1, 170)
        self.people.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.people.setItemDelegateForColumn(1, _OrganisationChoice(self))
        for p in participants:
            self._add_person_row(p.name, p.organisation_id, p.role, p.id)
        self.partners.itemChanged.connect(self._on_partner_edited)
        self.people.itemChanged.connect(lambda *_: self.changed.emit())
        _shortcut(self.partners, "Alt+Up", lambda: self.move_partner(-1))
        _shortcut(self.partners, "Alt+Down", lambda: self.move_partner(1))
        _shortcut(self.partners, "Delete", self.remove_partner)
        _shortcut(self.people, "Delete", self.remove_person)
        self._build_layout()

    def _build_layout(self) -> None:
        partners_box = QGroupBox("Partner organisations")
        column = QVBoxLayout(partners_box)
        hint = QLabel("The organisations taking part. The short name appears on notes, "
                      "cards and tables; keep it to a word or two.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(self.partners, 1)
        row = QHBoxLayout()
        row.addWidget(small_button("Add &partner", "Add a partner organisation",
                                   self.add_partner))
        row.addWidget(small_button("Remove partner", "Remove the selected partner (Delete)",
                                   self.remove_partner))
        row.addWidget(small_button("Move up", "Move the selected partner up (Alt+Up)",
                                   lambda: self.move_partner(-1)))
        row.addWidget(small_button("Move down", "Move the selected partner down (Alt+Down)",
                                   lambda: self.move_partner(1)))
        row.addStretch(1)
        column.addLayout(row)
        people_box = QGroupBox("Participants (optional)")
        column2 = QVBoxLayout(people_box)
        hint2 = QLabel("Many workshops record no names. If you list people, they can be "
                       "offered in rounds and as owners of actions.")
        hint2.setObjectName("hint")
        hint2.setWordWrap(True)
        column2.addWidget(hint2)
        column2.addWidget(self.people, 1)
        row2 = QHBoxLayout()
        row2.addWidget(small_button("Add parti&cipant", "Add a participant", self.add_person))
        row2.addWidget(small_button("Remove participant",
                                    "Remove the selected participant (Delete)",
                                    self.remove_person))
        row2.addStretch(1)
        column2.addLayout(row2)
        layout = QHBoxLayout(self)
        layout.addWidget(partners_box, 1)
        layout.addWidget(people_box, 1)

    # ------------------------------------------------------------- partners

    def _add_partner_row(self, name: str, short: str, ref: int, at: int | None = None) -> int:
        row = self.partners.rowCount() if at is None else at
        self.partners.blockSignals(True)
        self.partners.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(_REF, ref)
        self.partners.setItem(row, 0, name_item)
        self.partners.setItem(row, 1, QTableWidgetItem(short))
        self.partners.blockSignals(False)
        return row

    def partner_ref(self, row: int) -> int:
        return int(self.partners.item(row, 0).data(_REF))

    def partner_choices(self) -> list[tuple[int, str]]:
        """(reference, label) of each partner, in order, for the participants' column."""
        out = []
        for row in range(self.partners.rowCount()):
            name = self.partners.item(row, 0).text().strip()
            short = self.partners.item(row, 1).text().strip()
            out.append((self.partner_ref(row), short or name or "(no name yet)"))
        return out

    def add_partner(self, name: str = "", short: str = "") -> int:
        """A new partner row (its name cell ready for typing); returns the row."""
        ref = self._next_ref
        self._next_ref -= 1
        row = self._add_partner_row(name, short, ref)
        self._refresh_people_choices()
        self.partners.setCurrentCell(row, 0)
        self.partners.setFocus()
        if not name:
            self.partners.editItem(self.partners.item(row, 0))
        self.changed.emit()
        return row

    def remove_partner(self) -> bool:
        """Remove the selected partner; ask first when notes or actions carry its tag."""
        row = self.partners.currentRow()
        if row < 0:
            return False
        ref = self.partner_ref(row)
        name = self.partners.item(row, 0).text().strip() or "this partner"
        uses = self.repo.organisation_uses(ref) if ref > 0 else 0
        if uses and not dialogs.confirm(
                self, "Remove partner",
                f"“{name}” is tagged on {uses} notes, actions or participants. Remove it? "
                "When you save, they keep everything but the tag.", action="Remove partner"):
            return False
        self.partners.removeRow(row)
        self._refresh_people_choices()  # their participants now have no organisation
        if self.partners.rowCount():
            self.partners.setCurrentCell(min(row, self.partners.rowCount() - 1), 0)
        self.changed.emit()
        return True

    def move_partner(self, delta: int) -> bool:
        """Move the selected partner up (-1) or down (+1)."""
        row = self.partners.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.partners.rowCount():
            return False
        values = (self.partners.item(row, 0).text(), self.partners.item(row, 1).text(),
                  self.partner_ref(row))
        self.partners.removeRow(row)
        self._add_partner_row(*values, at=target)
        self.partners.setCurrentCell(target, 0)
        self._refresh_people_choices()
        self.changed.emit()
        return True

    def _on_partner_edited(self, *_: object) -> None:
        self._refresh_people_choices()
        self.changed.emit()

    # --------------------------------------------------------- participants

    def _add_person_row(self, name: str, organisation: int | None, role: str,
                        ref: int | None) -> int:
        row = self.people.rowCount()
        self.people.blockSignals(True)
        self.people.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(_REF, ref)
        self.people.setItem(row, 0, name_item)
        organisation_item = QTableWidgetItem()
        organisation_item.setData(_REF, organisation)
        self.people.setItem(row, 1, organisation_item)
        self.people.setItem(row, 2, QTableWidgetItem(role))
        self._label_organisation(row)
        self.people.blockSignals(False)
        return row

    def person_organisation(self, row: int) -> int | None:
        """The partner (its reference) a participant's row points at, if any."""
        ref = self.people.item(row, 1).data(_REF)
        return int(ref) if ref is not None else None

    def set_person_organisation(self, row: int, ref: int | None) -> None:
        """Point a participant's row at a partner (by reference), or at none."""
        self.people.item(row, 1).setData(_REF, ref)
        self._label_organisation(row)

    def _label_organisation(self, row: int) -> None:
        labels = dict(self.partner_choices())
        item = self.people.item(row, 1)
        ref = self.person_organisation(row)
        if ref not in labels:  # its partner was removed: no organisation now
            ref = None
            item.setData(_REF, None)
        item.setText(labels[ref] if ref is not None else "—")

    def _refresh_people_choices(self) -> None:
        self.people.blockSignals(True)
        for row in range(self.people.rowCount()):
            self._label_organisation(row)
        self.people.blockSignals(False)

    def add_person(self, name: str = "", organisation: int | None = None,
                   role: str = "") -> int:
        """A new participant row (its name cell ready for typing); returns the row."""
        row = self._add_person_row(name, organisation, role, None)
        self.people.setCurrentCell(row, 0)
        self.people.setFocus()
        if not name:
            self.people.editItem(self.people.item(row, 0))
        self.changed.emit()
        return row

    def remove_person(self) -> bool:
        row = self.people.currentRow()
        if row < 0:
            return False
        self.people.removeRow(row)
        self.changed.emit()
        return True

    # -------------------------------------------------------------- collect

    def organisations(self) -> list[Organisation]:
        """The partners as typed, checked; raises FormError at the first bad cell."""
        out = []
        for row in range(self.partners.rowCount()):
            name = self.partners.item(row, 0).text()
            short = self.partners.item(row, 1).text()
            try:
                out.append(Organisation(name=name, short_name=short, id=self.partner_ref(row)))
            except ValidationError as exc:
                column = 1 if exc.field == "short_name" else 0
                raise FormError(f"Partner {row + 1}: {exc.message}", self.partners,
                                  row=row, column=column) from None
        return out

    def participants(self) -> list[Participant]:
        """The participants as typed (wholly empty rows left out), checked."""
        out = []
        for row in range(self.people.rowCount()):
            name = self.people.item(row, 0).text()
            role = self.people.item(row, 2).text()
            organisation = self.person_organisation(row)
            if not name.strip() and not role.strip() and organisation is None:
                continue
            ref = self.people.item(row, 0).data(_REF)
            try:
                out.append(Participant(name=name, organisation_id=organisation, role=role,
                                       id=int(ref) if ref is not None else None))
            except ValidationError as exc:
                column = 2 if exc.field == "role" else 0
                raise FormError(f"Participant {row + 1}: {exc.message}", self.people,
                                  row=row, column=column) from None
        return out
