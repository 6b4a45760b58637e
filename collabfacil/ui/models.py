"""Item models shared by the console (editable) and the projector (read-only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt

from collabfacil.domain.model import Action, Contribution, Organisation

ContributionRole = Qt.ItemDataRole.UserRole + 1
OrganisationRole = Qt.ItemDataRole.UserRole + 2
SectionRole = Qt.ItemDataRole.UserRole + 3
ActionRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex


class ContributionListModel(QAbstractListModel):
    """The notes of the current step, in board order.

    Only the controller changes it (``reset``, ``append``, ``insert_at``,
    ``replace``, ``remove``); views read it. Text is returned as plain text.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Contribution] = []
        self._organisations: dict[int, Organisation] = {}

    # read side
    def rowCount(self, parent: _Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.text
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole note: the list shows one line
            parts = [self.organisation_label(item.organisation_id), item.section]
            tags = " · ".join(p for p in parts if p)
            return item.text + (f"\n[{tags}]" if tags else "")
        if role == ContributionRole:
            return item
        if role == OrganisationRole:
            return self.organisation_label(item.organisation_id)
        if role == SectionRole:
            return item.section
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def items(self) -> list[Contribution]:
        """The notes, in order (a copy)."""
        return list(self._items)

    def row_of(self, contribution_id: int | None) -> int:
        """The row of the note with that id, or -1."""
        for row, item in enumerate(self._items):
            if item.id == contribution_id:
                return row
        return -1

    def organisation_label(self, organisation_id: int | None) -> str:
        """The short label of a partner organisation ("" for none)."""
        org = self._organisations.get(organisation_id or -1)
        return org.label if org else ""

    # write side (controller only)
    def reset(self, items: list[Contribution], organisations: list[Organisation]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._organisations = {o.id: o for o in organisations if o.id is not None}
        self.endResetModel()

    def insert_sorted(self, item: Contribution) -> None:
        """Insert a note at its board position (new notes go last)."""
        row = len(self._items)
        while row > 0 and self._items[row - 1].position > item.position:
            row -= 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self.endInsertRows()

    def replace(self, item: Contribution) -> None:
        row = self.row_of(item.id)
        if row < 0:
            return
        self._items[row] = item
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [])

    def remove(self, contribution_id: int) -> None:
        row = self.row_of(contribution_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self.endRemoveRows()


class ActionTableModel(QAbstractTableModel):
    """The workshop's actions as a table: action, owner, organisation, due, first step."""

    HEADERS = ("Action", "Owner", "Organisation", "Due", "First step")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Action] = []
        self._organisations: dict[int, Organisation] = {}

    def rowCount(self, parent: _Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._items)

    def columnCount(self, parent: _Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole
                and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        action = self._items[index.row()]
        if role == ActionRole:
            return action
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            org = self._organisations.get(action.organisation_id or -1)
            values = (
                action.text + (" (small test)" if action.small_test else ""),
                action.owner,
                org.label if org else "",
                action.due.isoformat() if action.due else "",
                action.first_step,
            )
            return values[index.column()]
        return None

    def items(self) -> list[Action]:
        """The actions, in order (a copy)."""
        return list(self._items)

    def reset(self, items: list[Action], organisations: list[Organisation]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._organisations = {o.id: o for o in organisations if o.id is not None}
        self.endResetModel()
