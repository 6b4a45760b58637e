"""The facilitator's preferences (not workshop data): projector screen, text size, chime.

Kept in QSettings by the app; tests and rehearsals use a memory-only instance.
The projector screen is remembered by its geometry and whether it is the
primary one, not by index, since screen order changes between venues.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from collabfacil.ui.screens import ScreenInfo


class Preferences:
    """Typed access to a few settings; ``settings=None`` keeps them in memory only."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings
        self._memory: dict[str, Any] = {}

    def _get(self, key: str, default: Any) -> Any:
        if self._settings is None:
            return self._memory.get(key, default)
        return self._settings.value(key, default)

    def _set(self, key: str, value: Any) -> None:
        if self._settings is None:
            self._memory[key] = value
        else:
            # written at once (a crash keeps it), but only when it changed: each
            # write waits for the disk, and starting the app sets several again.
            # sync() first reads what another copy of the app may have written.
            self._settings.sync()
            if not (self._settings.contains(key)
                    and str(self._settings.value(key)) == str(value)):
                self._settings.setValue(key, value)
                self._settings.sync()

    @property
    def projector_screen(self) -> ScreenInfo | None:
        """The screen last chosen for the projector, if any."""
        raw = self._get("projector/screen", "")
        try:
            name, x, y, w, h, primary = str(raw).split("|")
            return ScreenInfo(name, int(x), int(y), int(w), int(h), primary == "1")
        except ValueError:
            return None

    @projector_screen.setter
    def projector_screen(self, screen: ScreenInfo | None) -> None:
        self._set("projector/screen", "" if screen is None else "|".join(
            [screen.name.replace("|", "/"), str(screen.x), str(screen.y),
             str(screen.width), str(screen.height), "1" if screen.is_primary else "0"]))

    @property
    def font_scale(self) -> float:
        try:
            return max(0.6, min(2.0, float(self._get("projector/font_scale", 1.0))))
        except (TypeError, ValueError):
            return 1.0

    @font_scale.setter
    def font_scale(self, value: float) -> None:
        self._set("projector/font_scale", float(value))

    @property
    def theme(self) -> str:
        value = str(self._get("projector/theme", "dark"))
        return value if value in ("dark", "light", "contrast") else "dark"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("projector/theme", value)

    @property
    def chime(self) -> bool:
        return str(self._get("timer/chime", "true")).lower() in ("true", "1")

    @chime.setter
    def chime(self, on: bool) -> None:
        self._set("timer/chime", "true" if on else "false")

    @property
    def last_workshop(self) -> int | None:
        """The workshop open when the app last closed: reopening returns to it."""
        try:
            value = int(self._get("session/last_workshop", 0))
        except (TypeError, ValueError):
            return None
        return value or None

    @last_workshop.setter
    def last_workshop(self, workshop_id: int | None) -> None:
        self._set("session/last_workshop", int(workshop_id or 0))

    @property
    def export_paper(self) -> str:
        """The paper size last chosen for the PDF: "A4" (the default) or "Letter"."""
        value = str(self._get("export/paper", "A4"))
        return value if value in ("A4", "Letter") else "A4"

    @export_paper.setter
    def export_paper(self, value: str) -> None:
        self._set("export/paper", value)

    @property
    def open_pdf_when_done(self) -> bool:
        """Whether the export dialog opens the PDF it wrote (on unless turned off)."""
        return str(self._get("export/open_when_done", "true")).lower() in ("true", "1")

    @open_pdf_when_done.setter
    def open_pdf_when_done(self, on: bool) -> None:
        self._set("export/open_when_done", "true" if on else "false")
