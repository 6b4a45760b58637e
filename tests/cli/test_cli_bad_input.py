"""The command line with arbitrary user text: exit 0 or 1 with one line, never a traceback."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from collabfacil.cli import main

TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=60)
@given(title=TEXT, day=st.one_of(st.none(), TEXT))
def test_new_with_any_title_and_date(title: str, day: str | None) -> None:
    """Any title or date: a new workshop (its id printed) or one clear line, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "w.db"
        args = ["new", "--template", "masterclass-short", "--title", title, "--db", str(db)]
        if day is not None:
            args += ["--date", day]
        code, out, err = run(args)
        assert "Traceback" not in err
        if code == 0:
            assert out.strip().splitlines()[-1].isdigit()
        else:
            assert code in (1, 2)
            assert err.strip()
            if code == 1:
                assert len(err.strip().splitlines()) == 1


@settings(max_examples=40)
@given(workshop=TEXT)
def test_export_with_any_id(workshop: str) -> None:
    """An id that is not a workshop's: a usage error or one line, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        code, _, err = run(["export", workshop, "--json", str(Path(folder) / "o.json"),
                            "--db", str(Path(folder) / "w.db")])
        assert code in (1, 2)
        assert "Traceback" not in err
