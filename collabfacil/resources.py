"""The one module that knows where ``resources/`` is: source tree, wheel or bundle."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collabfacil.domain.exercises import Library

_PACKAGE = Path(__file__).resolve().parent


def resources_root() -> Path:
    """The folder holding exercises/, templates/, fonts/ and icons/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # a PyInstaller bundle
        return Path(frozen) / "resources"
    installed = _PACKAGE / "_resources"  # a wheel: hatch force-include puts it here
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"  # a source checkout


def resource_path(*parts: str) -> Path:
    """The path of a file or folder under resources/, e.g. ``resource_path("fonts")``."""
    return resources_root().joinpath(*parts)


def load_default_library() -> Library:
    """The exercises and templates shipped with CollabFacil."""
    from collabfacil.domain.exercises import load_library

    return load_library([resources_root()])
