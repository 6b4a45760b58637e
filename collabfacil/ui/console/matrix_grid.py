"""RACI and decision roles on the console: a grid filled from the keyboard, a box to
add rows, and the rules' findings listed live beside it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.matrix_checks import check_item
from collabfacil.domain.matrix_grid import (
    DECISION_HINTS,
    ERROR,
    ROLE_KEYS,
    Finding,
    Grid,
    cell_items,
    findings,
    grid_of,
    role_letter,
    role_name,
    row_status,
)
from collabfacil.domain.steps.matrix import partner_labels
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.console.matrix_table import GridContent, KeyGrid, LabelledGridModel
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.projector.matrix_focus import set_focus

# Pale tints of the Okabe–Ito colours, one per role, with dark text on them.
ROLE_TINTS = {"R": "#BFE3F7", "A": "#F9DDA6", "C": "#B3E6D5", "I": "#E8D1E0",
              "Recommend": "#BFE3F7", "Agree": "#E8D1E0", "Decide": "#F9DDA6",
              "Input": "#B3E6D5", "Perform": "#F8F3B5"}
ERROR_INK = QColor("#B3261E")
WARNING_INK = QColor("#7A4A00")


def role_keys_hint(mode: str) -> str:
    """The key legend, e.g. "R Responsible · A Accountable · …"."""
    keys = ROLE_KEYS[mode]
    return " · ".join(f"{k} {role_name(r)}" for k, r in keys.items())


class GridEditor(QWidget):
    """Rows × columns; R/A/C/I (or R/A/D/I/P) set the selected cells, Delete clears."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        step = controller.current_step
        self.mode = str(step.config.get("mode", "raci"))
        self.grid: Grid = grid_of(step.config, [], [])
        self.found: list[Finding] = []
        decision = self.mode == "decision"
        self.capture = CaptureBox("Type a new decision and press Enter" if decision
                                  else "Type a new responsibility (row) and press Enter")
        self.capture.submitted.connect(self._on_capture_submitted)
        self.model = LabelledGridModel(self)
        self.table = KeyGrid(self.model, self._on_key)
        self.table.setAccessibleName("Decision roles grid" if decision else "RACI grid")
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.verticalHeader().setContextMenuPolicy(
            Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().customContextMenuRequested.connect(self._on_row_menu)
        self.findings_title = QLabel()
        give_look(self.findings_title, "sectionLabel")
        self.findings_list = QListWidget()
        self.findings_list.setAccessibleName("Checks on the grid")
        self.findings_list.setWordWrap(True)
        self.findings_list.itemActivated.connect(self._on_finding_activated)
        self.findings_list.itemClicked.connect(self._on_finding_activated)
        self.empty_columns = QLabel(
            "There are no columns: give the step `columns`, or add partner organisations "
            "to the workshop.")
        self.empty_columns.setWordWrap(True)
        give_look(self.empty_columns, "errorMessage")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.findings_title)
        side_layout.addWidget(self.findings_list, 1)
        body = QSplitter()
        body.addWidget(self.table)
        body.addWidget(side)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 1)
        title = "Decision roles" if decision else "RACI grid"
        hint = QLabel(f"{title}: arrows move · {role_keys_hint(self.mode)} · "
                      "Delete clears · Ctrl+Z undoes · right-click a row you added to "
                      "remove it")
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.capture)
        layout.addWidget(self.empty_columns)
        layout.addWidget(body, 1)
        layout.addWidget(hint)
        controller.items_changed.connect(self._on_items_changed)
        self.refresh()
        if self.grid.rows and self.grid.columns:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def focus_capture(self) -> None:
        """Start in the grid when it has rows to fill, else in the box for new rows."""
        if self.grid.rows and self.grid.columns:
            self.table.setFocus()
        else:
            self.capture.setFocus()

    # ------------------------------------------------------------ showing

    def refresh(self) -> None:
        c = self.controller
        self.grid = grid_of(c.current_step.config, partner_labels(c.data), c.items())
        self.found = findings(self.grid)
        status = row_status(self.found)
        content = GridContent(self.grid.rows, self.grid.columns)
        for key, role in self.grid.cells.items():
            content.text[key] = role if self.mode == "decision" else role_letter(role)
            content.tint[key] = ROLE_TINTS.get(role, "")
            hint = DECISION_HINTS.get(role, role_name(role))
            content.tip[key] = f"{key[0]} × {key[1]}: {role} ({hint})"
        for row, row_findings in status.items():
            content.row_marks[row] = row_findings[0].symbol
        for f in self.found:
            if f.column:
                content.column_marks[f.column] = f.symbol
        current = self.table.current_key()
        row = self.table.currentIndex().row()
        self.model.show(content)
        if current is not None and not self.table.currentIndex().isValid() and self.grid.rows:
            if current[0] in self.grid.rows:
                self.table.go_to(row=current[0], column=current[1], focus=False)
            elif self.grid.columns:
                self.table.setCurrentIndex(self.model.index(
                    min(row, len(self.grid.rows) - 1),
                    max(0, min(self.grid.columns.index(current[1])
                               if current[1] in self.grid.columns else 0,
                               len(self.grid.columns) - 1))))
        self.empty_columns.setVisible(not self.grid.columns)
        self._show_findings()

    def _show_findings(self) -> None:
        self.findings_list.clear()
        errors = sum(1 for f in self.found if f.severity == ERROR)
        warnings = len(self.found) - errors
        if not self.grid.rows:
            self.findings_title.setText("Checks: add a row to start")
        elif not self.found:
            self.findings_title.setText("Checks: ✔ every row is resolved")
        else:
            self.findings_title.setText(
                f"Checks: {errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}")
        lines: list[tuple[str, bool, str, str]] = []  # text, error, row, column
        status = row_status(self.found)
        for row in self.grid.rows:
            fs = status.get(row)
            if fs:
                error = any(f.severity == ERROR for f in fs)
                lines.append((f"{'✖' if error else '⚠'} {row}: "
                              + "; ".join(f.detail for f in fs), error, row, ""))
        lines += [(f"{f.symbol} {f.message}", f.severity == ERROR, "", f.column)
                  for f in self.found if not f.row]
        for text, error, row, column in lines:
            item = QListWidgetItem(text)
            item.setForeground(ERROR_INK if error else WARNING_INK)
            item.setData(Qt.ItemDataRole.UserRole, (row, column))
            item.setToolTip("Error: the row is unresolved" if error
                            else "Warning: worth a look")
            self.findings_list.addItem(item)

    def findings_texts(self) -> list[str]:
        return [self.findings_list.item(i).text() for i in range(self.findings_list.count())]

    # ------------------------------------------------------------ editing

    def set_role(self, keys: list[tuple[str, str]], role: str) -> None:
        """Give cells a role ("" clears them), as one undoable change."""
        existing = cell_items(self.controller.items("cell"))
        changes = [k for k in keys
                   if (existing[k].data["role"] if k in existing else "") != role]
        if not changes:
            return
        what = f"“{role}”" if role else "cleared"
        label = (f"{changes[0][0]} × {changes[0][1]}: {what}" if len(changes) == 1
                 else f"{len(changes)} cells: {what}")
        stack = self.controller.undo_stack
        stack.beginMacro(label)
        for row, column in changes:
            item = existing.get((row, column))
            data = {"row": row, "column": column, "role": role}
            if not role:
                if item is not None:
                    self.controller.delete_item(item, label=label)
            elif item is None:
                self.controller.add_item("cell", data, label=label)
            else:
                self.controller.update_item(item, data, label=label)
        stack.endMacro()

    def _on_key(self, event: QKeyEvent) -> bool:
        keys = self.table.selected_keys()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_role(keys, "")
            return True
        role = ROLE_KEYS[self.mode].get(event.text().upper())
        if role is None:
            return False
        if keys:
            self.set_role(keys, role)
        return True

    def _on_capture_submitted(self, text: str) -> None:
        try:
            label = str(check_item("row", {"label": text})["label"])
        except ValidationError as exc:
            self.controller.error_raised.emit(exc.message)
            return
        if label in self.grid.rows:
            self.controller.error_raised.emit(f"There is already a row “{label}”.")
            return
        if self.controller.add_item("row", {"label": label}, label=f"Add row “{label}”"):
            self.capture.accept_capture()
            self.table.go_to(row=label, focus=False)

    def remove_row(self, row: str) -> None:
        """Remove a row added live, with its cells (one undoable change)."""
        items = [i for i in self.controller.items()
                 if (i.kind == "row" and i.data["label"] == row)
                 or (i.kind == "cell" and i.data["row"] == row)]
        if not items:
            return
        self.controller.undo_stack.beginMacro(f"Remove row “{row}”")
        for item in items:
            self.controller.delete_item(item, label=f"Remove row “{row}”")
        self.controller.undo_stack.endMacro()

    def _on_row_menu(self, pos: QPoint) -> None:
        section = self.table.verticalHeader().logicalIndexAt(pos)
        if not 0 <= section < len(self.grid.rows):
            return
        row = self.grid.rows[section]
        menu = QMenu(self)
        action = menu.addAction(f"Remove row “{row}”", lambda: self.remove_row(row))
        if row not in self.grid.live_rows:
            action.setEnabled(False)
            action.setText("Rows from the exercise cannot be removed")
        menu.exec(self.table.verticalHeader().mapToGlobal(pos))

    # ------------------------------------------------------------ handlers

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.controller.current_step.id:
            self.refresh()

    def _on_current_changed(self, *_: object) -> None:
        key = self.table.current_key()
        if key is not None:
            set_focus(self.controller, row=key[0])

    def _on_finding_activated(self, item: QListWidgetItem) -> None:
        row, column = item.data(Qt.ItemDataRole.UserRole)
        self.table.go_to(row=row or None, column=column or None)
