"""The ``collabfacil`` command's entry point, and cyclic garbage collection paused
while the app starts.

Starting the app makes some thirty thousand objects (PySide6's classes and enums,
our dataclasses, both windows' widgets) that live as long as it does. The cyclic
collector, run every 700 allocations, would walk them again and again while the
app starts (some 70 collections, about 10 ms). So collection is paused from the
first import until both windows are shown; then, while the facilitator looks at
them, one full collection frees what starting let go and moves the rest to the
oldest generation, which is rarely walked (otherwise the first collection after
resuming would walk all of it, perhaps as a note is captured). The command-line
commands resume collection as soon as they know they are not the app.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Stop automatic cyclic collection (if on) until ``resume_collection``."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection(*, collect: bool = False) -> None:
    """Turn collection back on if ``pause_collection`` turned it off; with
    ``collect``, first collect once (the app, once its windows show)."""
    global _paused
    if not _paused:
        return
    _paused = False
    if collect:
        gc.collect()
    gc.enable()


def launch() -> int:
    """The ``collabfacil`` command (``collabfacil.cli.main``), collection paused
    from its first import."""
    pause_collection()
    try:
        from collabfacil.cli import main

        return main()
    finally:
        resume_collection()
