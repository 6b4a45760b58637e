"""Cluster: group an earlier brainstorm's notes into named themes.

A theme is a ``"theme"`` item: ``{"name": text, "notes": [note uids]}``. Preset
categories from the exercise file (``config.categories``) are themes before any
item exists; the console writes them as items the first time the facilitator
changes anything, so opening a step never writes to the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Contribution, StepItem
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text

THEME = "theme"
NAME_MAX = 120
SOURCE_MAX = 200
UNGROUPED = "Not yet grouped"
_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_THEME_FIELDS = {"name", "notes"}


def check_source(config: Mapping[str, Any]) -> str:
    """``source``: "previous" (the default) or the title of an earlier step."""
    source = config.get("source", "previous")
    return clean_text(source, field="source", label="The source step", max_length=SOURCE_MAX,
                      multiline=False)


def check_name(value: object) -> str:
    """A theme's name: one line of at most 120 characters."""
    return clean_text(value, field="name", label="The theme name", max_length=NAME_MAX,
                      multiline=False)


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``source``: which brainstorm's notes; ``categories``: preset theme names."""
    out = dict(config)
    out["source"] = check_source(config)
    categories = config.get("categories", [])
    if not isinstance(categories, list):
        raise ValidationError("categories", "categories must be a list of theme names.")
    names = []
    for value in categories:
        try:
            names.append(check_name(value))
        except ValidationError as exc:
            raise ValidationError("categories", exc.message.replace(
                "The theme name", "A category")) from None
    if len({n.casefold() for n in names}) != len(names):
        raise ValidationError("categories", "Two categories have the same name.")
    out["categories"] = names
    return out


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A theme: its name and the uids of the notes in it (each once)."""
    if kind != THEME:
        raise ValidationError("kind", f"A cluster step keeps themes, not '{kind}' records.")
    unknown = sorted(set(data) - _THEME_FIELDS)
    if unknown:
        raise ValidationError(unknown[0], f"A theme has no field '{unknown[0]}'.")
    name = check_name(data.get("name"))
    notes = data.get("notes", [])
    if not isinstance(notes, list):
        raise ValidationError("notes", "A theme's notes must be a list of note uids.")
    for uid in notes:
        if not isinstance(uid, str) or not _UID.match(uid):
            raise ValidationError("notes", "A theme's notes must be note uids (1 to 64 "
                                  "letters, digits, '-' or '_').")
    if len(set(notes)) != len(notes):
        raise ValidationError("notes", f"The theme '{name}' lists the same note twice.")
    return {"name": name, "notes": list(notes)}


@frozen
class Theme:
    """A theme as the room sees it.

    ``item`` is None for a preset category nobody has used yet; ``key`` names
    the theme either way (the item's uid, or ``"preset:<name>"``).
    """

    name: str
    notes: tuple[str, ...]
    item: StepItem | None = None

    @property
    def key(self) -> str:
        return self.item.uid if self.item is not None else f"preset:{self.name}"


def themes(config: Mapping[str, Any], items: Iterable[StepItem]) -> list[Theme]:
    """The step's themes in board order.

    While the step has no theme items, its preset ``categories`` are its themes;
    once it has any, the items are (the presets were written as items first).
    A note listed by two themes (from a hand-edited file) counts in the first.
    """
    stored = sorted((i for i in items if i.kind == THEME), key=lambda i: i.position)
    if not stored:
        return [Theme(name, ()) for name in config.get("categories", [])]
    seen: set[str] = set()
    out = []
    for item in stored:
        notes = tuple(u for u in item.data.get("notes", []) if u not in seen)
        seen.update(notes)
        out.append(Theme(str(item.data.get("name", "")), notes, item))
    return out


@frozen
class Group:
    """A theme with its notes resolved (notes since deleted are left out)."""

    theme: Theme | None  # None: the notes not yet grouped
    notes: list[Contribution]

    @property
    def name(self) -> str:
        return self.theme.name if self.theme is not None else UNGROUPED


def groups(theme_list: Sequence[Theme], notes: Sequence[Contribution]) -> list[Group]:
    """Each theme with its notes, in theme order, then the notes not yet grouped."""
    by_uid = {n.uid: n for n in notes}
    out = [Group(t, [by_uid[u] for u in t.notes if u in by_uid]) for t in theme_list]
    grouped = {u for t in theme_list for u in t.notes}
    out.append(Group(None, [n for n in notes if n.uid not in grouped]))
    return out


def by_size(group_list: Sequence[Group]) -> list[Group]:
    """Themes largest first (ties in board order); the ungrouped notes are left out."""
    themed = [g for g in group_list if g.theme is not None]
    return sorted(themed, key=lambda g: -len(g.notes))


@frozen
class ColumnMove:
    """Notes of one brainstorm column going to the theme of the same name."""

    name: str
    theme: Theme | None  # None: a new theme, named after the column
    notes: list[str]


def by_column(theme_list: Sequence[Theme], notes: Sequence[Contribution]) -> list[ColumnMove]:
    """Where each column's notes not yet grouped would go: the theme with the
    column's name (ignoring case), else a new theme named after it. Notes in no
    column stay where they are."""
    grouped = {u for t in theme_list for u in t.notes}
    by_name = {t.name.casefold(): t for t in theme_list}
    moves: dict[str, ColumnMove] = {}
    for note in notes:
        if note.uid in grouped or not note.section:
            continue
        name = note.section
        if len(name) > NAME_MAX:
            name = name[: NAME_MAX - 1].rstrip() + "…"
        key = name.casefold()
        if key not in moves:
            theme = by_name.get(key)
            moves[key] = ColumnMove(theme.name if theme else name, theme, [])
        moves[key].notes.append(note.uid)
    return list(moves.values())


def name_refusal(name: object, theme_list: Sequence[Theme], *,
                 except_key: str | None = None) -> str | None:
    """Why ``name`` cannot name a theme (empty, too long, taken), or None."""
    try:
        clean = check_name(name)
    except ValidationError as exc:
        return exc.message
    for t in theme_list:
        if t.key != except_key and t.name.casefold() == clean.casefold():
            return f"There is already a theme called '{t.name}'."
    return None


STEP_TYPE = StepType(
    name="cluster",
    label="Cluster",
    description="Group an earlier brainstorm's notes into named themes.",
    captures="items",
    check_config=check_config,
    item_kinds=(THEME,),
    check_item=check_item,
)
