"""Render the console and the projector of the demo workshop to PNG files.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUT_DIR [WIDTHxHEIGHT ...]

Used to look at what we build and for the README's pictures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from collabfacil.app import Session
from collabfacil.domain.demo import build_demo
from collabfacil.resources import load_default_library
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(v) for v in s.split("x")) for s in sys.argv[2:]] or [(1920, 1080),
                                                                             (1024, 768)]
    app = QApplication([])
    repo = WorkshopRepository(open_database(None))
    workshop_id = repo.insert_workshop_data(build_demo(load_default_library()))
    session = Session(repo, workshop_id)
    session.show()
    for index in range(len(session.controller.steps)):
        session.controller.go_to_step(index)
        for width, height in sizes:
            for name, window in (("console", session.console),
                                 ("projector", session.projector)):
                window.showNormal()
                window.resize(width, height)
                app.processEvents()
                session.console.preview.refresh()  # (it waits 150 ms for a quiet moment)
                app.processEvents()
                window.grab().save(str(out / f"{name}-{width}x{height}-step{index + 1}.png"))
    session.close()


if __name__ == "__main__":
    main()
