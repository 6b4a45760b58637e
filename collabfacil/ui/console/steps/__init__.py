"""The console editor of each step type (registry keyed by type name)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from collabfacil.ui.console.steps.actions import ActionsEditor
from collabfacil.ui.console.steps.brainstorm import BrainstormEditor
from collabfacil.ui.controller import SessionController

EDITORS: dict[str, Callable[[SessionController], QWidget]] = {
    "brainstorm": BrainstormEditor,
    "actions": ActionsEditor,
}


def editor_for(controller: SessionController) -> QWidget:
    """A fresh editor for the controller's current step."""
    return EDITORS[controller.current_step.type](controller)
