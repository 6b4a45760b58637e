"""Choosing the projector's screen, remembering it, and screens coming and going."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from collabfacil.ui.screens import ScreenInfo, choose_projector_screen

LAPTOP = ScreenInfo("Laptop", 0, 0, 1440, 900, True)
LEFT = ScreenInfo("Left", 1440, 0, 1920, 1080, False)
RIGHT = ScreenInfo("Right", 3360, 0, 1280, 1024, False)


def test_the_remembered_screen_is_chosen_when_it_is_plugged_in() -> None:
    """A venue with two extra screens: last time's choice (by geometry) wins."""
    assert choose_projector_screen([LAPTOP, LEFT, RIGHT], remembered=RIGHT) == 2
    assert choose_projector_screen([LAPTOP, LEFT], remembered=RIGHT) == 1
    assert choose_projector_screen([LAPTOP], remembered=RIGHT) is None


def screens_config(tmp_path: Path) -> str:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "Projector", "x": 1440, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


SCRIPT = """
from unittest import mock
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from collabfacil.app import Session
from collabfacil.domain.model import Step, Workshop
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.preferences import Preferences

app = QApplication([])
repo = WorkshopRepository(open_database(None))
wid = repo.create_workshop(Workshop("Screens"), steps=[Step(type="brainstorm", title="S")])
prefs = Preferences()
s = Session(repo, wid, preferences=prefs)
s.show()
app.processEvents()
print("start", s.projector.screen().name(), s.projector.isFullScreen())
# the facilitator chooses the laptop screen: full screen there, remembered
s.console.choose_projector_screen(0)
app.processEvents()
print("chosen", s.projector.screen().name(), s.projector.isFullScreen(),
      prefs.projector_screen.name)
# the projector cable is pulled: Qt now reports only the laptop
laptop = QGuiApplication.screens()[0]
prefs.projector_screen = None
s.console.choose_projector_screen(1)
app.processEvents()
with mock.patch.object(QGuiApplication, "screens", return_value=[laptop]):
    s._on_screens_changed()
    app.processEvents()
    app.processEvents()
    print("unplugged", s.projector.screen().name(), s.projector.isFullScreen(),
          s.projector.isVisible())
s.controller.add_note("still here")
print("works", "still here" in s.projector.view.visible_texts())
"""


def test_projector_follows_choices_and_survives_an_unplugged_screen(tmp_path: Path) -> None:
    """Start on the projector; move by choice; unplugging leaves a working window."""
    env = {**os.environ, "QT_QPA_PLATFORM": screens_config(tmp_path)}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        "start Projector True",
        "chosen Laptop True Laptop",
        "unplugged Laptop False True",
        "works True",
    ]
