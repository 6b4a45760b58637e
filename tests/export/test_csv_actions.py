"""The actions as CSV: opens in Excel with accents intact, reads back exactly."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest

from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.csv_actions import HEADER, write_csv
from collabfacil.export.files import ExportError


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_file_starts_with_a_bom_and_a_header_row(data, tmp_path):
    """Excel only reads UTF-8 correctly when the byte-order mark is there."""
    target = tmp_path / "actions.csv"
    write_csv(data, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").splitlines()[0] == ",".join(HEADER)
    assert HEADER == ("action", "owner", "organisation", "due", "first_step",
                      "measure", "theme", "small_test", "review_date", "step")


def test_rows_read_back_exactly_in_due_date_order(data, tmp_path):
    """Every field survives the round trip; dates are ISO; the soonest comes first."""
    target = tmp_path / "actions.csv"
    write_csv(data, target)
    rows = _rows(target)
    assert [r["action"] for r in rows] == ["Weekly joint huddle on discharges",
                                           "Agree one frailty score",
                                           "Report back to the boards"]
    assert rows[1] == {
        "action": "Agree one frailty score", "owner": "Gwenllian Prŷs",
        "organisation": "Northshire Acute Hospitals NHS Trust", "due": "2026-05-01",
        "first_step": "Compare the three scores in use", "measure": "", "theme": "",
        "small_test": "yes", "review_date": "", "step": "Actions"}
    assert rows[2]["organisation"] == ""
    assert rows[2]["small_test"] == "no"


def test_commas_quotes_and_line_breaks_round_trip(data, tmp_path):
    """Text with the CSV's own special characters comes back unchanged."""
    tricky = 'Say "yes", then\nwrite it down; Łódź & Cwm'
    first = replace(data.actions[0], text=tricky, measure="a,b", theme="Flow",
                    review_date="2026-06-30")
    target = tmp_path / "actions.csv"
    write_csv(replace(data, actions=[first]), target)
    (row,) = _rows(target)
    assert (row["action"], row["measure"], row["theme"], row["review_date"]) == (
        tricky, "a,b", "Flow", "2026-06-30")


def test_text_that_looks_like_a_formula_is_not_run_by_a_spreadsheet(data, tmp_path):
    """A cell starting with = + - @ gets an apostrophe, so Excel shows it as text."""
    first = replace(data.actions[0], text="=HYPERLINK(\"http://x\")", owner="@Aled",
                    first_step="-1 bed a day")
    target = tmp_path / "actions.csv"
    write_csv(replace(data, actions=[first]), target)
    (row,) = _rows(target)
    assert row["action"] == "'=HYPERLINK(\"http://x\")"
    assert row["owner"] == "'@Aled"
    assert row["first_step"] == "'-1 bed a day"


def test_anonymised_csv_withholds_owners(data, tmp_path):
    """No participant's name is in an anonymised file."""
    target = tmp_path / "actions.csv"
    write_csv(data, target, anonymise=True)
    text = target.read_text(encoding="utf-8-sig")
    assert "Gwenllian" not in text
    assert "Kowalski" not in text
    assert {r["owner"] for r in _rows(target)} == {WITHHELD}


def test_a_missing_folder_is_a_clear_error(data, tmp_path):
    """Nothing is written when the folder is not there."""
    with pytest.raises(ExportError):
        write_csv(data, tmp_path / "nope" / "actions.csv")
    assert list(tmp_path.iterdir()) == []
