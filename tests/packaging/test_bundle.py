"""The bundle: packaging/build.sh builds it and smoke-tests it (slow; asked for by name).

The bundle tests are skipped unless COLLABFACIL_BUILD_BUNDLE=1: they make a venv,
download PyInstaller and PySide6, and take a minute or more (one build for the
module). CI does not build the bundle; it does run the quick tests at the end,
of the smoke test's own checks and of the bundle's entry point.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

from collabfacil import __version__
from collabfacil.domain.demo import build_demo
from collabfacil.export.paper import PdfOptions
from collabfacil.resources import load_shipped_library
from collabfacil.ui.export_dialog import PREVIEW_PAGES, render_preview

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ENTRY = PACKAGING / "pyinstaller" / "collabfacil_entry.py"
SMOKE_PREVIEW = "COLLABFACIL_SMOKE_PREVIEW"  # read by the entry point only

build_bundle = pytest.mark.skipif(
    os.environ.get("COLLABFACIL_BUILD_BUNDLE") != "1",
    reason="slow: set COLLABFACIL_BUILD_BUNDLE=1 to build the bundle")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="build.sh is for Linux")


@dataclass(frozen=True)
class Build:
    result: subprocess.CompletedProcess[str]
    folder: Path  # BUILD_DIR

    @property
    def bundle(self) -> Path:
        return self.folder / "dist" / "collabfacil"

    def output(self) -> str:
        return self.result.stdout[-4000:] + self.result.stderr[-4000:]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """packaging/build.sh, run once for the module into a scratch BUILD_DIR."""
    folder = tmp_path_factory.mktemp("build") / "bundle"
    result = subprocess.run(
        ["bash", str(PACKAGING / "build.sh")],
        env={**os.environ, "BUILD_DIR": str(folder)},
        capture_output=True, text=True, check=False, timeout=1800,
    )
    return Build(result, folder)


def smoke_checks() -> ModuleType:
    """packaging/smoke_checks.py, which build.sh runs with the build venv's Python."""
    spec = importlib.util.spec_from_file_location("smoke_checks",
                                                  PACKAGING / "smoke_checks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_preview_here() -> list[QImage]:
    """The demo's preview as this test's interpreter draws it (not the bundle)."""
    library = load_shipped_library()
    preview = render_preview(build_demo(library), library, PdfOptions())
    assert not preview.problem, preview.problem
    return list(preview.images)


def grey_rows(image: QImage) -> list[bytes]:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride = bytes(grey.constBits()), grey.bytesPerLine()
    return [data[y * stride:y * stride + grey.width()] for y in range(grey.height())]


def differing_share(a: QImage, b: QImage) -> float:
    """The share of pixels whose grey values differ by more than a faint shade."""
    differing = sum(sum(1 for p, q in zip(row_a, row_b, strict=True) if abs(p - q) > 16)
                    for row_a, row_b in zip(grey_rows(a), grey_rows(b), strict=True))
    return differing / (a.width() * a.height())


@build_bundle
@linux_only
def test_build_sh_builds_a_bundle_that_passes_its_smoke_tests(build: Build) -> None:
    """packaging/build.sh exits 0: built, then run with no Python on PATH."""
    assert build.result.returncode == 0, build.output()
    assert "build.sh: all smoke tests passed" in build.result.stdout
    assert f"ok: the preview drew {PREVIEW_PAGES} pages" in build.result.stdout


@build_bundle
@linux_only
def test_the_bundle_draws_the_export_preview_with_no_python_on_path(
        build: Build, tmp_path: Path) -> None:
    """The export dialog's preview, drawn by the frozen program with its own pypdfium2
    and PDFium, is the demo's first pages as this venv draws them."""
    assert build.result.returncode == 0, build.output()
    assert (build.bundle / "_internal" / "pypdfium2_raw" / "libpdfium.so").is_file()
    no_python = build.folder / "smoke" / "bin"  # /usr/bin and /bin without Python
    assert shutil.which("python3", path=str(no_python)) is None
    assert shutil.which("python", path=str(no_python)) is None
    (tmp_path / "home").mkdir()
    result = subprocess.run(
        [str(build.bundle / "collabfacil"), "--db", str(tmp_path / "workshops.db"),
         "--exit-after-startup"],
        env={"HOME": str(tmp_path / "home"), "PATH": str(no_python), "LANG": "C.UTF-8",
             "QT_QPA_PLATFORM": "offscreen", SMOKE_PREVIEW: str(tmp_path / "preview")},
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"preview: drew {PREVIEW_PAGES} of " in result.stdout
    assert "from _internal/pypdfium2_raw/libpdfium.so" in result.stdout

    pages = sorted((tmp_path / "preview").glob("page-*.png"))
    expected = demo_preview_here()
    assert len(pages) == len(expected) == PREVIEW_PAGES
    for page, here in zip(pages, expected, strict=True):
        drawn = QImage(str(page))
        assert (drawn.width(), drawn.height()) == (here.width(), here.height())
        assert differing_share(drawn, here) < 0.01, page.name


def test_the_preview_check_tells_pages_from_blanks(tmp_path: Path) -> None:
    """smoke_checks.py preview passes the demo's pages and fails a blank or a short set."""
    checks = smoke_checks()
    pages = tmp_path / "pages"
    pages.mkdir()
    for number, image in enumerate(demo_preview_here(), start=1):
        assert image.save(str(pages / f"page-{number}.png"))
    assert checks.check_preview(pages, PREVIEW_PAGES) == 0
    assert checks.check_preview(pages, PREVIEW_PAGES + 1) == 1

    blank = tmp_path / "blank"
    blank.mkdir()
    white = QImage(1100, 1556, QImage.Format.Format_RGB32)
    white.fill(0xFFFFFFFF)
    assert white.save(str(blank / "page-1.png"))
    assert checks.check_preview(blank, 1) == 1


def test_the_entry_point_is_the_command_and_its_self_check_wants_a_bundle(
        tmp_path: Path) -> None:
    """Unfrozen, the bundle's entry point is `collabfacil`; its preview self-check
    refuses a PDFium that is not inside a bundle, so a pass in build.sh means the
    bundle's own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), str(ENTRY.parent), os.environ.get("PYTHONPATH")]))}
    env.pop(SMOKE_PREVIEW, None)
    plain = subprocess.run([sys.executable, str(ENTRY), "--version"], env=env,
                           capture_output=True, text=True, check=False, timeout=60)
    assert plain.returncode == 0, plain.stderr
    assert __version__ in plain.stdout

    checked = subprocess.run([sys.executable, str(ENTRY), "--version"],
                             env={**env, SMOKE_PREVIEW: str(tmp_path / "preview")},
                             capture_output=True, text=True, check=False, timeout=120)
    assert checked.returncode == 1
    assert "not from the bundle" in checked.stderr
    assert not (tmp_path / "preview").exists()
