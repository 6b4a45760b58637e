#!/usr/bin/env python3
"""Write three sample action plans, to look at the PDF with real content in it.

    python scripts/sample_pdfs.py OUT_DIR

- ``demo.pdf``: the 90-minute sample workshop (``domain/demo.py``);
- ``full.pdf``: the half day with every step filled in (``domain/demo_full.py``);
- ``big.pdf``: a generated workshop of 2,000 notes, 100 tallies and 50 actions,
  made the way ``benchmarks/bench.py`` makes its workshops.

Each goes through an in-memory repository first (stored, then loaded back, as
the app does before it exports), then ``collabfacil.export.pdf.write_pdf``.
Prints each file's page count. To look at the pages:
``pdftoppm -png -r 45 OUT_DIR/full.pdf OUT_DIR/full``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from collabfacil.domain.demo import build_demo  # noqa: E402
from collabfacil.domain.demo_full import build_full_demo  # noqa: E402
from collabfacil.domain.exercises import Library  # noqa: E402
from collabfacil.domain.model import WorkshopData  # noqa: E402
from collabfacil.export.pdf import write_pdf  # noqa: E402
from collabfacil.resources import load_default_library  # noqa: E402
from collabfacil.storage.db import open_database  # noqa: E402
from collabfacil.storage.repository import WorkshopRepository  # noqa: E402

BIG_NOTES = 2000


def build_big(_library: Library) -> WorkshopData:
    """The benchmark's generated workshop (benchmarks/bench.py: build_workshop)."""
    spec = importlib.util.spec_from_file_location("collabfacil_bench",
                                                  ROOT / "benchmarks" / "bench.py")
    if spec is None or spec.loader is None:
        raise SystemExit("benchmarks/bench.py is missing")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.build_workshop(BIG_NOTES)


SAMPLES: tuple[tuple[str, Callable[[Library], WorkshopData]], ...] = (
    ("demo.pdf", build_demo),
    ("full.pdf", build_full_demo),
    ("big.pdf", build_big),
)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        sys.stderr.write(f"usage: {__doc__.strip().splitlines()[2].strip()}\n")
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    library = load_default_library()
    for name, build in SAMPLES:
        db = open_database(None)
        try:
            repo = WorkshopRepository(db)
            data = repo.load(repo.insert_workshop_data(build(library)))
        finally:
            db.close()
        path = out / name
        write_pdf(data, path, library=library)
        pages = len(PdfReader(path).pages)
        sys.stdout.write(f"{path}: {pages} page{'s' if pages != 1 else ''}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
