"""The ``collabfacil`` command: the app, and the commands of DESIGN.md's contract.

Exit status 0 on success, 1 for a user-facing error (one line on stderr, no
traceback), 2 for bad usage (argparse). Only the app form imports Qt widgets;
``list``, ``export`` and the rest run with no display.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from collabfacil import __version__
from collabfacil.domain.errors import CollabFacilError, NotFoundError, ValidationError
from collabfacil.domain.model import Workshop
from collabfacil.paths import default_database_path, ensure_private_folder
from collabfacil.startup import resume_collection
from collabfacil.storage.backups import restore_hint
from collabfacil.storage.db import open_database, open_read_only
from collabfacil.storage.errors import (
    DatabaseTooNewError,
    DiskFullError,
    ReadOnlyLocationError,
    StorageError,
    disk_full,
    is_disk_full,
)
from collabfacil.storage.repository import WorkshopRepository

PROG = "collabfacil"
# the commands (build_parser); any other first word is not one
_COMMANDS = ("list", "demo", "new", "import", "export", "exercises", "backups", "restore")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _say(*lines: str) -> None:
    """Write lines to standard output (the commands' results)."""
    for line in lines:
        sys.stdout.write(line + "\n")


def _fail(message: str) -> int:
    """Report a user-facing error as one line on stderr; exit status 1."""
    one_line = " ".join(str(message).split())
    sys.stderr.write(f"{PROG}: error: {one_line}\n")
    return 1


# ------------------------------------------------------------------ database


def _database_path(args: argparse.Namespace) -> Path:
    """``--db``, or the default file in the user's data folder (made owner-only).

    A command given a ``--db`` in a folder that does not exist is refused here, the
    same for every command (the app says so in a dialog when it starts).
    """
    if args.db is not None:
        path = Path(args.db).expanduser()
        if args.command is not None and not path.parent.is_dir():
            raise StorageError(f"The folder {path.parent} does not exist.")
        return path
    path = default_database_path()
    try:
        ensure_private_folder(path.parent)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full(f"the data folder {path.parent} could not be created") from None
        raise StorageError(f"Cannot create the data folder {path.parent}: {exc.strerror}. "
                           "Use --db to keep the workshops somewhere else.") from None
    return path


# Failures of the place, not of the file: a backup would not help.
_NOT_THE_FILE = (DatabaseTooNewError, DiskFullError, ReadOnlyLocationError)


@contextmanager
def _repository(args: argparse.Namespace, *,
                read_only: bool = False) -> Iterator[WorkshopRepository]:
    """The repository on the chosen database, closed afterwards.

    ``read_only``: the command only reads, so a database that cannot be written
    (a read-only file or folder) is opened read-only instead of refused.
    """
    path = _database_path(args)
    try:
        db = open_database(path)
    except ReadOnlyLocationError:
        if not read_only:
            raise
        db = open_read_only(path)
    except _NOT_THE_FILE:
        raise
    except StorageError as exc:  # damaged or unreadable: say how to get a backup back
        raise StorageError(str(exc) + restore_hint(path)) from None
    try:
        yield WorkshopRepository(db)
    finally:
        db.close()


# ------------------------------------------------------------------ commands


def _run_app(args: argparse.Namespace) -> int:
    from collabfacil.ui.binding import load_qt

    load_qt()  # first, so that PySide6 need not read our modules' source
    from collabfacil.app import run_app  # the only path that imports Qt widgets

    try:
        db_path = _database_path(args)
    except CollabFacilError as exc:  # e.g. the data folder cannot be made
        if not args.exit_after_startup:
            from collabfacil.app import cannot_start

            cannot_start(str(exc))  # started from a menu, there is no terminal to read
        raise
    return run_app(db_path=db_path, workshop_id=args.workshop,
                   screen=args.screen, exit_after_startup=args.exit_after_startup)


def _cmd_list(args: argparse.Namespace) -> int:
    path = _database_path(args)
    if not path.exists():  # nothing to list: don't create a file just to say so
        summaries = []
    else:
        with _repository(args, read_only=True) as repo:
            summaries = repo.list_workshops()
    if args.json:
        _say(json.dumps([
            {"id": s.id, "title": s.title,
             "date": s.date.isoformat() if s.date else None, "venue": s.venue,
             "contributions": s.contributions, "actions": s.actions,
             "updated_at": s.updated_at}
            for s in summaries
        ], indent=2))
        return 0
    if not summaries:
        _say(f"No workshops yet in {path}.",
             f"Try '{PROG} demo' for a sample, or '{PROG} new'.")
        return 0
    width = max([len(str(s.id)) for s in summaries] + [2])
    _say(f"{'ID':>{width}}  {'DATE':<10}  {'NOTES':>5}  {'ACTIONS':>7}  TITLE")
    for s in summaries:
        when = s.date.isoformat() if s.date else "-"
        _say(f"{s.id:>{width}}  {when:<10}  {s.contributions:>5}  {s.actions:>7}  "
             f"{s.title}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from collabfacil.domain.demo import build_demo
    from collabfacil.resources import load_shipped_library

    data = build_demo(load_shipped_library())
    with _repository(args) as repo:
        workshop_id = repo.insert_workshop_data(data)
    _say(f"Created the demo workshop \u201c{data.workshop.title}\u201d: "
         f"{len(data.organisations)} partners, {len(data.contributions)} notes, "
         f"{len(data.actions)} actions.", str(workshop_id))
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from collabfacil.resources import load_default_library

    if args.date is not None and not _DATE.match(args.date.strip()):
        raise ValidationError("date", f"The date '{args.date[:40]}' is not a date "
                                      "like 2026-03-12 (YYYY-MM-DD).")
    library = load_default_library()
    steps = library.agenda_steps(args.template)
    workshop = Workshop(title=args.title, date=args.date, template_key=args.template)
    with _repository(args) as repo:
        workshop_id = repo.create_workshop(workshop, steps=steps)
    minutes = sum(s.minutes for s in steps)
    _say(f"Created \u201c{workshop.title}\u201d from the template "
         f"\u201c{library.template(args.template).title}\u201d: {len(steps)} steps, "
         f"{minutes} minutes.", str(workshop_id))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from collabfacil.storage.exchange import import_file

    with _repository(args) as repo:
        workshop_id = import_file(Path(args.file), repo)
        data = repo.load(workshop_id)
    _say(f"Imported \u201c{data.workshop.title}\u201d: {len(data.organisations)} "
         f"partners, {len(data.contributions)} notes, {len(data.actions)} actions.",
         str(workshop_id))
    return 0


def _writer(kind: str) -> tuple[Callable[..., Any], str]:
    """The export function for a format (imported only when asked for)."""
    if kind == "pdf":
        from collabfacil.export.pdf import write_pdf

        return write_pdf, "the action plan (PDF)"
    if kind == "csv":
        from collabfacil.export.csv_actions import write_csv

        return write_csv, "the actions (CSV)"
    if kind == "md":
        from collabfacil.export.markdown import write_markdown

        return write_markdown, "the workshop (Markdown)"
    from collabfacil.storage.exchange import write_json

    return write_json, "the workshop (JSON)"


def _cmd_export(args: argparse.Namespace) -> int:
    path = _database_path(args)
    if not path.exists():
        raise NotFoundError(f"There is no workshop with id {args.id}: there is no "
                            f"database at {path}.")
    with _repository(args, read_only=True) as repo:
        data = repo.load(args.id)
    write, what = _writer(args.format)
    try:
        if args.format == "pdf":
            from collabfacil.export.paper import PdfOptions

            write(data, args.out,
                  options=PdfOptions(paper=args.paper, anonymise=args.anonymise))
        else:
            write(data, args.out, anonymise=args.anonymise)
    except (CollabFacilError, OSError) as exc:
        if is_disk_full(exc):
            raise disk_full(f"{args.out} could not be written (no part of it was "
                            "left behind)") from None
        raise
    note = ", without participants' names" if args.anonymise else ""
    _say(f"Wrote {what} of \u201c{data.workshop.title}\u201d to {args.out}{note}.")
    return 0


def _natural(key: str) -> list[Any]:
    """Sort E4 before E13."""
    return [int(part) if part.isdigit() else part
            for part in re.split(r"(\d+)", key)]


def _cmd_exercises(args: argparse.Namespace) -> int:
    from collabfacil.resources import (
        load_default_library,
        user_library_folder,
    )

    library = load_default_library()
    exercises = [library.exercises[k] for k in sorted(library.exercises, key=_natural)]
    templates = [library.templates[k] for k in sorted(library.templates)]
    if args.json:
        _say(json.dumps({
            "exercises": [
                {"key": e.key, "title": e.title, "minutes": e.minutes,
                 "short_minutes": e.short_minutes, "purpose": e.purpose,
                 "based_on": list(e.based_on),
                 "steps": [{"type": s.type, "title": s.title, "minutes": s.minutes}
                           for s in e.steps]}
                for e in exercises
            ],
            "templates": [
                {"key": t.key, "title": t.title,
                 "minutes": library.template_minutes(t.key)}
                for t in templates
            ],
        }, indent=2))
        return 0
    kw = max([len(e.key) for e in exercises] + [3])
    _say("Exercises", f"  {'KEY':<{kw}}  {'MIN':>3}  {'SHORT':>5}  TITLE")
    for e in exercises:
        _say(f"  {e.key:<{kw}}  {e.minutes:>3}  {e.short_minutes:>5}  {e.title}")
    kt = max([len(t.key) for t in templates] + [3])
    _say("", "Templates", f"  {'KEY':<{kt}}  {'MIN':>3}  TITLE")
    for t in templates:
        _say(f"  {t.key:<{kt}}  {library.template_minutes(t.key):>3}  {t.title}")
    _say("", "Your own exercise and template files are read from",
         f"  {user_library_folder() / 'exercises'}",
         f"  {user_library_folder() / 'templates'}")
    return 0


def _size(n: int) -> str:
    """1536 -> '1.5 KB'."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"  # pragma: no cover


def _cmd_backups(args: argparse.Namespace) -> int:
    from collabfacil.storage.backups import backup_folder, list_backups

    path = _database_path(args)
    found = list_backups(path)
    if args.json:
        _say(json.dumps([
            {"path": str(b.path), "when": b.when.isoformat(), "size": b.size,
             "problem": b.problem,
             "workshops": [{"id": w.id, "title": w.title, "contributions": w.contributions,
                            "actions": w.actions} for w in b.workshops]}
            for b in found
        ], indent=2))
        return 0
    if not found:
        _say(f"No backups yet of {path} (they go in {backup_folder(path)}).")
        return 0
    _say(f"Backups of {path}, newest first:")
    for b in found:
        _say(f"  {b.when:%Y-%m-%d %H:%M:%S}  {_size(b.size):>10}  {b.path.name}",
             f"      {b.describe()}")
    _say(f"Restore one with '{PROG} restore FILE' (the current file is kept aside).")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from collabfacil.storage.backups import backup_folder, restore
    from collabfacil.storage.lock import DatabaseLock

    path = _database_path(args)
    backup = Path(args.backup).expanduser()
    if not backup.exists() and (backup_folder(path) / backup.name).exists():
        backup = backup_folder(path) / backup.name  # a name as 'backups' lists it
    with DatabaseLock(path):  # never under a running app
        aside = restore(backup, path)
    _say(f"Restored {backup} to {path}.")
    if aside is not None:
        _say(f"The previous file was kept as {aside}.")
    return 0


# -------------------------------------------------------------------- parser


def _add_db(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument("--db", metavar="PATH", type=Path, default=default,
                        help="the database file (default: collabfacil.db in your "
                             "application-data folder)")


def _add_app_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    _add_db(parser, default=None)
    parser.add_argument("--workshop", metavar="ID", type=int,
                        help="open this workshop (app only)")
    parser.add_argument("--screen", metavar="N", type=int,
                        help="show the projector on screen N (app only)")
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="open the app fully, then exit 0 (a smoke test)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the whole command line."""
    parser = argparse.ArgumentParser(
        prog=PROG, allow_abbrev=False,
        description="Guide an in-room workshop on collaboration between "
                    "organisations, and take away a PDF action plan. With no "
                    "command, starts the app.")
    parser.add_argument("--version", action="version",
                        version=f"{PROG} {__version__}")
    _add_app_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     title="commands")

    def command(name: str, run: Callable[[argparse.Namespace], int],
                help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text,
                                  allow_abbrev=False)
        sub.set_defaults(run=run)
        # Every command takes --db, before or after its name (`exercises` ignores
        # it). SUPPRESS: --db given before the command is not overwritten by this one.
        _add_db(sub, default=argparse.SUPPRESS)
        return sub

    sub = command("list", _cmd_list, "list the workshops, most recently changed first")
    sub.add_argument("--json", action="store_true", help="as a JSON list")
    command("demo", _cmd_demo, "add a realistic sample workshop; prints its id")
    sub = command("new", _cmd_new, "start a workshop from a template; prints its id")
    sub.add_argument("--template", metavar="KEY", required=True,
                     help="the template's key (see 'collabfacil exercises')")
    sub.add_argument("--title", metavar="TEXT", required=True)
    sub.add_argument("--date", metavar="YYYY-MM-DD")
    sub = command("import", _cmd_import,
                  "import a workshop from a JSON file; prints the new id")
    sub.add_argument("file", metavar="FILE.json")
    sub = command("export", _cmd_export,
                  "export a workshop as PDF, JSON, CSV or Markdown")
    sub.add_argument("id", metavar="ID", type=int)
    kind = sub.add_mutually_exclusive_group(required=True)
    for flag, what in (("pdf", "the PDF action plan"), ("json", "the exchange file"),
                       ("csv", "the actions as CSV"), ("md", "Markdown")):
        kind.add_argument(f"--{flag}", dest="format", action="store_const",
                          const=flag, help=what)
    sub.add_argument("out", metavar="OUT", type=Path)
    sub.add_argument("--anonymise", action="store_true",
                     help="leave out participants' names")
    sub.add_argument("--paper", choices=("A4", "Letter"), default="A4",
                     help="the PDF's paper size (default A4)")
    sub = command("exercises", _cmd_exercises, "the exercise library and templates")
    sub.add_argument("--json", action="store_true", help="as one JSON object")
    sub = command("backups", _cmd_backups, "the automatic backups, newest first")
    sub.add_argument("--json", action="store_true", help="as a JSON list")
    sub = command("restore", _cmd_restore,
                  "put a backup back (the current file is kept aside)")
    sub.add_argument("backup", metavar="BACKUP")
    return parser


def _tolerant_output() -> None:
    """Never crash on a character the console cannot show (e.g. ŵ on cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _misuse(args: argparse.Namespace) -> str:
    """What is wrong with options argparse accepts one by one but not together."""
    if args.command is not None and (args.workshop is not None
                                     or args.screen is not None
                                     or args.exit_after_startup):
        return "--workshop, --screen and --exit-after-startup only apply when starting the app"
    if getattr(args, "paper", "A4") != "A4" and args.format != "pdf":
        return "--paper only applies to --pdf"
    return ""


class _NotTheAppFormError(Exception):
    """Raised by the app form's parser where the full parser must answer."""


class _AppFormParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheAppFormError(message)


def _parse_app_form(argv: list[str]) -> argparse.Namespace | None:
    """The options of a command line that only starts the app (no command, help or
    version), or None: then the full parser reads it, and says what is wrong.

    Starting the app is the common case and the one timed: building every
    command's parser costs it 2 ms (their help texts' translation lookups)."""
    if any(arg.startswith("-h") or arg in ("--help", "--version") or arg in _COMMANDS
           for arg in argv):
        return None
    parser = _add_app_options(_AppFormParser(prog=PROG, allow_abbrev=False,
                                             add_help=False))
    try:
        args = parser.parse_args(argv)  # anything unknown is an error: not this form
    except _NotTheAppFormError:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse_app_form(argv)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version (0) or bad usage (2)
            if exc.code is None:
                return 0
            return exc.code if isinstance(exc.code, int) else 2
        misuse = _misuse(args)
        if misuse:
            parser.print_usage(sys.stderr)
            sys.stderr.write(f"{PROG}: error: {misuse}\n")
            return 2
    _tolerant_output()
    try:
        if args.command is None:
            return _run_app(args)
        resume_collection()  # paused only for the app's start-up (startup.py)
        return int(args.run(args))
    except CollabFacilError as exc:
        return _fail(str(exc))
    except OSError as exc:
        if is_disk_full(exc):
            where = f": {exc.filename} could not be written" if exc.filename else ""
            return _fail(f"The disk is full{where}. Free some space and try again.")
        where = f" ({exc.filename})" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}")
    except sqlite3.Error as exc:
        if is_disk_full(exc):
            return _fail("The disk is full: the database could not be written. Free "
                         "some space and try again.")
        return _fail(f"The database could not be used: {exc}.")
