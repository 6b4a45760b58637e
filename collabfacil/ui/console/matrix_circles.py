"""Circles on the console: a list per ring, entries added into the chosen ring and
moved between rings with the keyboard (moving outwards is what a leader gives)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.matrix_maps import by_ring, gives, moved_data, rings_of
from collabfacil.domain.model import StepItem
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look

MOVED = "➜"


class CirclesEditor(QWidget):
    """One list per ring, innermost first; Left/Right (or [ and ]) move the selected
    entry to the neighbouring ring, Delete removes it, each one undo step."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rings = rings_of(controller.current_step.config)
        self.ring = 0  # where the next entry goes
        self.capture = CaptureBox("Type what this leader decides, influences or would "
                                  "share, and press Enter")
        self.capture.submitted.connect(self._on_capture_submitted)
        self.into = QComboBox()
        self.into.setAccessibleName("Ring for the next entry")
        for i, ring in enumerate(self.rings):
            self.into.addItem(f"{i + 1}. {ring} (Alt+{i + 1})")
        self.into.currentIndexChanged.connect(self._on_into_changed)
        self.organisation = QComboBox()
        self.organisation.setAccessibleName("Organisation of the next entry")
        self.organisation.addItem("No organisation", "")
        for org in controller.data.organisations:
            self.organisation.addItem(org.name, org.label)
        top = QVBoxLayout()  # the box full width; where it goes and whose, below it
        top.addWidget(self.capture)
        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Into:"))
        pickers.addWidget(self.into, 1)
        pickers.addWidget(QLabel("Organisation:"))
        pickers.addWidget(self.organisation, 1)
        top.addLayout(pickers)
        self.lists: list[QListWidget] = []
        rings_row = QHBoxLayout()
        for i, ring in enumerate(self.rings):
            column = QVBoxLayout()
            title = QLabel(f"{i + 1}. {ring}")
            give_look(title, "sectionLabel")
            title.setWordWrap(True)
            title.setTextFormat(Qt.TextFormat.PlainText)
            box = QListWidget()
            box.setAccessibleName(ring)
            box.setWordWrap(True)
            box.installEventFilter(self)
            box.currentRowChanged.connect(lambda _row, i=i: self._on_list_used(i))
            column.addWidget(title)
            column.addWidget(box, 1)
            rings_row.addLayout(column, 1)
            self.lists.append(box)
        self.gives_label = QLabel()
        give_look(self.gives_label, "phases")
        self.gives_label.setWordWrap(True)
        self.gives_label.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel("Enter adds to the chosen ring (Alt+1…) · Left / Right or [ ] move "
                      "the selected entry between rings · Delete removes it · Ctrl+Z undoes "
                      f"· {MOVED} marks an entry moved from where it started")
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(rings_row, 1)
        layout.addWidget(self.gives_label)
        layout.addWidget(hint)
        for i in range(min(9, len(self.rings))):
            pick = QAction(self)
            pick.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            pick.triggered.connect(lambda _=False, i=i: self.into.setCurrentIndex(i))
            self.addAction(pick)
        controller.items_changed.connect(self._on_items_changed)
        self.refresh()

    def focus_capture(self) -> None:
        self.capture.setFocus()

    # ------------------------------------------------------------ showing

    def refresh(self, select: str = "") -> None:
        """Fill the lists; ``select`` (a uid) becomes the current entry."""
        config = self.controller.current_step.config
        items = self.controller.items("entry")
        for ring, (box, entries) in enumerate(zip(self.lists, by_ring(config, items),
                                                  strict=True)):
            box.blockSignals(True)
            current = box.currentItem().data(Qt.ItemDataRole.UserRole) if (
                box.currentItem()) else ""
            box.clear()
            for entry in entries:
                mark = f"{MOVED} " if entry.moved_from is not None else ""
                row = QListWidgetItem(mark + entry.label())
                row.setData(Qt.ItemDataRole.UserRole, entry.uid)
                if entry.moved_from is not None:
                    row.setToolTip(f"Moved from “{self.rings[entry.moved_from]}”")
                box.addItem(row)
                if entry.uid in (select, current):
                    box.setCurrentItem(row)
            box.blockSignals(False)
            if select and any(e.uid == select for e in entries):
                box.setFocus()
                self.ring = ring
        given = gives(config, items)
        self.gives_label.setText(
            f"{MOVED} Moved toward “{self.rings[-1]}”: " + "; ".join(e.label() for e in given)
            if given else "")

    def texts(self, ring: int) -> list[str]:
        box = self.lists[ring]
        return [box.item(i).text() for i in range(box.count())]

    # ------------------------------------------------------------ editing

    def _item(self, uid: str) -> StepItem | None:
        return next((i for i in self.controller.items("entry") if i.uid == uid), None)

    def selected(self, box: QListWidget | None = None) -> StepItem | None:
        """The current entry of ``box`` (default: the ring last used)."""
        box = box or self.lists[self.ring]
        row = box.currentItem()
        return self._item(row.data(Qt.ItemDataRole.UserRole)) if row else None

    def move(self, item: StepItem, step: int) -> None:
        """Move an entry one ring in (-1) or out (+1), remembering where it started."""
        ring = int(item.data["ring"]) + step
        if not 0 <= ring < len(self.rings):
            return
        new = self.controller.update_item(
            item, moved_data(item.data, ring),
            label=f"Move “{item.data['text']}” to “{self.rings[ring]}”")
        if new is not None:
            self.refresh(select=new.uid)

    def _on_key(self, box: QListWidget, event: QKeyEvent) -> bool:
        item = self.selected(box)
        if item is None:
            return False
        if event.key() == Qt.Key.Key_Left or event.text() == "[":
            self.move(item, -1)
            return True
        if event.key() == Qt.Key.Key_Right or event.text() == "]":
            self.move(item, +1)
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.controller.delete_item(item, label=f"Remove “{item.data['text']}”")
            return True
        return False

    # ------------------------------------------------------------ handlers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and isinstance(watched, QListWidget)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            return self._on_key(watched, event)
        if event.type() == QEvent.Type.FocusIn and watched in self.lists:
            self._on_list_used(self.lists.index(watched))  # type: ignore[arg-type]
        return False

    def _on_list_used(self, ring: int) -> None:
        self.ring = ring
        if self.into.currentIndex() != ring:
            self.into.blockSignals(True)
            self.into.setCurrentIndex(ring)
            self.into.blockSignals(False)

    def _on_into_changed(self, ring: int) -> None:
        self.ring = ring

    def _on_capture_submitted(self, text: str) -> None:
        data = {"text": text, "ring": self.into.currentIndex(),
                "organisation": self.organisation.currentData() or ""}
        stored = self.controller.add_item("entry", data,
                                          label=f"Add “{' '.join(text.split())[:30]}”")
        if stored is not None:
            self.capture.accept_capture()

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.controller.current_step.id:
            self.refresh()
