"""The bundle's self-check of the export dialog's preview, for packaging/build.sh only.

The preview (collabfacil.ui.export_dialog.render_preview) rasterises the PDF with
pypdfium2, which loads PDFium's own shared library (pypdfium2_raw/libpdfium.so)
with ctypes: PyInstaller's import analysis cannot see that, and the dialog hides
a failure as a line in its pane ("No preview: ..."), so only drawing a page from
the frozen program proves the bundle carries it.

collabfacil_entry.py calls draw_preview() when the environment variable
COLLABFACIL_SMOKE_PREVIEW names a folder, after the app itself has run (the smoke
test passes ``--exit-after-startup``): the command line is unchanged, and without
the variable nothing here is imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

ENV = "COLLABFACIL_SMOKE_PREVIEW"


def draw_preview(folder: Path) -> int:
    """Draw the demo workshop's preview as the dialog does (on a Qt worker thread)
    and save its pages as ``folder/page-N.png``; the exit status (0 or 1)."""
    from PySide6.QtCore import QThreadPool

    from collabfacil.domain.demo import build_demo
    from collabfacil.export.paper import PdfOptions
    from collabfacil.resources import load_shipped_library
    from collabfacil.ui.export_dialog import Preview, render_preview

    library = load_shipped_library()
    data = build_demo(library)
    results: list[Preview] = []
    pool = QThreadPool.globalInstance()
    pool.start(lambda: results.append(render_preview(data, library, PdfOptions())))
    pool.waitForDone()
    if not results:
        return _fail("the preview worker returned nothing")
    preview = results[0]
    if preview.problem or not preview.images:
        return _fail(preview.problem or "no pages drawn")

    import pypdfium2.version
    import pypdfium2_raw.bindings

    library_file = Path(pypdfium2_raw.bindings._libs["pdfium"]._name)
    inside = Path(getattr(sys, "_MEIPASS", "/nonexistent")).resolve()
    if inside not in library_file.resolve().parents:
        return _fail(f"PDFium was loaded from {library_file}, not from the bundle {inside}")
    folder.mkdir(parents=True, exist_ok=True)
    for number, image in enumerate(preview.images, start=1):
        if not image.save(str(folder / f"page-{number}.png")):
            return _fail(f"could not save {folder / f'page-{number}.png'}")
    first = preview.images[0]
    sys.stdout.write(
        f"preview: drew {len(preview.images)} of {preview.page_count} pages "
        f"({first.width()}x{first.height()} px) with pypdfium2 "
        f"{pypdfium2.version.PYPDFIUM_INFO}, PDFium {pypdfium2.version.PDFIUM_INFO}, "
        f"from {library_file.relative_to(inside.parent)}\n")
    return 0


def _fail(message: str) -> int:
    sys.stderr.write(f"collabfacil: the bundle's preview self-check failed: {message}\n")
    return 1
