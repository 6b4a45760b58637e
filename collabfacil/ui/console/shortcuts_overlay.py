"""F1: the keyboard shortcuts, laid over the console until F1 (or a click) again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from collabfacil.ui.keys import SHORTCUTS


class ShortcutsOverlay(QFrame):
    """A dimmed panel over its parent listing SHORTCUTS; resizes with the parent."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setAccessibleName("Keyboard shortcuts")
        self.setStyleSheet(
            "#shortcutsOverlay { background: rgba(20, 24, 30, 225); }"
            "#shortcutsOverlay QLabel { color: #F4F4F2; font-size: 15px; }"
            "#shortcutsOverlay QLabel#keys { color: #F0E442; font-weight: bold; }"
            "#shortcutsOverlay QLabel#heading { font-size: 22px; font-weight: bold; }")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for row, (keys, does) in enumerate(SHORTCUTS):
            key_label = QLabel(keys)
            key_label.setObjectName("keys")
            key_label.setTextFormat(Qt.TextFormat.PlainText)
            what = QLabel(does)
            what.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(what, row, 1)
        heading = QLabel("Keyboard shortcuts")
        heading.setObjectName("heading")
        hint = QLabel("F1 or a click closes this list")
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(grid)
        column.addWidget(hint, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        """Show the list over the console, or hide it."""
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
