"""The maps of a matrix step: the 2×2 quadrant (points, zones) and the circles.
Pure functions over a step's config and StepItems."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from collabfacil.domain.frozen import frozen
from collabfacil.domain.matrix_checks import DEFAULT_RINGS
from collabfacil.domain.model import StepItem

# Power × interest (after Mendelow) when an exercise names no axes.
DEFAULT_X = {"label": "Interest", "low": "Low", "high": "High"}
DEFAULT_Y = {"label": "Power", "low": "Low", "high": "High"}
QUADRANT_CENTRES = ((0.25, 0.75), (0.75, 0.75), (0.25, 0.25), (0.75, 0.25))
DISPOSITION_WORDS = {"+": "supportive", "0": "neutral", "-": "opposed", "": ""}


def x_axis(config: Mapping[str, Any]) -> dict[str, str]:
    return {**DEFAULT_X, **(config.get("x_axis") or {})}


def y_axis(config: Mapping[str, Any]) -> dict[str, str]:
    return {**DEFAULT_Y, **(config.get("y_axis") or {})}


def quadrant_index(x: float, y: float) -> int:
    """0 top left, 1 top right, 2 bottom left, 3 bottom right (y grows upwards;
    a point on a middle line counts as on the high side)."""
    return (0 if y >= 0.5 else 2) + (1 if x >= 0.5 else 0)


def quadrant_names(config: Mapping[str, Any]) -> list[str]:
    """The four quadrants' names: the configured ones, else from the axes
    ("High Power, Low Interest")."""
    given = list(config.get("quadrants") or [])
    xa, ya = x_axis(config), y_axis(config)
    out = []
    for i in range(4):
        if len(given) == 4 and given[i]:
            out.append(given[i])
            continue
        high_y, high_x = i < 2, i % 2 == 1
        y_word = ya["high"] if high_y else ya["low"]
        x_word = xa["high"] if high_x else xa["low"]
        out.append(f"{y_word or ('High' if high_y else 'Low')} {ya['label'].lower()}, "
                   f"{x_word or ('High' if high_x else 'Low')} {xa['label'].lower()}")
    return out


@frozen
class Point:
    """A stakeholder (or anything) placed on the 2×2, with an optional desired place."""

    uid: str
    label: str
    x: float
    y: float
    disposition: str = ""
    target: tuple[float, float] | None = None

    @property
    def quadrant(self) -> int:
        return quadrant_index(self.x, self.y)

    @property
    def target_quadrant(self) -> int | None:
        return None if self.target is None else quadrant_index(*self.target)


def points_of(items: Iterable[StepItem]) -> list[Point]:
    out = []
    for i in items:
        if i.kind != "point":
            continue
        d = i.data
        target = ((float(d["target_x"]), float(d["target_y"]))
                  if "target_x" in d and "target_y" in d else None)
        out.append(Point(i.uid, str(d["label"]), float(d["x"]), float(d["y"]),
                         str(d.get("disposition", "")), target))
    return out


def zones_of(config: Mapping[str, Any]) -> list[dict[str, Any]]:
    return list(config.get("zones") or [])


def scenarios_of(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[str]:
    """The scenarios: those in the config, then any counted under another name."""
    seen: dict[str, None] = dict.fromkeys(config.get("scenarios") or [])
    for i in items:
        if i.kind == "zone_count":
            seen.setdefault(str(i.data["scenario"]), None)
    return list(seen)


def zone_counts(items: Iterable[StepItem]) -> dict[str, dict[str, int]]:
    """scenario -> zone -> show-of-hands count (the latest record of each)."""
    out: dict[str, dict[str, int]] = {}
    for i in items:
        if i.kind == "zone_count":
            out.setdefault(str(i.data["scenario"]), {})[str(i.data["zone"])] = int(
                i.data["count"])
    return out


def zone_count_items(items: Iterable[StepItem]) -> dict[tuple[str, str], StepItem]:
    return {(str(i.data["scenario"]), str(i.data["zone"])): i
            for i in items if i.kind == "zone_count"}


def zone_totals(counts: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """Each zone's count over every scenario."""
    out: dict[str, int] = {}
    for per_zone in counts.values():
        for zone, n in per_zone.items():
            out[zone] = out.get(zone, 0) + n
    return out


# ------------------------------------------------------------------ circles


def rings_of(config: Mapping[str, Any]) -> list[str]:
    """The rings, innermost first (default: only I decide / I can influence / together)."""
    return list(config.get("rings") or DEFAULT_RINGS)


@frozen
class Entry:
    """Something a leader decides alone, can influence, or would decide together."""

    uid: str
    text: str
    ring: int
    organisation: str = ""
    moved_from: int | None = None

    def label(self) -> str:
        return f"{self.text} ({self.organisation})" if self.organisation else self.text


def entries_of(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[Entry]:
    """The entries; one in a ring the config no longer has goes in the outermost."""
    last = len(rings_of(config)) - 1
    out = []
    for i in items:
        if i.kind != "entry":
            continue
        d = i.data
        moved = d.get("moved_from")
        out.append(Entry(i.uid, str(d["text"]), min(int(d["ring"]), last),
                         str(d.get("organisation", "")),
                         None if moved is None else min(int(moved), last)))
    return out


def by_ring(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[list[Entry]]:
    rings: list[list[Entry]] = [[] for _ in rings_of(config)]
    for entry in entries_of(config, items):
        rings[entry.ring].append(entry)
    return rings


def moved_data(data: Mapping[str, Any], ring: int) -> dict[str, Any]:
    """An entry's data after a move to ``ring``: ``moved_from`` keeps where it started."""
    start = data.get("moved_from", data["ring"])
    out = {k: v for k, v in data.items() if k != "moved_from"}
    out["ring"] = ring
    if start != ring:
        out["moved_from"] = start
    return out


def gives(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[Entry]:
    """Entries moved outwards (toward "together"): what leaders will let go of."""
    return [e for e in entries_of(config, items)
            if e.moved_from is not None and e.ring > e.moved_from]


def taken_back(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[Entry]:
    """Entries moved inwards (toward "only I decide")."""
    return [e for e in entries_of(config, items)
            if e.moved_from is not None and e.ring < e.moved_from]
