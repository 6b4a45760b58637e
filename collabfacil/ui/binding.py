"""Loading Qt for the app, without PySide6 reading the source of every module after it.

PySide6 replaces ``__import__`` (for its opt-in ``from __feature__ import ...``) and,
after each later import, reads and tokenises the new module's whole source to see
whether it mentions PySide6 (PYSIDE-2029; napari issue 8584 measures the cost). For
the app, that is some seventy files read before the windows show, about 2% of
start-up (README, "Speed and memory"). We use no ``__feature__``, so the answer
only picks PySide's default for a module. ``load_qt`` answers for our own modules
(as using PySide6: the default) and the standard library's (as not) without reading
them; any other module is still read by PySide. If PySide6 no longer has this
machinery, nothing is changed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType

# The standard library's folder; "" where os has no __file__ (an embedded Python),
# and PySide then reads the standard library's modules itself.
_OS_FILE = getattr(os, "__file__", None)
_STDLIB = os.path.dirname(_OS_FILE) + os.sep if _OS_FILE else ""
_FEATURE_MODULES = ("PySide6.support.feature", "shibokensupport.feature")


def load_qt() -> None:
    """Import PySide6 (which installs its import hook) and answer its question for
    our modules and the standard library's without reading their source."""
    import PySide6.QtCore  # noqa: F401  (the hook comes with it)

    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        asks = getattr(feature, "_mod_uses_pyside", None)
        if feature is not None and callable(asks) and not hasattr(asks, "reads"):
            feature._mod_uses_pyside = answer_without_reading(asks)  # type: ignore[attr-defined]


def answer_without_reading(reads: Callable[[ModuleType], bool]
                           ) -> Callable[[ModuleType], bool]:
    """PySide's "does this module use PySide6?", answered from the module's name or
    place for ours and the standard library's; ``reads`` (PySide's own, which reads
    the source) answers for the rest."""

    def uses_pyside(module: ModuleType) -> bool:
        name = getattr(module, "__name__", None) or ""
        if name == "collabfacil" or name.startswith("collabfacil."):
            return True
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        if _STDLIB and origin.startswith(_STDLIB) and "-packages" not in origin:
            return False
        return reads(module)

    uses_pyside.reads = reads  # type: ignore[attr-defined]
    return uses_pyside
