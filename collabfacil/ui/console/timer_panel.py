"""The step's countdown on the console, with start/pause, +1 minute and reset."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
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
from collabfacil.ui.looks import ERROR, WARNING, Look, set_colours, set_text_look


class TimerPanel(QWidget):
    """Shows the time left (red, with a +, once over time) and the timer buttons."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.clock = QLabel()
        self.clock.setObjectName("timerClock")
        set_text_look(self.clock, Look(28, bold=True))
        # the application's font, with digits all of one width ("tnum": the default
        # in Segoe UI and DejaVu Sans, not in every font), so the time keeps still
        font = self.clock.font()
        font.setFeature(QFont.Tag("tnum"), 1)
        self.clock.setFont(font)
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
        self.flash = ""  # the clock's background while it flashes
        self._colours: tuple[str, str] | None = None  # (text, background) as shown
        self._flash_ends = QTimer(self)
        self._flash_ends.setSingleShot(True)
        self._flash_ends.setInterval(2500)
        self._flash_ends.timeout.connect(self._end_flash)
        controller.step_changed.connect(self._on_timer_ticked)
        self._on_timer_ticked()

    def _on_timer_ticked(self, *_: object) -> None:
        remaining = self.controller.remaining_seconds()
        self.clock.setText(format_clock(remaining))
        colours = (ERROR if remaining < 0 else WARNING if remaining <= 60 else "",
                   self.flash)
        if colours != self._colours:  # (a new palette every second would be waste)
            self._colours = colours
            set_colours(self.clock, text=colours[0], background=colours[1])
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
        self.flash = "#FFE08A" if moment == "one_minute" else "#F4B6AE"
        self._on_timer_ticked()
        self._flash_ends.start()
        if self.sound:
            QApplication.beep()

    def _end_flash(self) -> None:
        self.flash = ""
        self._on_timer_ticked()
