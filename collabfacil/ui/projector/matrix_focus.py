"""What the facilitator is pointing at in a matrix step, so the room sees it too.

The console's matrix editor says which row, point or scenario its cursor is
on; the projector scene reads it (a long grid shows the page with that row; a
2×2 shows the chosen scenario's counts). It is view state, not data: it lives
on the controller object as a dynamic property for the current step, is never
stored and never undone.
"""

from __future__ import annotations

from typing import Any

from collabfacil.ui.controller import SessionController

_PROPERTY = "collabfacilMatrixFocus"


def set_focus(controller: SessionController, **pointed: str) -> None:
    """Point the room at something (e.g. ``row="Chair the group"``) on the current
    step; what was pointed at before under other names stays."""
    value = {"step": str(controller.current_step.id), **focus(controller), **pointed}
    if controller.property(_PROPERTY) == value:
        return
    controller.setProperty(_PROPERTY, value)
    controller.projector_mode_changed.emit()  # the projector redraws its scene


def focus(controller: SessionController) -> dict[str, Any]:
    """What the console points at on the current step ({} when nothing)."""
    value = controller.property(_PROPERTY)
    if not isinstance(value, dict) or value.get("step") != str(controller.current_step.id):
        return {}
    return {k: v for k, v in value.items() if k != "step"}
