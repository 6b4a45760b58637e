"""Loading Qt: PySide6 does not read our modules' or the standard library's source
after each import, and still reads any other module's."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

import pytest

from collabfacil.ui.binding import answer_without_reading, load_qt

ROOT = Path(__file__).resolve().parents[2]


def module(name: str, origin: str | None) -> ModuleType:
    made = ModuleType(name)
    made.__spec__ = ModuleSpec(name, None, origin=origin)
    return made


def refuse(module: ModuleType) -> bool:
    raise AssertionError(f"{module.__name__}'s source was read")


def test_ours_and_the_standard_librarys_are_answered_without_reading() -> None:
    answer = answer_without_reading(refuse)
    assert answer(module("collabfacil", None))
    assert answer(module("collabfacil.ui.console.window", "/nowhere/window.py"))
    stdlib = os.path.dirname(os.__file__)
    assert not answer(module("json.decoder", os.path.join(stdlib, "json", "decoder.py")))
    assert not answer(module("_sqlite3", os.path.join(stdlib, "lib-dynload", "x.so")))


def test_any_other_module_is_still_read() -> None:
    seen: list[str] = []

    def reads(module: ModuleType) -> bool:
        seen.append(module.__name__)
        return module.__name__ == "someplugin"

    answer = answer_without_reading(reads)
    stdlib = os.path.dirname(os.__file__)
    installed = os.path.join(stdlib, "site-packages", "someplugin", "__init__.py")
    assert answer(module("someplugin", installed))
    assert not answer(module("collabfacilish", "/elsewhere/collabfacilish.py"))
    assert seen == ["someplugin", "collabfacilish"]


def test_in_the_app_pyside_reads_no_source_of_ours() -> None:
    """In a fresh interpreter started as the app starts: importing the app and a
    step editor opens none of our .py files (the bytecode is read, not the source)."""
    code = textwrap.dedent("""
        import builtins, io, sys
        from collabfacil.ui.binding import load_qt
        load_qt()
        opened = []
        real_open = io.open_code
        def open_code(path):
            opened.append(str(path))
            return real_open(path)
        io.open_code = open_code
        import tokenize
        real_tokenize_open = tokenize.open
        def tokenize_open(path):
            opened.append(str(path))
            return real_tokenize_open(path)
        tokenize.open = tokenize_open
        import collabfacil.app, collabfacil.ui.console.steps.vote
        print("\\n".join(p for p in opened if p.endswith(".py") and "collabfacil" in p))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", "import collabfacil.app"], env=env, check=True,
                   capture_output=True)  # bytecode written first
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                          capture_output=True, text=True)
    assert done.stdout.strip() == ""


def test_without_pysides_scan_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in = ModuleType("PySide6.support.feature")
    monkeypatch.setitem(sys.modules, "PySide6.support.feature", stand_in)
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", stand_in)
    load_qt()
    assert not hasattr(stand_in, "_mod_uses_pyside")


def test_loading_twice_wraps_once(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in = ModuleType("PySide6.support.feature")
    stand_in._mod_uses_pyside = refuse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PySide6.support.feature", stand_in)
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", stand_in)
    load_qt()
    load_qt()
    assert stand_in._mod_uses_pyside.reads is refuse  # type: ignore[attr-defined]
