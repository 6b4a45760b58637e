"""The 2×2 map on the console: add points by name, place and tag them from the
keyboard or by dragging, and (with zones) count hands per zone."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.matrix_checks import check_item
from collabfacil.domain.matrix_maps import (
    DISPOSITION_WORDS,
    QUADRANT_CENTRES,
    Point,
    points_of,
    quadrant_names,
    zones_of,
)
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.console.matrix_map import MiniMap
from collabfacil.ui.console.matrix_zones import ZoneCounts
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.projector.matrix_focus import set_focus

HINT = ("Map: arrows move the selected point (Shift: further) · [ ] choose the previous / "
        "next point · 1–4 put it in a quadrant · + 0 - its stance · T arrows move its "
        "desired position · X removes that · Delete removes the point · drag to place")


class QuadrantEditor(QWidget):
    """A name box, the map, the list of points, and the zone counts when there are zones."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        config = controller.current_step.config
        self.names = quadrant_names(config)
        self.points: list[Point] = []
        self.current = ""
        self.capture = CaptureBox("Type a name (a stakeholder) and press Enter")
        self.capture.submitted.connect(self._on_capture_submitted)
        self.capture.installEventFilter(self)
        self.lands = QComboBox()
        self.lands.setAccessibleName("Where a new point lands")
        self.lands.addItem("Centre (Alt+0)")
        for i, name in enumerate(self.names):
            self.lands.addItem(f"{i + 1}. {name} (Alt+{i + 1})")
        self.map = MiniMap(self._on_key)
        self.map.quadrant_names = self.names
        self.map.moved.connect(self._on_map_moved)
        self.map.selected.connect(self.select)
        self.list = QListWidget()
        self.list.setAccessibleName("Points on the map")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.list.installEventFilter(self)
        self.mode_label = QLabel()
        give_look(self.mode_label, "phases")
        top = QHBoxLayout()
        top.addWidget(self.capture, 3)
        top.addWidget(QLabel("Lands in:"))
        top.addWidget(self.lands, 2)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.list, 2)
        self.zones: ZoneCounts | None = None
        if zones_of(config):
            self.zones = ZoneCounts(controller)
            side_layout.addWidget(self.zones, 3)
        body = QSplitter()
        body.addWidget(self.map)
        body.addWidget(side)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        hint = QLabel(HINT)
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addWidget(self.mode_label)
        layout.addWidget(hint)
        for i in range(5):
            pick = QAction(self)
            pick.setShortcut(QKeySequence(f"Alt+{i}"))
            pick.triggered.connect(lambda _=False, i=i: self.lands.setCurrentIndex(i))
            self.addAction(pick)
        controller.items_changed.connect(self._on_items_changed)
        self.refresh()

    def focus_capture(self) -> None:
        self.capture.setFocus()

    # ------------------------------------------------------------ showing

    def refresh(self) -> None:
        self.points = points_of(self.controller.items("point"))
        if self.current not in {p.uid for p in self.points}:
            self.current = self.points[-1].uid if self.points else ""
        self.map.show_points(self.points, self.current)
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.points:
            self.list.addItem(QListWidgetItem(self.describe(p)))
        uids = [p.uid for p in self.points]
        if self.current in uids:
            self.list.setCurrentRow(uids.index(self.current))
        self.list.blockSignals(False)
        self.mode_label.setText("T: the arrows now move the desired position"
                                if self.map.target_mode else "")
        if self.zones is not None:
            self.zones.refresh()

    def describe(self, p: Point) -> str:
        parts = [p.label, self.names[p.quadrant]]
        if p.disposition:
            parts.append(f"{p.disposition} {DISPOSITION_WORDS[p.disposition]}")
        if p.target_quadrant is not None:
            parts.append(f"→ {self.names[p.target_quadrant]}")
        return " · ".join(parts)

    def point(self) -> Point | None:
        return next((p for p in self.points if p.uid == self.current), None)

    def select(self, uid: str) -> None:
        self.current = uid
        self.map.show_points(self.points, uid)
        uids = [p.uid for p in self.points]
        if uid in uids and self.list.currentRow() != uids.index(uid):
            self.list.setCurrentRow(uids.index(uid))
        if uid:
            set_focus(self.controller, point=uid)

    # ------------------------------------------------------------ editing

    def _item(self, uid: str) -> Any:
        return next((i for i in self.controller.items("point") if i.uid == uid), None)

    def change(self, label: str, **changes: Any) -> None:
        """Change the selected point's data (``None`` removes a field), one undo step."""
        item = self._item(self.current)
        if item is None:
            return
        data = {k: v for k, v in {**item.data, **changes}.items() if v is not None}
        self.controller.update_item(item, data, label=label)

    def move(self, uid: str, x: float, y: float, *, target: bool) -> None:
        self.current = uid
        p = self.point()
        if p is None:
            return
        if target:
            self.change(f"Move where “{p.label}” should be", target_x=x, target_y=y)
        else:
            self.change(f"Move “{p.label}”", x=x, y=y)

    def add(self, text: str) -> None:
        try:
            label = str(check_item("point", {"label": text, "x": 0, "y": 0})["label"])
        except ValidationError as exc:
            self.controller.error_raised.emit(exc.message)
            return
        quadrant = self.lands.currentIndex() - 1
        x, y = QUADRANT_CENTRES[quadrant] if quadrant >= 0 else (0.5, 0.5)
        # a new point beside, not on top of, earlier ones placed at the same spot
        near = sum(1 for p in self.points if abs(p.x - x) < 0.12 and abs(p.y - y) < 0.12)
        if near:  # on a spiral round the spot (the golden angle spreads them evenly)
            angle, radius = math.radians(137.5 * near), 0.035 * math.sqrt(near)
            x, y = x + radius * math.cos(angle), y + radius * math.sin(angle)
        data = {"label": label, "x": round(min(0.98, max(0.02, x)), 4),
                "y": round(min(0.98, max(0.02, y)), 4), "disposition": ""}
        stored = self.controller.add_item("point", data, label=f"Add “{label}”")
        if stored is not None:
            self.capture.accept_capture()
            self.select(stored.uid)

    def delete_current(self) -> None:
        item = self._item(self.current)
        if item is not None:
            self.controller.delete_item(item, label=f"Remove “{item.data['label']}”")

    def _on_key(self, event: QKeyEvent) -> bool:
        """Keys for the selected point, from the map or the list."""
        text, p = event.text(), self.point()
        if text in ("[", "]") and self.points:
            uids = [q.uid for q in self.points]
            at = uids.index(self.current) if self.current in uids else 0
            self.select(uids[(at + (1 if text == "]" else -1)) % len(uids)])
            return True
        if text.lower() == "t":
            self.map.target_mode = not self.map.target_mode
            if self.map.target_mode and p is not None and p.target is None:
                self.change(f"Desired position for “{p.label}”", target_x=p.x, target_y=p.y)
            self.refresh()
            return True
        if p is None:
            return False
        if text in ("+", "=", "0", "-"):
            value = "+" if text == "=" else text
            value = "" if p.disposition == value else value
            self.change(f"“{p.label}”: {DISPOSITION_WORDS[value] or 'no stance'}",
                        disposition=value)
            return True
        if text in ("1", "2", "3", "4"):
            x, y = QUADRANT_CENTRES[int(text) - 1]
            self.move(p.uid, x, y, target=self.map.target_mode)
            return True
        if text.lower() == "x":
            self.change(f"No desired position for “{p.label}”", target_x=None,
                        target_y=None)
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_current()
            return True
        return False

    # ------------------------------------------------------------ handlers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.capture and event.key() == Qt.Key.Key_Down:
            self.map.setFocus()  # from the name box straight to the map
            return True
        if watched is self.list and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return self._on_key(event)
        return False

    def _on_capture_submitted(self, text: str) -> None:
        self.add(text)

    def _on_map_moved(self, uid: str, x: float, y: float, target: bool) -> None:
        self.move(uid, x, y, target=target)

    def _on_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.points):
            self.select(self.points[row].uid)

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.controller.current_step.id:
            self.refresh()
