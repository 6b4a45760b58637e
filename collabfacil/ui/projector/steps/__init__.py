"""What each step type puts on the projector, as columns of cards (registry)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from collabfacil.ui.projector.steps import actions, brainstorm

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController
    from collabfacil.ui.projector.layout import Column

Renderer = Callable[["SessionController"], "list[Column]"]

RENDERERS: dict[str, Renderer] = {
    "brainstorm": brainstorm.columns,
    "actions": actions.columns,
}


def columns_for(controller: SessionController) -> list[Column]:
    """The columns of cards the current step shows to the room."""
    return RENDERERS[controller.current_step.type](controller)
