"""Cluster on the projector: one column per theme, "Not yet grouped" last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import cluster
from collabfacil.ui.projector.layout import Card, Column
from collabfacil.ui.projector.scene import CardScene, MessageScene, Scene
from collabfacil.ui.projector.steps.brainstorm import organisation_accents

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController


def board(controller: SessionController) -> list[cluster.Group] | None:
    """The themes with their notes, then the ungrouped notes; None with no source step."""
    step = controller.current_step
    source = source_step(controller.steps, step, types=("brainstorm",))
    if source is None or source.id is None:
        return None
    theme_list = cluster.themes(step.config, controller.items(cluster.THEME))
    return cluster.groups(theme_list, controller.notes_of(source.id))


def title(group: cluster.Group) -> str:
    """A column's heading: "Time & capacity (4)"."""
    return f"{group.name} ({len(group.notes)})"


def columns(controller: SessionController, groups: list[cluster.Group]) -> list[Column]:
    """A column per theme; the ungrouped notes last, left out once all are grouped."""
    accents = organisation_accents(controller)
    labels = {o.id: o.label for o in controller.data.organisations}
    out = []
    for group in groups:
        if group.theme is None and not group.notes:
            continue
        cards = tuple(Card(n.text, labels.get(n.organisation_id, ""),
                           accents.get(n.organisation_id or -1, "")) for n in group.notes)
        out.append(Column(title(group), cards))
    return out


def scene(controller: SessionController) -> Scene:
    """The projector body: the themes as columns of cards."""
    groups = board(controller)
    if groups is None:
        return MessageScene("The notes to group will appear here.")
    cols = columns(controller, groups)
    if not cols:
        return MessageScene("There are no notes to group yet.")
    return CardScene(cols, empty="Themes will appear here as notes are grouped")
