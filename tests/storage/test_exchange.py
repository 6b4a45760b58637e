"""The JSON exchange format: lossless round trips, clear refusals, atomic import."""

from __future__ import annotations

import copy
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from collabfacil.domain.demo import build_demo
from collabfacil.domain.errors import CollabFacilError, ValidationError
from collabfacil.domain.model import Contribution, Step, Workshop, WorkshopData
from collabfacil.export.files import ExportError
from collabfacil.resources import load_default_library
from collabfacil.storage import exchange
from collabfacil.storage.db import open_database
from collabfacil.storage.errors import StorageError
from collabfacil.storage.exchange import (
    ExchangeError,
    from_document,
    import_file,
    parse,
    read_file,
    to_document,
    write_json,
)
from collabfacil.storage.repository import WorkshopRepository

ROOT = Path(__file__).resolve().parents[2]
STAMP = "2026-03-12T17:00:00+00:00"


@pytest.fixture(scope="module")
def demo() -> WorkshopData:
    """The sample workshop (temporary ids, not stored)."""
    return build_demo(load_default_library())


@pytest.fixture
def doc(demo: WorkshopData) -> dict[str, Any]:
    """A valid document to spoil in one place."""
    return to_document(demo, exported_at=STAMP)


def table_counts(repo: WorkshopRepository) -> dict[str, int]:
    tables = ("workshops", "organisations", "participants", "steps", "contributions",
              "actions")
    return {t: repo.db[t].count for t in tables}


def keys_everywhere(value: object) -> set[str]:
    """Every object key at any depth of a JSON value (step configs left out)."""
    if isinstance(value, dict):
        return set(value) | {k for key, v in value.items() if key != "config"
                             for k in keys_everywhere(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_everywhere(v)}
    return set()


# ------------------------------------------------------------ round trips


def test_a_document_names_its_format_and_version(doc: dict[str, Any]) -> None:
    """The two fields that let a reader know what it holds come first."""
    assert list(doc)[:3] == ["format", "version", "exported_at"]
    assert doc["format"] == "collabfacil.workshop"
    assert doc["version"] == 1
    assert doc["exported_at"] == STAMP


def test_export_import_export_gives_the_same_document(
        repo: WorkshopRepository, demo: WorkshopData) -> None:
    """Through the database twice, only exported_at could differ (new ids never show)."""
    first_id = repo.insert_workshop_data(demo)
    first = to_document(repo.load(first_id), exported_at=STAMP)
    second_id = repo.insert_workshop_data(from_document(first))
    second = to_document(repo.load(second_id), exported_at=STAMP)
    assert second_id != first_id
    assert second == first
    assert first == to_document(demo, exported_at=STAMP)


def test_a_file_round_trip_is_identical_apart_from_exported_at(
        repo: WorkshopRepository, demo: WorkshopData, tmp_path: Path) -> None:
    """write_json, import_file, write_json: the same file but for its timestamp."""
    first_path, second_path = tmp_path / "first.json", tmp_path / "second.json"
    write_json(repo.load(repo.insert_workshop_data(demo)), first_path)
    write_json(repo.load(import_file(first_path, repo)), second_path)
    first = json.loads(first_path.read_text(encoding="utf-8"))
    second = json.loads(second_path.read_text(encoding="utf-8"))
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


def test_created_at_timestamps_are_kept(repo: WorkshopRepository,
                                        demo: WorkshopData) -> None:
    """An archived workshop keeps when it was made and when each note was captured."""
    loaded = repo.load(repo.insert_workshop_data(from_document(to_document(demo))))
    assert loaded.workshop.created_at == demo.workshop.created_at
    assert [c.created_at for c in loaded.contributions] == [
        c.created_at for c in demo.contributions]
    assert [a.created_at for a in loaded.actions] == [a.created_at for a in demo.actions]


def test_documents_hold_references_not_database_ids(doc: dict[str, Any]) -> None:
    """Partners and steps are linked by document-local refs; notes sit in their step."""
    assert "id" not in keys_everywhere(doc)
    assert "step_id" not in keys_everywhere(doc)
    refs = {o["ref"] for o in doc["organisations"]}
    for step in doc["steps"]:
        for note in step["contributions"]:
            assert note["organisation"] is None or note["organisation"] in refs
    step_refs = {s["ref"] for s in doc["steps"]}
    assert all(a["step"] in step_refs for a in doc["actions"])


def test_the_json_file_is_readable_utf8(demo: WorkshopData, tmp_path: Path) -> None:
    """Names are written as themselves (not \\u escapes), indented, ending in a newline."""
    path = tmp_path / "w.json"
    write_json(demo, path)
    raw = path.read_bytes()
    assert "Siân Llŷr".encode() in raw
    assert "Małgorzata Wójcik".encode() in raw
    assert b'\n  "workshop": {\n' in raw
    assert raw.endswith(b"}\n")


def test_an_anonymised_file_names_no_participant(demo: WorkshopData,
                                                 tmp_path: Path) -> None:
    """--anonymise drops the participant list and withholds owners."""
    path = tmp_path / "anon.json"
    write_json(demo, path, anonymise=True)
    text = path.read_text(encoding="utf-8")
    for person in demo.participants:
        assert person.name not in text
    assert json.loads(text)["participants"] == []


def test_a_json_file_is_written_whole_or_not_at_all(demo: WorkshopData,
                                                    tmp_path: Path) -> None:
    """A missing folder is a clear error and leaves nothing behind."""
    with pytest.raises(ExportError, match="does not exist"):
        write_json(demo, tmp_path / "missing" / "w.json")
    assert list(tmp_path.iterdir()) == []


def test_steps_keep_their_type_and_config_as_given(repo: WorkshopRepository) -> None:
    """A config with no sections reads back with no sections key added."""
    data = WorkshopData(Workshop(title="Plain"), [], [], [
        Step(type="brainstorm", title="Open board", config={}, id=1),
        Step(type="brainstorm", title="Columns", id=2,
             config={"sections": ["A", "B"], "must_agree": ["A"]}),
        Step(type="actions", title="Actions", id=3),
    ], [], [])
    doc = to_document(data, exported_at=STAMP)
    assert [s["config"] for s in doc["steps"]] == [
        {}, {"sections": ["A", "B"], "must_agree": ["A"]}, {}]
    again = to_document(repo.load(repo.insert_workshop_data(from_document(doc))),
                        exported_at=STAMP)
    assert again == doc


def test_a_minimal_hand_written_document_is_accepted() -> None:
    """Only format, version and the workshop's title are required."""
    data = from_document({"format": "collabfacil.workshop", "version": 1,
                          "workshop": {"title": "Hand made", "venue": None}})
    assert data.workshop.title == "Hand made"
    assert data.workshop.venue == ""
    assert (data.steps, data.contributions, data.actions) == ([], [], [])


# ------------------------------------------------------------ refusals


def spoil(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """Set (or, for ..., delete) the value at a dotted JSON path like steps[2].title."""
    parts = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]

    def apply(doc: dict[str, Any]) -> None:
        target: Any = doc
        for part in parts[:-1]:
            target = target[part]
        if value is ...:
            del target[parts[-1]]
        else:
            target[parts[-1]] = value
    return apply


REFUSED = [
    ("format", "collabfacil.survey", "not a CollabFacil workshop file"),
    ("format", ..., "format is missing"),
    ("version", 2, "newer CollabFacil (exchange format version 2"),
    ("version", "1", "version: must be a whole number, not text."),
    ("version", 0, "Unknown exchange format version 0"),
    ("workshop", ..., "workshop: this field is missing."),
    ("workshop", [], "workshop: must be an object, not a list."),
    ("workshop.title", 5, "workshop.title: must be text, not a whole number."),
    ("workshop.title", "  ", "workshop.title: The workshop title is empty"),
    ("workshop.date", "12/03/2026", "workshop.date: '12/03/2026' is not a date like"),
    ("workshop.date", "2026-02-30", "workshop.date: The date '2026-02-30' is not a real"),
    ("workshop.starts_at", "9am", "workshop.starts_at: The start time '9am'"),
    ("workshop.current_step", 99, "workshop.current_step: is 99, but the workshop has"),
    ("workshop.current_step", True, "workshop.current_step: must be a whole number"),
    ("workshop.created_at", "yesterday", "workshop.created_at: 'yesterday' is not a"),
    ("workshop.colour", "blue", "workshop.colour: unknown field"),
    ("organisations", {}, "organisations: must be a list, not an object."),
    ("organisations[1].ref", "org-1", "organisations[1].ref: 'org-1' is used by two"),
    ("organisations[1].ref", ..., "organisations[1].ref: this field is missing."),
    ("organisations[0].name", "", "organisations[0].name: The organisation's name is"),
    ("participants[0].organisation", "org-99",
     "participants[0].organisation: there is no organisation with ref 'org-99'."),
    ("steps[1].type", "juggling", "steps[1].type: Unknown step type 'juggling'"),
    ("steps[1].minutes", "ten", "steps[1].minutes: must be a whole number, not text."),
    ("steps[1].minutes", 10.5, "steps[1].minutes: must be a whole number, not a decimal"),
    ("steps[1].minutes", 9999, "steps[1].minutes: Minutes must be a whole number from"),
    ("steps[1].config", [], "steps[1].config: must be an object, not a list."),
    ("steps[1].config.sections", "abc", "steps[1].config.sections: sections must be"),
    ("steps[2].ref", "step-1", "steps[2].ref: 'step-1' is used by two steps."),
    ("steps[1].contributions[0].text", "",
     "steps[1].contributions[0].text: The note is empty"),
    ("steps[1].contributions[0].text", 42,
     "steps[1].contributions[0].text: must be text, not a whole number."),
    ("steps[1].contributions[0].text", "bell\x07",
     "steps[1].contributions[0].text: The note contains a control character (U+0007)"),
    ("steps[1].contributions[0]", "a note", "steps[1].contributions[0]: must be an obj"),
    ("steps[1].contributions[0].organisation", "org-99",
     "steps[1].contributions[0].organisation: there is no organisation with ref"),
    ("steps[1].contributions[0].created_at", 5,
     "steps[1].contributions[0].created_at: must be text"),
    ("actions[0].due", ..., "actions[0].due: this field is missing."),
    ("actions[0].due", None, "actions[0].due: must be a date like 2026-03-31, not null"),
    ("actions[0].due", "2026-13-01", "actions[0].due: The due date '2026-13-01' is not"),
    ("actions[0].owner", " ", "actions[0].owner: The owner is empty"),
    ("actions[0].first_step", ..., "actions[0].first_step: this field is missing."),
    ("actions[0].small_test", "yes", "actions[0].small_test: must be true or false, not"),
    ("actions[0].review_date", "soon", "actions[0].review_date: 'soon' is not a date"),
    ("actions[0].step", "step-99", "actions[0].step: there is no step with ref 'step-99'"),
    ("actions[0].step", 6, "actions[0].step: must be text or null, not a whole number"),
]


@pytest.mark.parametrize(("path", "value", "message"), REFUSED,
                         ids=[f"{p}={v!r}" for p, v, _ in REFUSED])
def test_a_bad_document_is_refused_naming_the_field(
        doc: dict[str, Any], path: str, value: object, message: str) -> None:
    """Each problem gives one line that starts from the JSON path that is wrong."""
    spoil(path, value)(doc)
    with pytest.raises(ExchangeError) as caught:
        from_document(doc)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, CollabFacilError)


@pytest.mark.parametrize("value", [[], "text", 3, None])
def test_a_document_that_is_not_an_object_is_refused(value: object) -> None:
    with pytest.raises(ExchangeError, match="not a CollabFacil workshop file"):
        from_document(value)


@pytest.mark.parametrize(("text", "message"), [
    ('{"format": "collabfacil.workshop",\n  "version": 1,\n',
     r"not valid JSON: Expecting property name .* at line 3, column 1\."),
    ('{"format": "collabfacil.workshop" "version": 1}',
     r"not valid JSON: Expecting ',' delimiter at line 1, column 35\."),
    ("", r"not valid JSON: Expecting value at line 1, column 1\."),
    ('{"format": "collabfacil.workshop", "format": "x"}',
     r"the key 'format' appears twice"),
    ('{"format": "collabfacil.workshop", "version": NaN}', r"NaN is not allowed"),
    ("[" * 100_000, r"nested too deeply"),
])
def test_malformed_json_is_refused_with_where(text: str, message: str) -> None:
    """A broken file says what is wrong and where, in one line."""
    with pytest.raises(ExchangeError, match=message) as caught:
        parse(text, source="w.json")
    assert str(caught.value).startswith("w.json ")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Siân"}'.encode("latin-1"))
    with pytest.raises(ExchangeError, match="not UTF-8 text"):
        read_file(path)


def test_a_byte_order_mark_is_accepted(doc: dict[str, Any], tmp_path: Path) -> None:
    """Files saved by Windows Notepad start with a BOM; that is still JSON."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode())
    assert read_file(path).workshop.title == doc["workshop"]["title"]


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match=r"Cannot read .*nope\.json: No such file"):
        read_file(tmp_path / "nope.json")


def test_a_refused_file_adds_nothing(repo: WorkshopRepository,
                                     doc: dict[str, Any], tmp_path: Path) -> None:
    """The last note pointing at an unknown partner: refused before any write."""
    last = max(i for i, step in enumerate(doc["steps"]) if step["contributions"])
    notes = doc["steps"][last]["contributions"]
    notes[-1]["organisation"] = "nobody"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = table_counts(repo)
    with pytest.raises(ExchangeError,
                       match=rf"steps\[{last}\]\.contributions\[{len(notes) - 1}\]"):
        import_file(path, repo)
    assert table_counts(repo) == before


# ------------------------------------------------------------ atomicity


def test_an_import_that_fails_half_way_leaves_nothing(
        repo: WorkshopRepository, doc: dict[str, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing at the 30th note rolls back the workshop, partners and notes."""
    path = tmp_path / "w.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    repo.create_workshop(Workshop(title="Already here"))
    before = table_counts(repo)
    real = WorkshopRepository._insert_contribution
    calls = []

    def failing(self: WorkshopRepository, c: Contribution) -> Contribution:
        calls.append(c)
        if len(calls) == 30:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, c)

    monkeypatch.setattr(WorkshopRepository, "_insert_contribution", failing)
    with pytest.raises(StorageError, match="disk I/O error"):  # one line, not sqlite3's
        import_file(path, repo)
    assert len(calls) == 30
    assert table_counts(repo) == before
    assert [w.title for w in repo.list_workshops()] == ["Already here"]


KILLER = """
import os, sys
from collabfacil.storage import repository
real = repository.WorkshopRepository._insert_action
calls = []
def dying(self, action):
    calls.append(action)
    if len(calls) == 5:
        os._exit(9)  # like a power cut: no cleanup, no rollback
    return real(self, action)
repository.WorkshopRepository._insert_action = dying
from collabfacil.cli import main
main(["import", sys.argv[1], "--db", sys.argv[2]])
"""


def test_an_import_killed_half_way_leaves_nothing(doc: dict[str, Any],
                                                  tmp_path: Path) -> None:
    """The process dies after the notes and half the actions: the file has no trace."""
    source, db_path = tmp_path / "w.json", tmp_path / "w.db"
    source.write_text(json.dumps(doc), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", KILLER, str(source), str(db_path)],
                            env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 9, result.stderr
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert table_counts(WorkshopRepository(db)) == dict.fromkeys(
            ("workshops", "organisations", "participants", "steps", "contributions",
             "actions"), 0)
    finally:
        db.close()


# ------------------------------------------------------------ properties


def _note_text(text: str) -> str:
    """The text as a note stores it; texts a note refuses are not generated."""
    try:
        return Contribution(step_id=1, text=text).text
    except ValidationError:
        reject()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=300))
def test_any_note_text_survives_a_json_round_trip(text: str) -> None:
    """Whatever a note may hold (emoji, RTL, markup, quotes) comes back unchanged."""
    text = _note_text(text)
    data = WorkshopData(Workshop(title="T"), [], [],
                        [Step(type="brainstorm", title="B", id=1)],
                        [Contribution(step_id=1, text=text)], [])
    back = parse(exchange.dumps(data))
    assert back.contributions[0].text == text


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=4))
def test_any_note_text_survives_the_database_and_back(texts: list[str]) -> None:
    """Through a file format and a database: every character is kept."""
    texts = [_note_text(t) for t in texts]
    data = WorkshopData(Workshop(title="T"), [], [],
                        [Step(type="brainstorm", title="B", id=1)],
                        [Contribution(step_id=1, text=t, position=i)
                         for i, t in enumerate(texts)], [])
    db = open_database(None)
    try:
        repo = WorkshopRepository(db)
        loaded = repo.load(repo.insert_workshop_data(parse(exchange.dumps(data))))
    finally:
        db.close()
    assert [c.text for c in loaded.contributions] == texts


# ------------------------------------------------------------ the documentation


DOCS = ROOT / "docs" / "exchange-format.md"


def test_the_example_in_the_documentation_is_a_valid_document() -> None:
    """docs/exchange-format.md shows a file that imports as it stands."""
    blocks = re.findall(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert blocks
    data = parse(blocks[0])
    assert len(data.steps) >= 2
    assert data.contributions
    assert data.actions
    example = json.loads(blocks[0])
    assert to_document(data, exported_at=example["exported_at"]) | {
        "generator": example["generator"]} == example


def test_every_field_written_is_documented(doc: dict[str, Any]) -> None:
    """No field reaches a file without a line about it in the documentation (the
    exchange format, or the step type's page for its settings and records)."""
    text = DOCS.read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (DOCS.parent / "step-types").glob("*.md"))
    missing = sorted(k for k in keys_everywhere(copy.deepcopy(doc))
                     if f"`{k}`" not in text)
    assert missing == []
