"""Review on the projector: the carried-in actions in columns by status, in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.domain.steps.review import REVIEW, STATUSES
from collabfacil.ui.projector.layout import Card, Column
from collabfacil.ui.projector.scene import CardScene

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

ORDER = ("open", "in_progress", "done", "dropped")


def scene(controller: SessionController) -> CardScene:
    """One column per status (only those with actions), each card with owner and note."""
    items = controller.items(REVIEW)
    columns = []
    for status in ORDER:
        cards = tuple(
            Card(str(i.data["action"]),
                 " · ".join(str(x) for x in (i.data["owner"], i.data["note"]) if x))
            for i in items if i.data["status"] == status)
        if cards:
            columns.append(Column(f"{STATUSES[status]} ({len(cards)})", cards))
    return CardScene(columns, empty="No actions were carried in from last time")
