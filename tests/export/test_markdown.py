"""The Markdown summary: readable as plain text, tables that do not break."""

from __future__ import annotations

from dataclasses import replace

from collabfacil.domain.model import Step
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.markdown import markdown_text, write_markdown


def test_the_summary_has_title_date_venue_and_partners(data, tmp_path):
    """The facts of the workshop head the file."""
    target = tmp_path / "summary.md"
    write_markdown(data, target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Frailty pathway partnership\n")
    assert "- **Date:** Wednesday 4 March 2026" in text
    assert "- **Venue:** Civic Centre, Room 2" in text
    assert "- Northshire Acute Hospitals NHS Trust (Acute)" in text


def test_notes_are_listed_under_their_step_and_column(data):
    """Each step is a heading in its section; each column a sub-heading with its notes."""
    text = markdown_text(data)
    assert ("### Ways to fail\n\n> How could we fail?\n\n#### Time\n\n"
            "- Nobody has time to meet — Acute\n- Meetings that decide nothing\n\n"
            "#### Data\n\n- Records that do not join up — Council\n") in text
    assert "### Our 15%" in text
    assert "- I will call the ward manager on Monday — Acute" in text


def test_the_sections_follow_the_board_paper(data):
    """Summary first, then the numbered sections; the plan with its review rhythm."""
    text = markdown_text(data)
    assert text.index("## Summary") < text.index("## 1. ") < text.index(". The action plan\n")
    assert "- **The action plan:** 3 actions, 3 named owners, 2 partners with actions, " \
           "1 small test of change; due 20 Mar\u2009\u2013\u20091 Jul 2026." in text  # as the PDF
    plan = text.split(". The action plan\n", 1)[1]
    assert plan.startswith("\n**Review rhythm:** No review rhythm was agreed")
    assert "\n\n\n" not in text  # one blank line between blocks


def test_the_plan_is_grouped_by_theme(data):
    themed = [replace(a, theme=t) for a, t in zip(data.actions, ("Data", "Time", "Data"),
                                                   strict=True)]
    text = markdown_text(replace(data, actions=themed))
    assert "**By theme:** Time (1); Data (2)." in text
    assert text.index("### Time (1 action)") < text.index("### Data (2 actions)")


def test_must_agree_columns_are_marked(data):
    """The marker follows the column's heading."""
    fail = replace(data.steps[0], config={"sections": ["Time", "Data"],
                                          "must_agree": ["Data"]})
    text = markdown_text(replace(data, steps=[fail, *data.steps[1:]]))
    assert "#### Data *(must agree)*" in text
    assert "#### Time\n" in text


def test_a_note_on_several_lines_stays_in_its_list_item(data):
    """Continuation lines are indented under the bullet."""
    note = replace(data.contributions[0], text="First line\nSecond line")
    text = markdown_text(replace(data, contributions=[note]))
    assert "- First line\n  Second line — Acute" in text


def test_the_actions_are_a_table_with_pipes_escaped(data):
    """A pipe typed in an action cannot split the table's columns."""
    first = replace(data.actions[0], text="Either | or", first_step="a\nb",
                    measure="x|y")
    text = markdown_text(replace(data, actions=[first]))
    assert "| Action | Owner | Organisation | Due | First step | Measure |" in text
    row = next(line for line in text.splitlines() if line.startswith("| Either"))
    assert row == ("| Either \\| or (small test) | Gwenllian Prŷs | Acute | 1 May 2026 "
                   "| a b | x\\|y |")


def test_steps_with_nothing_captured_are_left_out(data):
    """An empty board adds no heading."""
    extra = Step(type="brainstorm", title="Parking lot", id=99)
    assert "Parking lot" not in markdown_text(replace(data, steps=[*data.steps, extra]))


def test_anonymised_summary_names_no_participant(data, tmp_path):
    """Owners are withheld and names in notes blanked out."""
    note = replace(data.contributions[0], text="Ask Tomasz Kowalski")
    target = tmp_path / "summary.md"
    write_markdown(replace(data, contributions=[note]), target, anonymise=True)
    text = target.read_text(encoding="utf-8")
    assert "Kowalski" not in text
    assert "Gwenllian" not in text
    assert f"Ask {WITHHELD}" in text
