"""``--anonymise``: the same workshop with no participant's name anywhere."""

from __future__ import annotations

import re
from dataclasses import replace

from collabfacil.domain.model import WorkshopData

WITHHELD = "[name withheld]"


def anonymise(data: WorkshopData) -> WorkshopData:
    """Drop the participant list, withhold action owners, and blank out any
    participant's name where it appears inside captured text."""
    names = sorted({p.name for p in data.participants}, key=len, reverse=True)
    pattern = (re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
               if names else None)

    def scrub(text: str) -> str:
        return pattern.sub(WITHHELD, text) if pattern and text else text

    return replace(
        data,
        participants=[],
        contributions=[replace(c, text=scrub(c.text)) for c in data.contributions],
        actions=[
            replace(a, owner=WITHHELD, text=scrub(a.text),
                    first_step=scrub(a.first_step), measure=scrub(a.measure))
            for a in data.actions
        ],
    )
