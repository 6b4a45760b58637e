"""GUI fixtures: a whole session (controller, console, projector) on an in-memory store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from collabfacil.app import Session, Workbench
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.preferences import Preferences


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository, workshop_id: int) -> Iterator[Session]:
    """Both windows on the `workshop_id` workshop, shown offscreen, closed afterwards.

    The workshop's first step is a brainstorm with sections "Time" and "Data",
    then an open brainstorm, then an actions step.
    """
    s = Session(repo, workshop_id)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.console.resize(1280, 800)
    s.show()
    s.projector.resize(1280, 720)
    qtbot.waitExposed(s.console)
    yield s
    s.close()


@pytest.fixture
def bench(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Workbench]:
    """The app's workbench on ``repo`` (a module may give its own ``repo``), with
    memory-only preferences; closed afterwards."""
    b = Workbench(repo, Preferences())
    yield b
    b.close()
