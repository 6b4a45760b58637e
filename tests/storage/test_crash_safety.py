"""Kill the app mid-capture, many times: everything reported as captured is still there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from collabfacil.domain.model import Step, Workshop
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository

CAPTURER = """
import sys
from collabfacil.domain.model import Contribution
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository

repo = WorkshopRepository(open_database(sys.argv[1]))
step_id, run = int(sys.argv[2]), sys.argv[3]
i = 0
while True:
    repo.add_contribution(Contribution(step_id=step_id, text=f"run {run} note {i}"))
    print(i, flush=True)  # only after the commit: what the facilitator sees as captured
    i += 1
"""


def test_notes_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    """25 times: capture notes in a child process, SIGKILL it at a random moment;
    every note it reported is in the database, which passes integrity_check."""
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    repo = WorkshopRepository(db)
    wid = repo.create_workshop(Workshop("Crash test"), steps=[Step(type="brainstorm",
                                                                   title="Ideas")])
    step_id = repo.steps(wid)[0].id
    db.close()
    rng = random.Random(20261126)
    reported: set[str] = set()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for run in range(25):
        child = subprocess.Popen([sys.executable, "-c", CAPTURER, str(path), str(step_id),
                                  str(run)], stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until it is capturing
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        for line in [first, *rest.splitlines()]:
            if line.strip().isdigit():
                reported.add(f"run {run} note {int(line)}")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    db = open_database(path)
    stored = {c.text for c in WorkshopRepository(db).contributions(step_id or 0)}
    db.close()
    assert len(reported) > 25
    assert reported <= stored
