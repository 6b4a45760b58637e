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


def user_library_folder() -> Path:
    """The facilitator's own exercise and template files: ``<AppDataLocation>/library``.

    It sits beside the default database (``collabfacil.paths``; QtCore only, no
    display needed) and holds ``exercises/`` and ``templates/``, laid out like
    resources/. Nothing is created here: a missing folder simply adds nothing.
    """
    from collabfacil.paths import default_database_path

    return default_database_path().parent / "library"


def load_default_library() -> Library:
    """The exercises and templates shipped with CollabFacil, plus the facilitator's own.

    The facilitator's files (in :func:`user_library_folder`) may add exercises and
    templates, and their templates may use shipped exercises; a broken file, or a
    key that is already taken, raises ``ExerciseFileError`` naming the file and
    the field.
    """
    from collabfacil.domain.exercises import load_library

    return load_library([resources_root(), user_library_folder()])


def load_shipped_library() -> Library:
    """Only the exercises and templates shipped with CollabFacil (for the demo, which
    must work whatever is in the facilitator's own folder)."""
    from collabfacil.domain.exercises import load_library

    return load_library([resources_root()])


def load_library_tolerantly() -> tuple[Library, str]:
    """The full library, or - when a facilitator's own file is broken - the shipped
    one and the one-line reason, so the app still starts and can say what is wrong."""
    from collabfacil.domain.errors import ExerciseFileError

    try:
        return load_default_library(), ""
    except ExerciseFileError as exc:
        return load_shipped_library(), (f"Your own exercise files were not loaded: {exc} "
                                        "Only the built-in library is available.")
