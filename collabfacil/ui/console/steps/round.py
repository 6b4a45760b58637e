"""Round on the console: who is speaking, their clock, the capture box and the queue.

Enter captures what the current speaker said and moves to the next person;
Ctrl+P records a pass; Ctrl+L skips them for now without recording anything;
Ctrl+G starts or pauses the per-person clock; Alt+N adds a name to the queue.
Every capture can be undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.model import StepItem
from collabfacil.domain.steps.round import PERSON, TURN, RoundSettings, entry_text
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import plain_label
from collabfacil.ui.projector.steps.round import RoundState, refresh, round_state, set_run

NameRole = Qt.ItemDataRole.UserRole
CURRENT_BACKGROUND = QColor("#FFE9A8")
DONE_INK = QColor("#555555")


class RoundEditor(QWidget):
    """The speaker and their clock, one box per column, pass / skip, and the queue."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = RoundSettings.of(controller.current_step)
        self.step_id = controller.current_step.id
        self._shown: tuple[str | None, str] = (None, "")
        self._prefilled_for: str | None = None

        self.now_label = plain_label(name="roundNow")
        self.now_label.setAccessibleName("Whose turn it is")
        self.clock_label = QLabel()
        self.clock_label.setAccessibleName("Time left for this speaker")
        self.next_label = plain_label(name="hint")
        self.clock_button = QPushButton("Start clock (Ctrl+G)")
        self.clock_button.setToolTip("Start or pause this speaker's time")
        self.clock_button.clicked.connect(self.toggle_clock)
        self.restart_button = QPushButton("Restart clock")
        self.restart_button.setToolTip("Give this speaker their full time again")
        self.restart_button.clicked.connect(self.restart_clock)

        columns = self.settings.columns or ("",)
        self.boxes: list[CaptureBox] = []
        boxes = QGridLayout()
        for i, label in enumerate(columns):
            box = CaptureBox(f"{label} (Enter: next box)" if i < len(columns) - 1
                             else (f"{label} (Enter captures)" if label else
                                   "What they said; Enter captures and moves on"))
            box.setAccessibleName(label or "What the speaker said")
            box.submitted.connect(lambda _t, i=i: self._on_box_submitted(i))
            self.boxes.append(box)
            if label:
                boxes.addWidget(plain_label(label), 0, i)
            boxes.addWidget(box, 1, i)
        self.capture_button = QPushButton("Capture and next (Enter)")
        self.capture_button.clicked.connect(self.capture)
        self.pass_button = QPushButton("Pass (Ctrl+P)")
        self.pass_button.setToolTip("They pass: record it and move on")
        self.pass_button.clicked.connect(self.record_pass)
        self.skip_button = QPushButton("Skip for now (Ctrl+L)")
        self.skip_button.setToolTip("Move on without recording anything; "
                                    "pick them in the queue to come back to them")
        self.skip_button.clicked.connect(self.skip)

        self.queue = QListWidget()
        self.queue.setAccessibleName("The queue: who has spoken and who is next")
        self.queue.setWordWrap(True)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.itemActivated.connect(self._on_queue_activated)
        delete = QAction("Remove entry", self.queue)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.queue.addAction(delete)
        self.add_name = CaptureBox("Add a name to the queue (Alt+N), then Enter")
        self.add_name.submitted.connect(self.add_person)
        self.count_label = plain_label()
        self.message = plain_label(name="errorMessage")
        hint = plain_label("Enter on a name in the queue: their turn now (or again, to "
                           "change their entry) · Delete: remove their entry, or a name "
                           "added here · Ctrl+Z undoes", name="hint")
        if self.settings.private:
            privacy = plain_label("Private round: entries stay off the projector and "
                                  "out of the PDF.", name="hint")
        else:
            privacy = None

        speaker = QHBoxLayout()
        speaker.addWidget(self.now_label, 1)
        speaker.addWidget(self.clock_label)
        speaker.addWidget(self.clock_button)
        speaker.addWidget(self.restart_button)
        buttons = QHBoxLayout()
        for b in (self.capture_button, self.pass_button, self.skip_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(speaker)
        layout.addWidget(self.next_label)
        layout.addLayout(boxes)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        layout.addWidget(self.queue, 1)
        layout.addWidget(self.add_name)
        if privacy is not None:
            layout.addWidget(privacy)
        layout.addWidget(hint)
        self.setStyleSheet("#roundNow { font-size: 22px; font-weight: bold; }")

        for keys, slot in ((["Ctrl+P"], self.record_pass), (["Ctrl+L"], self.skip),
                           (["Ctrl+G"], self.toggle_clock),
                           (["Alt+N"], self.add_name.setFocus),
                           (["Ctrl+Return", "Ctrl+Enter"], self.capture)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        controller.items_changed.connect(self._on_items_changed)
        controller.error_raised.connect(self.message.setText)
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._refresh()

    # ----------------------------------------------------------- queries

    def state(self) -> RoundState:
        return round_state(self.controller)

    def focus_capture(self) -> None:
        self.boxes[0].setFocus()

    def _turn_item(self, who: str) -> StepItem | None:
        """The stored turn of ``who`` (the latest), to change rather than add to."""
        for item in reversed(self.controller.items(TURN)):
            if str(item.data.get("who", "")).casefold() == who.casefold():
                return item
        return None

    # ----------------------------------------------------------- verbs

    def capture(self) -> None:
        """Record what the current speaker said, and move on to the next person."""
        parts = [b.text() for b in self.boxes]
        if self.settings.columns:
            data = {"text": entry_text("", [p.strip() for p in parts], self.settings.columns),
                    "parts": parts}
        else:
            data = {"text": parts[0]}
        self._record({**data, "passed": False})

    def record_pass(self) -> None:
        """The current speaker passes: recorded as a pass, then the next person."""
        self._record({"text": "", "passed": True})

    def _record(self, fields: dict[str, object]) -> None:
        state = self.state()
        who = state.speaker
        if who is None:
            self.message.setText("Everyone has had a turn. Pick a name in the queue and "
                                 "press Enter to go again, or add a name.")
            return
        data = {"who": who, **fields}
        existing = self._turn_item(who) if state.queue.chosen else None
        c = self.controller
        if existing is not None:
            done = c.update_item(existing, data, label=f"Change {who}'s turn") is not None
        else:
            label = f"{who} passed" if fields.get("passed") else f"{who}'s turn"
            done = c.add_item(TURN, data, label=label) is not None
        if not done:
            return
        set_run(c, self.state().run.captured(who))
        self.message.clear()
        for box in self.boxes:
            box.accept_capture()
        self._after_live_change()
        self.boxes[0].setFocus()

    def skip(self) -> None:
        """Move on from the current speaker without recording anything."""
        state = self.state()
        if state.speaker is None:
            return
        set_run(self.controller, state.run.skip(state.speaker))
        self._after_live_change()

    def choose(self, name: str) -> None:
        """Give ``name`` the floor now; their earlier entry, if any, goes in the boxes."""
        set_run(self.controller, self.state().run.choose(name))
        turn = self.state().queue.turn_of(name)
        for i, box in enumerate(self.boxes):
            box.setText("" if turn is None or turn.passed else
                        (turn.part(i) if self.settings.columns else turn.text))
        self._after_live_change()
        self.boxes[0].setFocus()

    def toggle_clock(self) -> None:
        set_run(self.controller, self.state().run.toggle_clock(self.controller.clock()))
        self._after_live_change()

    def restart_clock(self) -> None:
        set_run(self.controller, self.state().run.restart_clock(self.controller.clock()))
        self._after_live_change()

    def add_person(self, text: str) -> None:
        """Add a name to the end of the queue (undoable)."""
        name = text.strip()
        if name and any(n.casefold() == name.casefold() for n in self.state().queue.names):
            self.message.setText(f"{name} is already in the queue.")
            return
        if self.controller.add_item(PERSON, {"name": text},
                                    label=f"Add {name} to the queue") is not None:
            self.add_name.accept_capture()
            self.message.clear()

    def delete_selected(self) -> None:
        """Remove the selected person's entry (they wait again), or a name added live."""
        item = self.queue.currentItem()
        if item is None:
            return
        name = item.data(NameRole)
        turn = self._turn_item(name)
        if turn is not None:
            self.controller.delete_item(turn, label=f"Remove {name}'s turn")
            return
        for person in self.controller.items(PERSON):
            if str(person.data.get("name", "")).casefold() == name.casefold():
                self.controller.delete_item(person, label=f"Remove {name} from the queue")
                return
        self.message.setText(f"{name} is on the planned list: skip them (Ctrl+L) "
                             "rather than remove them.")

    # ----------------------------------------------------------- views

    def _after_live_change(self) -> None:
        self._refresh()
        refresh(self.controller)

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.step_id:
            self._refresh()

    def _on_box_submitted(self, index: int) -> None:
        """Enter: on to the next column's box, or (in the last) capture."""
        if index < len(self.boxes) - 1:
            self.boxes[index + 1].setFocus()
        else:
            self.capture()

    def _on_queue_activated(self, item: QListWidgetItem) -> None:
        self.choose(item.data(NameRole))

    def _tick(self) -> None:
        """Keep the clock (here and on the projector) up to date while it runs."""
        if self.controller.current_step.id != self.step_id:
            return
        state = self.state()
        shown = (state.speaker, state.clock_text())
        if shown != self._shown:
            if shown[0] != self._shown[0]:
                self._refresh()
            else:
                self._show_clock(state)
            refresh(self.controller)

    def _show_clock(self, state: RoundState) -> None:
        self._shown = (state.speaker, state.clock_text())
        self.clock_label.setText(state.clock_text() if state.speaker else "")
        self.clock_label.setStyleSheet(
            "font-size: 26px; font-weight: bold; font-family: monospace;"
            + (" color: #B3261E;" if state.over_time() else ""))
        self.clock_button.setText("Pause clock (Ctrl+G)" if state.run.running
                                  else "Start clock (Ctrl+G)")

    def _refresh(self) -> None:
        if self.controller.current_step.id != self.step_id:
            return
        state = self.state()
        queue = state.queue
        speaker = state.speaker
        self.now_label.setText(f"Now: {speaker}" if speaker else
                               "Everyone has had a turn")
        nxt = queue.upcoming(3)
        self.next_label.setText("Next: " + ", then ".join(nxt) if nxt else
                                ("" if speaker else "Pick a name below to go again."))
        self._show_clock(state)
        for b in (self.capture_button, self.pass_button, self.skip_button):
            b.setEnabled(speaker is not None)
        taken = list(queue.turns)
        passes = sum(t.passed for t in taken)
        spoke = len({t.who.casefold() for t in taken if not t.passed})
        total = len(queue.names)
        counts = f"{spoke} spoke" + (f", {passes} passed" if passes else "")
        self.count_label.setText(counts + (f" · {total} in the queue" if total else
                                           " · no names: speakers are numbered"))
        rows = list(queue.names)
        for t in taken:
            if not any(r.casefold() == t.who.casefold() for r in rows):
                rows.append(t.who)
        if speaker and not any(r.casefold() == speaker.casefold() for r in rows):
            rows.append(speaker)
        selected = self.queue.currentItem().data(NameRole) if self.queue.currentItem() \
            else None
        self.queue.clear()
        current_row: QListWidgetItem | None = None
        for name in rows:
            turn = queue.turn_of(name)
            is_now = speaker is not None and name.casefold() == speaker.casefold()
            if is_now:
                text = f"▶ {name} — speaking now"
            elif turn is not None and turn.passed:
                text = f"–  {name} (passed)"
            elif turn is not None:
                said = " / ".join(p for p in turn.parts if p) if turn.parts else turn.text
                text = f"✓  {name}: {' '.join(said.split())}"
            elif queue.is_skipped(name):
                text = f"↷  {name} (skipped: Enter to come back to them)"
            else:
                text = f"    {name}"
            row = QListWidgetItem(text)
            row.setData(NameRole, name)
            if is_now:
                font = QFont(row.font())
                font.setBold(True)
                row.setFont(font)
                row.setBackground(QBrush(CURRENT_BACKGROUND))
                row.setForeground(QBrush(QColor("#1A1A1A")))
            elif turn is not None:
                row.setForeground(QBrush(DONE_INK))
            self.queue.addItem(row)
            if name == selected:
                self.queue.setCurrentItem(row)
            if is_now:
                current_row = row
        if current_row is not None:
            self.queue.scrollToItem(current_row)


EDITOR = RoundEditor
