"""The Qt binding must not leak references to None (PySide6 6.12 on Python 3.11 does)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_a_long_session_of_qt_calls_does_not_eat_references_to_none(qtbot: QtBot) -> None:
    """20,000 calls that return nothing leave None's reference count where it was.

    With a binding that drops one reference per call, Python aborts with
    "none_dealloc" after a few minutes of a live workshop (timer ticks, repaints).
    """
    label = QLabel("timer")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(10_000):
        label.setText(str(i))
        label.update()
    assert sys.getrefcount(None) - before > -100
