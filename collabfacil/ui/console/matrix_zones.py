"""Show-of-hands counts per zone on the console: zones × scenarios, typed as digits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from collabfacil.domain.matrix_maps import scenarios_of, zone_count_items, zones_of
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.console.matrix_table import GridContent, KeyGrid, LabelledGridModel
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.projector.matrix_focus import focus, set_focus

NO_SCENARIO = "Hands"  # the column's heading when the step names no scenarios
TITLE_MAX = 26


def scenario_title(index: int, scenario: str) -> str:
    """A short column heading: "2. A partner pulls fun…"."""
    if not scenario:
        return NO_SCENARIO
    text = scenario if len(scenario) <= TITLE_MAX else scenario[: TITLE_MAX - 1] + "…"
    return f"{index + 1}. {text}"


class ZoneCounts(QWidget):
    """Digits type a count into the current cell (Enter, an arrow or leaving saves it
    as one undo step); + and - add or take one; Delete clears."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.extra: list[str] = []  # scenarios added here, before any count
        self._typing: tuple[tuple[str, str], str] | None = None  # cell, digits so far
        self.model = LabelledGridModel(self)
        self.table = KeyGrid(self.model, self._on_key)
        self.table.setAccessibleName("Show of hands per zone")
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.installEventFilter(self)
        self.scenario_box = CaptureBox("New scenario (a column) and Enter")
        self.scenario_box.submitted.connect(self._on_scenario_submitted)
        self.scenario_label = QLabel()
        self.scenario_label.setWordWrap(True)
        self.scenario_label.setTextFormat(Qt.TextFormat.PlainText)
        title = QLabel("Show of hands per zone: type the count, Enter · + / - one more "
                       "or less · Delete clears")
        give_look(title, "hint")
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.scenario_label)
        layout.addWidget(self.scenario_box)
        self.refresh()
        if self.model.rowCount() and self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def scenarios(self) -> list[str]:
        step = self.controller.current_step
        found = scenarios_of(step.config, self.controller.items("zone_count"))
        found += [s for s in self.extra if s not in found]
        return found or [""]

    def refresh(self) -> None:
        zones = [str(z["name"]) for z in zones_of(self.controller.current_step.config)]
        scenarios = self.scenarios()
        content = GridContent(zones, scenarios)
        for (scenario, zone), item in zone_count_items(
                self.controller.items("zone_count")).items():
            content.text[(zone, scenario)] = str(item.data["count"])
        if self._typing is not None:
            content.text[self._typing[0]] = self._typing[1] + "…"
        for i, s in enumerate(scenarios):
            content.column_titles[s] = scenario_title(i, s)
            content.tip.update({(z, s): s or NO_SCENARIO for z in zones})
        self.model.show(content)
        self._show_scenario()

    def _show_scenario(self) -> None:
        key = self.table.current_key()
        scenario = key[1] if key else ""
        self.scenario_label.setText(f"Scenario: {scenario}" if scenario else "")

    # ------------------------------------------------------------ editing

    def set_count(self, zone: str, scenario: str, count: int | None) -> None:
        """Record a zone's count (None clears it), one undo step."""
        item = zone_count_items(self.controller.items("zone_count")).get((scenario, zone))
        label = f"{zone}: {count if count is not None else 'cleared'}"
        if count is None:
            if item is not None:
                self.controller.delete_item(item, label=label)
            return
        data = {"scenario": scenario, "zone": zone, "count": count}
        if item is None:
            self.controller.add_item("zone_count", data, label=label)
        else:
            self.controller.update_item(item, data, label=label)

    def count(self, zone: str, scenario: str) -> int:
        item = zone_count_items(self.controller.items("zone_count")).get((scenario, zone))
        return int(item.data["count"]) if item is not None else 0

    def commit(self) -> None:
        """Save the digits being typed, if any."""
        if self._typing is None:
            return
        (zone, scenario), digits = self._typing
        self._typing = None
        if digits:
            self.set_count(zone, scenario, int(digits))
        else:
            self.refresh()

    def _on_key(self, event: QKeyEvent) -> bool:
        key = self.table.current_key()
        if key is None:
            return False
        zone, scenario = key
        text = event.text()
        if text.isdigit() and text.isascii():
            digits = self._typing[1] if self._typing and self._typing[0] == key else ""
            self._typing = (key, (digits + text).lstrip("0")[:5] or "0")
            self.refresh()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
            return True
        if event.key() == Qt.Key.Key_Backspace and self._typing is not None:
            self._typing = (key, self._typing[1][:-1])
            self.refresh()
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._typing = None
            self.set_count(zone, scenario, None)
            return True
        if text in ("+", "=", "-"):
            self.commit()
            now = self.count(zone, scenario)
            self.set_count(zone, scenario, now + 1 if text != "-" else max(0, now - 1))
            return True
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left,
                           Qt.Key.Key_Right, Qt.Key.Key_Tab):
            self.commit()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False

    def _on_current_changed(self, *_: object) -> None:
        key = self.table.current_key()
        if key is not None:
            self._show_scenario()
            if focus(self.controller).get("scenario") != key[1]:
                set_focus(self.controller, scenario=key[1])

    def _on_scenario_submitted(self, text: str) -> None:
        scenario = " ".join(text.split())
        if not scenario:
            self.controller.error_raised.emit("The scenario is empty: type something first.")
            return
        if scenario not in self.scenarios():
            self.extra.append(scenario)
        self.scenario_box.accept_capture()
        self.refresh()
        self.table.go_to(column=scenario)
