"""A damaged database with a good backup: the way back is offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabfacil.cli import main
from collabfacil.domain.model import Step, Workshop
from collabfacil.storage.backups import make_backup
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository


def damaged_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "collabfacil.db"
    db = open_database(path)
    WorkshopRepository(db).create_workshop(Workshop("Kept safe"),
                                           steps=[Step(type="brainstorm", title="S")])
    make_backup(db, path)
    db.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    path.write_bytes(bytes(data))
    return path


def test_the_command_line_says_how_to_restore(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """'list' on a damaged file: exit 1, one line naming the backup and the restore command."""
    path = damaged_with_backup(tmp_path)
    before = path.read_bytes()
    assert main(["list", "--db", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "collabfacil restore collabfacil-" in err
    assert path.read_bytes() == before


def test_the_app_offers_the_backup_and_opens_it(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting the app on a damaged file: accepting the offer puts the backup back."""
    from collabfacil import app
    from collabfacil.ui import dialogs

    path = damaged_with_backup(tmp_path)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, title, question, action: asked.append(question) or True)
    db = app._open_or_offer_backup(path, ask=True)
    try:
        assert [w.title for w in WorkshopRepository(db).list_workshops()] == ["Kept safe"]
    finally:
        db.close()
    assert "kept aside" in asked[0]
    assert list(tmp_path.glob("collabfacil.before-restore-*.db"))
