"""The action plan as CSV that Excel opens correctly (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from collabfacil.domain.model import Action, WorkshopData
from collabfacil.export.anonymise import anonymise as anonymised
from collabfacil.export.files import write_atomically
from collabfacil.export.outline import sorted_actions, step_title

HEADER = ("action", "owner", "organisation", "due", "first_step", "measure",
          "theme", "small_test", "review_date", "step")
# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection); a leading apostrophe makes it plain text in Excel and Calc.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(data: WorkshopData) -> str:
    """The actions, by due date, one row each under a header row; ISO dates."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for action in sorted_actions(data.actions):
        writer.writerow([_cell(value) for value in _row(data, action)])
    return buffer.getvalue()


def _row(data: WorkshopData, action: Action) -> list[str]:
    return [
        action.text, action.owner, data.organisation_name(action.organisation_id),
        action.due.isoformat() if action.due else "", action.first_step,
        action.measure, action.theme, "yes" if action.small_test else "no",
        action.review_date.isoformat() if action.review_date else "",
        step_title(data, action.step_id),
    ]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def write_csv(data: WorkshopData, path: Path, *, anonymise: bool = False) -> None:
    """Write the actions to ``path`` atomically; ``anonymise`` withholds names."""
    if anonymise:
        data = anonymised(data)
    write_atomically(Path(path), csv_text(data).encode("utf-8-sig"))
