"""What every step type declares about itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen

if TYPE_CHECKING:  # (the aliases are for annotations only: typing objects cost at import)
    from collabfacil.domain.model import Step, WorkshopData

    ConfigCheck = Callable[[Mapping[str, Any]], dict[str, Any]]
    ItemCheck = Callable[[str, Mapping[str, Any]], dict[str, Any]]
    DraftSource = Callable[[Step, WorkshopData], list[str]]
    PaperSection = Callable[[Step], int | None]
    BaselineSource = Callable[[Step, WorkshopData], dict[str, Any]]


def _no_config(config: Mapping[str, Any]) -> dict[str, Any]:
    return dict(config)


def _no_items(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    raise ValidationError("kind", f"This step keeps no '{kind}' records.")


@frozen
class StepType:
    """A kind of interaction the room does, e.g. a brainstorm or agreeing actions.

    ``captures`` says what the step records: ``"notes"`` (contributions),
    ``"actions"`` or ``"items"`` (StepItems of the kinds in ``item_kinds``).
    ``check_config`` validates the step's settings from an exercise file and
    returns them normalised; ``check_item`` does the same for an item's data.
    Both raise ``ValidationError`` naming the field. ``hides_results`` says the
    projector keeps results hidden until the facilitator reveals them.
    """

    name: str
    label: str
    description: str
    captures: str
    check_config: ConfigCheck = _no_config
    item_kinds: tuple[str, ...] = ()
    check_item: ItemCheck = _no_items
    hides_results: bool = False
    # Draft actions this step suggests to a later actions step (stop-doing notes,
    # unresolved RACI rows, voted priorities): short texts for the facilitator to
    # turn into real actions.
    draft_actions: DraftSource | None = None
    # What a follow-up workshop keeps of this step's results (a spectrum's medians,
    # a survey's means) so the next run can show the change since last time.
    baseline: BaselineSource | None = None
    # Which of the board paper's numbered sections (1–11, DESIGN.md "The PDF action
    # plan") this step's results belong in when its exercise does not say; None to
    # follow the step it works on (a vote follows its brainstorm), or else "other".
    paper_section: PaperSection | None = None
