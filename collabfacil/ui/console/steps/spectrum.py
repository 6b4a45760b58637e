"""Spectrum on the console: pick a subject, pick now or target, type hands per level.

Keyboard first. With the focus in the hands pad (or the subject list):
digit keys 1..n add one hand at that level, Shift+digit or Backspace takes one
away (Backspace: from the level last changed), N / T or Tab switch between
"now" and "target", Up / Down move between subjects. Every change is one
undoable command. Subjects are added live in the box under the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.steps.spectrum import (
    MARKERS,
    SUBJECT_MAX,
    SubjectResult,
    format_gap,
    gap_words,
    hands_item,
    level_name,
    results,
    settings,
    subject_names,
)
from collabfacil.domain.text import clean_text
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.projector.steps.spectrum import SPLIT, draw_marker, set_focus

# Okabe–Ito, dark enough for a light window: "now" blue circles, "target" vermilion
# diamonds (shape and word as well as colour).
NOW_COLOUR = QColor("#0072B2")
TARGET_COLOUR = QColor("#D55E00")
MARKER_WORD = {"now": "Now", "target": "Target"}

# Shift+digit arrives as the shifted character on most layouts (US and UK here).
_SHIFTED_DIGITS = {
    Qt.Key.Key_Exclam: 1, Qt.Key.Key_At: 2, Qt.Key.Key_QuoteDbl: 2,
    Qt.Key.Key_NumberSign: 3, Qt.Key.Key_sterling: 3, Qt.Key.Key_Dollar: 4,
    Qt.Key.Key_Percent: 5, Qt.Key.Key_AsciiCircum: 6, Qt.Key.Key_Ampersand: 7,
    Qt.Key.Key_Asterisk: 8, Qt.Key.Key_ParenLeft: 9,
}


def digit_of(event: QKeyEvent) -> tuple[int, bool] | None:
    """(digit 1..9, take one away?) for a digit key, Shift+digit or its shifted sign."""
    key = event.key()
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return key - Qt.Key.Key_0, shifted
    if key in _SHIFTED_DIGITS:
        return _SHIFTED_DIGITS[Qt.Key(key)], True
    return None


def _draw(p: QPainter, marker: str, cx: float, cy: float, r: float,
          colour: QColor) -> None:
    draw_marker(p, marker, QPointF(cx, cy), r, colour)


class HandsPad(QWidget):
    """The current subject's hands per level, "now" and "target" side by side.

    It takes the keyboard (see the module's docstring); the editor does the work.
    """

    def __init__(self, editor: SpectrumEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Hands per level: type digits to add hands")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.result: SubjectResult | None = None
        self.setMaximumHeight(64 * (len(editor.levels) + 1))

    def sizeHint(self) -> QSize:
        return QSize(520, 44 * (len(self.editor.levels) + 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 26 * (len(self.editor.levels) + 1))

    def event(self, event: QEvent) -> bool:
        # Tab switches now/target here instead of moving the focus on.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and self.editor.handle_key(event)):
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        levels = self.editor.levels
        rows = len(levels) + 1
        row_h = self.height() / rows
        w = self.width()
        label_w = w * 0.42
        lane_w = (w - label_w) / 2
        font = QFont(self.font())
        font.setPixelSize(max(11, min(18, round(row_h * 0.42))))
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetricsF(font)
        # header: the two markers, the one being typed highlighted
        for i, marker in enumerate(MARKERS):
            x = label_w + i * lane_w
            colour = NOW_COLOUR if marker == "now" else TARGET_COLOUR
            current = marker == self.editor.marker
            if current:
                p.fillRect(QRectF(x, 0, lane_w, self.height()), QColor(colour.red(),
                           colour.green(), colour.blue(), 28))
                p.fillRect(QRectF(x, row_h - 3, lane_w, 3), colour)
            _draw(p, marker, x + row_h * 0.35, row_h / 2, row_h * 0.16, colour)
            p.setPen(pal.text().color())
            p.setFont(bold if current else font)
            key = "N" if marker == "now" else "T"
            p.drawText(QRectF(x + row_h * 0.65, 0, lane_w - row_h * 0.7, row_h),
                       int(Qt.AlignmentFlag.AlignVCenter),
                       f"{MARKER_WORD[marker]} ({key})" + ("  ← typing" if current else ""))
        p.setPen(pal.text().color())
        p.setFont(bold)
        p.drawText(QRectF(6, 0, label_w - 6, row_h), int(Qt.AlignmentFlag.AlignVCenter),
                   "Key · level")
        result = self.result
        biggest = max([1, *(result.now.counts if result else ()),
                       *(result.target.counts if result else ())])
        notes = self.editor.level_notes
        for level, name in enumerate(levels):
            top = row_h * (level + 1)
            if level % 2 == 0:
                p.fillRect(QRectF(0, top, label_w, row_h), pal.alternateBase())
            p.setPen(pal.text().color())
            p.setFont(bold)
            text = f"{level + 1}  {name}"
            p.drawText(QRectF(6, top, label_w - 6, row_h * 0.6 if notes else row_h),
                       int(Qt.AlignmentFlag.AlignVCenter), text)
            if notes:
                small = QFont(font)
                small.setPixelSize(max(10, round(font.pixelSize() * 0.75)))
                p.setFont(small)
                p.setPen(pal.placeholderText().color())
                note = QFontMetricsF(small).elidedText(notes[level],
                                                       Qt.TextElideMode.ElideRight,
                                                       label_w - 30)
                p.drawText(QRectF(6 + metrics.horizontalAdvance("0  "), top + row_h * 0.55,
                                  label_w - 12, row_h * 0.45),
                           int(Qt.AlignmentFlag.AlignTop), note)
            for i, marker in enumerate(MARKERS):
                count = result.marker(marker).counts[level] if result else 0
                x = label_w + i * lane_w + 8
                room = lane_w - 24 - row_h * 0.3 - metrics.horizontalAdvance("000")
                colour = NOW_COLOUR if marker == "now" else TARGET_COLOUR
                bar = room * count / biggest
                cy = top + row_h / 2
                if count:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(colour)
                    p.drawRoundedRect(QRectF(x, cy - row_h * 0.16, bar, row_h * 0.32), 3, 3)
                    draw_marker(p, marker, QPointF(x, cy), row_h * 0.2, colour,
                                outline=pal.base().color())
                p.setPen(pal.text().color())
                p.setFont(bold if count else font)
                p.drawText(QRectF(x + bar + row_h * 0.3, top, 60, row_h),
                           int(Qt.AlignmentFlag.AlignVCenter), str(count))
        if self.hasFocus():
            p.setPen(pal.highlight().color())
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))


class SpectrumEditor(QWidget):
    """Subjects on the left (add more live); the hands pad for the chosen subject."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        step = controller.current_step
        self.step_id = step.id
        s = settings(step.config)
        self.levels = s.levels
        self.level_notes = s.level_notes
        self.subject = ""
        self.marker = "now"
        self._last_level: dict[tuple[str, str], int] = {}

        self.subjects = QListWidget()
        self.subjects.setAccessibleName("Subjects to place")
        self.subjects.setWordWrap(True)
        self.subjects.currentRowChanged.connect(self._on_subject_row_changed)
        self.subjects.installEventFilter(self)
        self.add_box = QLineEdit()
        self.add_box.setPlaceholderText("Add a subject and press Enter")
        self.add_box.setAccessibleName("Add a subject")
        self.add_box.setMaxLength(SUBJECT_MAX)
        self.add_box.returnPressed.connect(self._on_add_subject)
        left = QVBoxLayout()
        left.addWidget(QLabel("Subjects (↑ ↓)"))
        left.addWidget(self.subjects, 1)
        left.addWidget(self.add_box)

        self.marker_buttons = QButtonGroup(self)
        markers = QHBoxLayout()
        markers.addWidget(QLabel("Hands for:"))
        for marker, key in (("now", "N"), ("target", "T")):
            button = QPushButton(f"{MARKER_WORD[marker]} ({key})")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, m=marker: self.set_marker(m))
            self.marker_buttons.addButton(button)
            markers.addWidget(button)
        markers.addStretch(1)
        self.subject_label = QLabel()
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        give_look(self.subject_label, "stepTitle")
        self.subject_label.setWordWrap(True)
        self.pad = HandsPad(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Median levels and gap for this subject")
        self.message = QLabel()
        give_look(self.message, "errorMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        hint = QLabel(f"In the pad: 1–{len(self.levels)} adds a hand at that level · "
                      "Shift+digit or Backspace takes one away · N / T or Tab: now or "
                      "target · Delete (in the list) removes a subject added here")
        give_look(hint, "hint")
        hint.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.subject_label)
        right.addLayout(markers)
        right.addWidget(self.pad, 1)
        right.addWidget(self.summary)
        right.addWidget(self.message)
        right.addWidget(hint)
        right.addStretch(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        controller.items_changed.connect(self._on_items_changed)
        controller.error_raised.connect(self._on_error_raised)
        self.refresh()
        if self.subjects.count():
            self.subjects.setCurrentRow(0)
        self.set_marker("now")

    # ------------------------------------------------------------ queries

    def names(self) -> list[str]:
        return subject_names(self.controller.current_step.config, self.controller.items())

    def result(self, subject: str | None = None) -> SubjectResult | None:
        name = (subject or self.subject).casefold()
        found = results(self.controller.current_step.config, self.controller.items())
        return next((r for r in found if r.name.casefold() == name), None)

    def focus_capture(self) -> None:
        """The pad takes the keyboard: digits go straight to the current subject."""
        if self.subjects.count():
            self.pad.setFocus()
        else:
            self.add_box.setFocus()

    # ------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.subjects and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            if event.key() == Qt.Key.Key_Delete:
                self.delete_subject()
                return True
            return self.handle_key(event)
        return super().eventFilter(watched, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The pad's keys; True when the key was used."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier):
            if key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ControlModifier:
                self.add_box.setFocus()  # Ctrl+Tab: out of the pad
                return True
            return False
        digit = digit_of(event)
        if digit is not None:
            number, remove = digit
            self.change(number - 1, -1 if remove else +1)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.set_marker("target" if self.marker == "now" else "now")
            return True
        if key == Qt.Key.Key_N:
            self.set_marker("now")
            return True
        if key == Qt.Key.Key_T:
            self.set_marker("target")
            return True
        if key == Qt.Key.Key_Backspace:
            level = self._last_level.get((self.subject.casefold(), self.marker))
            if level is None:
                self.message.setText("Backspace takes away a hand from the level last "
                                     "changed; press Shift and the level's digit instead.")
            else:
                self.change(level, -1)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.subjects.count():
            step = -1 if key == Qt.Key.Key_Up else 1
            row = max(0, min(self.subjects.currentRow() + step, self.subjects.count() - 1))
            self.subjects.setCurrentRow(row)
            return True
        return False

    # ------------------------------------------------------------ verbs

    def set_marker(self, marker: str) -> None:
        """Type hands for "now" or "target"."""
        self.marker = marker
        for button, m in zip(self.marker_buttons.buttons(), MARKERS, strict=True):
            button.setChecked(m == marker)
        self.pad.update()

    def select(self, subject: str) -> None:
        names = [n.casefold() for n in self.names()]
        if subject.casefold() in names:
            self.subjects.setCurrentRow(names.index(subject.casefold()))

    def change(self, level: int, delta: int) -> None:
        """One hand more (``delta`` 1) or fewer (-1) at ``level`` for the current
        subject and marker: one undoable command."""
        self.message.clear()
        if not self.subject:
            self.message.setText("Add a subject first: type its name in the box under "
                                 "the list and press Enter.")
            return
        if not 0 <= level < len(self.levels):
            self.message.setText(f"This scale has {len(self.levels)} levels: press 1 to "
                                 f"{len(self.levels)}.")
            return
        items = self.controller.items("hands")
        item = hands_item(items, self.subject, self.marker, level)
        count = int(item.data["count"]) if item else 0
        where = f"{self.subject} · {self.marker} · {self.levels[level]}"
        if delta < 0 and count == 0:
            self.message.setText(f"No hands to take away at {self.levels[level]}.")
            return
        self._last_level[(self.subject.casefold(), self.marker)] = level
        label = f"{'Add a hand' if delta > 0 else 'Take away a hand'}: {where}"
        if item is None:
            self.controller.add_item("hands", {"subject": self.subject,
                                               "marker": self.marker, "level": level,
                                               "count": 1}, label=label)
        elif count + delta == 0:
            self.controller.delete_item(item, label=label)
        else:
            self.controller.update_item(item, {**item.data, "count": count + delta},
                                        label=label)

    def _on_add_subject(self) -> None:
        self.message.clear()
        try:
            name = clean_text(self.add_box.text(), field="name", label="The subject's name",
                              max_length=SUBJECT_MAX, multiline=False)
        except ValidationError as exc:
            self.message.setText(exc.message)
            return
        if name.casefold() in {n.casefold() for n in self.names()}:
            self.message.setText(f"'{name}' is already a subject.")
            self.select(name)
            return
        if self.controller.add_item("subject", {"name": name},
                                    label=f"Add subject “{name}”") is not None:
            self.add_box.clear()
            self.select(name)
            self.pad.setFocus()

    def delete_subject(self) -> None:
        """Delete: remove a subject added here, and its hands (one undo step)."""
        self.message.clear()
        subject = self.subject
        added = [i for i in self.controller.items("subject")
                 if str(i.data["name"]).casefold() == subject.casefold()]
        if not added:
            if subject:
                self.message.setText(f"'{subject}' comes from the exercise and stays; "
                                     "only subjects added here can be removed.")
            return
        hands = [i for i in self.controller.items("hands")
                 if str(i.data["subject"]).casefold() == subject.casefold()]
        self.controller.undo_stack.beginMacro(f"Remove subject “{subject}”")
        for item in [*hands, *added]:
            self.controller.delete_item(item)
        self.controller.undo_stack.endMacro()

    # ------------------------------------------------------------ refresh

    def refresh(self) -> None:
        """Redraw the list, the pad and the summary from the controller's items."""
        found = results(self.controller.current_step.config, self.controller.items())
        current = self.subject
        self.subjects.blockSignals(True)
        self.subjects.clear()
        for r in found:
            item = QListWidgetItem(f"{r.name}\n    now {r.now.total} · target "
                                   f"{r.target.total} · gap {format_gap(r.gap)}")
            item.setData(Qt.ItemDataRole.UserRole, r.name)
            self.subjects.addItem(item)
        names = [r.name.casefold() for r in found]
        if current.casefold() in names:
            self.subjects.setCurrentRow(names.index(current.casefold()))
        self.subjects.blockSignals(False)
        if current.casefold() not in names:
            self.subject = ""
            if found:
                self.subjects.setCurrentRow(0)
        self._show_subject()

    def _show_subject(self) -> None:
        result = self.result() if self.subject else None
        self.pad.result = result
        self.pad.update()
        if result is None:
            self.subject_label.setText("No subject yet: add one in the box on the left.")
            self.summary.setText("")
            return
        self.subject_label.setText(self.subject)
        parts = []
        for marker in MARKERS:
            d = result.marker(marker)
            spread = "" if d.spread is None else f", spread {d.spread:.1f}"
            parts.append(f"{MARKER_WORD[marker]}: {level_name(self.levels, d.median)} "
                         f"({d.total} hands{spread})")
        views = f" · {SPLIT}: views differ" if result.views_differ else ""
        self.summary.setText("   ".join(parts) + f"   Gap: {gap_words(result.gap)}{views}")

    def _on_subject_row_changed(self, row: int) -> None:
        item = self.subjects.item(row)
        self.subject = str(item.data(Qt.ItemDataRole.UserRole)) if item else ""
        set_focus(self.controller, self.subject)
        self._show_subject()

    def _on_items_changed(self, step_id: int) -> None:
        # the console drops this editor on a step change; until it is gone, it
        # must not redraw another step's items with its own levels
        if step_id == self.step_id == self.controller.current_step.id:
            self.refresh()

    def _on_error_raised(self, message: str) -> None:
        self.message.setText(message)


EDITOR = SpectrumEditor
