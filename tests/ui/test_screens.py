"""Choosing the projector's screen, and placing it on a real (offscreen) second screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from collabfacil.ui.screens import ScreenInfo, choose_projector_screen

LAPTOP = ScreenInfo("Laptop", 0, 0, 1440, 900, True)
PROJECTOR = ScreenInfo("Projector", 1440, 0, 1920, 1080, False)


def test_projector_goes_on_the_first_non_primary_screen() -> None:
    """With a laptop and a projector, the projector screen is chosen."""
    assert choose_projector_screen([LAPTOP, PROJECTOR]) == 1
    assert choose_projector_screen([PROJECTOR, LAPTOP]) == 0


def test_single_screen_gives_a_normal_window() -> None:
    """With one screen the projector does not cover the console."""
    assert choose_projector_screen([LAPTOP]) is None


def test_requested_screen_wins_when_it_exists() -> None:
    """--screen N chooses that screen; a screen that isn't there falls back."""
    assert choose_projector_screen([LAPTOP, PROJECTOR], 0) == 0
    assert choose_projector_screen([LAPTOP, PROJECTOR], 7) == 1


SCRIPT = """
from collabfacil.app import Session
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.domain.model import Workshop, Step
from PySide6.QtWidgets import QApplication
app = QApplication([])
repo = WorkshopRepository(open_database(None))
wid = repo.create_workshop(Workshop("Two screens"), steps=[Step(type="brainstorm", title="S")])
s = Session(repo, wid)
s.show()
app.processEvents()
g = s.projector.geometry()
print(s.projector.screen().name(), s.projector.isFullScreen(), g.x(), g.width(), g.height(),
      s.console.screen().name())
"""


def test_projector_is_full_screen_on_the_second_screen(tmp_path: Path) -> None:
    """On a laptop plus projector, the projector window fills the projector screen."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "Projector", "x": 1440, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout.split()
    assert out == ["Projector", "True", "1440", "1920", "1080", "Laptop"]
