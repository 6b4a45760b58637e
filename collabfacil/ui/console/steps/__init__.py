"""The console editor of each step type: every module here with an ``EDITOR`` class.

``EDITOR(controller)`` builds the workspace for the controller's current step;
modules are found by the step type's name, so adding a step type touches no
other file. An editor may offer ``focus_capture()`` to put the cursor where
typing starts.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from PySide6.QtWidgets import QWidget

from collabfacil.ui.controller import SessionController


@cache
def _editor(type_name: str) -> Callable[[SessionController], QWidget]:
    module = importlib.import_module(f"{__name__}.{type_name}")
    return module.EDITOR  # type: ignore[no-any-return]


def editor_for(controller: SessionController) -> QWidget:
    """A fresh editor for the controller's current step."""
    return _editor(controller.current_step.type)(controller)
