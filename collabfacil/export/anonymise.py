"""``--anonymise``: the same workshop with no participant's name anywhere."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from collabfacil.domain.model import WorkshopData

WITHHELD = "[name withheld]"
PRIVATE_NOTES = "private_notes"  # Step.state key of the facilitator's own notes
_UID = re.compile(r"^[0-9a-f]{32}$")  # a reference to a note or item: never a name


def anonymise(data: WorkshopData) -> WorkshopData:
    """Drop the participant list, withhold action owners, and blank out any
    participant's name where it appears inside captured text, step items'
    data included. Names added live as "person" items count as participants,
    except in a step that goes round organisations (``by = "organisation"``)."""
    by_org = {s.id for s in data.steps if s.config.get("by") == "organisation"}
    live = {i.data.get("name") for i in data.items
            if i.kind == "person" and i.step_id not in by_org}
    names = sorted({p.name for p in data.participants}
                   | {n for n in live if isinstance(n, str) and n}, key=len, reverse=True)
    pattern = (re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
               if names else None)

    def scrub(text: str) -> str:
        return pattern.sub(WITHHELD, text) if pattern and text else text

    def scrub_data(value: Any) -> Any:
        if isinstance(value, str):
            return value if _UID.match(value) else scrub(value)
        if isinstance(value, list):
            return [scrub_data(v) for v in value]
        if isinstance(value, dict):
            return {k: scrub_data(v) for k, v in value.items()}
        return value

    return replace(
        data,
        participants=[],
        contributions=[replace(c, text=scrub(c.text)) for c in data.contributions],
        actions=[
            replace(a, owner=WITHHELD, text=scrub(a.text),
                    first_step=scrub(a.first_step), measure=scrub(a.measure))
            for a in data.actions
        ],
        items=[replace(i, data=scrub_data(dict(i.data))) for i in data.items],
        # the facilitator's private notes may name anyone: they never leave anonymised
        steps=[replace(s, state={k: v for k, v in s.state.items() if k != PRIVATE_NOTES})
               for s in data.steps],
    )
