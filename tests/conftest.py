"""Shared fixtures: offscreen Qt, an in-memory repository, no real user files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from collabfacil.domain.model import Organisation, Step, Workshop
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository

# The machine running the suite may be busy (CI on two cores): timing is not what
# these property tests check, so no deadline and no "too slow" health check.
settings.register_profile("collabfacil", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.filter_too_much])
settings.load_profile("collabfacil")

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true",
                     help="show GUI tests on a real display instead of offscreen")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every per-user location (data, settings) at a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """An existing folder nobody may write into, even root: made immutable with
    ``chattr +i`` when running as root (permissions do not stop root), else with
    ``chmod 500``. Skips where neither works (e.g. a filesystem without attributes)."""
    import shutil
    import subprocess

    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "already-here.txt").write_text("untouched", encoding="utf-8")
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)],
                                        capture_output=True).returncode != 0:
        pytest.skip("no way to make a folder read-only for root here")
    try:
        yield folder
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


@pytest.fixture
def repo() -> Iterator[WorkshopRepository]:
    """A repository on a fresh in-memory database."""
    db = open_database(None)
    yield WorkshopRepository(db)
    db.close()


@pytest.fixture
def workshop_id(repo: WorkshopRepository) -> int:
    """A small workshop: two partners, a brainstorm with two columns, an actions step."""
    return repo.create_workshop(
        Workshop(title="Frailty pathway partnership", date="2026-03-04",
                 venue="Civic Centre, Room 2"),
        organisations=[Organisation("Northshire Acute Hospitals NHS Trust", "Acute"),
                       Organisation("Northshire County Council", "Council")],
        steps=[
            Step(type="brainstorm", title="Ways to fail", prompt="How could we fail?",
                 minutes=10, config={"sections": ["Time", "Data"], "must_agree": []}),
            Step(type="brainstorm", title="Our 15%", prompt="What is your 15%?",
                 minutes=5),
            Step(type="actions", title="Actions", prompt="Who will do what?",
                 minutes=10),
        ],
    )
