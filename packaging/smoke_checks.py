"""Checks packaging/build.sh runs on the bundle's output, with the build venv's Python.

The bundle itself is only ever run as a program (with no Python on PATH); these
checks read what it wrote. Each subcommand exits 1 with one line on stderr when
its check fails.

    smoke_checks.py pdf FILE TEXT...              FILE is a PDF whose text holds each TEXT
    smoke_checks.py exercises FILE COUNT          FILE is `exercises --json` listing COUNT exercises
    smoke_checks.py every-step-type OUT JSON...   merge exported workshops into one that has
                                                  a step of every step type (plus a review)
    smoke_checks.py step-types FILE ROOT          the workshop FILE has every type in ROOT's
                                                  collabfacil/domain/steps
    smoke_checks.py bundle-modules EXE ROOT       every module of ROOT's collabfacil package
                                                  is inside the bundle's archive
    smoke_checks.py preview FOLDER COUNT          FOLDER holds the COUNT pages the bundle's
                                                  preview drew (page-N.png): page-shaped, inked
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _fail(message: str) -> int:
    sys.stderr.write(f"smoke check failed: {message}\n")
    return 1


def _ok(message: str) -> int:
    sys.stdout.write(f"ok: {message}\n")
    return 0


def check_pdf(path: Path, texts: list[str]) -> int:
    from pypdf import PdfReader

    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return _fail(f"{path} does not start with %PDF")
    reader = PdfReader(path)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    missing = [t for t in texts if t not in text]
    if missing:
        return _fail(f"{path}: no {missing!r} in the text of its {len(reader.pages)} pages")
    return _ok(f"{path.name}: {len(reader.pages)} pages, {len(data) // 1024} KiB, "
               f"text found: {', '.join(texts)}")


def check_exercises(path: Path, count: int) -> int:
    listing = json.loads(path.read_text(encoding="utf-8"))
    keys = [e["key"] for e in listing["exercises"]]
    if len(keys) != count:
        return _fail(f"{len(keys)} exercises listed, not {count}: {keys}")
    return _ok(f"{len(keys)} exercises ({keys[0]}…{keys[-1]}), "
               f"{len(listing['templates'])} templates")


def step_types_in_source(root: Path) -> set[str]:
    folder = root / "collabfacil" / "domain" / "steps"
    return {p.stem for p in folder.glob("*.py") if p.stem != "base" and not p.stem.startswith("_")}


def merge_every_step_type(out: Path, exported: list[Path]) -> int:
    """One workshop with the first's data and every step of the others, plus a review."""
    first, *others = (json.loads(p.read_text(encoding="utf-8")) for p in exported)
    steps = first["steps"]
    for n, other in enumerate(others, start=1):
        for step in other["steps"]:
            steps.append({**step, "ref": f"merged-{n}-{step['ref']}"})
    steps.append({
        "ref": "merged-review", "type": "review", "title": "Actions from last time",
        "prompt": "Done, in progress or dropped?", "minutes": 10, "exercise_key": "",
        "script": "", "config": {"from": "The last workshop"}, "state": {},
        "contributions": [],
        "items": [{"uid": "merged-review-0", "kind": "review",
                   "data": {"action": "Share the discharge dashboard weekly",
                            "owner": "Sam", "status": "in_progress"},
                   "created_at": "2026-03-12T09:00:00+00:00"}],
    })
    first["workshop"]["title"] = "Every step type"
    out.write_text(json.dumps(first, indent=1), encoding="utf-8")
    return _ok(f"{out.name}: {len(steps)} steps of "
               f"{len({s['type'] for s in steps})} types")


def check_step_types(path: Path, root: Path) -> int:
    document = json.loads(path.read_text(encoding="utf-8"))
    used = {s["type"] for s in document["steps"]}
    missing = step_types_in_source(root) - used
    if missing:
        return _fail(f"{path.name} has no step of type {sorted(missing)}")
    return _ok(f"{path.name} uses every step type: {', '.join(sorted(used))}")


def check_bundle_modules(exe: Path, root: Path) -> int:
    """Every collabfacil module is in the bundle (the registries import them by name)."""
    from PyInstaller.archive.readers import pkg_archive_contents

    package = root / "collabfacil"
    expected = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        expected.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    found = set(pkg_archive_contents(str(exe), recursive=True))
    missing = sorted(expected - found)
    if missing:
        return _fail(f"not in the bundle: {', '.join(missing)}")
    return _ok(f"all {len(expected)} collabfacil modules are in the bundle")


def check_preview(folder: Path, count: int) -> int:
    """The export dialog's preview as the bundle drew it: COUNT page images, each
    shaped like an A4 page and with text on it (neither blank nor all ink)."""
    from PySide6.QtGui import QImage

    pages = sorted(folder.glob("page-*.png"))
    if len(pages) != count:
        return _fail(f"{folder}: {len(pages)} preview pages, not {count}")
    inks = []
    for page in pages:
        image = QImage(str(page))
        if image.isNull():
            return _fail(f"{page} is not an image")
        ratio = image.height() / image.width()
        if not 1.40 < ratio < 1.43:  # A4, 297 mm by 210 mm
            return _fail(f"{page.name} is {image.width()}x{image.height()} px, not A4-shaped")
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        row = grey.width()
        data = bytes(grey.constBits())
        stride = grey.bytesPerLine()
        dark = sum(sum(1 for value in data[y * stride:y * stride + row] if value < 160)
                   for y in range(grey.height()))
        ink = dark / (row * grey.height())
        if not 0.002 < ink < 0.6:
            return _fail(f"{page.name}: {ink:.1%} of its pixels are dark: blank or "
                         "not a page")
        inks.append(f"{ink:.1%}")
    first = QImage(str(pages[0]))
    return _ok(f"the preview drew {count} pages, {first.width()}x{first.height()} px, "
               f"with ink on {', '.join(inks)} of their pixels")


def main(argv: list[str]) -> int:
    if not argv:
        return _fail("no check named")
    command, *args = argv
    if command == "pdf" and len(args) >= 2:
        return check_pdf(Path(args[0]), args[1:])
    if command == "exercises" and len(args) == 2:
        return check_exercises(Path(args[0]), int(args[1]))
    if command == "every-step-type" and len(args) >= 2:
        return merge_every_step_type(Path(args[0]), [Path(a) for a in args[1:]])
    if command == "step-types" and len(args) == 2:
        return check_step_types(Path(args[0]), Path(args[1]))
    if command == "bundle-modules" and len(args) == 2:
        return check_bundle_modules(Path(args[0]), Path(args[1]))
    if command == "preview" and len(args) == 2:
        return check_preview(Path(args[0]), int(args[1]))
    return _fail(f"bad arguments: {argv}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
