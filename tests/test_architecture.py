"""The layering rule: domain, storage and export run with no Qt (DESIGN.md, Architecture)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "collabfacil"
HEADLESS = ("domain", "storage", "export")
QT = {"PySide6", "shiboken6"}
NOT_IN_DOMAIN = QT | {"sqlite_utils", "sqlite3", "reportlab"}


def modules(layer: str) -> list[Path]:
    """Every Python module under ``collabfacil/<layer>``."""
    return sorted((PACKAGE / layer).rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    """The top-level names of every package ``path`` imports, anywhere in the file.

    Imports inside functions and ``if TYPE_CHECKING`` blocks count too: a lazy
    import of Qt is still an import of Qt.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that finds this checkout's collabfacil."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": path},
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_scan_finds_the_modules_and_their_imports(tmp_path: Path) -> None:
    """The check itself works: it sees each layer and a Qt import however written."""
    for layer in HEADLESS:
        assert modules(layer), layer
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\n"
        "def f():\n    from PySide6.QtCore import QObject\n"
        "import shiboken6 as s\n"
        "import importlib\nimportlib.import_module('reportlab.pdfgen')\n",
        encoding="utf-8",
    )
    assert imported_roots(sample) >= {"os", "PySide6", "shiboken6", "reportlab"}


@pytest.mark.parametrize("layer", HEADLESS)
def test_headless_layers_never_import_qt(layer: str) -> None:
    """domain, storage and export import neither PySide6 nor shiboken6."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & QT)
        for path in modules(layer)
        if imported_roots(path) & QT
    }
    assert offenders == {}


def test_the_domain_imports_no_database_or_pdf_library() -> None:
    """The domain is pure Python: no sqlite_utils, sqlite3 or reportlab."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & NOT_IN_DOMAIN)
        for path in modules("domain")
        if imported_roots(path) & NOT_IN_DOMAIN
    }
    assert offenders == {}


def test_importing_the_headless_core_loads_no_qt() -> None:
    """In a fresh interpreter, storage, the exercise library and export load no PySide6."""
    code = (
        "import collabfacil.storage.repository, collabfacil.domain.exercises, "
        "collabfacil.export.files; import sys; "
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr


def test_importing_every_headless_module_loads_no_qt() -> None:
    """Every module of domain, storage and export imports with PySide6 never loaded."""
    names = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for layer in HEADLESS for path in modules(layer)
    )
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
