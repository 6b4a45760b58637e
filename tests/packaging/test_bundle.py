"""The bundle: packaging/build.sh builds it and smoke-tests it (slow; asked for by name).

Skipped unless COLLABFACIL_BUILD_BUNDLE=1: it makes a venv, downloads PyInstaller
and PySide6, and takes a minute or more. CI does not build the bundle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.environ.get("COLLABFACIL_BUILD_BUNDLE") != "1",
                    reason="slow: set COLLABFACIL_BUILD_BUNDLE=1 to build the bundle")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="build.sh is for Linux")
def test_build_sh_builds_a_bundle_that_passes_its_smoke_tests(tmp_path: Path) -> None:
    """packaging/build.sh exits 0: built, then run with no Python on PATH."""
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        env={**os.environ, "BUILD_DIR": str(tmp_path / "bundle")},
        capture_output=True, text=True, check=False, timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "build.sh: all smoke tests passed" in result.stdout
