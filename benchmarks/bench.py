"""Speed and memory benchmarks, each figure a ratio against a floor measured in the same run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench.py [--quick]

Not a test: run it on demand (it takes a minute or two; ``--quick`` uses fewer runs).
Workshops are generated with the repository in a temporary database file: a brainstorm
step with the notes, a vote step with one tally per participant (100 participants),
and an actions step with 50 actions.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE_QT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget()
w.resize(800, 600)
w.show()
app.processEvents()
print("shown", flush=True)
QTimer.singleShot(0, lambda: app.exit(0))
sys.exit(app.exec())
"""

# What pip writes as the `collabfacil` command (the desktop entry and the bundle
# call launch() the same way): the app as people start it, not `python -m`.
CONSOLE_SCRIPT = """
import sys
from collabfacil.startup import launch
sys.exit(launch())
"""

# For counting instructions up to the moment both windows are shown: the same
# command, ended as soon as it says so (what comes after is not start-up).
UNTIL_SHOWN = {
    "bare": BARE_QT.replace('print("shown", flush=True)', "import os; os._exit(0)", 1),
    # (the command itself, its standard output ended at the line that says so)
    "ours": """
import os, sys
class UntilStarted:
    def write(self, text):
        if text.startswith("Started"):
            os._exit(0)
        return len(text)
    def flush(self):
        pass
sys.stdout = UntilStarted()
from collabfacil.startup import launch
sys.exit(launch())
""",
}
assert "os._exit" in UNTIL_SHOWN["bare"], "the bare program no longer prints its line"

NOTE_WORDS = ("discharge", "home", "care", "team", "plan", "family", "ward", "transport",
              "medicines", "therapy", "assessment", "referral", "community", "nurse")


def note_text(i: int) -> str:
    words = " ".join(NOTE_WORDS[(i * 7 + k) % len(NOTE_WORDS)] for k in range(8))
    return f"Note {i}: {words}"


def build_workshop(notes: int, *, actions: int = 50, voters: int = 100):
    """A generated workshop (temporary ids) of ``notes`` notes, ``voters`` tallies."""
    from collabfacil.domain.model import (
        Action,
        Contribution,
        Organisation,
        Participant,
        Step,
        StepItem,
        Workshop,
        WorkshopData,
    )

    orgs = [Organisation(f"Partner organisation {i}", f"P{i}", id=i + 1) for i in range(8)]
    people = [Participant(f"Participant {i}", organisation_id=1 + i % 8, role="Lead", id=i + 1)
              for i in range(voters)]
    steps = [
        Step("brainstorm", "What gets in the way?", prompt="One idea per note.", id=1,
             position=0),
        Step("vote", "Which matter most?", config={"on": "notes", "entry": "person"},
             id=2, position=1),
        Step("actions", "Who does what by when?", id=3, position=2),
    ]
    contributions = [Contribution(step_id=1, text=note_text(i), organisation_id=1 + i % 8,
                                  position=i) for i in range(notes)]
    tallies = [StepItem(step_id=2, kind="tally", position=v,
                        data={"target": contributions[(v * 37) % notes].uid,
                              "voter": f"Participant {v}", "dots": 1 + v % 3})
               for v in range(voters)]
    start = date(2026, 3, 1)
    action_list = [Action(text=f"Action {i}: " + note_text(i), owner=f"Participant {i}",
                          organisation_id=1 + i % 8, due=start + timedelta(days=7 + i),
                          first_step="Book a meeting", measure="Weekly count",
                          theme=f"Theme {i % 5}", small_test=i % 4 == 0, step_id=3,
                          position=i)
                   for i in range(actions)]
    workshop = Workshop(f"Benchmark workshop of {notes} notes", date=start,
                        facilitator="Bench", venue="Nowhere")
    return WorkshopData(workshop, orgs, people, steps, contributions, action_list, tallies)


def new_repo(path: Path):
    from collabfacil.storage.db import open_database
    from collabfacil.storage.repository import WorkshopRepository

    return WorkshopRepository(open_database(path))


def child_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp / "config")
    env["XDG_DATA_HOME"] = str(tmp / "data")
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # An installed app runs from compiled bytecode: let the children keep theirs
    # (in the temporary folder, not in the source tree), warmed up by a first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def quiet_qt() -> None:
    """Drop the offscreen platform's "This plugin does not support raise()" noise."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: object, _context: object, message: str) -> None:
        if "This plugin does not support" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


# ------------------------------------------------------------------ 1. start-up


def timed_starts(cmds: list[list[str]], runs: int, env: dict[str, str]
                 ) -> list[list[tuple[float, float, float]]]:
    """For each command, run by run, the times from starting the process to the
    first line on its standard output (printed once its windows are shown), to its
    last line (ours: once the work left for after that is done) and to its end.
    The commands run in turn (A B A B ...), so a change of load weighs on all alike."""
    for cmd in cmds:  # warm-up: bytecode, fonts, disk cache
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    taken: list[list[tuple[float, float, float]]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            t0 = time.perf_counter()
            with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL) as child:
                assert child.stdout is not None
                child.stdout.readline()
                shown = last = time.perf_counter() - t0
                while child.stdout.readline():
                    last = time.perf_counter() - t0
                if child.wait() != 0:
                    raise RuntimeError(f"{cmd} failed")
            taken[i].append((shown, last, time.perf_counter() - t0))
    return taken


def bench_startup(tmp: Path, runs: int) -> None:
    from collabfacil.domain.demo import build_demo
    from collabfacil.resources import load_default_library

    db = tmp / "startup.db"
    repo = new_repo(db)
    repo.insert_workshop_data(build_demo(load_default_library()))
    repo.db.close()
    env = child_env(tmp)
    app_args = ["--db", str(db), "--exit-after-startup"]
    bare_runs, our_runs = timed_starts(
        [[sys.executable, "-c", BARE_QT],
         [sys.executable, "-c", CONSOLE_SCRIPT, *app_args]], runs, env)
    (bare, _, bare_end), (ours, ready, ours_end) = (
        tuple(statistics.median(t[k] for t in times) for k in range(3))
        for times in (bare_runs, our_runs))
    # Each run of ours against the bare run just before it: this VM's speed drifts
    # by 10-20% over seconds, which moves both of a pair alike but not two medians.
    ratio = statistics.median(o[0] / b[0] for b, o in zip(bare_runs, our_runs, strict=True))
    print(f"1. Start-up to both windows shown (demo open), {runs} runs of each in turn: "
          f"ours / the bare PySide6 window run just before, median {ratio:.2f}x  "
          f"(target <= 2x)  {verdict(ratio <= 2)}")
    print(f"   medians {ours * 1000:.0f} ms vs {bare * 1000:.0f} ms = {ours / bare:.2f}x")
    print(f"   then ready to save (first backup, sqlite-utils, one garbage collection) "
          f"at {ready * 1000:.0f} ms; the whole process, start to exit: "
          f"{ours_end * 1000:.0f} ms vs {bare_end * 1000:.0f} ms")
    counted = {kind: instructions([sys.executable, "-c", code,
                                   *(app_args if kind == "ours" else [])], env)
               for kind, code in UNTIL_SHOWN.items()}
    ours_i, bare_i = counted["ours"], counted["bare"]
    if not isinstance(ours_i, int) or not isinstance(bare_i, int):
        why = ours_i if isinstance(ours_i, str) else bare_i
        print(f"   ({why}: a busy machine does not move them)")
        return
    print(f"   in instructions to both windows shown (valgrind; within 0.1% from run to "
          f"run): {ours_i / 1e6:,.0f}M vs {bare_i / 1e6:,.0f}M = {ours_i / bare_i:.2f}x")


def instructions(cmd: list[str], env: dict[str, str]) -> int | str:
    """Instructions the command runs (valgrind's callgrind), or why they were not counted."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return "install valgrind for the same comparison in instructions"
    env = {**env, "PYTHONHASHSEED": "0"}  # the same dictionaries every run
    try:
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
        done = subprocess.run(["valgrind", "--tool=callgrind",
                               "--callgrind-out-file=/dev/null", *cmd], env=env,
                              capture_output=True, text=True, check=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        return f"instructions not counted: {exc}"
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else "instructions not counted: no total from valgrind"


# ------------------------------------------------------------------ 2. capture


def bench_capture(tmp: Path, captures: int) -> None:
    from PySide6.QtWidgets import QApplication

    from collabfacil.app import Session

    app = QApplication.instance() or QApplication([])
    medians: dict[int, float] = {}
    split: dict[int, tuple[float, ...]] = {}
    for n in (100, 1000, 2000):
        repo = new_repo(tmp / f"capture-{n}.db")
        wid = repo.insert_workshop_data(build_workshop(n))
        session = Session(repo, wid)
        session.show()
        for window in (session.console, session.projector):
            window.showNormal()
            window.resize(1920, 1080)
        session.controller.go_to_step(0)
        app.processEvents()
        view = session.projector.view
        notes = session.console.editor.notes
        times, parts = [], []
        for i in range(captures + 2):
            t0 = time.perf_counter()
            stored = session.controller.add_note(f"Captured in the room {i}")
            t1 = time.perf_counter()
            view.repaint()
            t2 = time.perf_counter()
            notes.viewport().repaint()
            t3 = time.perf_counter()
            assert stored is not None
            app.processEvents()  # what the event loop does between two Enters
            if i >= 2:  # the first captures warm caches up
                times.append(t3 - t0)
                parts.append((t1 - t0, t2 - t1, t3 - t2))
        medians[n] = statistics.median(times)
        split[n] = tuple(statistics.median(p[k] for p in parts) for k in range(3))
        session.close()
        app.processEvents()
        repo.db.close()
    flat = medians[2000] / medians[100]
    worst = max(medians.values())
    print(f"2. Capture (add_note + projector repaint + console list repaint, 1920x1080), "
          f"median of {captures}: " + ", ".join(f"{n} notes {t * 1000:.1f} ms"
                                                 for n, t in medians.items()))
    for n, (add, projector, console) in split.items():
        print(f"   {n} notes: add_note {add * 1000:.1f} ms, projector repaint "
              f"{projector * 1000:.1f} ms, console list repaint {console * 1000:.1f} ms")
    print(f"   2,000 vs 100 notes = {flat:.2f}x (flat: <= 1.5x)  "
          f"target < 16 ms and flat  {verdict(worst < 0.016 and flat <= 1.5)}")


# ------------------------------------------------------------------ 3. opening


def bench_open(tmp: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from collabfacil.app import Session

    app = QApplication.instance() or QApplication([])
    repo = new_repo(tmp / "open.db")
    wid = repo.insert_workshop_data(build_workshop(2000))
    loads, opens = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        repo.load(wid)
        loads.append(time.perf_counter() - t0)
    for _ in range(runs):
        t0 = time.perf_counter()
        repo.load(wid)
        session = Session(repo, wid)
        session.show()
        app.processEvents()
        opens.append(time.perf_counter() - t0)
        session.close()
        app.processEvents()
    repo.db.close()
    load, opened = statistics.median(loads), statistics.median(opens)
    print(f"3. Opening 2,000 notes, 50 actions, 100 votes (load + Session shown), median "
          f"of {runs}: {opened * 1000:.0f} ms; bare repo.load {load * 1000:.0f} ms "
          f"= {opened / load:.1f}x  (target < 1 s)  {verdict(opened < 1)}")


# ------------------------------------------------------------------ 4. memory


def peak_mb() -> float:
    """Peak resident memory in MB: ru_maxrss (KiB on Linux).

    Linux carries a parent's peak over fork + exec into ru_maxrss, so the children
    are started before this process has grown (see main), and VmHWM (the peak of
    this process's own memory) is checked as well where there is /proc.
    """
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return min(peak, int(line.split()[1]) / 1024)
    return peak


def child_memory(kind: str, db: str) -> None:
    """Run in a fresh process: print the peak resident memory in MB as JSON."""
    from PySide6.QtWidgets import QApplication, QWidget

    quiet_qt()
    app = QApplication([])
    if kind == "bare":
        w = QWidget()
        w.resize(800, 600)
        w.show()
        app.processEvents()
    elif kind == "session":
        from collabfacil.app import Session

        repo = new_repo(Path(db))
        wid = repo.list_workshops()[0].id
        session = Session(repo, wid)
        session.show()
        for window in (session.console, session.projector):
            window.resize(1920, 1080)
        app.processEvents()
        session.projector.view.grab()
        session.console.grab()
        repo.db.warm_up()  # as the app does once its windows show: ready to write
    print(json.dumps({"peak_mb": peak_mb()}))


def child_pdf(kind: str, db: str) -> None:
    """Run in a fresh process: time one PDF export, print seconds and peak MB as JSON."""
    from io import BytesIO
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from collabfacil.export.pdf import render_pdf
    from collabfacil.export.pdf_theme import FONT, register_fonts
    from collabfacil.resources import resource_path

    repo = new_repo(Path(db))
    data = repo.load(repo.list_workshops()[0].id)
    register_fonts(resource_path("fonts"))
    t0 = time.perf_counter()
    if kind == "ours":
        size = len(render_pdf(data))
    else:
        style = ParagraphStyle("plain", fontName=FONT, fontSize=10, leading=13)
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4)
        doc.build([Paragraph(escape(c.text), style) for c in data.contributions])
        size = len(buffer.getvalue())
    elapsed = time.perf_counter() - t0
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb(), "bytes": size}))


def run_child(args: list[str], tmp: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *args], env=child_env(tmp), check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_memory(tmp: Path) -> None:
    db = tmp / "memory.db"
    repo = new_repo(db)
    repo.insert_workshop_data(build_workshop(2000))
    repo.db.close()
    bare = run_child(["--child", "memory", "bare", str(db)], tmp)["peak_mb"]
    ours = run_child(["--child", "memory", "session", str(db)], tmp)["peak_mb"]
    print(f"4. Peak memory with the 2,000-note workshop open: {ours:.0f} MB vs bare "
          f"QApplication + QWidget {bare:.0f} MB = {ours / bare:.2f}x  "
          f"(target < 250 MB)  {verdict(ours < 250)}")


def bench_pdf(tmp: Path, runs: int) -> None:
    db = tmp / "pdf.db"
    repo = new_repo(db)
    repo.insert_workshop_data(build_workshop(2000))
    repo.db.close()
    plain: list[dict[str, float]] = []
    ours: list[dict[str, float]] = []
    for _ in range(runs):  # in turn, so a busy moment of the machine slows both alike
        plain.append(run_child(["--child", "pdf", "plain", str(db)], tmp))
        ours.append(run_child(["--child", "pdf", "ours", str(db)], tmp))
    t_plain = statistics.median(r["seconds"] for r in plain)
    t_ours = statistics.median(r["seconds"] for r in ours)
    mem = max(r["peak_mb"] for r in ours)
    mem_plain = max(r["peak_mb"] for r in plain)
    ratio = t_ours / t_plain
    print(f"5. PDF of 2,000 notes, median of {runs}: render_pdf {t_ours:.2f} s "
          f"({ours[0]['bytes'] / 1e6:.1f} MB) vs plain reportlab paragraphs "
          f"{t_plain:.2f} s = {ratio:.2f}x  (target within 2x)  {verdict(ratio <= 2)}")
    print(f"   peak memory {mem:.0f} MB (plain reportlab {mem_plain:.0f} MB)  "
          f"(target < 250 MB)  {verdict(mem < 250)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--only", choices=["startup"],
                        help="run only this benchmark (more runs: it is the noisiest)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, kind, db = args.child
        (child_memory if what == "memory" else child_pdf)(kind, db)
        return
    runs = 3 if args.quick else 7
    if args.only == "startup":
        with tempfile.TemporaryDirectory(prefix="collabfacil-bench-") as name:
            bench_startup(Path(name), 5 if args.quick else 21)
        return
    print(f"CollabFacil benchmarks on {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}{' (quick)' if args.quick else ''}")
    with tempfile.TemporaryDirectory(prefix="collabfacil-bench-") as name:
        tmp = Path(name)
        # the memory children first, while this process is still small (see
        # peak_mb); their figures are printed after the others, in order
        with contextlib.redirect_stdout(io.StringIO()) as later:
            bench_memory(tmp)
            bench_pdf(tmp, 3 if args.quick else 7)
        bench_startup(tmp, 2 * runs + 1)
        quiet_qt()
        bench_capture(tmp, 20)
        bench_open(tmp, 3 if args.quick else 5)
        print(later.getvalue(), end="")


if __name__ == "__main__":
    main()
