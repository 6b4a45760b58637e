"""The agenda of the workshop editor: build, reorder and adjust the steps.

Steps come from a template or from the library (an exercise in its standard or
short length, or a plain step of any type); they are removed, reordered by drag
and drop or with Alt+Up / Alt+Down, and each one's title, prompt and minutes
are edited beside the list. Nothing is written here: the editor saves the lot.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import MINUTES_MAX, Step
from collabfacil.domain.planning import (
    definition_of,
    exercise_steps,
    minutes_between,
    start_times,
    with_length,
    with_minutes,
)
from collabfacil.domain.sources import follow_renames
from collabfacil.domain.steps import STEP_TYPES, step_type
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.people_editor import FormError, small_button

_KEY = Qt.ItemDataRole.UserRole


def _plain(text: str = "", *, name: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


class AgendaEditor(QWidget):
    """The steps on the left; the selected step's details and the library on the right."""

    changed = Signal()

    def __init__(self, repo: WorkshopRepository, library: Library | None,
                 steps: list[Step], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.library = library
        self.starts_at = ""
        self.ends_at = ""
        self._steps: dict[int, Step] = {}  # by the list item's key
        self._texts: dict[int, tuple[str, str]] = {}  # (title, prompt) as typed
        self._next_key = 0
        self.confirmed_removals: set[int] = set()  # stored steps the facilitator let go
        self._showing: int | None = None
        self.template_key: str | None = None  # set when a template's agenda replaced it

        self.list = QListWidget()
        self.list.setObjectName("agendaSteps")
        self.list.setAccessibleName("Agenda steps")
        self.list.setAccessibleDescription(
            "Drag a step, or press Alt+Up or Alt+Down, to move it; Delete removes it.")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget::item { padding: 2px 4px; }")
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.list.model().rowsMoved.connect(lambda *_: self._after_reorder())

        self.title_box = QLineEdit()
        self.title_box.setAccessibleName("Step title")
        self.title_box.textChanged.connect(self._on_text_edited)
        self.minutes_box = QSpinBox()
        self.minutes_box.setRange(0, MINUTES_MAX)
        self.minutes_box.setSuffix(" min")
        self.minutes_box.setAccessibleName("Step minutes")
        self.minutes_box.valueChanged.connect(self._on_minutes_changed)
        self.standard_button = small_button("Standard", "Use the exercise's standard "
                                            "length for this step", lambda: self.use_length(
                                                short=False))
        self.short_button = small_button("Short", "Use the exercise's short length for "
                                         "this step", lambda: self.use_length(short=True))
        self.about = _plain(name="hint")
        self.about.setAccessibleName("About this step")
        self.prompt_box = QPlainTextEdit()
        self.prompt_box.setAccessibleName("Prompt shown to the room")
        self.prompt_box.setTabChangesFocus(True)
        self.prompt_box.textChanged.connect(self._on_text_edited)

        self.exercises = QComboBox()
        self.exercises.setAccessibleName("Exercise from the library")
        self.step_types = QComboBox()
        self.step_types.setAccessibleName("Type of plain step")
        self.templates = QComboBox()
        self.templates.setAccessibleName("Template")
        for box in (self.exercises, self.step_types, self.templates):
            # Long titles: the box may be narrower than its longest entry.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(16)
        self._fill_library()

        self._build_layout()
        for step in steps:
            self._append(step)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._show_selected()
        for keys, slot in (("Alt+Up", lambda: self.move(-1)), ("Alt+Down", lambda: self.move(1))):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        remove = QAction(self.list)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.list.addAction(remove)

    # ---------------------------------------------------------------- build

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        steps_label = QLabel("&Steps, in order")
        steps_label.setObjectName("sectionLabel")
        steps_label.setBuddy(self.list)
        left.addWidget(steps_label)
        left.addWidget(self.list, 1)
        moves = QHBoxLayout()
        moves.addWidget(small_button("Move up", "Move the selected step up (Alt+Up)",
                                     lambda: self.move(-1)))
        moves.addWidget(small_button("Move down", "Move the selected step down (Alt+Down)",
                                     lambda: self.move(1)))
        moves.addWidget(small_button("&Remove step", "Remove the selected step (Delete)",
                                     self.remove_selected))
        moves.addStretch(1)
        left.addLayout(moves)

        details = QGroupBox("Selected step")
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self.title_box)
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes_box)
        minutes_row.addWidget(self.standard_button)
        minutes_row.addWidget(self.short_button)
        minutes_row.addStretch(1)
        minutes_label = QLabel("&Minutes")
        minutes_label.setBuddy(self.minutes_box)
        form.addRow(minutes_label, minutes_row)
        form.addRow("", self.about)
        form.addRow("Pro&mpt", self.prompt_box)

        add = QGroupBox("Add to the agenda (after the selected step)")
        add_form = QFormLayout(add)
        add_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        exercise_row = QHBoxLayout()
        exercise_row.addWidget(self.exercises, 1)
        self.add_standard_button = small_button(
            "Add standard", "Add the exercise in its standard length",
            lambda: self.add_exercise(short=False))
        self.add_short_button = small_button(
            "Add short", "Add the exercise in its short length",
            lambda: self.add_exercise(short=True))
        exercise_row.addWidget(self.add_standard_button)
        exercise_row.addWidget(self.add_short_button)
        exercise_label = QLabel("&Exercise")
        exercise_label.setBuddy(self.exercises)
        add_form.addRow(exercise_label, exercise_row)
        plain_row = QHBoxLayout()
        plain_row.addWidget(self.step_types, 1)
        plain_row.addWidget(small_button("Add step", "Add a plain step of this type "
                                         "(e.g. a welcome or a break)", self.add_plain_step))
        plain_label = QLabel("Plain ste&p")
        plain_label.setBuddy(self.step_types)
        add_form.addRow(plain_label, plain_row)
        template_row = QHBoxLayout()
        template_row.addWidget(self.templates, 1)
        self.use_template_button = small_button(
            "Use this agenda…", "Replace the whole agenda with the template's",
            self.use_template)
        template_row.addWidget(self.use_template_button)
        template_label = QLabel("Temp&late")
        template_label.setBuddy(self.templates)
        add_form.addRow(template_label, template_row)

        right = QVBoxLayout()
        right.addWidget(details, 3)
        right.addWidget(add, 0)
        halves = QSplitter()
        halves.setChildrenCollapsible(False)
        for part in (left, right):
            holder = QWidget()
            part.setContentsMargins(0, 0, 0, 0)
            holder.setLayout(part)
            halves.addWidget(holder)
        halves.setSizes([440, 700])
        layout = QHBoxLayout(self)
        layout.addWidget(halves)

    def _fill_library(self) -> None:
        for name, kind in sorted(STEP_TYPES.items(), key=lambda kv: kv[1].label):
            self.step_types.addItem(f"{kind.label}: {kind.description}", name)
        index = self.step_types.findData("brainstorm")
        self.step_types.setCurrentIndex(max(index, 0))
        if self.library is None:
            for box in (self.exercises, self.templates):
                box.addItem("(the exercise library could not be read)")
                box.setEnabled(False)
            return
        for key, ex in sorted(self.library.exercises.items(), key=lambda kv: _key_order(kv[0])):
            self.exercises.addItem(
                f"{key} · {ex.minutes} min (short {ex.short_minutes}) · {ex.title}", key)
        library = self.library
        lengths = {key: library.template_minutes(key) for key in library.templates}
        for key, t in sorted(library.templates.items(),
                             key=lambda kv: (lengths[kv[0]], kv[1].title)):
            self.templates.addItem(f"{t.title} · {lengths[key]} min", key)

    # ---------------------------------------------------------------- model

    def _append(self, step: Step, at: int | None = None) -> QListWidgetItem:
        key = self._next_key
        self._next_key += 1
        self._steps[key] = step
        self._texts[key] = (step.title, step.prompt)
        item = QListWidgetItem()
        item.setData(_KEY, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
        if at is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(at, item)
        return item

    def keys(self) -> list[int]:
        """The steps' keys in agenda order (as dragged)."""
        return [int(self.list.item(i).data(_KEY)) for i in range(self.list.count())]

    def minutes(self) -> list[int]:
        return [self._steps[k].minutes for k in self.keys()]

    def titles(self) -> list[str]:
        """The titles as typed, in order (for tests and the summary)."""
        return [self._texts[k][0] for k in self.keys()]

    def current_key(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(_KEY)) if item is not None else None

    def set_slot(self, starts_at: str, ends_at: str) -> None:
        """The workshop's time slot: when each step begins, and which run past the end."""
        self.starts_at, self.ends_at = starts_at, ends_at
        self._relabel()

    def _relabel(self) -> None:
        keys = self.keys()
        minutes = [self._steps[k].minutes for k in keys]
        times = start_times(self.starts_at, minutes)
        slot = minutes_between(self.starts_at, self.ends_at)
        elapsed = 0
        for i, (key, when) in enumerate(zip(keys, times, strict=True)):
            step = self._steps[key]
            elapsed += step.minutes
            late = slot is not None and elapsed > slot
            title = self._texts[key][0].strip() or "(no title)"
            origin = f" · {step.exercise_key}" if step.exercise_key else ""
            past = f" · ⚠ past {self.ends_at}" if late else ""
            item = self.list.item(i)
            item.setText(f"{when + '  ' if when else ''}{i + 1}. {title}\n"
                         f"{step.minutes} min · {step_type(step.type).label}{origin}{past}")
            item.setForeground(QBrush(QColor("#B3261E")) if late else QBrush())
            item.setToolTip(title + (f"\nRuns past the end of the slot ({self.ends_at})"
                                     if late else ""))

    # --------------------------------------------------------------- detail

    def _show_selected(self) -> None:
        key = self.current_key()
        self._showing = None  # while filling, edits are not written back
        enabled = key is not None
        for widget in (self.title_box, self.minutes_box, self.prompt_box):
            widget.setEnabled(enabled)
        if key is None:
            self.title_box.clear()
            self.prompt_box.clear()
            self.about.setText("The agenda is empty: add an exercise, a plain step "
                               "or a template's agenda below.")
            self.standard_button.setVisible(False)
            self.short_button.setVisible(False)
            self._relabel()
            return
        step = self._steps[key]
        title, prompt = self._texts[key]
        self.title_box.setText(title)
        self.prompt_box.setPlainText(prompt)
        self.minutes_box.setValue(step.minutes)
        self._describe(step)
        self._showing = key
        self._relabel()

    def _describe(self, step: Step) -> None:
        kind = step_type(step.type)
        about = [kind.label + (f" · from exercise {step.exercise_key}"
                               if step.exercise_key else " · a plain step")]
        if self.library is not None and step.exercise_key in self.library.exercises:
            about[0] += f" ({self.library.exercises[step.exercise_key].title})"
        if step.phases:
            about.append("Timed phases: " + " → ".join(
                f"{p.title} {p.minutes}" for p in step.phases)
                + " min (shared out again when you change the minutes)")
        if step.id is not None:
            captured = self.repo.step_captures(step.id)
            if captured.total:
                about.append(f"Already holds {captured.describe()}.")
        self.about.setText("\n".join(about))
        definition = definition_of(self.library, step) if self.library else None
        for button, short in ((self.standard_button, False), (self.short_button, True)):
            button.setVisible(definition is not None)
            if definition is not None:
                minutes = definition.short_minutes if short else definition.minutes
                button.setText(f"{'Short' if short else 'Standard'}: {minutes} min")
                button.setAccessibleName(button.text())

    def _on_text_edited(self, *_: object) -> None:
        if self._showing is None:
            return
        self._texts[self._showing] = (self.title_box.text(), self.prompt_box.toPlainText())
        self._relabel()
        self.changed.emit()

    def _on_minutes_changed(self, minutes: int) -> None:
        if self._showing is None:
            return
        step = self._steps[self._showing]
        if step.minutes != minutes:
            self._steps[self._showing] = with_minutes(step, minutes)
            self._describe(self._steps[self._showing])
            self._relabel()
            self.changed.emit()

    def set_minutes(self, minutes: int) -> None:
        """Set the selected step's minutes (as typing in the box does)."""
        self.minutes_box.setValue(minutes)

    def use_length(self, *, short: bool) -> None:
        """The selected step back to its exercise's standard or short length."""
        key = self.current_key()
        if key is None or self.library is None:
            return
        step = self._steps[key]
        definition = definition_of(self.library, step)
        if definition is None:
            return
        self._steps[key] = with_length(step, definition, short=short)
        self._show_selected()
        self.changed.emit()

    # -------------------------------------------------------------- editing

    def _insert(self, steps: list[Step]) -> None:
        row = self.list.currentRow()
        at = row + 1 if row >= 0 else self.list.count()
        for offset, step in enumerate(steps):
            last = self._append(step, at + offset)
        if steps:  # the next addition goes after these, in the order they were added
            self.list.setCurrentItem(last)
        self._relabel()
        self.changed.emit()

    def add_exercise(self, key: str | None = None, *, short: bool) -> None:
        """Add a library exercise (the one chosen, or ``key``) after the selected step."""
        if self.library is None:
            return
        key = key or self.exercises.currentData()
        if key not in self.library.exercises:
            return
        self._insert(exercise_steps(self.library.exercises[key], short=short))

    def add_plain_step(self, type_name: str | None = None) -> None:
        """Add a plain step of the chosen type, ready for its title."""
        name = type_name or self.step_types.currentData()
        self._insert([Step(type=name, title="New step", minutes=10)])
        self.title_box.setFocus()
        self.title_box.selectAll()

    def use_template(self, key: str | None = None) -> bool:
        """Replace the whole agenda with a template's, after asking."""
        if self.library is None:
            return False
        key = key or self.templates.currentData()
        if key not in self.library.templates:
            return False
        title = self.library.templates[key].title
        stored = [self._steps[k] for k in self.keys() if self._steps[k].id is not None]
        holding = [(s, c) for s in stored
                   if (c := self.repo.step_captures(s.id)).total]  # type: ignore[arg-type]
        if self.list.count():
            question = f"Replace the {self.list.count()} steps of this agenda with “{title}”?"
            if holding:
                question += " These steps hold what the room produced, which goes with them " \
                            "when you save: " + "; ".join(
                                f"“{s.title}” ({c.describe()})" for s, c in holding) + "."
            if not dialogs.confirm(self, "Use a template's agenda", question,
                                   action="Replace the agenda"):
                return False
        self.confirmed_removals.update(s.id for s, _ in holding)  # type: ignore[misc]
        self.list.clear()
        self._steps.clear()
        self._texts.clear()
        for step in self.library.agenda_steps(key):
            self._append(step)
        self.template_key = key
        self.list.setCurrentRow(0)
        self._relabel()
        self.changed.emit()
        return True

    def remove_selected(self) -> bool:
        """Remove the selected step; one holding captured notes asks first."""
        key = self.current_key()
        if key is None:
            return False
        step = self._steps[key]
        if step.id is not None:
            captured = self.repo.step_captures(step.id)
            if captured.total:
                title = self._texts[key][0].strip() or step.title
                if not dialogs.confirm(
                        self, "Remove step",
                        f"“{title}” holds {captured.describe()}. Remove it? When you save, "
                        "its notes and records are deleted; its actions stay in the plan.",
                        action="Remove step"):
                    return False
                self.confirmed_removals.add(step.id)
        row = self.list.currentRow()
        self.list.takeItem(row)
        del self._steps[key]
        del self._texts[key]
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._show_selected()
        self.changed.emit()
        return True

    def move(self, delta: int) -> bool:
        """Move the selected step up (-1) or down (+1): Alt+Up / Alt+Down."""
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return False
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._after_reorder()
        return True

    def _after_reorder(self) -> None:
        self._relabel()
        self.changed.emit()

    # -------------------------------------------------------------- collect

    def collect(self) -> list[Step]:
        """The agenda as edited, checked; raises FormError at the first bad field."""
        out = []
        renamed: dict[str, str] = {}
        for i, key in enumerate(self.keys()):
            title, prompt = self._texts[key]
            try:
                out.append(replace(self._steps[key], title=title, prompt=prompt, position=i))
            except ValidationError as exc:
                self.list.setCurrentRow(i)
                widget: QWidget = self.prompt_box if exc.field == "prompt" else self.title_box
                name = title.strip() or self._steps[key].title
                raise FormError(f"Agenda step {i + 1} (“{name}”): {exc.message}",
                                  widget) from None
            if self._steps[key].id is not None:
                renamed[self._steps[key].title] = out[-1].title
        # a vote or cluster naming a renamed step as its source follows the new name
        return follow_renames(out, renamed)


def _key_order(key: str) -> tuple[int, str]:
    """E2 before E10: the number in an exercise key, then the key."""
    digits = "".join(ch for ch in key if ch.isdigit())
    return (int(digits) if digits else 10**6, key)

