"""What each step type puts on the projector: every module here with a ``scene`` function.

``scene(controller) -> Scene`` builds the body for the controller's current
step; modules are found by the step type's name, so adding a step type touches
no other file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController
    from collabfacil.ui.projector.scene import Scene


@cache
def _renderer(type_name: str) -> Callable[[SessionController], Scene]:
    module = importlib.import_module(f"{__name__}.{type_name}")
    return module.scene  # type: ignore[no-any-return]


def scene_for(controller: SessionController) -> Scene:
    """The body the current step shows to the room."""
    return _renderer(controller.current_step.type)(controller)
