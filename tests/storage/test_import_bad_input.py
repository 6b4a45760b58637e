"""Bad workshop files: a clear message and nothing written, whatever the file holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabfacil.storage.db import open_database
from collabfacil.storage.exchange import ExchangeError, import_file, parse
from collabfacil.storage.repository import WorkshopRepository

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10),
                                                                inner, max_size=4),
    max_leaves=20)


@settings(max_examples=200)
@given(doc=JSON)
def test_any_json_is_refused_with_a_message_not_a_crash(doc: object) -> None:
    """Arbitrary JSON (wrong types, missing fields) gives an ExchangeError, nothing else."""
    with pytest.raises(ExchangeError):
        parse(json.dumps(doc))


@settings(max_examples=100)
@given(fields=st.dictionaries(st.sampled_from(["title", "date", "venue", "starts_at"]),
                              JSON, min_size=1))
def test_a_workshop_with_any_wrong_field_values_is_refused(fields: dict[str, object]) -> None:
    """A real header with arbitrary workshop fields: refused (or read), never a crash."""
    doc = {"format": "collabfacil.workshop", "version": 1,
           "workshop": {"title": "T", **fields}, "steps": []}
    assert outcome(json.dumps(doc)).strip()


def outcome(text: str) -> str:
    """ "read" when the text imports, else the one-line reason it was refused."""
    try:
        parse(text)
    except ExchangeError as exc:
        return str(exc)
    return "read"


def test_a_50_mb_file_is_refused_quickly_and_nothing_is_written(tmp_path: Path) -> None:
    """A huge file is refused by its size, before it is read."""
    big = tmp_path / "huge.json"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    repo = WorkshopRepository(open_database(tmp_path / "w.db"))
    with pytest.raises(ExchangeError, match="too large"):
        import_file(big, repo)
    assert repo.list_workshops() == []


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    """100,000 nested lists: a message, not a RecursionError."""
    with pytest.raises(ExchangeError, match="nested too deeply"):
        parse("[" * 100_000 + "]" * 100_000)
