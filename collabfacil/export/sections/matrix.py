"""A matrix step in the PDF and the Markdown summary, by its mode.

RACI and decision roles: the table, the unresolved rows and the warnings
(DESIGN.md plan section 5). The 2×2 map as a drawing and a table, the circles
as ring lists with what leaders will let go of (section 6); organisation pairs
as a heatmap with the asymmetric pairs (section 2).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from collabfacil.domain.matrix_grid import grid_of
from collabfacil.domain.model import Step, WorkshopData
from collabfacil.domain.steps.matrix import mode_of, partner_labels
from collabfacil.export import matrix_grid
from collabfacil.export.sections.base import SectionContext


def render(step: Step, ctx: SectionContext) -> list[Flowable]:
    """The step's grid or map; nothing when the room recorded nothing."""
    data = ctx.data
    items = data.items_for(step.id)
    mode = mode_of(step)
    if mode == "quadrant":
        from collabfacil.export import matrix_quadrant

        return matrix_quadrant.render(step, items, ctx)
    if mode == "pairwise":
        from collabfacil.export import matrix_pairwise

        return matrix_pairwise.render(step, partner_labels(data), items, ctx)
    if mode == "circles":
        from collabfacil.export import matrix_circles

        return matrix_circles.render(step, items, ctx)
    if not any(i.kind == "cell" for i in items):
        return []
    return matrix_grid.render(step, grid_of(step.config, partner_labels(data), items), ctx)


def markdown(step: Step, data: WorkshopData) -> list[str]:
    """The same, as Markdown lines."""
    items = data.items_for(step.id)
    mode = mode_of(step)
    if mode == "quadrant":
        from collabfacil.export import matrix_quadrant

        return matrix_quadrant.markdown(step, items)
    if mode == "pairwise":
        from collabfacil.export import matrix_pairwise

        return matrix_pairwise.markdown(step, partner_labels(data), items)
    if mode == "circles":
        from collabfacil.export import matrix_circles

        return matrix_circles.markdown(step, items)
    if not any(i.kind == "cell" for i in items):
        return []
    return matrix_grid.markdown(grid_of(step.config, partner_labels(data), items))
