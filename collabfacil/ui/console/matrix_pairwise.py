"""Organisation pairs on the console: each row rates its relationship with each
column, 0 to 5, typed as one digit; pairs who see it differently listed beside."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QVBoxLayout, QWidget

from collabfacil.domain.matrix_checks import SCALE_MAX
from collabfacil.domain.matrix_grid import (
    Pairs,
    asymmetric_cells,
    asymmetries,
    pairs_of,
    rating_items,
    scale_label,
)
from collabfacil.domain.steps.matrix import partner_labels
from collabfacil.ui.console.matrix_table import GridContent, KeyGrid, LabelledGridModel
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.projector.matrix_focus import set_focus

# A light-to-dark sequential blue (ColorBrewer Blues, safe for colour-blind readers);
# the number is always printed too.
HEAT = ("#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6")
ASYMMETRIC = "≠"


class PairwiseEditor(QWidget):
    """Rows rate columns: a digit 0–5 sets the current cell, Delete clears it."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.pairs = Pairs([], {})
        self.model = LabelledGridModel(self)
        self.table = KeyGrid(self.model, self._on_key)
        self.table.setAccessibleName("Ratings: each row rates its relationship with each "
                                     "column")
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.asymmetry_title = QLabel()
        give_look(self.asymmetry_title, "sectionLabel")
        self.asymmetry_list = QListWidget()
        self.asymmetry_list.setAccessibleName("Pairs who rate each other differently")
        self.asymmetry_list.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.asymmetry_title)
        side_layout.addWidget(self.asymmetry_list, 1)
        body = QSplitter()
        body.addWidget(self.table)
        body.addWidget(side)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 1)
        self.scale = QLabel()
        self.scale.setWordWrap(True)
        self.scale.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel("Each row rates its relationship with each column: arrows move · "
                      "0–5 set the rating · Delete clears · Ctrl+Z undoes")
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(body, 1)
        layout.addWidget(self.scale)
        layout.addWidget(hint)
        controller.items_changed.connect(self._on_items_changed)
        self.refresh()
        if len(self.pairs.organisations) > 1:
            self.table.setCurrentIndex(self.model.index(0, 1))

    def focus_capture(self) -> None:
        self.table.setFocus()

    def refresh(self) -> None:
        c = self.controller
        config = c.current_step.config
        self.pairs = pairs_of(config, partner_labels(c.data), c.items("rating"))
        orgs = self.pairs.organisations
        odd = asymmetric_cells(self.pairs)
        content = GridContent(orgs, orgs)
        for (source, target), value in self.pairs.ratings.items():
            mark = f" {ASYMMETRIC}" if (source, target) in odd else ""
            content.text[(source, target)] = f"{value}{mark}"
            content.tint[(source, target)] = HEAT[value]
            words = scale_label(config, value)
            content.tip[(source, target)] = (f"{source} rates {target} {value}"
                                             + (f": {words}" if words else ""))
        content.blocked = {(o, o) for o in orgs}
        self.model.show(content)
        found = asymmetries(self.pairs)
        self.asymmetry_title.setText(
            f"{ASYMMETRIC} Asymmetric pairs (2 or more apart): {len(found)}" if found
            else "Asymmetric pairs: none so far")
        self.asymmetry_list.clear()
        for pair in found:
            self.asymmetry_list.addItem(f"{ASYMMETRIC} {pair.sentence()}")
        labels = [f"{v} {scale_label(config, v)}" for v in range(SCALE_MAX + 1)
                  if scale_label(config, v)]
        self.scale.setText("Scale: " + " · ".join(labels) if labels else "")
        self.scale.setVisible(bool(labels))
        if not orgs:
            self.asymmetry_title.setText("No organisations: give the step `organisations`, "
                                         "or add partners to the workshop.")

    def asymmetry_texts(self) -> list[str]:
        return [self.asymmetry_list.item(i).text() for i in range(self.asymmetry_list.count())]

    def set_rating(self, source: str, target: str, value: int | None) -> None:
        """Rate one cell (None clears it): one undo step."""
        if source == target:
            return
        item = rating_items(self.controller.items("rating")).get((source, target))
        label = f"{source} → {target}: {value if value is not None else 'cleared'}"
        if value is None:
            if item is not None:
                self.controller.delete_item(item, label=label)
            return
        data = {"from": source, "to": target, "value": value}
        if item is None:
            self.controller.add_item("rating", data, label=label)
        else:
            self.controller.update_item(item, data, label=label)

    def _on_key(self, event: QKeyEvent) -> bool:
        key = self.table.current_key()
        if key is None:
            return False
        text = event.text()
        if text.isascii() and text.isdigit():
            if int(text) <= SCALE_MAX:
                self.set_rating(*key, int(text))
            else:
                self.controller.error_raised.emit("Ratings go from 0 to 5.")
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.controller.undo_stack.beginMacro("Clear ratings")
            for source, target in self.table.selected_keys():
                self.set_rating(source, target, None)
            self.controller.undo_stack.endMacro()
            return True
        return False

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.controller.current_step.id:
            self.refresh()

    def _on_current_changed(self, *_: object) -> None:
        key = self.table.current_key()
        if key is not None:
            set_focus(self.controller, row=key[0])
