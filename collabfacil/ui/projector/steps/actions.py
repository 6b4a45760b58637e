"""Actions on the projector: each agreed action as a card with owner and date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.ui.projector.layout import Card, Column
from collabfacil.ui.projector.scene import CardScene
from collabfacil.ui.projector.steps.brainstorm import organisation_accents

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController


def columns(controller: SessionController) -> list[Column]:
    accents = organisation_accents(controller)
    orgs = {o.id: o.label for o in controller.data.organisations}
    cards = []
    for a in controller.actions.items():
        due = f"{a.due.day} {a.due:%b %Y}" if a.due else ""
        tag = " · ".join(x for x in (a.owner, orgs.get(a.organisation_id, ""),
                                     f"by {due}" if due else "",
                                     "small test" if a.small_test else "") if x)
        cards.append(Card(a.text, tag, accents.get(a.organisation_id or -1, "")))
    return [Column("", tuple(cards))]


def scene(controller: SessionController) -> CardScene:
    """The projector body: the cards."""
    return CardScene(columns(controller), empty="Actions will appear here as they are agreed")
