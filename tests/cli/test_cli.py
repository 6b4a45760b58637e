"""The command line of DESIGN.md, a contract: commands, output, exit status."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from collabfacil import cli as cli_module
from collabfacil.cli import build_parser, main
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("list", "demo", "new", "import", "export", "exercises", "backups",
            "restore")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the tests' database goes (not created yet)."""
    return tmp_path / "workshops.db"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main() in this process: exit status, stdout, stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def last_line_id(out: str) -> int:
    """The id a command printed alone on its last line."""
    last = out.rstrip("\n").splitlines()[-1]
    assert last.isdigit(), out
    return int(last)


@pytest.fixture
def demo_id(capsys: pytest.CaptureFixture[str], db: Path) -> int:
    status, out, _ = run(capsys, "demo", "--db", str(db))
    assert status == 0
    return last_line_id(out)


def assert_one_line_error(err: str, *fragments: str) -> None:
    """A user-facing error: one line, prefixed, no traceback."""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("collabfacil: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


# ------------------------------------------------------------ in process


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in COMMANDS:
        assert f"\n    {command} " in out, command
    for option in ("--db", "--workshop", "--screen", "--exit-after-startup",
                   "--version"):
        assert option in out


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from collabfacil import __version__

    status, out, _ = run(capsys, "--version")
    assert (status, out) == (0, f"collabfacil {__version__}\n")


def test_demo_prints_the_new_id_on_its_last_line(
        capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status, out, err = run(capsys, "demo", "--db", str(db))
    assert (status, err) == (0, "")
    first = last_line_id(out)
    assert "Home First" in out
    status, out, _ = run(capsys, "demo", "--db", str(db))
    assert last_line_id(out) == first + 1


def test_db_is_accepted_before_and_after_the_command(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    assert run(capsys, "--db", str(before), "demo")[0] == 0
    assert run(capsys, "demo", "--db", str(after))[0] == 0
    assert run(capsys, "--db", str(after), "demo")[0] == 0
    for path, count in ((before, 1), (after, 2)):
        status, out, _ = run(capsys, "list", "--json", "--db", str(path))
        assert status == 0
        assert len(json.loads(out)) == count


def test_list_json_describes_each_workshop(capsys: pytest.CaptureFixture[str],
                                           db: Path, demo_id: int) -> None:
    status, out, _ = run(capsys, "list", "--db", str(db), "--json")
    assert status == 0
    [row] = json.loads(out)
    assert row["id"] == demo_id
    assert row["date"] == "2026-03-12"
    assert row["contributions"] >= 40
    assert row["actions"] >= 8
    assert set(row) == {"id", "title", "date", "venue", "contributions", "actions",
                        "updated_at"}


def test_list_shows_a_table(capsys: pytest.CaptureFixture[str], db: Path,
                            demo_id: int) -> None:
    status, out, _ = run(capsys, "list", "--db", str(db))
    header, row = out.splitlines()
    assert status == 0
    assert header.split() == ["ID", "DATE", "NOTES", "ACTIONS", "TITLE"]
    assert row.split()[:2] == [str(demo_id), "2026-03-12"]


def test_list_of_a_missing_database_creates_no_file(
        capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status, out, _ = run(capsys, "list", "--db", str(db))
    assert status == 0
    assert "No workshops yet" in out
    assert run(capsys, "list", "--json", "--db", str(db))[1] == "[]\n"
    assert not db.exists()


def test_new_starts_a_workshop_from_a_template(capsys: pytest.CaptureFixture[str],
                                               db: Path) -> None:
    status, out, err = run(capsys, "new", "--template", "masterclass-short",
                           "--title", "Siân's partnership day", "--date",
                           "2026-04-30", "--db", str(db))
    assert (status, err) == (0, "")
    database = open_database(db)
    try:
        data = WorkshopRepository(database).load(last_line_id(out))
    finally:
        database.close()
    assert data.workshop.title == "Siân's partnership day"
    assert data.workshop.date.isoformat() == "2026-04-30"
    assert data.workshop.template_key == "masterclass-short"
    assert len(data.steps) == 11


@pytest.mark.parametrize(("args", "fragment"), [
    (["--template", "nope", "--title", "T"], "No template called 'nope'"),
    (["--template", "masterclass-short", "--title", "  "], "title is empty"),
    (["--template", "masterclass-short", "--title", "T", "--date", "2026-02-30"],
     "not a real date"),
    (["--template", "masterclass-short", "--title", "T", "--date", "30/04/2026"],
     "not a date like 2026-03-12"),
])
def test_new_refuses_bad_values_in_one_line(capsys: pytest.CaptureFixture[str],
                                            db: Path, args: list[str],
                                            fragment: str) -> None:
    status, out, err = run(capsys, "new", *args, "--db", str(db))
    assert (status, out) == (1, "")
    assert_one_line_error(err, fragment)


def test_import_prints_the_new_id(capsys: pytest.CaptureFixture[str], db: Path,
                                  demo_id: int, tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    assert run(capsys, "export", str(demo_id), "--json", str(path), "--db", str(db)
               )[0] == 0
    status, out, err = run(capsys, "import", str(path), "--db", str(db))
    assert (status, err) == (0, "")
    assert last_line_id(out) == demo_id + 1
    assert "Imported" in out


def test_import_of_malformed_json_says_where(capsys: pytest.CaptureFixture[str],
                                            db: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "collabfacil.workshop",\n  "version": 1,,\n}')
    status, out, err = run(capsys, "import", str(path), "--db", str(db))
    assert (status, out) == (1, "")
    assert_one_line_error(err, "not valid JSON", "line 2, column 16")


def test_import_of_a_wrong_document_names_the_field(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"format": "collabfacil.workshop", "version": 1,
                                "workshop": {"title": "T"},
                                "steps": [{"ref": "s", "type": "brainstorm",
                                           "title": "B", "minutes": "ten"}]}))
    status, _, err = run(capsys, "import", str(path), "--db", str(db))
    assert status == 1
    assert_one_line_error(err, "steps[0].minutes: must be a whole number")
    assert run(capsys, "list", "--json", "--db", str(db))[1] == "[]\n"


@pytest.mark.parametrize("kind", ["pdf", "json", "csv", "md"])
def test_export_writes_each_format(capsys: pytest.CaptureFixture[str], db: Path,
                                   demo_id: int, tmp_path: Path, kind: str) -> None:
    out_path = tmp_path / f"plan.{kind}"
    status, out, err = run(capsys, "export", str(demo_id), f"--{kind}", str(out_path),
                           "--db", str(db))
    assert (status, err) == (0, ""), err
    assert str(out_path) in out
    raw = out_path.read_bytes()
    if kind == "pdf":
        reader = PdfReader(io.BytesIO(raw))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "Nothing about me without me" in text  # a note
        assert "Małgorzata Wójcik" in text
    elif kind == "json":
        doc = json.loads(raw)
        assert doc["format"] == "collabfacil.workshop"
        assert sum(len(s["contributions"]) for s in doc["steps"]) >= 40
    elif kind == "csv":
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(rows) >= 9
        assert any("Siân Llŷr" in cell for row in rows for cell in row)
    else:
        assert "Home First" in raw.decode("utf-8")


@pytest.mark.parametrize("kind", ["pdf", "json", "csv", "md"])
def test_export_anonymise_leaves_out_names(capsys: pytest.CaptureFixture[str],
                                           db: Path, demo_id: int, tmp_path: Path,
                                           kind: str) -> None:
    out_path = tmp_path / f"anon.{kind}"
    status, _, err = run(capsys, "export", str(demo_id), f"--{kind}", str(out_path),
                         "--anonymise", "--db", str(db))
    assert (status, err) == (0, ""), err
    if kind == "pdf":
        reader = PdfReader(out_path)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    else:
        text = out_path.read_text(encoding="utf-8-sig")
    for name in ("Siân Llŷr", "Małgorzata Wójcik", "Dr Helen Marsh"):
        assert name not in text


def test_export_on_us_letter(capsys: pytest.CaptureFixture[str], db: Path, demo_id: int,
                             tmp_path: Path) -> None:
    out_path = tmp_path / "letter.pdf"
    status, _, err = run(capsys, "export", str(demo_id), "--pdf", str(out_path),
                         "--paper", "Letter", "--db", str(db))
    assert (status, err) == (0, ""), err
    box = PdfReader(out_path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_paper_size_for_anything_but_the_pdf_is_bad_usage(
        capsys: pytest.CaptureFixture[str], db: Path, demo_id: int, tmp_path: Path) -> None:
    out_path = tmp_path / "plan.csv"
    status, _, err = run(capsys, "export", str(demo_id), "--csv", str(out_path),
                         "--paper", "Letter", "--db", str(db))
    assert status == 2
    assert "--paper only applies to --pdf" in err
    assert not out_path.exists()


def test_export_of_an_unknown_workshop_is_an_error(
        capsys: pytest.CaptureFixture[str], db: Path, demo_id: int,
        tmp_path: Path) -> None:
    out_path = tmp_path / "x.json"
    status, out, err = run(capsys, "export", "999", "--json", str(out_path),
                           "--db", str(db))
    assert (status, out) == (1, "")
    assert_one_line_error(err, "There is no workshop with id 999")
    assert not out_path.exists()


def test_export_from_a_missing_database_creates_nothing(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    status, _, err = run(capsys, "export", "1", "--json", str(tmp_path / "x.json"),
                         "--db", str(db))
    assert status == 1
    assert_one_line_error(err, "no workshop with id 1")
    assert not db.exists()


def test_export_into_a_missing_folder_is_an_error(
        capsys: pytest.CaptureFixture[str], db: Path, demo_id: int,
        tmp_path: Path) -> None:
    status, _, err = run(capsys, "export", str(demo_id), "--json",
                         str(tmp_path / "nope" / "x.json"), "--db", str(db))
    assert status == 1
    assert_one_line_error(err, "does not exist")


@pytest.mark.parametrize("argv", [
    ["export", "1", "out.pdf"],  # no format
    ["export", "1", "--pdf", "--json", "out.pdf"],  # two formats
    ["export", "one", "--pdf", "out.pdf"],  # not an id
    ["export", "1", "--pdf"],  # no OUT
    ["new", "--title", "T"],  # no template
    ["import"],
    ["frobnicate"],
    ["list", "--jsonn"],
    ["--workshop", "3", "list"],  # app options with a command
    ["--screen", "x"],
])
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert "usage: collabfacil" in err
    assert "Traceback" not in err


def make_backup_of(db: Path) -> Path:
    """One backup of ``db`` as the app makes them."""
    from collabfacil.storage.backups import make_backup

    database = open_database(db)
    try:
        return make_backup(database, db)
    finally:
        database.close()


def test_backups_with_none_yet_says_so(capsys: pytest.CaptureFixture[str],
                                       db: Path) -> None:
    status, out, err = run(capsys, "backups", "--db", str(db))
    assert (status, err) == (0, "")
    assert "No backups yet" in out
    assert not db.exists()  # listing creates nothing


def test_backups_lists_each_with_its_workshops(capsys: pytest.CaptureFixture[str],
                                               db: Path, demo_id: int) -> None:
    made = make_backup_of(db)
    status, out, err = run(capsys, "backups", "--db", str(db))
    assert (status, err) == (0, "")
    assert made.name in out
    assert "1 workshop:" in out
    status, out, _ = run(capsys, "backups", "--json", "--db", str(db))
    assert status == 0
    listed = json.loads(out)
    assert [b["path"] for b in listed] == [str(made)]
    assert [w["id"] for w in listed[0]["workshops"]] == [demo_id]


def test_restore_puts_a_backup_back_and_says_where_the_old_file_is(
        capsys: pytest.CaptureFixture[str], db: Path, demo_id: int) -> None:
    made = make_backup_of(db)
    run(capsys, "demo", "--db", str(db))  # a second workshop, after the backup
    status, out, err = run(capsys, "restore", made.name, "--db", str(db))
    assert (status, err) == (0, "")
    assert "previous file was kept as" in out
    aside = Path(out.rstrip().rsplit(" as ", 1)[1].rstrip("."))
    assert aside.exists()
    status, out, _ = run(capsys, "list", "--json", "--db", str(db))
    assert [w["id"] for w in json.loads(out)] == [demo_id]


@pytest.mark.parametrize("content", [None, b"not a database at all"])
def test_restoring_a_bad_backup_is_one_line_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], db: Path, demo_id: int, tmp_path: Path,
        content: bytes | None) -> None:
    bad = tmp_path / "bad.db"
    if content is not None:
        bad.write_bytes(content)
    before = db.read_bytes()
    status, out, err = run(capsys, "restore", str(bad), "--db", str(db))
    assert (status, out) == (1, "")
    assert_one_line_error(err, "bad.db")
    assert db.read_bytes() == before


def test_exercises_json_lists_exercises_and_templates(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "exercises", "--json")
    assert status == 0
    library = json.loads(out)
    assert set(library) == {"exercises", "templates"}
    keys = [e["key"] for e in library["exercises"]]
    assert {"E4", "E9", "E13", "E14"} <= set(keys)
    assert keys.index("E4") < keys.index("E13")  # natural order
    for exercise in library["exercises"]:
        assert set(exercise) == {"key", "title", "minutes", "short_minutes",
                                 "purpose", "based_on", "steps"}
        assert exercise["based_on"]
        assert exercise["minutes"] == sum(s["minutes"] for s in exercise["steps"])
        for step in exercise["steps"]:
            assert set(step) == {"type", "title", "minutes"}
    short = next(t for t in library["templates"] if t["key"] == "masterclass-short")
    assert set(short) == {"key", "title", "minutes"}
    assert short["minutes"] == 90


def test_exercises_shows_a_readable_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "exercises")
    assert status == 0
    assert out.startswith("Exercises\n")
    assert "\nTemplates\n" in out
    assert "masterclass-short" in out
    assert any(line.split()[:3] == ["E9", "30", "20"] for line in out.splitlines())


def test_the_app_form_starts_the_app_with_its_options(
        capsys: pytest.CaptureFixture[str], db: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No command: run_app gets the database, workshop, screen and smoke-test flag."""
    calls: list[dict[str, Any]] = []
    fake = types.ModuleType("collabfacil.app")
    fake.run_app = lambda **kwargs: calls.append(kwargs) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "collabfacil.app", fake)
    assert run(capsys, "--db", str(db), "--workshop", "3", "--screen", "1",
               "--exit-after-startup")[0] == 0
    assert run(capsys, "--db", str(db))[0] == 0
    assert calls == [
        {"db_path": db, "workshop_id": 3, "screen": 1, "exit_after_startup": True},
        {"db_path": db, "workshop_id": None, "screen": None,
         "exit_after_startup": False},
    ]


def test_the_quick_app_form_knows_every_command() -> None:
    """Starting the app skips building the commands' parsers only when no command is
    named: the list it checks is the parser's own."""
    full = build_parser()
    [subparsers] = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(cli_module._COMMANDS) == set(subparsers.choices) == set(COMMANDS)


app_options = st.lists(st.sampled_from([
    ["--db", "w.db"], ["--db=other.db"], ["--workshop", "3"], ["--workshop=12"],
    ["--screen", "1"], ["--screen", "-1"], ["--exit-after-startup"]]), max_size=5)


@given(app_options)
def test_the_quick_app_form_reads_options_as_the_full_parser_does(
        options: list[list[str]]) -> None:
    argv = [arg for option in options for arg in option]
    quick = cli_module._parse_app_form(argv)
    assert quick is not None
    full = build_parser().parse_args(argv)
    assert vars(quick) == {k: v for k, v in vars(full).items() if k in vars(quick)}
    assert (quick.command, full.command) == (None, None)


@pytest.mark.parametrize("argv", [
    ["--workshop", "three"], ["frobnicate"], ["--db"], ["--colour", "red"],
    ["--screen"], ["--screen", "1", "export"], ["--wor", "3"], ["--db", "a", "b"]])
def test_bad_app_form_input_gets_the_full_parsers_message(
        capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """A command line the quick path cannot read is read by the full parser: the
    same message and exit status 2 as before there was a quick path."""
    with pytest.raises(SystemExit) as expected:
        build_parser().parse_args(argv)
    _, wanted = capsys.readouterr()
    status, out, err = run(capsys, *argv)
    assert (status, out, err) == (expected.value.code, "", wanted)
    assert status == 2
    assert "usage: collabfacil" in err


@pytest.mark.parametrize("argv", [["--workshop", "3", "list"], ["--screen", "1", "demo"],
                                  ["--exit-after-startup", "list"]])
def test_app_options_with_a_command_are_refused(capsys: pytest.CaptureFixture[str],
                                                db: Path, argv: list[str]) -> None:
    status, out, err = run(capsys, *argv, "--db", str(db))
    assert (status, out) == (2, "")
    assert err.endswith("error: --workshop, --screen and --exit-after-startup only "
                        "apply when starting the app\n")
    assert not db.exists()


# ------------------------------------------------------------ real processes


def cli(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m collabfacil ...` with its own home and data folders."""
    env = {**os.environ, "HOME": str(tmp_path / "home"),
           "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "collabfacil", *argv], env=env,
                          cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def test_a_real_process_uses_a_private_default_database(tmp_path: Path) -> None:
    """No --db: a file readable by its owner only, in a folder only they can enter."""
    demo = cli(tmp_path, "demo")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.splitlines()[-1].isdigit()
    [path] = list((tmp_path / "data").rglob("collabfacil.db"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    listed = cli(tmp_path, "list", "--json")
    assert listed.returncode == 0
    assert [w["id"] for w in json.loads(listed.stdout)] == [
        int(demo.stdout.splitlines()[-1])]


def test_a_real_process_reports_errors_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    result = cli(tmp_path, "export", "7", "--pdf", "out.pdf", "--db", str(db))
    assert result.returncode == 1
    assert_one_line_error(result.stderr, "no workshop with id 7")
    assert result.stdout == ""


def test_a_real_process_exits_2_on_bad_usage(tmp_path: Path) -> None:
    result = cli(tmp_path, "export", "7", "out.pdf")
    assert result.returncode == 2
    assert "one of the arguments --pdf --json --csv --md is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_real_process_round_trips_new_export_import(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    new = cli(tmp_path, "new", "--template", "masterclass-short", "--title",
              "Małgorzata's review", "--db", db)
    assert new.returncode == 0, new.stderr
    first = new.stdout.splitlines()[-1]
    assert cli(tmp_path, "export", first, "--json", "w.json", "--db", db).returncode == 0
    imported = cli(tmp_path, "import", "w.json", "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert int(imported.stdout.splitlines()[-1]) == int(first) + 1


@pytest.fixture
def stored_demo(tmp_path: Path) -> Path:
    """A database file holding the demo, checkpointed so it is one file."""
    db = tmp_path / "w.db"
    assert cli(tmp_path, "demo", "--db", str(db)).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return db


def test_a_newer_database_is_refused_untouched(tmp_path: Path,
                                               stored_demo: Path) -> None:
    newer = tmp_path / "newer.db"
    shutil.copy(stored_demo, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = newer.read_bytes()
    for argv in (["list"], ["demo"], ["export", "1", "--json", "x.json"]):
        result = cli(tmp_path, *argv, "--db", str(newer))
        assert result.returncode == 1, argv
        assert_one_line_error(result.stderr, "newer version of CollabFacil")
    assert newer.read_bytes() == before
    assert not (tmp_path / "x.json").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("Minutes of the partnership board\n", encoding="utf-8")
    before = notes.read_bytes()
    for argv in (["list"], ["demo"], ["import", "x.json"]):
        result = cli(tmp_path, *argv, "--db", str(notes))
        assert result.returncode == 1, argv
        assert_one_line_error(result.stderr, "not a CollabFacil database")
    assert notes.read_bytes() == before


NO_WIDGETS = """
import sys
from collabfacil.cli import main
status = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules
                if m.startswith(("PySide6.QtWidgets", "PySide6.QtGui")))
assert not loaded, loaded
sys.exit(status)
"""


@pytest.mark.parametrize("argv", [
    ["list"], ["list", "--json"], ["exercises", "--json"],
    ["export", "1", "--json", "o.json"], ["export", "1", "--csv", "o.csv"],
    ["export", "1", "--md", "o.md"], ["export", "1", "--pdf", "o.pdf"],
])
def test_commands_need_no_display(tmp_path: Path, stored_demo: Path,
                                  argv: list[str]) -> None:
    """list, export and the rest load neither QtWidgets nor QtGui."""
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
           "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run([sys.executable, "-c", NO_WIDGETS, *argv, "--db",
                             str(stored_demo)], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_the_installed_version_is_the_packages_own() -> None:
    """pyproject takes its version from collabfacil/__init__.py, so what pip and the
    app report cannot drift apart."""
    from importlib.metadata import version

    from collabfacil import __version__

    assert version("collabfacil") == __version__
