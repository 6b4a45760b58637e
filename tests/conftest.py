"""Shared fixtures: offscreen Qt, an in-memory repository, no real user files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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


class SmallDisk:
    """A small file system of its own (tmpfs), to fill up and free again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._filler = folder / ".filler"

    def free(self) -> int:
        """Bytes free on it now."""
        import shutil

        return shutil.disk_usage(self.folder).free

    def fill(self, *, leave: int = 0) -> None:
        """Write a filler file until the disk is full (or only ``leave`` bytes are free)."""
        import errno

        fd = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for chunk in (1 << 16, 1 << 12):
                while self.free() - chunk >= leave:
                    try:
                        os.write(fd, b"\0" * chunk)
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break
        finally:
            os.close(fd)

    def make_room(self) -> None:
        """Free the space the filler took."""
        self._filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A 4 MiB tmpfs mounted in tmp_path, to fill up: as root, where mounting works
    (skips elsewhere). Always unmounted afterwards."""
    import shutil
    import subprocess

    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs",
                              str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield SmallDisk(folder)
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def read_only_file(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Makes a file nobody may write, even root (``chattr +i`` as root, else ``chmod
    400``); undone afterwards. Skips where neither works."""
    import shutil
    import subprocess

    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o400)
        else:
            chattr = shutil.which("chattr")
            if chattr is None or subprocess.run([chattr, "+i", str(path)],
                                                capture_output=True).returncode != 0:
                pytest.skip("no way to make a file read-only for root here")
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o600)
