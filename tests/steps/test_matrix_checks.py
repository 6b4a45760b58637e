"""Matrix settings and records: what is accepted, normalised, or refused with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Step
from collabfacil.domain.steps import check_item, step_type
from collabfacil.domain.text import clean_text


def check(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    return check_item("matrix", kind, data)


@given(st.text(max_size=150))
def test_any_row_label_is_either_cleaned_or_refused_naming_the_field(label: str) -> None:
    """Whatever is typed as a row, the answer is a clean label or a clear refusal."""
    try:
        expected = clean_text(label, field="label", label="The row", max_length=120,
                              multiline=False)
    except ValidationError:
        expected = None
    if expected is None:
        with pytest.raises(ValidationError) as info:
            check("row", {"label": label})
        assert info.value.field == "label"
        assert info.value.message.endswith(".")
    else:
        assert check("row", {"label": label}) == {"label": expected}
        assert check("row", check("row", {"label": label})) == {"label": expected}


@given(st.text(max_size=40), st.text(max_size=40),
       st.sampled_from(["R", "a", "c", "I", "decide", "Perform", "X", "", "RA"]))
def test_a_cell_is_normalised_once_and_for_all(row: str, column: str, role: str) -> None:
    """A checked cell checks again to itself (the JSON round trip relies on it)."""
    try:
        once = check("cell", {"row": row, "column": column, "role": role})
    except ValidationError as exc:
        field = exc.field
        assert field in ("row", "column", "role")
        return
    assert check("cell", once) == once
    assert once["role"] in ("R", "A", "C", "I", "Recommend", "Agree", "Decide", "Input",
                            "Perform")


@given(st.text(max_size=60))
def test_any_point_or_entry_label_is_cleaned_or_refused(label: str) -> None:
    for kind, data, name in (("point", {"label": label, "x": 0.5, "y": 0.5}, "label"),
                             ("entry", {"text": label, "ring": 0}, "text")):
        try:
            once = check(kind, data)
        except ValidationError as exc:
            field = exc.field
            assert field == name
            continue
        assert check(kind, once) == once


@pytest.mark.parametrize(("kind", "data", "field", "words"), [
    ("cell", {"row": "a", "column": "b", "role": ""}, "role", "deleted"),
    ("cell", {"row": "a", "column": "b", "role": "Boss"}, "role", "not a role"),
    ("row", {"label": "a", "colour": "red"}, "colour", "no field"),
    ("point", {"label": "GP", "x": 1.5, "y": 0.5}, "x", "0 to 1"),
    ("point", {"label": "GP", "x": True, "y": 0.5}, "x", "0 to 1"),
    ("point", {"label": "GP", "x": float("nan"), "y": 0.5}, "x", "0 to 1"),
    ("point", {"label": "GP", "x": 0.2, "y": 0.5, "disposition": "++"}, "disposition",
     "+, 0, -"),
    ("point", {"label": "GP", "x": 0.2, "y": 0.5, "target_x": 0.3}, "target_y", "both"),
    ("zone_count", {"scenario": "s", "zone": "Step back", "count": -1}, "count",
     "whole number"),
    ("zone_count", {"scenario": "s", "zone": "", "count": 1}, "zone", "empty"),
    ("rating", {"from": "Acute", "to": "Acute", "value": 3}, "to", "itself"),
    ("rating", {"from": "Acute", "to": "Council", "value": 6}, "value", "0 to 5"),
    ("rating", {"from": "Acute", "to": "Council", "value": 2.5}, "value", "whole"),
    ("entry", {"text": "Budget", "ring": 9}, "ring", "0 to 5"),
    ("entry", {"text": "Budget", "ring": 1, "moved_from": "x"}, "moved_from", "whole"),
])
def test_bad_records_are_refused_with_a_reason(kind: str, data: dict[str, Any], field: str,
                                               words: str) -> None:
    with pytest.raises(ValidationError) as info:
        check(kind, data)
    assert info.value.field == field
    assert words in info.value.message


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        check("vote", {})
    assert info.value.field == "kind"


def test_records_are_normalised() -> None:
    assert check("point", {"label": " GP ", "x": 1, "y": 0.123456, "disposition": "\u2212",
                           "target_x": 0, "target_y": 1}) == {
        "label": "GP", "x": 1.0, "y": 0.1235, "disposition": "-", "target_x": 0.0,
        "target_y": 1.0}
    assert check("rating", {"from": "Acute", "to": "ICB", "value": 4.0})["value"] == 4
    # moved back where it started: no longer "moved"
    assert check("entry", {"text": "Budget", "ring": 1, "moved_from": 1}) == {
        "text": "Budget", "ring": 1, "organisation": ""}


@pytest.mark.parametrize(("config", "field"), [
    ({"mode": "grid"}, "mode"),
    ({"mode": "raci", "rows": ["a", "a"]}, "rows"),
    ({"mode": "raci", "rows": "a, b"}, "rows"),
    ({"mode": "quadrant", "quadrants": ["a", "b"]}, "quadrants"),
    ({"mode": "quadrant", "x_axis": {"low": "a"}}, "x_axis"),
    ({"mode": "quadrant", "zones": [{"name": "a", "x": 2, "y": 0}]}, "zones"),
    ({"mode": "quadrant", "zones": [{"name": "a", "x": 0, "y": 0},
                                    {"name": "a", "x": 1, "y": 1}]}, "zones"),
    ({"mode": "pairwise", "scale": ["a", "b", "c"]}, "scale"),
    ({"mode": "circles", "rings": ["only one"]}, "rings"),
    ({"mode": "circles", "silent": "yes"}, "silent"),
])
def test_bad_settings_are_refused_naming_the_key(config: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Step(type="matrix", title="Matrix", config=config)
    assert info.value.field == field


def test_settings_keep_only_what_was_given_and_other_keys() -> None:
    """No defaults are written into a step's config; phases and the like pass through."""
    step = Step(type="matrix", title="Map", config={
        "mode": "quadrant", "x_axis": {"label": " Interest ", "low": "Low", "high": "High"},
        "zones": [], "phases": [{"title": "Place", "minutes": 5}]})
    assert step.config == {"mode": "quadrant",
                           "x_axis": {"label": "Interest", "low": "Low", "high": "High"},
                           "zones": [], "phases": [{"title": "Place", "minutes": 5}]}
    assert Step(type="matrix", title="Grid").config == {}
    assert step_type("matrix").label == "Matrix"
