"""Cleaning and checking the text people type: notes, titles, names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import cache

from collabfacil.domain.errors import ValidationError

# Line breaks and tabs are allowed in long text; every other control character,
# lone surrogates, private-use characters and the Unicode noncharacters are
# refused rather than silently dropped. Format characters (Cf) are allowed: emoji
# sequences (ZWJ, the tags of the Welsh flag) and right-to-left text need them.
# Code points unassigned in this Python's Unicode tables (Cn) are allowed too:
# they are mostly characters newer than the tables, such as recent emoji.
_ALLOWED_CONTROLS = {"\n", "\t"}
_REFUSED_CATEGORIES = {"Cc", "Cs", "Co"}
# The same rule as character classes, searched in C: Cc (but \t and \n), Cs and Co
# are fixed ranges in every Unicode version; then the noncharacters. All but the
# controls are at U+D800 or above: that class is compiled when first needed (a
# class of such wide ranges takes a millisecond to compile; most text never
# reaches them).
_REFUSED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FIRST_HIGH_REFUSED = "\ud800"


@cache
def _refused_high() -> re.Pattern[str]:
    return re.compile(
        "[\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef"
        + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                  for plane in range(15))
        + "\U000f0000-\U0010ffff]")


def _has_refused(text: str) -> bool:
    if _REFUSED_CONTROL.search(text) is not None:
        return True
    return bool(text) and max(text) >= _FIRST_HIGH_REFUSED and (
        _refused_high().search(text) is not None)


def _refused(ch: str) -> bool:
    code = ord(ch)
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:  # noncharacters
        return True
    return unicodedata.category(ch) in _REFUSED_CATEGORIES


def clean_text(
    value: object,
    *,
    field: str,
    label: str,
    max_length: int,
    required: bool = True,
    multiline: bool = True,
) -> str:
    """Return ``value`` stripped and NFC-normalised, or raise ``ValidationError``.

    Empty or whitespace-only text is refused when ``required``; text longer than
    ``max_length`` characters, or with control characters, is always refused.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label} must be text.")
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.strip()
    if not text:
        if required:
            raise ValidationError(field, f"{label} is empty: type something first.")
        return ""
    if len(text) > max_length:
        raise ValidationError(
            field,
            f"{label} is {len(text):,} characters long; the limit is {max_length:,}.",
        )
    single_line_broken = not multiline and "\n" in text
    if not single_line_broken and not _has_refused(text):
        return text
    for ch in text:  # the first problem, in reading order, names itself
        if ch == "\n" and not multiline:
            raise ValidationError(field, f"{label} must be a single line.")
        if ch not in _ALLOWED_CONTROLS and _refused(ch):
            raise ValidationError(
                field,
                f"{label} contains a control character (U+{ord(ch):04X}) "
                "that cannot be shown or printed.",
            )
    return text


def parse_date(value: object, *, field: str, label: str) -> date | None:
    """Parse an ISO date (YYYY-MM-DD); ``None``, empty or blank gives ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()  # stored as YYYY-MM-DD, so it must read back as a date
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValidationError(field, f"{label} must be a date like 2026-03-31.")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            field, f"{label} '{value.strip()[:40]}' is not a real date (use YYYY-MM-DD)."
        ) from None
