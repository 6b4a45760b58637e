"""Statement: draft and agree a purpose statement, values or rules, with a consent check.

Every saved draft is a new ``version`` (history is never overwritten); a
``consent`` item holds the show-of-hands counts for one version (agree / can
live with it / object); one ``agreed`` item marks the version the room agreed.
For values and rules the text is a list: one item per line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import PROMPT_MAX, StepItem
from collabfacil.domain.steps.base import StepType
from collabfacil.domain.text import clean_text

KINDS = ("purpose", "values", "rules")
NOUNS = {"purpose": ("statement", "statements"), "values": ("value", "values"),
         "rules": ("rule", "rules")}
TITLES = {"purpose": "Purpose statement", "values": "Values", "rules": "Rules"}
MAX_ITEMS_LIMIT = 50
COUNT_MAX = 100_000
VERSION = "version"
CONSENT = "consent"
AGREED = "agreed"
HANDS = (("agree", "Agree"), ("live_with", "Can live with it"), ("object", "Object"))
_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_BULLET = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)])\s+")


def check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``kind``: "purpose", "values" or "rules"; ``max_items``: the most lines a
    values or rules list may have (e.g. 6 for Min Specs)."""
    out = dict(config)
    kind = config.get("kind", "purpose")
    if kind not in KINDS:
        raise ValidationError("kind", 'kind must be "purpose", "values" or "rules".')
    if "max_items" in config:
        most = config["max_items"]
        if (not isinstance(most, int) or isinstance(most, bool)
                or not 1 <= most <= MAX_ITEMS_LIMIT):
            raise ValidationError("max_items", "max_items must be a whole number from 1 "
                                  f"to {MAX_ITEMS_LIMIT}.")
        if kind == "purpose":
            raise ValidationError("max_items", "max_items is for a values or rules list; "
                                  'a purpose statement is one text (set kind = "values" '
                                  'or "rules", or leave max_items out).')
    return out


def _fields(kind: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise ValidationError(str(key), f"A {kind} record has no field '{key}' "
                                  f"(it has: {', '.join(allowed)}).")


def _version_ref(data: Mapping[str, Any]) -> str:
    ref = data.get("version")
    if not isinstance(ref, str) or not _UID.match(ref):
        raise ValidationError("version", "version must name a saved version (its uid).")
    return ref


def _count(data: Mapping[str, Any], key: str, label: str) -> int:
    value = data.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(key, f"The number who {label.lower()} must be a whole "
                              "number, 0 or more.")
    if value > COUNT_MAX:
        raise ValidationError(key, f"{value:,} hands is more than any room: check the "
                              f"number who {label.lower()}.")
    return value


def check_item(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A ``version`` (a saved draft), a ``consent`` count for a version, or the
    ``agreed`` marker."""
    if kind == VERSION:
        _fields(kind, data, ("text",))
        return {"text": clean_text(data.get("text"), field="text", label="The draft",
                                   max_length=PROMPT_MAX)}
    if kind == CONSENT:
        _fields(kind, data, ("version", *(k for k, _ in HANDS)))
        return {"version": _version_ref(data),
                **{key: _count(data, key, label) for key, label in HANDS}}
    if kind == AGREED:
        _fields(kind, data, ("version",))
        return {"version": _version_ref(data)}
    raise ValidationError("kind", f"A statement keeps no '{kind}' records.")


STEP_TYPE = StepType(
    name="statement",
    label="Statement",
    description="Draft and agree a purpose statement, values or rules, with a consent check.",
    captures="items",
    check_config=check_config,
    item_kinds=(VERSION, CONSENT, AGREED),
    check_item=check_item,
    paper_section=lambda step: 1,
)


# --------------------------------------------------------------- reading


@frozen
class StatementSettings:
    """A statement step's settings: what is being agreed and how many items it may hold."""

    kind: str = "purpose"
    max_items: int | None = None

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> StatementSettings:
        c = check_config(config)
        return cls(kind=c.get("kind", "purpose"), max_items=c.get("max_items"))

    @property
    def is_list(self) -> bool:
        return self.kind != "purpose"

    @property
    def title(self) -> str:
        return TITLES[self.kind]


@frozen
class Consent:
    """The show of hands for one version."""

    agree: int = 0
    live_with: int = 0
    object: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.live_with + self.object

    def summary(self) -> str:
        """``Agree 12 · Can live with it 4 · Object 1``."""
        return " · ".join(f"{label} {getattr(self, key)}" for key, label in HANDS)

    def outcome(self) -> str:
        """In words: consent means no one objects."""
        if not self.total:
            return "No hands counted yet"
        if self.object:
            return f"{self.object} objection{'s' if self.object != 1 else ''}"
        return "No objections"


@frozen
class Version:
    """A saved draft and its place in the history (1 is the first)."""

    uid: str
    number: int
    text: str
    created_at: str


@frozen
class StatementState:
    """The history, the counts and the agreement, read from a step's items."""

    versions: tuple[Version, ...]
    consents: Mapping[str, Consent]
    consent_items: Mapping[str, StepItem]
    agreed_uid: str | None
    agreed_item: StepItem | None

    @property
    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def agreed(self) -> Version | None:
        return next((v for v in self.versions if v.uid == self.agreed_uid), None)

    def consent(self, uid: str) -> Consent:
        return self.consents.get(uid, Consent())

    def version(self, uid: str) -> Version | None:
        return next((v for v in self.versions if v.uid == uid), None)

    @property
    def shown(self) -> Version | None:
        """The version for the room: the latest draft (the agreed one until redrafted)."""
        return self.latest


def read_state(items: Sequence[StepItem]) -> StatementState:
    """The statement's versions in order, the consent per version, and the agreed one.

    Counts or an agreement for a version that no longer exists (its save was
    undone) are ignored.
    """
    versions = []
    for item in items:
        if item.kind == VERSION:
            versions.append(Version(item.uid, len(versions) + 1,
                                    str(item.data.get("text", "")), item.created_at))
    known = {v.uid for v in versions}
    consents: dict[str, Consent] = {}
    consent_items: dict[str, StepItem] = {}
    agreed_uid = None
    agreed_item = None
    for item in items:
        ref = item.data.get("version")
        if item.kind == CONSENT and ref in known:
            consents[ref] = Consent(*(int(item.data.get(k, 0)) for k, _ in HANDS))
            consent_items[ref] = item
        elif item.kind == AGREED:
            agreed_item = item  # the last marker is the one that counts
            agreed_uid = ref if ref in known else None
    return StatementState(tuple(versions), consents, consent_items, agreed_uid, agreed_item)


def list_lines(text: str) -> list[str]:
    """A values or rules draft as its items: one per non-empty line, any typed
    bullet or number ("- ", "3. ") taken off so the list can be numbered."""
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


def too_many(settings: StatementSettings, text: str) -> str:
    """A sentence when a values or rules draft has more lines than allowed, else ""."""
    if not settings.is_list or settings.max_items is None:
        return ""
    n = len(list_lines(text))
    if n <= settings.max_items:
        return ""
    many = NOUNS[settings.kind][1]
    return (f"{n} {many}: the most for this step is {settings.max_items}. "
            f"Cut {n - settings.max_items} before agreeing.")
