"""A labelled grid for the console's matrix editors: a table model over row and
column labels, and a table view whose letter and digit keys fill the current cells."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

_Index = QModelIndex | QPersistentModelIndex


@dataclass
class GridContent:
    """What the table shows: labels, each cell's text, and optional tints and tips."""

    rows: list[str]
    columns: list[str]
    text: dict[tuple[str, str], str] = field(default_factory=dict)
    tint: dict[tuple[str, str], str] = field(default_factory=dict)
    tip: dict[tuple[str, str], str] = field(default_factory=dict)
    row_marks: dict[str, str] = field(default_factory=dict)  # e.g. "✖" before a row
    column_marks: dict[str, str] = field(default_factory=dict)
    blocked: set[tuple[str, str]] = field(default_factory=set)  # e.g. the diagonal
    column_titles: dict[str, str] = field(default_factory=dict)  # shown instead of a label


class LabelledGridModel(QAbstractTableModel):
    """Rows × columns of plain text; only ``show`` changes it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.content = GridContent([], [])

    def show(self, content: GridContent) -> None:
        """Show new content; the shape kept, the views keep their cursor too."""
        same_shape = (content.rows == self.content.rows
                      and content.columns == self.content.columns)
        if same_shape:
            self.content = content
            if content.rows and content.columns:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(content.rows) - 1,
                                                 len(content.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                        max(0, len(content.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0,
                                        max(0, len(content.rows) - 1))
            return
        self.beginResetModel()
        self.content = content
        self.endResetModel()

    def rowCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.content.rows)

    def columnCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.content.columns)

    def key(self, index: _Index) -> tuple[str, str]:
        return self.content.rows[index.row()], self.content.columns[index.column()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.key(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key in self.content.blocked:
                return "—"
            return self.content.text.get(key, "")
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.content.blocked:
                return QColor("#DDDDDD")
            tint = self.content.tint.get(key)
            return QColor(tint) if tint else None
        if role == Qt.ItemDataRole.ForegroundRole and key in self.content.tint:
            return QColor("#1A1A1A")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.content.tip.get(key) or f"{key[0]} × {key[1]}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.content.columns):
                return None
            label = self.content.columns[section]
            mark = self.content.column_marks.get(label, "")
            if role == Qt.ItemDataRole.DisplayRole:
                label = self.content.column_titles.get(label, label)
        else:
            if not 0 <= section < len(self.content.rows):
                return None
            label = self.content.rows[section]
            mark = self.content.row_marks.get(label, "")
        return f"{mark} {label}" if mark else label

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


KeyHandler = Callable[[QKeyEvent], bool]


class KeyGrid(QTableView):
    """A table the facilitator fills from the keyboard.

    Arrow keys move as usual; every other key goes first to ``on_key``, which
    returns True when it used the key (e.g. "A" set the cell). Letters never
    start a type-ahead search.
    """

    def __init__(self, model: LabelledGridModel, on_key: KeyHandler,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_key = on_key
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(44)
        # long column labels ("GP federation") wrap onto a second line
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter
                                   | Qt.TextFlag.TextWordWrap)  # type: ignore[operator]
        header.setMinimumHeight(int(header.fontMetrics().lineSpacing() * 2.6))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)

    def grid_model(self) -> LabelledGridModel:
        model = self.model()
        assert isinstance(model, LabelledGridModel)
        return model

    def selected_keys(self) -> list[tuple[str, str]]:
        """The selected cells (or the current one), as (row, column) labels."""
        model = self.grid_model()
        indexes = self.selectionModel().selectedIndexes() or (
            [self.currentIndex()] if self.currentIndex().isValid() else [])
        return [model.key(i) for i in sorted(indexes, key=lambda i: (i.row(), i.column()))]

    def current_key(self) -> tuple[str, str] | None:
        index = self.currentIndex()
        return self.grid_model().key(index) if index.isValid() else None

    def go_to(self, row: str | None = None, column: str | None = None, *,
              focus: bool = True) -> None:
        """Put the cursor on a row and/or column by label."""
        content = self.grid_model().content
        r = content.rows.index(row) if row in content.rows else max(0, self.currentIndex().row())
        c = (content.columns.index(column) if column in content.columns
             else max(0, self.currentIndex().column()))
        if content.rows and content.columns:
            self.setCurrentIndex(self.model().index(r, c))
            if focus:
                self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                 | Qt.KeyboardModifier.KeypadModifier):
            super().keyPressEvent(event)  # Ctrl+Z and friends belong to the window
            return
        if self.on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # row labels take at most 40% of the table; the cells keep the rest
        self.verticalHeader().setMaximumWidth(max(140, int(self.width() * 0.4)))
        super().resizeEvent(event)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 (Qt's name)
        """Letters are roles here, never a search."""
