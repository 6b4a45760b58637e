"""The facilitator's private notes never leave in an anonymised export."""

from __future__ import annotations

from collabfacil.export.anonymise import anonymise
from collabfacil.storage.repository import WorkshopRepository


def test_anonymised_export_drops_private_notes(repo: WorkshopRepository,
                                               workshop_id: int) -> None:
    """A step's private notes are kept in the data, but not in its anonymised copy."""
    step = repo.steps(workshop_id)[0]
    assert step.id is not None
    repo.set_step_state(step.id, {"private_notes": "Dr Marsh is cross about beds",
                                  "revealed": True})
    data = repo.load(workshop_id)
    assert data.steps[0].state["private_notes"] == "Dr Marsh is cross about beds"
    assert anonymise(data).steps[0].state == {"revealed": True}
