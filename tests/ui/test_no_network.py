"""No network at all: a full in-process session and every export open no socket."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Session, Workbench
from collabfacil.domain.demo import build_demo
from collabfacil.export.csv_actions import write_csv
from collabfacil.export.markdown import write_markdown
from collabfacil.export.pdf import write_pdf
from collabfacil.resources import load_default_library
from collabfacil.storage.db import open_database
from collabfacil.storage.exchange import write_json
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.preferences import Preferences


def test_a_full_session_opens_no_socket(qtbot: QtBot, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def refuse(name: str):
        def stand_in(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args!r}")
            raise OSError(f"network use is not allowed in this test ({name})")
        return stand_in

    # The class itself too: a module that did `from socket import socket` early
    # still builds its sockets through this __init__.
    monkeypatch.setattr(socket.socket, "__init__", refuse("socket.__init__"))
    for name in ("socket", "create_connection", "create_server", "socketpair",
                 "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse(name))

    db_path = tmp_path / "collabfacil.db"
    db = open_database(db_path)
    repo = WorkshopRepository(db)
    workshop_id = repo.insert_workshop_data(build_demo(load_default_library()))
    session = Session(repo, workshop_id)
    session.show()
    try:
        controller = session.controller
        for index in range(len(controller.data.steps)):
            controller.go_to_step(index)
            controller.add_note(f"Note on step {index + 1}")
        controller.go_to_step(0)
        controller.next_step()
        controller.add_action(text="Share the dashboard", owner="Priya Shah",
                              due="2026-04-30", first_step="Email the BI team")
        qtbot.wait(50)
    finally:
        session.close()
    # The app's own backup runs too (the Workbench's, as in run_app).
    bench = Workbench(repo, Preferences())
    bench.start_backups(db_path)
    bench.open(workshop_id)
    assert bench.last_backup is not None
    bench.close()
    data = repo.load(workshop_id)
    for write, name in ((write_pdf, "plan.pdf"), (write_csv, "actions.csv"),
                        (write_markdown, "workshop.md"), (write_json, "workshop.json")):
        write(data, tmp_path / name)
        write(data, tmp_path / f"anon-{name}", anonymise=True)
        assert (tmp_path / name).stat().st_size > 0
    db.close()
    assert attempts == []
