"""Preferences are written to disk at once when they change, and only then."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from collabfacil.ui.preferences import Preferences


def settings_file(tmp_path: Path) -> tuple[QSettings, Path]:
    path = tmp_path / "collabfacil.conf"
    return QSettings(str(path), QSettings.Format.IniFormat), path


def test_a_change_is_on_disk_at_once_and_read_back(tmp_path: Path) -> None:
    settings, path = settings_file(tmp_path)
    preferences = Preferences(settings)
    preferences.last_workshop = 3
    preferences.font_scale = 1.25
    preferences.theme = "light"
    preferences.chime = False
    again = Preferences(QSettings(str(path), QSettings.Format.IniFormat))
    assert (again.last_workshop, again.font_scale, again.theme, again.chime) == (
        3, 1.25, "light", False)


def test_setting_the_same_values_again_does_not_write_the_file(tmp_path: Path) -> None:
    """Starting the app sets the theme, chime and last workshop it read: none of
    them is written again (each write waits for the disk)."""
    settings, path = settings_file(tmp_path)
    preferences = Preferences(settings)
    preferences.last_workshop = 3
    preferences.theme = "contrast"
    preferences.chime = True
    preferences.export_paper = "Letter"
    path.write_text(path.read_text() + "; the file as written\n")
    before = path.read_text()
    preferences.last_workshop = 3
    preferences.theme = "contrast"
    preferences.chime = True
    preferences.export_paper = "Letter"
    assert path.read_text() == before
    preferences.last_workshop = 4
    assert path.read_text() != before
    assert Preferences(QSettings(str(path), QSettings.Format.IniFormat)).last_workshop == 4


def test_a_first_value_equal_to_the_default_is_still_written(tmp_path: Path) -> None:
    settings, path = settings_file(tmp_path)
    Preferences(settings).theme = "dark"  # the default, but chosen: kept
    assert "theme=dark" in path.read_text()


def test_a_value_another_copy_of_the_app_changed_is_written_again(tmp_path: Path) -> None:
    """Two copies of the app (on two databases) share the settings file: setting
    back what this copy last wrote is not skipped when the other changed it."""
    settings, path = settings_file(tmp_path)
    preferences = Preferences(settings)
    preferences.theme = "dark"
    other_copy = (
        "import sys\nfrom PySide6.QtCore import QSettings\n"
        "s = QSettings(sys.argv[1], QSettings.Format.IniFormat)\n"
        "s.setValue('projector/theme', 'light')\ns.sync()\n")
    subprocess.run([sys.executable, "-c", other_copy, str(path)], check=True)
    assert "theme=light" in path.read_text()
    preferences.theme = "dark"
    assert "theme=dark" in path.read_text()
    assert Preferences(QSettings(str(path), QSettings.Format.IniFormat)).theme == "dark"
