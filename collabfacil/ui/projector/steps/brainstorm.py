"""Brainstorm on the projector: one column per section, or one open board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.ui.projector.layout import OKABE_ITO, Card, Column
from collabfacil.ui.projector.scene import CardScene, MessageScene, Scene
from collabfacil.ui.projector.theme import NOTE_FILLS

if TYPE_CHECKING:
    from collabfacil.ui.controller import SessionController


def organisation_accents(controller: SessionController) -> dict[int, str]:
    """A stable Okabe–Ito colour per partner organisation."""
    return {o.id: OKABE_ITO[i % len(OKABE_ITO)]
            for i, o in enumerate(controller.data.organisations) if o.id is not None}


def columns(controller: SessionController) -> list[Column]:
    """The step's cards, by column."""
    step = controller.current_step
    accents = organisation_accents(controller)
    notes = controller.notes
    looks: dict[int | None, tuple[str, str]] = {}  # the tag and stripe of each organisation
    cards_by_section: dict[str, list[Card]] = {s: [] for s in step.sections}
    loose: list[Card] = []
    cards = _CARDS
    for c in notes.items():
        look = looks.get(c.organisation_id)
        if look is None:
            look = looks[c.organisation_id] = (notes.organisation_label(c.organisation_id),
                                               accents.get(c.organisation_id or -1, ""))
        key = (c.text, *look, NOTE_FILLS.get(c.colour, "") if c.colour else "")
        card = cards.get(key) or _card(*key)
        if c.section in cards_by_section:
            cards_by_section[c.section].append(card)
        else:
            loose.append(card)
    if not step.sections:
        return [Column("", tuple(loose))]
    must_agree = set(step.config.get("must_agree", []))
    out = [Column(s, tuple(cards), "must agree" if s in must_agree else "")
           for s, cards in cards_by_section.items()]
    if loose:
        out.append(Column("Other notes", tuple(loose)))
    return out


_CARDS: dict[tuple[str, str, str, str], Card] = {}


def _card(text: str, tag: str, accent: str, fill: str) -> Card:
    """A new card, kept for the next time the board is built (on every change:
    2,000 notes need not make 2,000 new cards each time)."""
    if len(_CARDS) >= 50_000:
        _CARDS.clear()
    card = _CARDS[text, tag, accent, fill] = Card(text, tag, accent, fill)
    return card


def scene(controller: SessionController) -> Scene:
    """The projector body: the cards; in a silent phase, only how many there are."""
    if controller.current_step.config.get("silent") and not controller.revealed:
        n = controller.notes.rowCount()
        return MessageScene(f"Silent writing: {n} note{'s' if n != 1 else ''} so far. "
                            "They will be shown together.")
    return CardScene(columns(controller))
