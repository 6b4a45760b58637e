"""Matrix on the projector: the grid, the 2×2 map, the pairs heatmap or the circles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.domain.steps.matrix import partner_labels
from collabfacil.ui.projector.matrix_focus import focus
from collabfacil.ui.projector.scene import MessageScene, Scene

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

_RECORD_KINDS = {"raci": ("cell",), "decision": ("cell",), "quadrant": ("point", "zone_count"),
                 "pairwise": ("rating",), "circles": ("entry",)}


def scene(controller: SessionController) -> Scene:
    """The body for the current matrix step, by its ``mode``.

    With ``silent = true`` the room sees only how many records there are until
    the facilitator reveals them (e.g. ratings, so no one anchors on another's).
    """
    step = controller.current_step
    mode = str(step.config.get("mode", "raci"))
    items = controller.items()
    if step.config.get("silent") and not controller.revealed:
        n = sum(1 for i in items if i.kind in _RECORD_KINDS.get(mode, ()))
        return MessageScene(f"{n} {'entry' if n == 1 else 'entries'} so far. They will be "
                            "shown together when everyone has had their say.")
    pointed = focus(controller)
    partners = partner_labels(controller.data)
    if mode == "quadrant":
        from collabfacil.ui.projector.matrix_quadrant import quadrant_scene

        return quadrant_scene(step.config, items, pointed)
    if mode == "pairwise":
        from collabfacil.ui.projector.matrix_pairwise import pairwise_scene

        return pairwise_scene(step.config, partners, items, pointed)
    if mode == "circles":
        from collabfacil.ui.projector.matrix_circles import circles_scene

        return circles_scene(step.config, items, pointed)
    from collabfacil.domain.matrix_grid import findings, grid_of
    from collabfacil.ui.projector.matrix_grid import GridScene

    grid = grid_of(step.config, partners, items)
    return GridScene(grid, findings(grid), focus_row=str(pointed.get("row", "")))
