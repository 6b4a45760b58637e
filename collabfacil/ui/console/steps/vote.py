"""Vote on the console: enter a room's dots (or rankings) fast, from the keyboard.

Dots: ↑/↓ pick a choice, 1–9 add that many dots from the current voter (one
undo step each), − or Backspace takes one back, Enter moves on to the next
table or person. Entered per person, a person's dots are capped at the step's
``dots`` and the next person comes up when they are used. Ranking: type the
choice numbers best first ("3 1 2") and press Enter. The console shows running
totals; the projector keeps them hidden until the facilitator reveals them.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import StepItem
from collabfacil.domain.steps import vote
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 50
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TargetTableModel(QAbstractTableModel):
    """The choices: number, text and running total (dots or points)."""

    def __init__(self, unit: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.rows: list[vote.Row] = []

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("#", "Choice", self.unit.capitalize())[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (str(index.row() + 1), row.target.label, str(row.total))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return row.target.label
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def update(self, rows: list[vote.Row]) -> None:
        """New totals; the same choices keep their rows (and the cursor its place)."""
        if [r.target for r in rows] == [r.target for r in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 2), self.index(len(rows) - 1, 2))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class _TargetTable(QTableView):
    def __init__(self, editor: VoteEditor) -> None:
        super().__init__()
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._editor.handle_key(event):
            super().keyPressEvent(event)


class _EntryList(QListWidget):
    def __init__(self, editor: VoteEditor) -> None:
        super().__init__()
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._editor.delete_selected_entries()
            return
        super().keyPressEvent(event)


class VoteEditor(QWidget):
    """The voter (or table), the choices with running totals, and the entries so far."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        step = controller.current_step
        self.config = vote.settings(step.config)
        self.rank = self.config["mode"] == "rank"
        self.per_person = self.config["entry"] == "person"
        self.noun = "Person" if self.per_person else "Table"
        self.targets = vote.targets(step, controller.steps, controller.notes_of,
                                    controller.items_of)
        self._own_write = False

        self.info = QLabel(self._info_text())
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.voter = QLineEdit()
        self.voter.setAccessibleName("Who is voting: a person or a table")
        self.voter.setPlaceholderText(f"e.g. {self.noun} 1")
        self.voter.returnPressed.connect(self._on_voter_entered)
        self.voter.textChanged.connect(self._update_voter_status)
        voter_label = QLabel(f"&Who is voting ({self.noun.lower()}):")
        voter_label.setBuddy(self.voter)
        self.next_button = QPushButton("Next (Enter)")
        self.next_button.setToolTip(f"The next {self.noun.lower()}")
        self.next_button.clicked.connect(self.next_voter)
        self.voter_status = QLabel()
        self.voter_status.setTextFormat(Qt.TextFormat.PlainText)
        give_look(self.voter_status, "phases")

        self.model = TargetTableModel("points" if self.rank else "dots", self)
        self.table = _TargetTable(self)
        self.table.setAccessibleName("Choices and their totals so far")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        choices_label = QLabel("&Choices (the room sees totals only when you reveal them)")
        give_look(choices_label, "sectionLabel")
        choices_label.setBuddy(self.table)

        self.order = QLineEdit()
        self.order.setAccessibleName("Ranking: choice numbers, best first")
        self.order.setPlaceholderText("Type the choice numbers, best first (e.g. 3 1 2), "
                                      "and press Enter")
        self.order.returnPressed.connect(self._on_order_entered)
        order_label = QLabel("&Order:")
        order_label.setBuddy(self.order)

        self.entries = _EntryList(self)
        self.entries.setAccessibleName("Entries so far, newest first")
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        entries_label = QLabel("E&ntries, newest first (Delete removes one)")
        give_look(entries_label, "sectionLabel")
        entries_label.setBuddy(self.entries)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        voter_row = QHBoxLayout()
        voter_row.addWidget(voter_label)
        voter_row.addWidget(self.voter, 1)
        voter_row.addWidget(self.next_button)
        voter_row.addWidget(self.voter_status, 2)
        order_row = QHBoxLayout()
        order_row.addWidget(order_label)
        order_row.addWidget(self.order, 1)
        left = QVBoxLayout()
        left.addWidget(choices_label)
        left.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(entries_label)
        right.addWidget(self.entries, 1)
        right.addWidget(self.summary)
        panes = QHBoxLayout()
        panes.addLayout(left, 3)
        panes.addLayout(right, 2)
        if self.rank:
            keys = ("Type the numbers of the choices, best first, in Order and press Enter: "
                    f"one ranking for the {self.noun.lower()} · Ctrl+Z undoes")
        else:
            keys = ("↑/↓ pick a choice · 1–9 add that many dots · − takes one back · "
                    f"Enter: next {self.noun.lower()} · Alt+W types a name · "
                    "Ctrl+Z undoes")
        hint = QLabel(keys)
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addLayout(voter_row)
        if self.rank:
            layout.addLayout(order_row)
        else:
            self.order.hide()
            order_label.hide()
        layout.addLayout(panes, 1)
        layout.addWidget(hint)
        controller.items_changed.connect(self._on_items_changed)
        self.voter.setText(self._resume_voter())
        self.refresh()
        if self.targets:
            self.table.setCurrentIndex(self.model.index(0, 1))

    # ------------------------------------------------------------ reading

    def _info_text(self) -> str:
        c = self.config
        step = self.controller.current_step
        if not self.targets:
            source = vote.source_of(step, self.controller.steps)
            if c["on"] != "options" and source is None:
                return vote.missing_source(step)
            return f"There are no {c['on']} to vote on yet."
        what = {"notes": "notes", "themes": "themes", "options": "options"}[c["on"]]
        source = vote.source_of(step, self.controller.steps)
        of = f" of ‘{source.title}’" if source is not None else ""
        entry = "per person" if self.per_person else "per table"
        if self.rank:
            return f"Ranking the {len(self.targets)} {what}{of}, entered {entry}."
        return (f"Dot voting on the {len(self.targets)} {what}{of}: "
                f"{c['dots']} dots each, entered {entry}.")

    def focus_capture(self) -> None:
        """Start where entering happens: the order box, or the choices."""
        (self.order if self.rank else self.table).setFocus()

    def current_target(self) -> vote.Target | None:
        row = self.table.currentIndex().row()
        return self.targets[row] if 0 <= row < len(self.targets) else None

    def current_voter(self) -> str:
        return " ".join(self.voter.text().split())

    def _items(self) -> list[StepItem]:
        return self.controller.items()

    def refresh(self) -> None:
        items = self._items()
        self.model.update(vote.totals(self.config, items, self.targets))
        self.summary.setText("Recorded: " + vote.summary(items).sentence(self.config) + ".")
        labels = {t.key: t.label for t in self.targets}
        numbers = {t.key: i + 1 for i, t in enumerate(self.targets)}
        self.entries.clear()
        for item in reversed(items):
            who = item.data.get("voter") or "(no name)"
            if item.kind == vote.TALLY:
                n = int(item.data.get("dots", 0))
                text = (f"{who} · {n} dot{'s' if n != 1 else ''} · "
                        f"{_short(labels.get(item.data.get('target'), '(removed)'))}")
            else:
                order = " › ".join(str(numbers.get(k, "?")) for k in item.data.get("order", []))
                text = f"{who} · {order}"
            entry = QListWidgetItem(text)
            entry.setData(ItemRole, item)
            self.entries.addItem(entry)
        self._update_voter_status()

    def _update_voter_status(self, *_: object) -> None:
        voter = self.current_voter()
        items = self._items()
        if self.rank:
            done = any(i.kind == vote.RANKING and i.data.get("voter") == voter for i in items)
            self.voter_status.setText(f"{voter}: ranked" if done and voter else "")
            return
        used = vote.used_by(items, voter)
        if self.per_person:
            self.voter_status.setText(f"{voter or 'Nobody'}: {used} of "
                                      f"{self.config['dots']} dots used")
        else:
            self.voter_status.setText(f"{voter or 'No table'}: {used} dots so far")

    # ------------------------------------------------------------ voters

    def _next_label(self, voter: str) -> str:
        match = _NUMBERED.match(voter)
        if match:
            return f"{match.group(1)}{int(match.group(2)) + 1}"
        named = {str(i.data.get("voter", "")) for i in self._items()} - {""}
        return f"{self.noun} {len(named) + 1}"

    def _resume_voter(self) -> str:
        """Where entering left off: the last entry's voter, or the next one if done."""
        items = self._items()
        if not items:
            return f"{self.noun} 1"
        last = str(items[-1].data.get("voter", "")) or f"{self.noun} 1"
        if self._voter_done(last):
            return self._next_label(last)
        return last

    def _voter_done(self, voter: str) -> bool:
        items = self._items()
        if self.rank:
            return any(i.kind == vote.RANKING and i.data.get("voter") == voter for i in items)
        return self.per_person and vote.used_by(items, voter) >= self.config["dots"]

    def next_voter(self) -> None:
        """Enter: the next table or person."""
        self.voter.setText(self._next_label(self.current_voter() or f"{self.noun} 0"))
        self.focus_capture()

    def _on_voter_entered(self) -> None:
        self.voter.setText(self.current_voter())
        self.focus_capture()

    # ------------------------------------------------------------ entering

    def handle_key(self, event: QKeyEvent) -> bool:
        """The choices table's keys: digits add dots, − takes one back, Enter moves on,
        Home and End go to the first and last choice."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if mods:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_voter()
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.targets:
            row = 0 if key == Qt.Key.Key_Home else len(self.targets) - 1
            self.table.setCurrentIndex(self.model.index(row, 1))
            return True
        if self.rank:
            return False
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.add_dots(int(key - Qt.Key.Key_0))
            return True
        if key in (Qt.Key.Key_Minus, Qt.Key.Key_Backspace):
            self.take_back_dot()
            return True
        return False

    def add_dots(self, dots: int) -> StepItem | None:
        """Record ``dots`` dots from the current voter on the current choice."""
        target = self.current_target()
        if target is None:
            self.controller.error_raised.emit("Pick a choice first (↑/↓).")
            return None
        voter = self.current_voter()
        refusal = vote.tally_refusal(self.config, self._items(), voter, dots)
        if refusal:
            self.controller.error_raised.emit(refusal)
            return None
        label = f"{voter or 'Someone'}: {dots} dot{'s' if dots != 1 else ''} on " \
                f"“{_short(target.label, 30)}”"
        self._own_write = True
        try:
            stored = self.controller.add_item(
                vote.TALLY, {"target": target.key, "voter": voter, "dots": dots},
                label=label)
        finally:
            self._own_write = False
        if stored is not None and self.per_person and self._voter_done(voter):
            self.voter.setText(self._next_label(voter))
        return stored

    def take_back_dot(self) -> None:
        """One dot fewer from the current voter on the current choice (undoable)."""
        target = self.current_target()
        voter = self.current_voter()
        if target is None:
            return
        mine = [i for i in self._items() if i.kind == vote.TALLY
                and i.data.get("target") == target.key and i.data.get("voter") == voter]
        if not mine:
            self.controller.error_raised.emit(
                f"{voter or 'This voter'} has no dots on this choice to take back.")
            return
        last = mine[-1]
        label = f"{voter or 'Someone'}: one dot fewer on “{_short(target.label, 30)}”"
        self._own_write = True
        try:
            if int(last.data["dots"]) > 1:
                self.controller.update_item(last, {**last.data, "dots": last.data["dots"] - 1},
                                            label=label)
            else:
                self.controller.delete_item(last, label=label)
        finally:
            self._own_write = False

    def _on_order_entered(self) -> None:
        if self.add_ranking(self.order.text()) is not None:
            self.order.clear()

    def add_ranking(self, text: str) -> StepItem | None:
        """Record one voter's order from typed choice numbers ("3 1 2")."""
        try:
            numbers = vote.parse_order(text, len(self.targets))
        except ValidationError as exc:
            self.controller.error_raised.emit(exc.message)
            return None
        voter = self.current_voter()
        if voter and self._voter_done(voter):
            self.controller.error_raised.emit(
                f"{voter} has already ranked: press Enter in the choices for the next "
                f"{self.noun.lower()}, or Ctrl+Z to enter it again.")
            return None
        order = [self.targets[n - 1].key for n in numbers]
        self._own_write = True
        try:
            stored = self.controller.add_item(
                vote.RANKING, {"voter": voter, "order": order},
                label=f"{voter or 'Someone'}: ranking {' › '.join(map(str, numbers))}")
        finally:
            self._own_write = False
        if stored is not None:
            self.voter.setText(self._next_label(voter or f"{self.noun} 0"))
        return stored

    def delete_selected_entries(self) -> None:
        """Remove the selected entries (one undo step)."""
        chosen = [e.data(ItemRole) for e in self.entries.selectedItems()]
        if not chosen:
            return
        stack = self.controller.undo_stack
        self._own_write = True
        try:
            stack.beginMacro(f"Remove {len(chosen)} vote entr{'y' if len(chosen) == 1 else 'ies'}")
            for item in chosen:
                self.controller.delete_item(item)
            stack.endMacro()
        finally:
            self._own_write = False

    def _on_items_changed(self, step_id: int) -> None:
        if step_id != self.controller.current_step.id:
            return
        self.refresh()
        if not self._own_write:  # undone or redone: carry on where the entries now end
            self.voter.setText(self._resume_voter())


EDITOR = VoteEditor
