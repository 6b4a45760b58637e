"""Checking a matrix step's settings and records (config keys and item data).

Every check raises ``ValidationError`` naming the field, with a sentence a
facilitator understands, and returns the value normalised (text cleaned, roles
spelled one way, numbers as numbers), so checking twice changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.text import clean_text

MODES = ("raci", "decision", "quadrant", "pairwise", "circles")
MODE_LABELS = {"raci": "RACI grid", "decision": "Decision roles", "quadrant": "2×2 map",
               "pairwise": "Organisation pairs", "circles": "Circles"}
RACI_ROLES = ("R", "A", "C", "I")
DECISION_ROLES = ("Recommend", "Agree", "Decide", "Input", "Perform")
DISPOSITIONS = ("+", "0", "-", "")
DEFAULT_RINGS = ("Only I decide", "I can influence", "We should decide together")
LABEL_MAX = 120
TEXT_MAX = 300
COUNT_MAX = 100_000
RING_MAX = 6
SCALE_MAX = 5

# ------------------------------------------------------------------ helpers


def _label(value: object, *, field: str, label: str, required: bool = True,
           max_length: int = LABEL_MAX) -> str:
    return clean_text(value, field=field, label=label, max_length=max_length,
                      required=required, multiline=False)


def _labels(value: object, *, field: str, what: str) -> list[str]:
    """A list of distinct one-line labels."""
    if not isinstance(value, list):
        raise ValidationError(field, f"{field} must be a list of {what}s.")
    out = [_label(v, field=field, label=f"A {what} in {field}") for v in value]
    seen: set[str] = set()
    for v in out:
        if v in seen:
            raise ValidationError(field, f"'{v}' is listed twice in {field}.")
        seen.add(v)
    return out


def _unit(value: object, *, field: str, label: str) -> float:
    """A position from 0 to 1 (a float, rounded to 4 places so it reads back the same)."""
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value) or not 0 <= value <= 1):
        raise ValidationError(field, f"{label} must be a number from 0 to 1.")
    return round(float(value), 4)


def _whole(value: object, *, field: str, label: str, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field, f"{label} must be a whole number from {low} to {high}.")
    return value


def _only(data: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> None:
    for key in data:
        if key not in allowed:
            raise ValidationError(str(key), f"A {what} has no field '{key}' "
                                  f"(its fields: {', '.join(allowed)}).")


def _table(value: object, *, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(field, f"{field} must be a table.")
    return value


# ------------------------------------------------------------------ config


def _axis(value: object, field: str) -> dict[str, str]:
    axis = _table(value, field=field)
    _only(axis, ("label", "low", "high"), field)
    return {"label": _label(axis.get("label"), field=field, label=f"{field}.label"),
            "low": _label(axis.get("low", ""), field=field, label=f"{field}.low",
                          required=False),
            "high": _label(axis.get("high", ""), field=field, label=f"{field}.high",
                           required=False)}


def _zones(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValidationError("zones", "zones must be a list of tables with name, x and y.")
    out = []
    for i, raw in enumerate(value):
        zone = _table(raw, field="zones")
        _only(zone, ("name", "x", "y"), "zone")
        out.append({"name": _label(zone.get("name"), field="zones",
                                   label=f"zones[{i}].name"),
                    "x": _unit(zone.get("x"), field="zones", label=f"zones[{i}].x"),
                    "y": _unit(zone.get("y"), field="zones", label=f"zones[{i}].y")})
    names = [z["name"] for z in out]
    if len(set(names)) != len(names):
        raise ValidationError("zones", "Two zones have the same name.")
    return out


def _scale(value: object) -> list[str]:
    if not isinstance(value, list) or len(value) not in (2, SCALE_MAX + 1):
        raise ValidationError("scale", "scale must list six labels (for 0 to 5), "
                              "or two (for 0 and 5).")
    return [_label(v, field="scale", label="A scale label", required=False) for v in value]


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The settings of a matrix step, normalised; unknown keys (e.g. ``phases``) kept."""
    out = dict(config)
    mode = config.get("mode", "raci")
    if mode not in MODES:
        raise ValidationError("mode", f"mode must be one of: {', '.join(MODES)}.")
    out["mode"] = mode
    for key, what in (("rows", "row"), ("columns", "column"), ("organisations",
                                                                "organisation"),
                      ("scenarios", "scenario")):
        if key in config:
            out[key] = _labels(config[key], field=key, what=what)
    if "quadrants" in config:
        quadrants = config["quadrants"]
        if not isinstance(quadrants, list) or len(quadrants) not in (0, 4):
            raise ValidationError("quadrants", "quadrants must list four labels: top "
                                  "left, top right, bottom left, bottom right.")
        out["quadrants"] = [_label(q, field="quadrants", label="A quadrant label",
                                   required=False) for q in quadrants]
    for key in ("x_axis", "y_axis"):
        if key in config:
            out[key] = _axis(config[key], key)
    if "zones" in config:
        out["zones"] = _zones(config["zones"])
    if "scale" in config:
        out["scale"] = _scale(config["scale"])
    if "rings" in config:
        rings = _labels(config["rings"], field="rings", what="ring")
        if not 2 <= len(rings) <= RING_MAX:
            raise ValidationError("rings", f"rings must list 2 to {RING_MAX} labels, "
                                  "the innermost first.")
        out["rings"] = rings
    if not isinstance(config.get("silent", False), bool):
        raise ValidationError("silent", "silent must be true or false.")
    return out


# ------------------------------------------------------------------ items


def normalise_role(value: object) -> str:
    """A role as stored: "R", "A", "C", "I" or a decision role word; else ValidationError."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("role", "A cell needs a role; an empty cell is deleted, "
                              "not stored.")
    text = value.strip()
    if text.upper() in RACI_ROLES and len(text) == 1:
        return text.upper()
    for role in DECISION_ROLES:
        if text.lower() == role.lower():
            return role
    raise ValidationError("role", f"'{text[:20]}' is not a role (use R, A, C or I, or one "
                          f"of {', '.join(DECISION_ROLES)}).")


def _row(data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("label",), "row")
    return {"label": _label(data.get("label"), field="label", label="The row")}


def _cell(data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("row", "column", "role"), "cell")
    return {"row": _label(data.get("row"), field="row", label="The cell's row"),
            "column": _label(data.get("column"), field="column",
                             label="The cell's column"),
            "role": normalise_role(data.get("role"))}


def _point(data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("label", "x", "y", "disposition", "target_x", "target_y"), "point")
    disposition = data.get("disposition", "")
    if disposition == "\u2212":  # a typographic minus
        disposition = "-"
    if disposition not in DISPOSITIONS:
        raise ValidationError("disposition", "The disposition must be +, 0, - or empty.")
    out: dict[str, Any] = {
        "label": _label(data.get("label"), field="label", label="The point's label"),
        "x": _unit(data.get("x"), field="x", label="The point's x"),
        "y": _unit(data.get("y"), field="y", label="The point's y"),
        "disposition": disposition}
    has_x, has_y = data.get("target_x") is not None, data.get("target_y") is not None
    if has_x != has_y:
        raise ValidationError("target_x" if not has_x else "target_y",
                              "A desired position needs both target_x and target_y.")
    if has_x:
        out["target_x"] = _unit(data["target_x"], field="target_x",
                                label="The desired position's x")
        out["target_y"] = _unit(data["target_y"], field="target_y",
                                label="The desired position's y")
    return out


def _zone_count(data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("scenario", "zone", "count"), "zone count")
    return {"scenario": _label(data.get("scenario", ""), field="scenario",
                               label="The scenario", required=False, max_length=TEXT_MAX),
            "zone": _label(data.get("zone"), field="zone", label="The zone"),
            "count": _whole(data.get("count"), field="count", label="The count",
                            low=0, high=COUNT_MAX)}


def _rating(data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("from", "to", "value"), "rating")
    source = _label(data.get("from"), field="from", label="The rating organisation")
    target = _label(data.get("to"), field="to", label="The rated organisation")
    if source == target:
        raise ValidationError("to", f"'{source}' cannot rate its relationship with itself.")
    return {"from": source, "to": target,
            "value": _whole(data.get("value"), field="value", label="The rating",
                            low=0, high=SCALE_MAX)}


def _entry(data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("text", "ring", "organisation", "moved_from"), "circle entry")
    out: dict[str, Any] = {
        "text": clean_text(data.get("text"), field="text", label="The entry",
                           max_length=TEXT_MAX, multiline=False),
        "ring": _whole(data.get("ring"), field="ring", label="The ring",
                       low=0, high=RING_MAX - 1),
        "organisation": _label(data.get("organisation", ""), field="organisation",
                               label="The organisation", required=False)}
    moved = data.get("moved_from")
    if moved is not None:
        moved = _whole(moved, field="moved_from", label="The ring it was moved from",
                       low=0, high=RING_MAX - 1)
        if moved != out["ring"]:  # moved back where it started: not moved at all
            out["moved_from"] = moved
    return out


ITEM_CHECKS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "row": _row, "cell": _cell, "point": _point, "zone_count": _zone_count,
    "rating": _rating, "entry": _entry}


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A matrix record's data, checked and normalised (see docs/step-types/matrix.md)."""
    check = ITEM_CHECKS.get(kind)
    if check is None:
        raise ValidationError("kind", f"A matrix step keeps no '{kind}' records.")
    return check(data)
