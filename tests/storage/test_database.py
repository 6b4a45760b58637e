"""Database: reading needs no sqlite-utils (the app starts without importing it),
writing brings it in, and both see the same connection and transactions."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from collabfacil.domain.model import Contribution
from collabfacil.storage.database import Database
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.storage.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code, *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def stored_demo(tmp_path: Path) -> Path:
    from collabfacil.domain.demo import build_demo
    from collabfacil.resources import load_default_library

    path = tmp_path / "w.db"
    db = open_database(path)
    WorkshopRepository(db).insert_workshop_data(build_demo(load_default_library()))
    db.close()
    return path


OPEN_AND_READ = """
import sys
from pathlib import Path
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository
repo = WorkshopRepository(open_database(Path(sys.argv[1])))
data = repo.load(repo.list_workshops()[0].id)
assert data.steps and data.contributions, "the demo was not read"
print("read", "sqlite_utils" in sys.modules)
step = next(s for s in data.steps if s.type == "brainstorm")
from collabfacil.domain.model import Contribution
repo.add_contribution(Contribution(step_id=step.id, text="Written after reading"))
print("wrote", "sqlite_utils" in sys.modules)
"""


def test_opening_and_reading_a_workshop_does_not_import_sqlite_utils(
        stored_demo: Path) -> None:
    """What the app does before its windows show (open, check, list, load) reads
    with sqlite3 alone; the first write brings sqlite-utils in, and is saved."""
    result = run_python(OPEN_AND_READ, str(stored_demo))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["read False", "wrote True"]
    conn = sqlite3.connect(stored_demo)
    texts = [r[0] for r in conn.execute("SELECT text FROM contributions")]
    conn.close()
    assert "Written after reading" in texts


APP_START = """
import sys
import collabfacil.app as app
said = app._say_now
app._say_now = lambda line: said(f"{line} sqlite_utils={'sqlite_utils' in sys.modules}")
from collabfacil.cli import main
sys.exit(main(["--db", sys.argv[1], "--exit-after-startup"]))
"""


def test_the_app_shows_its_windows_before_importing_sqlite_utils(
        stored_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both windows are up before sqlite-utils (~90 ms to import) is loaded; it is
    loaded once they are, before the app says it is ready to save."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run_python(APP_START, str(stored_demo))
    assert result.returncode == 0, result.stderr
    started, ready = result.stdout.splitlines()
    assert started.startswith("Started:")
    assert started.endswith("sqlite_utils=False")
    assert ready.startswith("Ready:")
    assert ready.endswith("sqlite_utils=True")


def test_a_file_at_this_schema_version_is_not_migrated_again(stored_demo: Path) -> None:
    conn = sqlite3.connect(stored_demo)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    open_database(stored_demo).close()
    conn = sqlite3.connect(stored_demo)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied
    conn.close()


def test_the_schema_version_is_the_number_of_migrations() -> None:
    from collabfacil.storage.migrations import migrations

    assert len(migrations.pending(Database.in_memory().writer)) == SCHEMA_VERSION


def test_a_new_database_gets_every_migration_and_the_version() -> None:
    db = open_database(None)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"workshops", "step_items", "_sqlite_migrations"} <= set(db.table_names())


def test_query_gives_rows_as_dicts_and_writes_share_the_connection(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.db")
    db["things"].insert({"id": 1, "name": "Café ☕"})
    assert list(db.query("SELECT id, name FROM things")) == [{"id": 1, "name": "Café ☕"}]

    def half_written() -> None:
        with db.atomic():
            db["things"].insert({"id": 2, "name": "Half-written"})
            raise RuntimeError("the write fails half-way")

    with pytest.raises(RuntimeError):
        half_written()
    assert [r["id"] for r in db.query("SELECT id FROM things")] == [1]
    db.close()


def test_a_write_outside_a_transaction_is_committed_at_once(tmp_path: Path) -> None:
    """execute() commits a write of its own, as sqlite-utils' execute does: it never
    leaves a transaction open that later writes would join and a close would lose."""
    path = tmp_path / "w.db"
    db = open_database(path)
    repo = WorkshopRepository(db)
    from collabfacil.domain.model import Step, Workshop

    wid = repo.create_workshop(Workshop(title="A"), steps=[Step("brainstorm", "B")])
    db.execute("UPDATE workshops SET title = 'B' WHERE id = ?", [wid])
    assert not db.conn.in_transaction
    repo.set_current_step(wid, 0)
    db.close()
    again = open_database(path)
    assert WorkshopRepository(again).workshop(wid).title == "B"
    again.close()


def test_a_failed_write_outside_a_transaction_leaves_none_open(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.db")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (id, name) VALUES (1, NULL)")
    assert not db.conn.in_transaction
    db.close()


def test_a_plugin_installed_beside_the_app_does_not_touch_our_connection(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """sqlite-utils' plugins (anything installed with that entry point) would run on
    every connection it makes; ours are made without them."""
    import sqlite_utils.plugins

    calls: list[object] = []

    class Plugin:
        @sqlite_utils.hookimpl
        def prepare_connection(self, conn: sqlite3.Connection) -> None:
            calls.append(conn)

    plugin = Plugin()
    sqlite_utils.plugins.pm.register(plugin)
    try:
        db = open_database(None)
        repo = WorkshopRepository(db)
        from collabfacil.domain.model import Step, Workshop

        wid = repo.create_workshop(Workshop(title="T"), steps=[Step("brainstorm", "B")])
        repo.add_contribution(Contribution(step_id=repo.steps(wid)[0].id, text="A note"))
    finally:
        sqlite_utils.plugins.pm.unregister(plugin)
    assert calls == []
