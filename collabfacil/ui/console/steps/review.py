"""Review on the console: go down the carried-in actions, marking each from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.model import StepItem
from collabfacil.domain.steps.review import REVIEW, STATUSES
from collabfacil.ui.controller import SessionController

KEYS = {Qt.Key.Key_D: "done", Qt.Key.Key_P: "in_progress", Qt.Key.Key_X: "dropped",
        Qt.Key.Key_O: "open"}


class _ReviewTable(QTableWidget):
    """The actions; D, P, X and O set the selected action's status."""

    def __init__(self, editor: ReviewEditor) -> None:
        super().__init__(0, 5)
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        status = KEYS.get(Qt.Key(event.key()))
        if status and not event.modifiers():
            self.editor.set_status(status)
            return
        super().keyPressEvent(event)


class ReviewEditor(QWidget):
    """The carried-in actions with their status and note."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        source = controller.current_step.config.get("from", "the last workshop")
        intro = QLabel(f"Actions agreed at {source}. Select one and press D done, "
                       "P in progress, X dropped (O: not yet reviewed); type a note and Enter.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = _ReviewTable(self)
        self.table.setAccessibleName("Actions carried in for review")
        self.table.setHorizontalHeaderLabels(["Action", "Owner", "Due", "Status", "Note"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        self.table.currentCellChanged.connect(self._on_row_changed)
        self.note = QLineEdit()
        self.note.setPlaceholderText("A note on the selected action, then Enter")
        self.note.setAccessibleName("Note on the selected action")
        self.note.returnPressed.connect(self.save_note)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.summary)
        controller.items_changed.connect(self._reload)
        self._reload()
        if self.table.rowCount():
            self.table.selectRow(0)

    def focus_capture(self) -> None:
        self.table.setFocus()

    def reviews(self) -> list[StepItem]:
        return self.controller.items(REVIEW)

    def selected(self) -> StepItem | None:
        row = self.table.currentRow()
        items = self.reviews()
        return items[row] if 0 <= row < len(items) else None

    def set_status(self, status: str) -> None:
        """Mark the selected action (undoable), then move to the next one."""
        item = self.selected()
        if item is None:
            return
        row = self.table.currentRow()
        self.controller.update_item(item, {**item.data, "status": status},
                                    label=f"Mark action {STATUSES[status].lower()}")
        if row + 1 < self.table.rowCount():
            self.table.selectRow(row + 1)

    def save_note(self) -> None:
        item = self.selected()
        if item is not None:
            self.controller.update_item(item, {**item.data, "note": self.note.text()},
                                        label="Note on an action")
        self.table.setFocus()

    def _on_row_changed(self, row: int, *_: int) -> None:
        item = self.selected()
        self.note.setText(str(item.data.get("note", "")) if item else "")

    def _reload(self, *_: object) -> None:
        row = self.table.currentRow()
        items = self.reviews()
        self.table.setRowCount(len(items))
        for r, item in enumerate(items):
            d = item.data
            for c, text in enumerate((d["action"], d["owner"], d["due"],
                                      STATUSES[d["status"]], d["note"])):
                cell = QTableWidgetItem(str(text))
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        if 0 <= row < len(items):
            self.table.selectRow(row)
        counts = {s: sum(1 for i in items if i.data["status"] == s) for s in STATUSES}
        self.summary.setText(" · ".join(f"{label}: {counts[s]}"
                                        for s, label in STATUSES.items()))


EDITOR = ReviewEditor
