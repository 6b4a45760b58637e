"""Matrix: a grid or a map the room fills in, in one of five modes.

- ``raci``: responsibilities × people or organisations, cells R/A/C/I, with rules;
- ``decision``: decisions × people or organisations, decision roles;
- ``quadrant``: a 2×2 map (e.g. power × interest), points and show-of-hands zones;
- ``pairwise``: organisation × organisation ratings 0–5, asymmetric pairs flagged;
- ``circles``: concentric rings (only I decide / I can influence / together).

The settings and records are checked in ``domain/matrix_checks.py``; the rules
and tallies are in ``domain/matrix_grid.py`` and ``domain/matrix_maps.py``.
docs/step-types/matrix.md documents every key and field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabfacil.domain import matrix_checks
from collabfacil.domain.matrix_grid import draft_texts, grid_of
from collabfacil.domain.matrix_maps import gives
from collabfacil.domain.steps.base import StepType

if TYPE_CHECKING:
    from collabfacil.domain.model import Step, WorkshopData

ITEM_KINDS = ("row", "cell", "point", "zone_count", "rating", "entry")


def partner_labels(data: WorkshopData) -> list[str]:
    """The partners' short labels: the default columns and organisations."""
    return [o.label for o in data.organisations]


def mode_of(step: Step) -> str:
    return str(step.config.get("mode", "raci"))


def draft_actions(step: Step, data: WorkshopData) -> list[str]:
    """Unresolved RACI or decision rows, and the circles' "gives", as draft actions."""
    mode = mode_of(step)
    items = data.items_for(step.id)
    if mode in ("raci", "decision"):
        return draft_texts(grid_of(step.config, partner_labels(data), items))
    if mode == "circles":
        return [f"Let go of: {e.label()}" for e in gives(step.config, items)]
    return []


# RACI and decision roles are section 5 (roles), stakeholder maps and circles of
# control section 6 (power), organisation pairs section 2 (the spectrum's option).
_PAPER_SECTIONS = {"raci": 5, "decision": 5, "quadrant": 6, "circles": 6, "pairwise": 2}


def paper_section(step: Step) -> int | None:
    """Where a matrix goes in the board paper when its exercise does not say."""
    return _PAPER_SECTIONS.get(mode_of(step))


STEP_TYPE = StepType(
    name="matrix",
    label="Matrix",
    description="A grid or a map: RACI, decision roles, a 2×2, organisation pairs, "
                "or circles of control.",
    captures="items",
    check_config=matrix_checks.check_config,
    item_kinds=ITEM_KINDS,
    check_item=matrix_checks.check_item,
    draft_actions=draft_actions,
    paper_section=paper_section,
)
