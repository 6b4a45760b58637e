"""clean_text and parse_date: what the facilitator types is kept, or refused clearly."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.text import clean_text, parse_date


def note(value: object, **kwargs: object) -> str:
    """clean_text with the settings a note on the board uses."""
    options: dict = {"field": "text", "label": "The note", "max_length": 2000}
    options.update(kwargs)
    return clean_text(value, **options)


@pytest.mark.parametrize("value", ["", "   ", "\n\t \n", "\u3000", None])
def test_empty_or_whitespace_only_text_is_refused_naming_the_field(value: object) -> None:
    """Nothing but spaces is not a note: the message says which field is empty."""
    with pytest.raises(ValidationError) as info:
        note(value)
    assert info.value.field == "text"
    assert "The note is empty" in str(info.value)


def test_optional_text_may_be_empty() -> None:
    """An optional field left blank is stored as the empty string."""
    assert note("   ", required=False) == ""


def test_text_over_the_limit_is_refused_with_its_length() -> None:
    """Too long a note is refused and the message gives its length and the limit."""
    with pytest.raises(ValidationError) as info:
        note("x" * 2001)
    assert info.value.field == "text"
    assert "2,001" in info.value.message
    assert "2,000" in info.value.message


def test_text_at_the_limit_is_kept() -> None:
    """Exactly the maximum length is still accepted."""
    assert note("x" * 2000) == "x" * 2000


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800",
                                  "\ue000", "\ufffe", "\ufdd0"])
def test_control_characters_are_refused(char: str) -> None:
    """NUL, bell, escape, DEL, a lone surrogate, private use or a noncharacter: refused."""
    with pytest.raises(ValidationError) as info:
        note(f"before{char}after")
    assert info.value.field == "text"
    assert f"U+{ord(char):04X}" in info.value.message


def test_newlines_and_tabs_are_kept_in_notes() -> None:
    """A multi-line note keeps its line breaks and tabs."""
    assert note("Time\n\tnobody has any\nData") == "Time\n\tnobody has any\nData"


def test_windows_and_old_mac_line_breaks_become_newlines() -> None:
    """Pasted CRLF or CR line breaks are stored as plain newlines."""
    assert note("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_a_line_break_in_single_line_text_is_refused() -> None:
    """A title cannot contain a line break."""
    with pytest.raises(ValidationError) as info:
        clean_text("Frailty\npathway", field="title", label="The title",
                   max_length=200, multiline=False)
    assert info.value.field == "title"
    assert "single line" in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        "We'll fix it 👍🏽 together 🎉",
        "Family 👨\u200d👩\u200d👧 and Wales 🏴\U000e0067\U000e0062\U000e0077\U000e006c"
        "\U000e0073\U000e007f",
        "🫨 a newer emoji than this Python's Unicode tables",
        "التعاون بين المنظمات",
        "שיתוף פעולה בין ארגונים",
        "Mixed: NHS ו-שירותים חברתיים 2026",
        "Gŵyl y gwanwyn; ŷd; Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
        "Łódź: współpraca służb zdrowia",
        "Zürich, naïve café, Ångström",
    ],
)
def test_emoji_right_to_left_and_accented_text_is_kept_verbatim(text: str) -> None:
    """Emoji, Arabic, Hebrew, Welsh and Polish letters come back exactly as typed."""
    assert note(text) == text


@pytest.mark.parametrize(
    "text",
    ["<b>bold</b> & <i>brave</i>", "<img src=x onerror=alert(1)>", "A &amp; B &lt;",
     "Fish & chips; 5 < 6 > 4", "<script>alert('hi')</script>"],
)
def test_markup_is_kept_verbatim_as_plain_text(text: str) -> None:
    """Tags and ampersands are ordinary characters: not stripped, not escaped."""
    assert note(text) == text


def test_text_is_stripped_and_composed() -> None:
    """Surrounding spaces go, and a decomposed ŵ is stored as the single character."""
    assert note("  Gw\u0302yl  ") == "Gŵyl"


def test_text_that_is_not_a_string_is_refused() -> None:
    """A number where text is expected gives a clear message, not a crash."""
    with pytest.raises(ValidationError) as info:
        note(42)
    assert info.value.field == "text"
    assert "must be text" in info.value.message


@given(st.text())
def test_any_accepted_text_is_stripped_and_nfc(value: str) -> None:
    """Whatever clean_text accepts comes back stripped and in NFC."""
    try:
        cleaned = note(value, required=False)
    except ValidationError:
        return
    assert cleaned == cleaned.strip()
    assert unicodedata.is_normalized("NFC", cleaned)
    assert len(cleaned) <= 2000


@given(st.text(alphabet=st.characters(exclude_categories=())),
       st.booleans(), st.booleans())
def test_clean_text_only_ever_raises_validation_error(
    value: str, required: bool, multiline: bool
) -> None:
    """Arbitrary input, surrogates included, is accepted or refused: never a crash."""
    try:
        note(value, required=required, multiline=multiline, max_length=50)
    except ValidationError as exc:
        refused: ValidationError | None = exc
    else:
        refused = None
    if refused is not None:
        assert refused.field == "text"
        assert refused.message


# ---------------------------------------------------------------- dates


def test_an_iso_date_is_parsed() -> None:
    """YYYY-MM-DD becomes a date; surrounding spaces are ignored."""
    assert parse_date(" 2026-03-31 ", field="due", label="The due date") == date(
        2026, 3, 31)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_date_gives_none(value: object) -> None:
    """An empty date field means no date."""
    assert parse_date(value, field="due", label="The due date") is None


@pytest.mark.parametrize("value", ["2026-02-30", "2025-02-29", "2026-13-01",
                                   "2026-04-31", "31/03/2026", "next Tuesday"])
def test_impossible_dates_are_refused_with_a_clear_message(value: str) -> None:
    """30 February or a date in the wrong form is refused, naming the field."""
    with pytest.raises(ValidationError) as info:
        parse_date(value, field="due", label="The due date")
    assert info.value.field == "due"
    assert "The due date" in info.value.message
    assert "YYYY-MM-DD" in info.value.message


def test_a_leap_day_in_a_leap_year_is_a_real_date() -> None:
    """29 February 2028 exists."""
    assert parse_date("2028-02-29", field="due", label="The due date") == date(
        2028, 2, 29)


def test_a_date_that_is_not_text_is_refused() -> None:
    """A number is not a date."""
    with pytest.raises(ValidationError) as info:
        parse_date(20260331, field="due", label="The due date")
    assert info.value.field == "due"


def test_a_date_and_time_is_kept_as_its_date() -> None:
    """A datetime becomes a plain date, so it is stored and read back as YYYY-MM-DD."""
    parsed = parse_date(datetime(2026, 3, 4, 9, 30), field="date", label="The date")
    assert parsed == date(2026, 3, 4)
    assert parsed.isoformat() == "2026-03-04"


def test_the_fast_check_refuses_exactly_what_the_rule_refuses():
    """Every code point: the regex check agrees with the per-character rule
    (control, surrogate and private-use categories, noncharacters; tab and newline
    allowed), so speeding it up changed nothing a facilitator could type."""
    from collabfacil.domain import text

    differ = [hex(c) for c in range(0x110000)
              if text._has_refused(chr(c))
              != (chr(c) not in text._ALLOWED_CONTROLS and text._refused(chr(c)))]
    assert differ == []


@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=40))
def test_the_fast_check_of_a_whole_text_agrees_with_the_rule(value: str) -> None:
    """Mixed text (the check looks at the controls first, the rest only when a
    character is at U+D800 or above)."""
    from collabfacil.domain import text

    assert text._has_refused(value) == any(
        ch not in text._ALLOWED_CONTROLS and text._refused(ch) for ch in value)
