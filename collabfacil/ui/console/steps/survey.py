"""Survey on the console: type paper slips, or tally a show of fingers per statement.

A slip is one character per statement: 1–5, x (or 0 or ?) for don't know, a
space to skip. Enter adds the whole slip to every statement's tally as one
undoable command, and counts the slip. With the focus in the statements table,
a digit key adds one vote at that rating to the selected statement (0 or x:
don't know); Shift+digit or Backspace takes one away. Only counts are stored,
never a slip. The facilitator sees the results here at once; the room only
after "Reveal".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.steps.survey import (
    DK,
    DONT_KNOW,
    SCALE,
    describe_slip,
    format_number,
    has_radar,
    not_enough,
    parse_slip,
    responses_so_far,
    results,
    settings,
    slips_entered,
    tally_item,
)
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.console.steps.spectrum import digit_of
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look, plain_label
from collabfacil.ui.projector.steps.survey import RADAR, STATEMENTS, responses_text, set_view

COLUMNS = ("#", "Statement", "1", "2", "3", "4", "5", "DK", "n", "Mean", "Spread", "Flags")


def _answer_name(answer: int) -> str:
    return DONT_KNOW.lower() if answer == DK else f"{answer} ({SCALE[answer - 1].lower()})"


class SurveyEditor(QWidget):
    """The slip box, the table of statements with their counts, and the projector's view."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        step = controller.current_step
        self.step_id = step.id
        self.settings = settings(step.config)
        self._last: dict[int, int] = {}  # statement -> the answer last changed
        n = len(self.settings.statements)
        self.slip = CaptureBox(f"Type one slip: {n} characters, 1–5, x = don't know, "
                               "space = skip; Enter adds it")
        self.slip.setAccessibleName("Type one paper slip")
        self.slip.setMaxLength(max(1, n))
        self.slip.submitted.connect(self._on_slip_submitted)
        self.slip.textChanged.connect(self._on_slip_edited)
        self.preview = plain_label(name="hint")
        self.count_label = plain_label(name="sectionLabel", wrap=False)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Statements and their counts: digits add a vote")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.installEventFilter(self)
        self.view_buttons = QButtonGroup(self)
        views = QHBoxLayout()
        views.addWidget(QLabel("Once revealed, the projector shows:"))
        for view, text in ((STATEMENTS, "&Statements"), (RADAR, "Radar by &category")):
            button = QRadioButton(text)
            button.setChecked(view == STATEMENTS)
            button.toggled.connect(lambda on, v=view: on and set_view(self.controller, v))
            self.view_buttons.addButton(button)
            views.addWidget(button)
            if view == RADAR and not has_radar(step.config):
                button.setEnabled(False)
                button.setToolTip("A radar needs statements in at least three categories")
        views.addStretch(1)
        self.privacy = QLabel()
        self.privacy.setTextFormat(Qt.TextFormat.PlainText)
        self.privacy.setWordWrap(True)
        self.message = plain_label(name="errorMessage")
        hint = QLabel("In the table: 1–5 adds a vote for the selected statement, 0 or x "
                      "a don't know · Shift+digit or Backspace takes one away · "
                      "Ctrl+R reveals the results to the room")
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slip)
        layout.addWidget(self.preview)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(views)
        layout.addWidget(self.privacy)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        controller.items_changed.connect(self._on_items_changed)
        controller.step_state_changed.connect(self._show_privacy)
        controller.error_raised.connect(self.message.setText)
        self.refresh()
        if n:
            self.table.selectRow(0)
        set_view(controller, STATEMENTS)

    def focus_capture(self) -> None:
        self.slip.setFocus()

    # ------------------------------------------------------------ slips

    def _on_slip_edited(self, text: str) -> None:
        if not text:
            self.preview.setText("")
            return
        try:
            answers = parse_slip(text, len(self.settings.statements))
        except ValidationError as exc:
            self.preview.setText(exc.message)
            return
        self.preview.setText(describe_slip(answers))

    def _on_slip_submitted(self, text: str) -> None:
        """Enter: add the slip to every statement's tally, one undoable command."""
        self.message.clear()
        try:
            answers = parse_slip(text, len(self.settings.statements))
        except ValidationError as exc:
            self.message.setText(exc.message)
            return
        if all(a is None for a in answers):
            self.message.setText("The slip skips every statement: there is nothing to add.")
            return
        number = slips_entered(self.controller.items()) + 1
        stack = self.controller.undo_stack
        stack.beginMacro(f"Add slip {number}")
        saved = True
        try:
            for statement, answer in enumerate(answers):
                if answer is not None:
                    saved = self._add(statement, answer, +1,
                                      label=f"Add slip {number}") and saved
            slips = next(iter(self.controller.items("slips")), None)
            if slips is None:
                counted = self.controller.add_item("slips", {"count": 1},
                                                   label=f"Add slip {number}")
            else:
                counted = self.controller.update_item(
                    slips, {"count": int(slips.data["count"]) + 1},
                    label=f"Add slip {number}")
            saved = saved and counted is not None
        finally:
            stack.endMacro()
        if saved:  # else (the disk full) the slip stays in the box, and the message says why
            self.slip.accept_capture()

    # ------------------------------------------------------------ show of fingers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            return self.handle_key(event)
        return super().eventFilter(watched, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Digits tally the selected statement; True when the key was used."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier):
            return False
        statement = self.table.currentRow()
        if statement < 0:
            return False
        key = event.key()
        remove = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        answer: int | None = None
        digit = digit_of(event)
        if digit is not None:
            answer, remove = digit
        elif key in (Qt.Key.Key_0, Qt.Key.Key_X, Qt.Key.Key_Question):
            answer = DK
        elif key == Qt.Key.Key_ParenRight:  # Shift+0
            answer, remove = DK, True
        elif key == Qt.Key.Key_Backspace:
            answer = self._last.get(statement)
            remove = True
            if answer is None:
                self.message.setText("Backspace takes away the vote last added to this "
                                     "statement; press Shift and the digit instead.")
                return True
        else:
            return False
        self.message.clear()
        if answer > 5:
            self.message.setText("Ratings go from 1 to 5 (0 or x: don't know).")
            return True
        self._add(statement, answer, -1 if remove else +1,
                  label=f"{'Take away' if remove else 'Add'} a vote: statement "
                        f"{statement + 1}, {_answer_name(answer)}")
        return True

    def _add(self, statement: int, answer: int, delta: int, *, label: str) -> bool:
        """One more (or fewer) answer for a statement: update its tally, or start one.
        False if it was refused or not saved."""
        item = tally_item(self.controller.items(), statement)
        counts = list(item.data["counts"]) if item else [0] * 6
        if counts[answer] + delta < 0:
            self.message.setText(f"Statement {statement + 1} has no "
                                 f"{_answer_name(answer)} to take away.")
            return False
        counts[answer] += delta
        data = {"statement": statement, "counts": counts}
        if item is None:
            done = self.controller.add_item("tally", data, label=label) is not None
        else:
            done = self.controller.update_item(item, data, label=label) is not None
        if done:
            self._last[statement] = answer
        return done

    # ------------------------------------------------------------ refresh

    def refresh(self) -> None:
        """The counts and statistics of every statement (the facilitator sees them all)."""
        items = self.controller.items()
        found = results(self.controller.current_step.config, items)
        row = self.table.currentRow()
        self.table.setRowCount(len(found))
        for i, r in enumerate(found):
            text = r.statement.text + (" (reverse-scored)" if r.statement.reverse else "")
            if r.statement.category:
                text += f"  [{r.statement.category}]"
            cells = [str(r.number), text, *(str(c) for c in r.ratings), str(r.dont_know),
                     str(r.n)]
            if r.shown:
                cells += [format_number(r.mean), format_number(r.spread), ", ".join(r.flags)]
            else:
                cells += ["—", "—", f"hidden: n < {r.min_responses}"]
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                if column != 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, column, cell)
        if 0 <= row < len(found):
            self.table.selectRow(row)
        slips = slips_entered(items)
        self.count_label.setText(f"{slips} slip{'s' if slips != 1 else ''} entered · "
                                 f"{responses_text(responses_so_far(found, items))}")
        if not found:
            self.count_label.setText("This survey has no statements: they come from the "
                                     "exercise file.")
        self._show_privacy()

    def _show_privacy(self) -> None:
        s = self.settings
        room = ("The room sees the results (statements with fewer than "
                f"{s.min_responses} ratings say “{not_enough(s.min_responses)}”)."
                if self.controller.revealed else
                "The room sees only how many responses there are, until you reveal.")
        self.privacy.setText(room)

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.step_id == self.controller.current_step.id:
            self.refresh()


EDITOR = SurveyEditor
