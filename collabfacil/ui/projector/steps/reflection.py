"""Reflection on the projector: a column of cards per prompt, and the relationship
commitments as cards "who → with, by date"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.domain.steps.reflection import (
    COMMITMENTS_TITLE,
    ReflectionSettings,
    by_prompt,
    commitments,
)
from collabfacil.ui.projector.layout import OKABE_ITO, Card, Column
from collabfacil.ui.projector.scene import CardScene

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController

EMPTY = "What the room notices will appear here, under each question."


def columns(controller: SessionController) -> list[Column]:
    """One column per prompt (entries tagged with their organisation), then the
    commitments when there are any."""
    settings = ReflectionSettings.of(controller.current_step.config)
    items = controller.items()
    accents = {o.label.casefold(): OKABE_ITO[i % len(OKABE_ITO)]
               for i, o in enumerate(controller.data.organisations)}
    out = [Column(prompt, tuple(Card(e.text, e.organisation,
                                     accents.get(e.organisation.casefold(), ""))
                                for e in found))
           for prompt, found in by_prompt(settings, items)]
    promised = commitments(items) if settings.commitments else []
    if promised:
        out.append(Column(COMMITMENTS_TITLE, tuple(
            Card(c.headline() + (f"\n{c.text}" if c.text else ""))
            for c in promised)))
    return out


def scene(controller: SessionController) -> CardScene:
    """The projector body for a reflection."""
    return CardScene(columns(controller), empty=EMPTY)
