"""The domain dataclasses refuse bad values with a message naming the field."""

from __future__ import annotations

from datetime import date

import pytest

from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import (
    NOTE_MAX,
    TITLE_MAX,
    Action,
    Contribution,
    Organisation,
    Participant,
    Step,
    Workshop,
)
from collabfacil.domain.steps import STEP_TYPES


def an_action(**changes: object) -> Action:
    """A valid action, with some fields changed."""
    fields: dict = {"text": "Share the discharge dashboard with the council",
                    "owner": "Priya Shah", "due": "2026-04-30",
                    "first_step": "Email the BI team on Monday"}
    fields.update(changes)
    return Action(**fields)


# ------------------------------------------------------------- workshops


def test_a_workshop_keeps_what_the_facilitator_typed() -> None:
    """Title, date, venue and times come back cleaned but unchanged."""
    w = Workshop(title="  Frailty pathway partnership ", date="2026-03-04",
                 venue="Civic Centre, Room 2", facilitator="Siân Llŷr",
                 starts_at="09:30", ends_at="12:00")
    assert w.title == "Frailty pathway partnership"
    assert w.date == date(2026, 3, 4)
    assert w.facilitator == "Siân Llŷr"
    assert (w.starts_at, w.ends_at) == ("09:30", "12:00")


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_a_workshop_without_a_title_is_refused(title: str) -> None:
    """An empty or whitespace-only title is refused naming the title field."""
    with pytest.raises(ValidationError) as info:
        Workshop(title=title)
    assert info.value.field == "title"
    assert "title is empty" in info.value.message


def test_a_too_long_workshop_title_is_refused() -> None:
    """A title over the limit is refused naming the title field."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="x" * (TITLE_MAX + 1))
    assert info.value.field == "title"
    assert f"{TITLE_MAX:,}" in info.value.message


def test_an_impossible_workshop_date_is_refused() -> None:
    """30 February is refused with a message naming the date field."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="Frailty", date="2026-02-30")
    assert info.value.field == "date"
    assert "2026-02-30" in info.value.message
    assert "not a real date" in info.value.message


@pytest.mark.parametrize(("starts_at", "ends_at"),
                         [("12:00", "09:30"), ("10:00", "10:00")])
def test_an_end_time_not_after_the_start_time_is_refused(starts_at: str,
                                                          ends_at: str) -> None:
    """A workshop cannot end before (or when) it starts."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="Frailty", starts_at=starts_at, ends_at=ends_at)
    assert info.value.field == "ends_at"
    assert "after the start time" in info.value.message


@pytest.mark.parametrize("clock", ["9:30", "24:00", "09:60", "half nine", "09.30"])
def test_a_time_not_like_09_30_is_refused(clock: str) -> None:
    """Times are HH:MM on the 24-hour clock."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="Frailty", starts_at=clock)
    assert info.value.field == "starts_at"
    assert "09:30" in info.value.message


def test_changing_a_workshop_validates_again() -> None:
    """with_changes refuses a bad value just as the constructor does."""
    w = Workshop(title="Frailty", starts_at="09:30")
    assert w.with_changes(venue="Town Hall").venue == "Town Hall"
    with pytest.raises(ValidationError) as info:
        w.with_changes(ends_at="08:00")
    assert info.value.field == "ends_at"


def test_a_workshop_title_cannot_span_lines() -> None:
    """The title is one line: it heads the projector and the PDF."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="Frailty\npathway")
    assert info.value.field == "title"


# ---------------------------------------------------------- partners, people


def test_an_organisation_without_a_name_is_refused() -> None:
    """A partner needs a name."""
    with pytest.raises(ValidationError) as info:
        Organisation(name=" ")
    assert info.value.field == "name"
    assert "organisation's name is empty" in info.value.message


def test_an_organisation_is_labelled_by_its_short_name_when_it_has_one() -> None:
    """Cards show 'Acute', not the trust's full name."""
    assert Organisation("Northshire Acute Hospitals NHS Trust", "Acute").label == "Acute"
    assert Organisation("Age UK Northshire").label == "Age UK Northshire"


def test_a_participant_name_with_a_control_character_is_refused() -> None:
    """A pasted escape character is refused, naming the field."""
    with pytest.raises(ValidationError) as info:
        Participant(name="Sam\x1b[31m Jones")
    assert info.value.field == "name"
    assert "U+001B" in info.value.message


# ---------------------------------------------------------------- steps


def test_an_unknown_step_type_is_refused_listing_the_known_ones() -> None:
    """A misspelt step type names every type that does exist."""
    with pytest.raises(ValidationError) as info:
        Step(type="brainstrom", title="Ideas")
    assert info.value.field == "type"
    assert "brainstrom" in info.value.message
    for name in STEP_TYPES:
        assert name in info.value.message


@pytest.mark.parametrize("minutes", [-1, 601, 2.5, True, "10"])
def test_step_minutes_must_be_a_whole_number_in_range(minutes: object) -> None:
    """Minutes from 0 to 600, whole numbers only."""
    with pytest.raises(ValidationError) as info:
        Step(type="brainstorm", title="Ideas", minutes=minutes)  # type: ignore[arg-type]
    assert info.value.field == "minutes"


def test_a_step_keeps_its_sections_and_a_multiline_prompt() -> None:
    """Section labels and the prompt's line breaks are kept."""
    s = Step(type="brainstorm", title="Ways to fail", prompt="How?\nAnd why?",
             config={"sections": ["Time", "Data"]})
    assert s.sections == ["Time", "Data"]
    assert s.prompt == "How?\nAnd why?"


def test_a_step_without_a_title_is_refused() -> None:
    """Every step needs a title for the agenda."""
    with pytest.raises(ValidationError) as info:
        Step(type="actions", title="")
    assert info.value.field == "title"


# ------------------------------------------------------------ contributions


@pytest.mark.parametrize(
    "text",
    ["Shared care record 🏥 by June", "تبادل البيانات", "שיתוף מידע",
     "Gwasanaeth ŵyr ac ŷd", "Współpraca z władzami", "<b>bold</b> & <img src=x>",
     "Line one\nLine two\twith a tab"],
)
def test_a_note_keeps_its_text_verbatim(text: str) -> None:
    """Emoji, right-to-left text, Welsh and Polish letters and markup are kept."""
    assert Contribution(step_id=1, text=text).text == text


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_an_empty_note_is_refused(text: str) -> None:
    """A blank note is refused naming the text field."""
    with pytest.raises(ValidationError) as info:
        Contribution(step_id=1, text=text)
    assert info.value.field == "text"
    assert "The note is empty" in info.value.message


def test_a_too_long_note_is_refused() -> None:
    """A note over the limit is refused naming the text field."""
    with pytest.raises(ValidationError) as info:
        Contribution(step_id=1, text="a" * (NOTE_MAX + 1))
    assert info.value.field == "text"


def test_a_note_with_a_control_character_is_refused() -> None:
    """A NUL byte in a note is refused."""
    with pytest.raises(ValidationError) as info:
        Contribution(step_id=1, text="ab\x00cd")
    assert info.value.field == "text"
    assert "control character" in info.value.message


# --------------------------------------------------------------- actions


def test_a_complete_action_is_accepted() -> None:
    """Owner, due date and first step given: the action is made, dates parsed."""
    a = an_action(review_date="2026-06-01", small_test=1)
    assert a.due == date(2026, 4, 30)
    assert a.review_date == date(2026, 6, 1)
    assert a.small_test is True


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("owner", "", "The owner is empty"),
        ("owner", "   ", "The owner is empty"),
        ("due", None, "The due date is empty"),
        ("due", "", "The due date is empty"),
        ("due", "  ", "The due date is empty"),
        ("first_step", "", "The first step is empty"),
        ("first_step", "\n", "The first step is empty"),
        ("text", "", "The action is empty"),
    ],
)
def test_an_action_missing_a_required_field_is_refused_naming_it(
    field: str, value: object, words: str
) -> None:
    """Every action needs an owner, a due date and a first step."""
    with pytest.raises(ValidationError) as info:
        an_action(**{field: value})
    assert info.value.field == field
    assert words in info.value.message


@pytest.mark.parametrize("field", ["due", "review_date"])
def test_an_action_with_an_impossible_date_is_refused(field: str) -> None:
    """30 February is refused for the due date and the review date alike."""
    with pytest.raises(ValidationError) as info:
        an_action(**{field: "2026-02-30"})
    assert info.value.field == field
    assert "not a real date" in info.value.message


def test_an_action_owner_cannot_span_lines() -> None:
    """The owner is a name, on one line."""
    with pytest.raises(ValidationError) as info:
        an_action(owner="Priya\nShah")
    assert info.value.field == "owner"


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"sections": "Time, Data"}, "sections"),
        ({"sections": ["Time", "Time"]}, "sections"),
        ({"sections": ["Time", " "]}, "sections"),
        ({"sections": ["Time"], "must_agree": ["Data"]}, "must_agree"),
    ],
)
def test_a_brainstorm_step_with_broken_sections_is_refused(config: dict,
                                                           field: str) -> None:
    """Sections must be distinct labels, and 'must agree' can only mark those."""
    with pytest.raises(ValidationError) as info:
        Step(type="brainstorm", title="Ideas", config=config)
    assert info.value.field == field


def test_a_step_config_is_cleaned_but_gains_no_keys() -> None:
    """Section labels are cleaned; settings not given are not added."""
    s = Step(type="brainstorm", title="Ideas", config={"sections": [" Time "]})
    assert s.config == {"sections": ["Time"]}
    assert Step(type="brainstorm", title="Ideas").config == {}


@pytest.mark.parametrize("clock", [930, 9.5])
def test_a_time_that_is_not_text_is_refused(clock: object) -> None:
    """A number for a time is refused with a message, not a crash."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="Frailty", ends_at=clock)  # type: ignore[arg-type]
    assert info.value.field == "ends_at"


@pytest.mark.parametrize("current_step", [-1, "2", None])
def test_a_workshop_current_step_must_be_a_number_of_zero_or_more(
    current_step: object,
) -> None:
    """The step the workshop is on is an index: never negative, never text."""
    with pytest.raises(ValidationError) as info:
        Workshop(title="Frailty", current_step=current_step)  # type: ignore[arg-type]
    assert info.value.field == "current_step"
