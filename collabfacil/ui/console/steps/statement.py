"""Statement on the console: draft, keep every version, count hands, agree.

Ctrl+Enter in the draft saves it as a new version (the projector shows it);
in the consent pad, A / L / O count one hand each for agree / can live with it
/ object; "Agree this version" marks the latest version agreed. Every change
is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.steps.statement import (
    AGREED,
    CONSENT,
    COUNT_MAX,
    HANDS,
    VERSION,
    Consent,
    StatementSettings,
    StatementState,
    list_lines,
    read_state,
    too_many,
)
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import plain_label

UidRole = Qt.ItemDataRole.UserRole
HAND_KEYS = {Qt.Key.Key_A: "agree", Qt.Key.Key_L: "live_with", Qt.Key.Key_O: "object"}
HAND_LETTERS = {"agree": "A", "live_with": "L", "object": "O"}


class DraftEdit(QPlainTextEdit):
    """The draft: Ctrl+Enter asks to save it; Ctrl+Z with nothing typed to undo
    goes to the application's undo (e.g. of the last save)."""

    save_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.save_requested.emit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            doc = self.document()
            if (event.matches(QKeySequence.StandardKey.Undo) and not doc.isUndoAvailable()) \
                    or (event.matches(QKeySequence.StandardKey.Redo)
                        and not doc.isRedoAvailable()):
                event.ignore()
                return False
        return super().event(event)


class ConsentPad(QFrame):
    """Takes A, L and O while it has the focus: one hand each."""

    hand = Signal(str)  # "agree", "live_with" or "object"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentPad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Consent pad: press A, L or O for each hand")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = HAND_KEYS.get(Qt.Key(event.key()))
        if key and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.hand.emit(key)
            return
        super().keyPressEvent(event)


class StatementEditor(QWidget):
    """The draft on the left; the versions, the consent pad and Agree on the right."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.step_id = controller.current_step.id
        self.settings = StatementSettings.of(controller.current_step.config)
        list_hint = (" One per line." + (f" At most {self.settings.max_items}."
                                         if self.settings.max_items else "")
                     if self.settings.is_list else "")

        self.draft = DraftEdit()
        self.draft.setAccessibleName(f"{self.settings.title}: the draft")
        self.draft.setPlaceholderText(f"Type the {self.settings.title.lower()} as the room "
                                      f"words it.{list_hint} Ctrl+Enter saves a version.")
        self.draft.setTabChangesFocus(True)
        self.draft.save_requested.connect(self.save)
        self.draft.textChanged.connect(self._on_draft_changed)
        self.save_button = QPushButton("Save as new version (Ctrl+Enter)")
        self.save_button.clicked.connect(self.save)
        self.draft_status = plain_label(name="hint")
        self.limit = plain_label(name="errorMessage")

        self.pad = ConsentPad()
        self.pad.hand.connect(self.add_hand)
        self.pad_title = plain_label(name="sectionLabel")
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        for col, (key, label) in enumerate(HANDS):
            button = QPushButton(f"{label} +1 ({HAND_LETTERS[key]})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.add_hand(k))
            spin = QSpinBox()
            spin.setRange(0, COUNT_MAX)
            spin.setAccessibleName(f"Number who say: {label}")
            spin.editingFinished.connect(lambda k=key: self._on_spin_edited(k))
            self.spins[key] = spin
            grid.addWidget(button, 0, col)
            grid.addWidget(spin, 1, col)
        self.consent_summary = plain_label()
        pad_layout = QVBoxLayout(self.pad)
        pad_layout.addWidget(self.pad_title)
        pad_layout.addLayout(grid)
        pad_layout.addWidget(self.consent_summary)
        self.agree_button = QPushButton("Agree this version (Ctrl+Shift+A)")
        self.agree_button.clicked.connect(self.agree)
        self.withdraw_button = QPushButton("Withdraw agreement")
        self.withdraw_button.clicked.connect(self.withdraw)
        self.agreement = plain_label(name="agreement")

        self.history = QListWidget()
        self.history.setAccessibleName("Versions, newest first")
        self.history.setWordWrap(True)
        self.history.currentItemChanged.connect(self._on_history_selected)
        self.history.itemActivated.connect(lambda _item: self.restore())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("The selected version's text")
        self.restore_button = QPushButton("Restore as new draft")
        self.restore_button.setToolTip("Save the selected version again as the newest one "
                                       "(Enter in the list)")
        self.restore_button.clicked.connect(self.restore)
        self.message = plain_label(name="errorMessage")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(plain_label(f"{self.settings.title}: the draft", name="sectionLabel"))
        left_layout.addWidget(self.draft, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.draft_status, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.limit)
        left_layout.addWidget(self.pad)
        agree_row = QHBoxLayout()
        agree_row.addWidget(self.agree_button)
        agree_row.addWidget(self.withdraw_button)
        agree_row.addWidget(self.agreement, 1)
        left_layout.addLayout(agree_row)
        left_layout.addWidget(self.message)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(plain_label("Versions (newest first)", name="sectionLabel"))
        right_layout.addWidget(self.history, 2)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.restore_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(plain_label("Alt+C: the consent pad, then A / L / O per hand · "
                                     "Alt+D: back to the draft · Enter on a version "
                                     "restores it · Ctrl+Z undoes a save, a hand or an "
                                     "agreement", name="hint"))
        self.setStyleSheet(
            "#consentPad { border: 1px solid #B8B8B8; border-radius: 4px; }"
            "#consentPad:focus { border: 3px solid #0072B2; background: #EEF5FA; }"
            "#agreement { color: #00704F; font-weight: bold; }")

        for keys, slot in ((["Alt+C"], self.pad.setFocus),
                           (["Alt+D"], self.draft.setFocus),
                           (["Ctrl+Shift+A"], self.agree)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        controller.items_changed.connect(self._on_items_changed)
        controller.error_raised.connect(self.message.setText)
        latest = self.state().latest
        if latest is not None:
            self.draft.setPlainText(latest.text)
        self._refresh()

    # ----------------------------------------------------------- queries

    def state(self) -> StatementState:
        return read_state(self.controller.items())

    def focus_capture(self) -> None:
        self.draft.setFocus()

    # ----------------------------------------------------------- verbs

    def save(self) -> None:
        """Keep the draft as a new version (never overwriting an earlier one)."""
        text = self.draft.toPlainText()
        latest = self.state().latest
        if latest is not None and text.strip() == latest.text:
            self.message.setText(f"No change since version {latest.number}: edit the draft "
                                 "first.")
            return
        number = len(self.state().versions) + 1
        if self.controller.add_item(VERSION, {"text": text},
                                    label=f"Save version {number}") is not None:
            self.message.clear()
            # Ctrl+Z in the draft now undoes the save, not the typing before it
            self.draft.document().clearUndoRedoStacks()

    def add_hand(self, key: str) -> None:
        """One more hand for ``key`` on the latest version."""
        state = self.state()
        latest = state.latest
        if latest is None:
            self.message.setText("Save a version first: hands are counted for a version.")
            return
        counts = state.consent(latest.uid)
        new = {k: getattr(counts, k) for k, _ in HANDS}
        new[key] += 1
        label = dict(HANDS)[key]
        self._set_consent(state, latest.uid, new, f"{label} +1 on version {latest.number}")

    def set_count(self, key: str, value: int) -> None:
        """Type a count directly (e.g. after counting the room at once)."""
        state = self.state()
        latest = state.latest
        if latest is None:
            self.message.setText("Save a version first: hands are counted for a version.")
            self._refresh()
            return
        counts = state.consent(latest.uid)
        if getattr(counts, key) == value:
            return
        new = {k: getattr(counts, k) for k, _ in HANDS}
        new[key] = value
        label = dict(HANDS)[key]
        self._set_consent(state, latest.uid, new,
                          f"{label}: {value} on version {latest.number}")

    def _set_consent(self, state: StatementState, uid: str, counts: dict[str, int],
                     label: str) -> None:
        data = {"version": uid, **counts}
        existing = state.consent_items.get(uid)
        if existing is not None:
            done = self.controller.update_item(existing, data, label=label)
        else:
            done = self.controller.add_item(CONSENT, data, label=label)
        if done is not None:
            self.message.clear()

    def agree(self) -> None:
        """Mark the latest version as the one the room agreed (moving any earlier mark)."""
        state = self.state()
        latest = state.latest
        if latest is None:
            self.message.setText("There is nothing to agree yet: save a version first.")
            return
        if state.agreed_uid == latest.uid:
            self.message.setText(f"Version {latest.number} is already agreed.")
            return
        over = too_many(self.settings, latest.text)
        if over:
            self.message.setText(over)
            return
        data = {"version": latest.uid}
        label = f"Agree version {latest.number}"
        if state.agreed_item is not None:
            done = self.controller.update_item(state.agreed_item, data, label=label)
        else:
            done = self.controller.add_item(AGREED, data, label=label)
        if done is not None:
            self.message.clear()

    def withdraw(self) -> None:
        """The room has not agreed after all: take the agreement away (undoable)."""
        state = self.state()
        if state.agreed_item is not None:
            self.controller.delete_item(state.agreed_item, label="Withdraw agreement")

    def restore(self) -> None:
        """Save the selected earlier version again as the newest draft."""
        item = self.history.currentItem()
        version = self.state().version(item.data(UidRole)) if item else None
        if version is None:
            self.message.setText("Select a version in the list first.")
            return
        latest = self.state().latest
        if latest is not None and latest.uid == version.uid:
            self.draft.setPlainText(version.text)
            return
        number = len(self.state().versions) + 1
        if self.controller.add_item(
                VERSION, {"text": version.text},
                label=f"Restore version {version.number} as {number}") is not None:
            self.draft.setPlainText(version.text)
            self.draft.setFocus()

    # ----------------------------------------------------------- views

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.step_id:
            self._refresh()

    def _on_spin_edited(self, key: str) -> None:
        self.set_count(key, self.spins[key].value())

    def _on_draft_changed(self) -> None:
        text = self.draft.toPlainText()
        self.limit.setText(too_many(self.settings, text))
        latest = self.state().latest
        if latest is None:
            self.draft_status.setText("Not saved yet: the projector shows nothing until you "
                                      "save.")
        elif not text.strip():
            self.draft_status.setText(f"The projector shows version {latest.number}. Type "
                                      "here, or restore a version, to redraft.")
        elif text.strip() != latest.text:
            self.draft_status.setText(f"Changed: Ctrl+Enter saves it as version "
                                      f"{latest.number + 1} (the projector shows version "
                                      f"{latest.number}).")
        else:
            self.draft_status.setText(f"Saved as version {latest.number}: on the projector.")

    def _on_history_selected(self, item: QListWidgetItem | None,
                             _previous: QListWidgetItem | None = None) -> None:
        version = self.state().version(item.data(UidRole)) if item else None
        self.preview.setPlainText(version.text if version else "")

    def _refresh(self) -> None:
        if self.controller.current_step.id != self.step_id:
            return
        state = self.state()
        latest = state.latest
        consent = state.consent(latest.uid) if latest else Consent()
        self.pad_title.setText(
            f"Consent on version {latest.number}: Alt+C (or click here), then A / L / O "
            "for each hand" if latest else "Consent: save a version first")
        for key, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(consent, key))
            spin.blockSignals(False)
        self.consent_summary.setText(f"{consent.summary()} — {consent.outcome()}"
                                     if latest else "")
        agreed = state.agreed
        self.agreement.setStyleSheet("" if agreed else "color: #555; font-weight: normal;")
        if agreed is None:
            self.agreement.setText("Not agreed yet")
        elif latest is not None and agreed.uid == latest.uid:
            self.agreement.setText(f"✓ Version {agreed.number} agreed")
        else:
            self.agreement.setText(f"✓ Version {agreed.number} agreed; the latest draft is "
                                   f"version {latest.number if latest else '?'}")
        self.withdraw_button.setEnabled(state.agreed_item is not None)
        self.agree_button.setEnabled(latest is not None)
        selected = self.history.currentItem().data(UidRole) if self.history.currentItem() \
            else None
        if len(state.versions) != self.history.count():
            selected = None  # a version was saved or its save undone: show the newest
        self.history.blockSignals(True)
        self.history.clear()
        for version in reversed(state.versions):
            marks = []
            if version.uid == state.agreed_uid:
                marks.append("✓ agreed")
            c = state.consents.get(version.uid)
            if c is not None and c.total:
                marks.append(c.summary())
            first = (list_lines(version.text) or [""])[0] if self.settings.is_list else \
                " ".join(version.text.split())
            row = QListWidgetItem(f"Version {version.number}"
                                  + (f" · {' · '.join(marks)}" if marks else "")
                                  + f"\n{first[:140]}")
            row.setData(UidRole, version.uid)
            self.history.addItem(row)
            if version.uid == selected:
                self.history.setCurrentItem(row)
        if self.history.currentItem() is None and self.history.count():
            self.history.setCurrentRow(0)
        self.history.blockSignals(False)
        self._on_history_selected(self.history.currentItem())
        self.restore_button.setEnabled(bool(state.versions))
        self._on_draft_changed()


EDITOR = StatementEditor
