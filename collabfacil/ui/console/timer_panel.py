"""The step's countdown on the console, with start/pause, +1 minute and reset."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.timer import format_clock
from collabfacil.ui.controller import SessionController


class TimerPanel(QWidget):
    """Shows the time left (red, with a +, once over time) and the timer buttons."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.clock = QLabel()
        self.clock.setObjectName("timerClock")
        self.clock.setAccessibleName("Time left on this step")
        self.start_button = QPushButton("Start")
        self.start_button.setToolTip("Start or pause the timer (Space)")
        self.add_button = QPushButton("+1 min")
        self.add_button.setToolTip("Give this step one more minute")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Back to the step's full time")
        self.pace = QLabel()
        self.pace.setObjectName("pace")
        self.pace.setAccessibleName("Ahead or behind plan, and the forecast finish")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.clock)
        for b in (self.start_button, self.add_button, self.reset_button):
            row.addWidget(b)
        outer.addLayout(row)
        outer.addWidget(self.pace, 0, Qt.AlignmentFlag.AlignRight)
        self.start_button.clicked.connect(controller.toggle_timer)
        self.add_button.clicked.connect(controller.add_minute)
        self.reset_button.clicked.connect(controller.reset_timer)
        controller.timer_ticked.connect(self._on_timer_ticked)
        controller.timer_signalled.connect(self._on_timer_signalled)
        self.sound = True  # the console's menu can turn the chime off
        self.last_signal = ""
        controller.step_changed.connect(self._on_timer_ticked)
        self._on_timer_ticked()

    def _on_timer_ticked(self, *_: object) -> None:
        remaining = self.controller.remaining_seconds()
        self.clock.setText(format_clock(remaining))
        colour = " color: #B3261E;" if remaining < 0 else (
            " color: #8A5300;" if remaining <= 60 else "")
        self.clock.setStyleSheet(
            "font-size: 28px; font-weight: bold; font-family: monospace;" + colour)
        self.start_button.setText("Pause" if self.controller.countdown.running
                                  else "Start")
        outlook = self.controller.forecast()
        planned = sum(s.minutes for s in self.controller.steps)
        self.pace.setText(outlook.describe() if outlook else
                          f"Planned {planned} min · starts with the first timer")

    def _on_timer_signalled(self, moment: str) -> None:
        """One minute left or time up: a flash on the clock, and a chime if wanted.

        QtMultimedia is not used (it needs PulseAudio, absent on many laptops): the
        system beep is the sound, and the flash is always there.
        """
        self.last_signal = moment
        flash = "#FFE08A" if moment == "one_minute" else "#F4B6AE"
        self.clock.setStyleSheet(self.clock.styleSheet() + f" background: {flash};")
        QTimer.singleShot(2500, self._on_timer_ticked)
        if self.sound:
            QApplication.beep()
