"""What every export agrees on: dates, notes by column, actions in plan order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from collabfacil.domain.model import Action, Contribution, Step
from collabfacil.export.outline import (
    UNSORTED,
    actions_by_step,
    long_date,
    note_groups,
    short_date,
    sorted_actions,
)


def _note(text: str, section: str = "") -> Contribution:
    return Contribution(step_id=1, text=text, section=section)


def _action(text: str, due: str, *, step_id: int | None = None,
            position: int = 0) -> Action:
    return Action(text=text, owner="Aled", due=due, first_step="Start",
                  step_id=step_id, position=position)


def test_dates_are_written_out_in_english_whatever_the_locale():
    """Board papers read "Wednesday 4 March 2026"; tables use "4 Mar 2026"."""
    assert long_date(date(2026, 3, 4)) == "Wednesday 4 March 2026"
    assert short_date(date(2026, 12, 25)) == "25 Dec 2026"
    assert long_date(None) == short_date(None) == ""


def test_notes_follow_the_column_order_and_empty_columns_are_left_out():
    """Columns come in the step's order, whatever order the notes were typed in."""
    step = Step(type="brainstorm", title="Fail", config={
        "sections": ["Time", "Data", "Money"], "must_agree": ["Data"]})
    groups = note_groups(step, [_note("b", "Data"), _note("a", "Time"),
                                _note("c", "Data")])
    assert [(g.label, g.must_agree, [n.text for n in g.notes]) for g in groups] == [
        ("Time", False, ["a"]), ("Data", True, ["b", "c"])]


def test_notes_outside_the_columns_are_kept_after_them():
    """A note from a since-renamed column keeps its label; loose notes come last."""
    step = Step(type="brainstorm", title="Fail", config={"sections": ["Time"]})
    groups = note_groups(step, [_note("loose"), _note("old", "Old name"),
                                _note("t", "Time")])
    assert [g.label for g in groups] == ["Time", "Old name", UNSORTED]


def test_an_open_board_is_one_unlabelled_group():
    """A brainstorm with no columns lists its notes with no heading."""
    groups = note_groups(Step(type="brainstorm", title="Ideas"), [_note("x")])
    assert [(g.label, len(g.notes)) for g in groups] == [("", 1)]


def test_actions_are_sorted_by_due_date_then_the_order_agreed():
    """Same-day actions keep the order the room agreed them in."""
    plan = sorted_actions([_action("late", "2026-09-01", position=0),
                           _action("second", "2026-03-01", position=2),
                           _action("first", "2026-03-01", position=1)])
    assert [a.text for a in plan] == ["first", "second", "late"]


def test_actions_outside_an_actions_step_join_the_first_actions_step(data):
    """No action is left out: loose ones go with the first actions step."""
    actions_step = data.steps[2]
    loose = [_action("carried in", "2026-01-01"),
             _action("from a brainstorm", "2026-02-01", step_id=data.steps[0].id)]
    plan = actions_by_step(replace(data, actions=[*data.actions, *loose]))
    assert list(plan) == [actions_step.id]
    assert [a.text for a in plan[actions_step.id]][:2] == ["carried in",
                                                          "from a brainstorm"]
    assert len(plan[actions_step.id]) == len(data.actions) + 2


def test_actions_with_no_actions_step_are_kept_under_none(data):
    """With no actions step on the agenda the actions are still there."""
    plan = actions_by_step(replace(data, steps=data.steps[:2]))
    assert list(plan) == [None]
    assert len(plan[None]) == len(data.actions)
