"""Matrix on the console: the editor of the step's mode (grid, map, pairs or circles)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from collabfacil.ui.controller import SessionController


def matrix_editor(controller: SessionController) -> QWidget:
    """The workspace for the current matrix step, by its ``mode``."""
    mode = controller.current_step.config.get("mode", "raci")
    if mode == "quadrant":
        from collabfacil.ui.console.matrix_quadrant import QuadrantEditor

        return QuadrantEditor(controller)
    if mode == "pairwise":
        from collabfacil.ui.console.matrix_pairwise import PairwiseEditor

        return PairwiseEditor(controller)
    if mode == "circles":
        from collabfacil.ui.console.matrix_circles import CirclesEditor

        return CirclesEditor(controller)
    from collabfacil.ui.console.matrix_grid import GridEditor

    return GridEditor(controller)


EDITOR = matrix_editor
