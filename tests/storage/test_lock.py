"""One writer per database: the OS lock beside it, tested with a real second process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from collabfacil.storage.lock import DatabaseInUseError, DatabaseLock, read_holder

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from pathlib import Path
from collabfacil.storage.lock import DatabaseLock
lock = DatabaseLock(Path(sys.argv[1]))
lock.acquire("Frailty pathway partnership")
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


def env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock on tmp_path/collabfacil.db."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "collabfacil.db")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=env(), cwd=ROOT)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def test_a_second_process_is_told_which_workshop_is_open_elsewhere(
        tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    lock = DatabaseLock(tmp_path / "collabfacil.db")
    with pytest.raises(DatabaseInUseError) as caught:
        lock.acquire()
    message = str(caught.value)
    assert "\u201cFrailty pathway partnership\u201d" in message
    assert f"process {holder.pid}" in message
    assert "\n" not in message
    assert not lock.held


def test_the_lock_is_free_again_when_the_holder_releases_it(
        tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    assert holder.stdout is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"
    lock = DatabaseLock(tmp_path / "collabfacil.db")
    lock.acquire("Mine now")
    assert read_holder(tmp_path / "collabfacil.db")["workshop"] == "Mine now"
    lock.release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_stale_lock_from_a_killed_process_does_not_block(
        tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    db = tmp_path / "collabfacil.db"
    assert Path(f"{db}.lock").exists()  # the file stays, with the dead holder's details
    assert read_holder(db)["pid"] == holder.pid
    lock = DatabaseLock(db)
    lock.acquire("After the crash")
    assert read_holder(db)["pid"] == os.getpid()
    lock.release()


def test_the_lock_file_is_owner_only_and_updated_with_the_workshop(tmp_path: Path) -> None:
    db = tmp_path / "collabfacil.db"
    with DatabaseLock(db) as lock:
        assert (Path(f"{db}.lock").stat().st_mode & 0o777) == 0o600
        lock.update("Second workshop")
        assert read_holder(db)["workshop"] == "Second workshop"
    assert read_holder(db) == {}


def test_two_locks_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    db = tmp_path / "collabfacil.db"
    with DatabaseLock(db), pytest.raises(DatabaseInUseError):
        DatabaseLock(db).acquire()


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    from collabfacil.storage.errors import StorageError

    with pytest.raises(StorageError, match="does not exist"):
        DatabaseLock(tmp_path / "nope" / "x.db").acquire()


def test_a_second_app_exits_1_with_one_line_and_does_not_open_the_database(
        tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    db = tmp_path / "collabfacil.db"
    result = subprocess.run([sys.executable, "-m", "collabfacil", "--db", str(db),
                             "--exit-after-startup"], capture_output=True, text=True,
                            env=env(), cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines()
             if line.startswith("collabfacil: error:")]
    assert len(lines) == 1, result.stderr
    assert "Frailty pathway partnership" in lines[0]
    assert not db.exists()  # never opened, never created


def test_restore_on_the_command_line_is_refused_while_the_app_runs(
        tmp_path: Path, holder: subprocess.Popen[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    from collabfacil.cli import main

    backup = tmp_path / "some-backup.db"
    backup.write_bytes(b"")
    assert main(["restore", str(backup), "--db", str(tmp_path / "collabfacil.db")]) == 1
    assert "already running" in capsys.readouterr().err
