"""The default data folder: the XDG rule used on Linux is the folder Qt gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from collabfacil.paths import default_database_path

ROOT = Path(__file__).resolve().parent.parent
ASK = ("from collabfacil.paths import qt_app_data, xdg_app_data; "
       "print(qt_app_data()); print(xdg_app_data())")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize("xdg", [None, "/srv/data", "relative/data"])
def test_the_xdg_folder_is_the_folder_qt_gives(tmp_path: Path, xdg: str | None) -> None:
    """With XDG_DATA_HOME unset, absolute or relative (which Qt ignores), both agree."""
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    if xdg is not None:
        env["XDG_DATA_HOME"] = xdg
    out = subprocess.run([sys.executable, "-c", ASK], env=env, capture_output=True,
                         text=True, check=True, cwd=tmp_path).stdout.split("\n")
    qt, ours = out[0], out[1]
    assert qt == ours
    assert qt.endswith("CollabFacil/CollabFacil")


def test_finding_the_default_database_does_not_import_qt() -> None:
    """The command line and the PDF export find the data folder without loading Qt."""
    code = ("import sys; from collabfacil.paths import default_database_path; "
            "default_database_path(); print('PySide6' in sys.modules)")
    if not sys.platform.startswith("linux"):
        pytest.skip("elsewhere Qt decides")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "False"
    assert default_database_path().name == "collabfacil.db"
