"""Cluster: grouping a brainstorm's notes into themes, from the keyboard and by drag and drop."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support import close_session, show_session

from collabfacil.app import Session
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.model import Contribution, Step, StepItem, Workshop
from collabfacil.domain.steps import check_item, cluster
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.steps.cluster import ClusterEditor

NOTES = ("Nobody has time to meet", "Records that do not join up", "Budgets ring-fenced")
CATEGORIES = ["Time", "Data", "Money"]


def make_workshop(repo: WorkshopRepository, *, categories: list[str] | None = None,
                  notes: tuple[str, ...] = NOTES) -> int:
    """A brainstorm with ``notes``, then a cluster step on it (the current step)."""
    config = {"categories": categories} if categories is not None else {}
    wid = repo.create_workshop(Workshop("Frailty partnership", current_step=1), steps=[
        Step(type="brainstorm", title="Ways to fail", minutes=10),
        Step(type="cluster", title="Barriers", prompt="Group them.", minutes=10,
             config=config),
    ])
    brainstorm = repo.steps(wid)[0]
    for text in notes:
        repo.add_contribution(Contribution(step_id=brainstorm.id, text=text))
    return wid


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """The cluster step of a workshop with three notes and preset categories."""
    s = show_session(qtbot, repo, make_workshop(repo, categories=CATEGORIES))
    yield s
    close_session(s)


def editor(session: Session) -> ClusterEditor:
    ed = session.console.editor
    assert isinstance(ed, ClusterEditor)
    return ed


def column_texts(session: Session) -> dict[str, list[str]]:
    """Each projector column's heading and the note texts in it."""
    layout = session.projector.view.board_layout()
    return {c.column.title: [p.text for p in c.cards] for c in layout.columns}


def stored(session: Session) -> list[dict[str, object]]:
    step_id = session.controller.current_step.id
    assert step_id is not None
    return [dict(i.data) for i in session.controller.repo.items(step_id)]


def uid_of(session: Session, text: str) -> str:
    return next(n.uid for n in editor(session).notes() if n.text == text)


def select_theme_rows(ed: ClusterEditor, *rows: int) -> None:
    """Select these theme rows (as Ctrl+click would), the first one current."""
    selection = ed.themes_view.selectionModel()
    selection.clear()
    selection.setCurrentIndex(ed.themes_model.index(rows[0], 0),
                              QItemSelectionModel.SelectionFlag.NoUpdate)
    for row in rows:
        selection.select(ed.themes_model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select)


# ---------------------------------------------------------------- the room sees


def test_preset_categories_are_columns_and_opening_writes_nothing(session: Session) -> None:
    """The preset categories are on the projector at once, "Not yet grouped" last,
    and merely opening the step stores nothing."""
    texts = session.projector.view.visible_texts()
    for heading in ("Time (0)", "Data (0)", "Money (0)", "Not yet grouped (3)"):
        assert heading in texts
    assert list(column_texts(session))[-1] == "Not yet grouped (3)"
    assert stored(session) == []


def test_a_digit_puts_the_selected_note_in_that_theme(qtbot: QtBot, session: Session) -> None:
    """Select a note, press 2: it moves to the second theme on the projector and in the store,
    and the next note is selected so the facilitator can carry on typing digits."""
    ed = editor(session)
    ed.ungrouped.setFocus()
    ed.ungrouped.setCurrentIndex(ed.ungrouped_model.index(0, 0))
    qtbot.keyClick(ed.ungrouped, Qt.Key.Key_2)
    columns = column_texts(session)
    assert columns["Data (1)"] == ["Nobody has time to meet"]
    assert columns["Not yet grouped (2)"] == ["Records that do not join up",
                                               "Budgets ring-fenced"]
    assert {"name": "Data", "notes": [uid_of(session, "Nobody has time to meet")]} \
        in stored(session)
    assert ed.ungrouped.currentIndex().data() == "Records that do not join up"
    qtbot.keyClick(ed.ungrouped, Qt.Key.Key_2)
    assert column_texts(session)["Data (2)"] == ["Nobody has time to meet",
                                                 "Records that do not join up"]


def test_one_undo_takes_a_move_back_and_its_stored_categories(qtbot: QtBot,
                                                              session: Session) -> None:
    """The first move also stores the preset categories; Ctrl+Z undoes both at once."""
    ed = editor(session)
    ed.ungrouped.setCurrentIndex(ed.ungrouped_model.index(1, 0))
    qtbot.keyClick(ed.ungrouped, Qt.Key.Key_3)
    assert [d["name"] for d in stored(session)] == CATEGORIES
    qtbot.keyClick(ed.ungrouped, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(session) == []
    assert "Not yet grouped (3)" in session.projector.view.visible_texts()
    assert "Money (0)" in session.projector.view.visible_texts()


def test_moving_a_note_takes_it_out_of_its_old_theme(qtbot: QtBot, session: Session) -> None:
    """A note is in one theme at most: pressing another digit in the themes moves it."""
    ed = editor(session)
    note = uid_of(session, "Budgets ring-fenced")
    assert ed.put_notes([note], ed.themes()[0].key)
    ed.themes_view.setFocus()
    time_row = ed.themes_model.index(0, 0)
    ed.themes_view.setCurrentIndex(ed.themes_model.index(0, 0, time_row))
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_3)
    columns = column_texts(session)
    assert columns["Time (0)"] == []
    assert columns["Money (1)"] == ["Budgets ring-fenced"]
    holders = [d["name"] for d in stored(session) if note in d["notes"]]  # type: ignore[operator]
    assert holders == ["Money"]


def test_zero_or_delete_sends_a_note_back_to_not_yet_grouped(qtbot: QtBot,
                                                             session: Session) -> None:
    """In the themes, 0 (or Delete) on a note takes it out of its theme."""
    ed = editor(session)
    ed.put_notes([uid_of(session, "Nobody has time to meet"),
                  uid_of(session, "Budgets ring-fenced")], ed.themes()[1].key)
    data_row = ed.themes_model.index(1, 0)
    ed.themes_view.setCurrentIndex(ed.themes_model.index(0, 0, data_row))
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_0)
    assert column_texts(session)["Data (1)"] == ["Budgets ring-fenced"]
    ed.themes_view.setCurrentIndex(ed.themes_model.index(0, 0, ed.themes_model.index(1, 0)))
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_Delete)
    assert "Not yet grouped (3)" in session.projector.view.visible_texts()


def test_a_digit_with_no_such_theme_says_so(qtbot: QtBot, session: Session) -> None:
    """Pressing 7 with three themes moves nothing and tells the facilitator why."""
    ed = editor(session)
    ed.ungrouped.setCurrentIndex(ed.ungrouped_model.index(0, 0))
    qtbot.keyClick(ed.ungrouped, Qt.Key.Key_7)
    assert "no theme 7" in session.console.message.text()
    assert stored(session) == []


def test_new_theme_box_adds_a_theme_and_refuses_a_taken_name(qtbot: QtBot,
                                                             session: Session) -> None:
    """Typing a name and Enter adds a column; the same name again (any case) is refused."""
    ed = editor(session)
    ed.new_theme.setFocus()
    qtbot.keyClicks(ed.new_theme, "Trust")
    qtbot.keyClick(ed.new_theme, Qt.Key.Key_Return)
    assert "Trust (0)" in session.projector.view.visible_texts()
    assert ed.new_theme.text() == ""
    qtbot.keyClicks(ed.new_theme, "  trust ")
    qtbot.keyClick(ed.new_theme, Qt.Key.Key_Return)
    assert "already a theme called 'Trust'" in session.console.message.text()
    assert [d["name"] for d in stored(session)] == [*CATEGORIES, "Trust"]
    assert ed.new_theme.text() == "  trust "  # kept, so it can be corrected


def test_new_theme_takes_text_that_cannot_be_typed_as_ascii(qtbot: QtBot,
                                                            session: Session) -> None:
    """A Welsh theme name is stored and shown exactly."""
    ed = editor(session)
    ed.new_theme.insert("Gwaith ŷ cŵn")
    qtbot.keyClick(ed.new_theme, Qt.Key.Key_Return)
    assert "Gwaith ŷ cŵn (0)" in session.projector.view.visible_texts()


def test_f2_renames_a_theme_in_place(qtbot: QtBot, session: Session) -> None:
    """F2 on a theme opens its name for editing; Enter renames it on the projector."""
    ed = editor(session)
    ed.themes_view.setFocus()
    ed.themes_view.setCurrentIndex(ed.themes_model.index(2, 0))
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_F2)
    box = QApplication.focusWidget()
    assert box is not None
    assert box is not ed.themes_view  # the name's edit box
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "Money & incentives")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the item view commits on the next event
    qtbot.waitUntil(lambda: "Money & incentives (0)" in session.projector.view.visible_texts())
    texts = session.projector.view.visible_texts()
    assert "Money (0)" not in texts
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Money (0)" in session.projector.view.visible_texts()


def test_rename_to_a_taken_or_empty_name_is_refused(session: Session) -> None:
    """Renaming "Money" to "data" or to spaces changes nothing and says why."""
    ed = editor(session)
    money = ed.themes()[2].key
    assert not ed.rename(money, "data")
    assert "already a theme called 'Data'" in session.console.message.text()
    assert not ed.rename(money, "   ")
    assert "empty" in session.console.message.text()
    assert stored(session) == []


def test_merge_two_selected_themes_is_one_undo_step(qtbot: QtBot, session: Session) -> None:
    """Ctrl+M merges the selected themes into the first; one Ctrl+Z brings both back."""
    ed = editor(session)
    themes = ed.themes()
    ed.put_notes([uid_of(session, "Nobody has time to meet")], themes[0].key)
    ed.put_notes([uid_of(session, "Records that do not join up")], themes[2].key)
    select_theme_rows(ed, 0, 2)
    ed.themes_view.setFocus()
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    columns = column_texts(session)
    assert columns["Time (2)"] == ["Nobody has time to meet", "Records that do not join up"]
    assert not any(title.startswith("Money") for title in columns)
    assert [d["name"] for d in stored(session)] == ["Time", "Data"]
    session.controller.undo_stack.undo()
    columns = column_texts(session)
    assert columns["Time (1)"] == ["Nobody has time to meet"]
    assert columns["Money (1)"] == ["Records that do not join up"]


def test_merge_needs_two_themes(session: Session) -> None:
    """The Merge button with one theme selected explains what to do."""
    ed = editor(session)
    select_theme_rows(ed, 0)
    ed.merge_button.click()
    assert "two or more themes" in session.console.message.text()


def test_dragging_a_note_onto_a_theme_and_back(session: Session) -> None:
    """A note dropped on a theme moves into it; dropped on the left list, it comes out."""
    ed = editor(session)
    mime = ed.ungrouped_model.mimeData([ed.ungrouped_model.index(2, 0)])
    data_row = ed.themes_model.index(1, 0)
    assert ed.themes_model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, data_row)
    ed.themes_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, data_row)
    assert column_texts(session)["Data (1)"] == ["Budgets ring-fenced"]
    note = ed.themes_model.index(0, 0, ed.themes_model.index(1, 0))
    back = ed.themes_model.mimeData([note])
    ed.ungrouped_model.dropMimeData(back, Qt.DropAction.MoveAction, -1, 0,
                                    ed.ungrouped_model.index(-1, 0))
    assert "Not yet grouped (3)" in session.projector.view.visible_texts()
    assert "Data (0)" in session.projector.view.visible_texts()


def test_deleting_a_theme_returns_its_notes(qtbot: QtBot, session: Session) -> None:
    """Delete on a theme removes it (Backspace does not); its notes go back to
    "not yet grouped"."""
    ed = editor(session)
    ed.put_notes([uid_of(session, "Budgets ring-fenced")], ed.themes()[2].key)
    ed.themes_view.setCurrentIndex(ed.themes_model.index(2, 0))
    select_theme_rows(ed, 2)
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_Backspace)  # too easy to hit: does nothing
    assert "Money (1)" in session.projector.view.visible_texts()
    qtbot.keyClick(ed.themes_view, Qt.Key.Key_Delete)
    texts = session.projector.view.visible_texts()
    assert not any(t.startswith("Money") for t in texts)
    assert "Not yet grouped (3)" in texts


def test_without_categories_the_first_theme_comes_from_the_box(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    """With no presets all notes start ungrouped; a typed theme is theme 1."""
    s = show_session(qtbot, repo, make_workshop(repo))
    try:
        ed = editor(s)
        assert s.projector.view.visible_texts()[-4:] == ["Not yet grouped (3)", *NOTES]
        ed.new_theme.insert("Silos")
        qtbot.keyClick(ed.new_theme, Qt.Key.Key_Return)
        ed.ungrouped.setCurrentIndex(ed.ungrouped_model.index(0, 0))
        qtbot.keyClick(ed.ungrouped, Qt.Key.Key_1)
        assert column_texts(s)["Silos (1)"] == ["Nobody has time to meet"]
    finally:
        close_session(s)


def test_with_no_brainstorm_before_it_the_step_says_so(qtbot: QtBot,
                                                       repo: WorkshopRepository) -> None:
    """A cluster step first on the agenda explains itself instead of failing."""
    wid = repo.create_workshop(Workshop("Odd agenda"), steps=[
        Step(type="cluster", title="Themes", minutes=5)])
    s = show_session(qtbot, repo, wid)
    try:
        assert "no brainstorm before it" in editor(s).source_label.text()
        assert "The notes to group will appear here." in s.projector.view.visible_texts()
    finally:
        close_session(s)


def test_source_by_title_picks_that_brainstorm(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """``source`` naming an earlier step groups that step's notes, not the nearest one."""
    wid = repo.create_workshop(Workshop("Two boards", current_step=2), steps=[
        Step(type="brainstorm", title="Stories", minutes=5),
        Step(type="brainstorm", title="Other", minutes=5),
        Step(type="cluster", title="Conditions", minutes=5, config={"source": "Stories"}),
    ])
    stories, other, _ = repo.steps(wid)
    repo.add_contribution(Contribution(step_id=stories.id, text="We met every week"))
    repo.add_contribution(Contribution(step_id=other.id, text="Not this one"))
    s = show_session(qtbot, repo, wid)
    try:
        texts = s.projector.view.visible_texts()
        assert "We met every week" in texts
        assert "Not this one" not in texts
    finally:
        close_session(s)


def test_eighty_notes_fit_the_projector_with_counts(qtbot: QtBot,
                                                    repo: WorkshopRepository) -> None:
    """With 80 notes every theme's heading still shows its true count."""
    notes = tuple(f"Barrier number {i}" for i in range(80))
    s = show_session(qtbot, repo, make_workshop(repo, categories=CATEGORIES, notes=notes))
    try:
        ed = editor(s)
        ed.put_notes([n.uid for n in ed.notes()[:50]], ed.themes()[0].key)
        texts = s.projector.view.visible_texts()
        assert "Time (50)" in texts
        assert "Not yet grouped (30)" in texts
        assert s.projector.view.board_layout().hidden > 0  # the rest are counted, not cut
    finally:
        close_session(s)


# ---------------------------------------------------------------- rules


def test_check_item_refuses_bad_themes_with_clear_messages() -> None:
    """A theme needs a one-line name and a list of distinct note uids."""
    cases = [
        ({"name": "", "notes": []}, "name", "empty"),
        ({"name": "Two\nlines", "notes": []}, "name", "single line"),
        ({"name": "x" * 121, "notes": []}, "name", "limit is 120"),
        ({"name": "Time", "notes": "abc"}, "notes", "list of note uids"),
        ({"name": "Time", "notes": ["a b"]}, "notes", "note uids"),
        ({"name": "Time", "notes": ["a1", "a1"]}, "notes", "same note twice"),
        ({"name": "Time", "notes": [], "colour": "red"}, "colour", "no field 'colour'"),
    ]
    for data, field, words in cases:
        with pytest.raises(ValidationError) as err:
            check_item("cluster", "theme", data)
        assert err.value.field == field
        assert words in err.value.message
    with pytest.raises(ValidationError, match="keeps themes"):
        cluster.check_item("tally", {"name": "x"})


@given(st.text(max_size=200))
def test_any_theme_name_is_stored_clean_or_refused_with_a_message(name: str) -> None:
    """Whatever is typed as a name: one clean line of at most 120 characters, or a
    refusal naming the field - never a crash and never a name the projector can't show."""
    refused: ValidationError | None = None
    try:
        data = check_item("cluster", "theme", {"name": name, "notes": []})
    except ValidationError as exc:
        refused = exc
    if refused is not None:
        assert refused.field == "name"
        assert refused.message.startswith("The theme name")
        return
    clean = data["name"]
    assert isinstance(clean, str)
    assert clean
    assert clean == clean.strip()
    assert "\n" not in clean
    assert len(clean) <= cluster.NAME_MAX


def test_categories_must_be_distinct_names() -> None:
    """An exercise file with the same category twice, or not a list, is refused."""
    with pytest.raises(ValidationError, match="same name"):
        Step(type="cluster", title="T", config={"categories": ["Time", "time "]})
    with pytest.raises(ValidationError, match="list of theme names"):
        Step(type="cluster", title="T", config={"categories": "Time"})
    with pytest.raises(ValidationError, match="source"):
        Step(type="cluster", title="T", config={"source": ""})


def test_a_note_in_two_themes_counts_once() -> None:
    """A hand-edited file listing a note in two themes shows it in the first only."""
    items = [StepItem(step_id=1, kind="theme", data={"name": "A", "notes": ["n1"]},
                      position=0),
             StepItem(step_id=1, kind="theme", data={"name": "B", "notes": ["n1", "n2"]},
                      position=1)]
    assert [t.notes for t in cluster.themes({}, items)] == [("n1",), ("n2",)]


# ---------------------------------------------------------------- exports


def grouped_workshop(qtbot: QtBot, repo: WorkshopRepository) -> int:
    """Two notes in Data, one in Time, via the editor; Money left empty."""
    wid = make_workshop(repo, categories=CATEGORIES,
                        notes=(*NOTES, "IG says no <b>&</b>"))
    s = show_session(qtbot, repo, wid)
    try:
        ed = editor(s)
        themes = ed.themes()
        ed.put_notes([uid_of(s, "Records that do not join up"),
                      uid_of(s, "IG says no <b>&</b>")], themes[1].key)
        ed.put_notes([uid_of(s, "Nobody has time to meet")], themes[0].key)
    finally:
        close_session(s)
    return wid


def test_json_round_trip_keeps_every_theme(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """Export to JSON and import: the themes and their notes are identical."""
    wid = grouped_workshop(qtbot, repo)
    before = repo.load(wid)
    copy_id = repo.insert_workshop_data(exchange.parse(exchange.dumps(before)))
    after = repo.load(copy_id)

    def themes(data):  # type: ignore[no-untyped-def]
        return [(i.kind, i.data, i.uid, i.position) for i in data.items]

    assert themes(after) == themes(before)
    assert len(themes(after)) == 3
    assert {n.uid for n in after.contributions} == {n.uid for n in before.contributions}


def test_pdf_lists_themes_largest_first_with_counts(qtbot: QtBot,
                                                    repo: WorkshopRepository) -> None:
    """The action plan shows each theme with its count, the largest first, then the rest."""
    data = repo.load(grouped_workshop(qtbot, repo))
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(data)))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    section = text[text.index("Barriers"):]
    assert section.index("Data 2 notes") < section.index("Time 1 note")
    assert section.index("Time 1 note") < section.index("Not yet grouped 1 note")
    assert "IG says no <b>&</b>" in section
    assert "Themes with no notes: Money" in section


def test_markdown_lists_themes_largest_first(qtbot: QtBot, repo: WorkshopRepository) -> None:
    """The Markdown summary gives each theme as a heading with its count."""
    md = markdown_text(repo.load(grouped_workshop(qtbot, repo)))
    assert md.index("### Data (2 notes)") < md.index("### Time (1 note)")
    assert "- Records that do not join up" in md


def test_leaving_and_coming_back_keeps_grouping(qtbot: QtBot, session: Session) -> None:
    """PageUp to the brainstorm and PageDown back: the themes are as left, and moving
    notes still works (the old editor no longer listens)."""
    ed = editor(session)
    ed.put_notes([uid_of(session, "Budgets ring-fenced")], ed.themes()[2].key)
    qtbot.keyClick(session.console, Qt.Key.Key_PageUp)
    qtbot.wait(1)  # let the old editor be deleted
    qtbot.keyClick(session.console, Qt.Key.Key_PageDown)
    ed = editor(session)
    assert ed.themes_model.index(2, 0).data() == "3  Money (1)"
    ed.ungrouped.setCurrentIndex(ed.ungrouped_model.index(0, 0))
    qtbot.keyClick(ed.ungrouped, Qt.Key.Key_1)
    assert "Time (1)" in session.projector.view.visible_texts()


def test_ctrl_g_groups_notes_by_their_brainstorm_columns(qtbot: QtBot,
                                                         repo: WorkshopRepository) -> None:
    """Notes a sectioned brainstorm already placed go to the theme of the same name
    (any case), or a new one; notes in no column wait; one Ctrl+Z undoes it all."""
    wid = repo.create_workshop(Workshop("Barriers", current_step=1), steps=[
        Step(type="brainstorm", title="Ways to fail", minutes=5,
             config={"sections": ["time", "Data"]}),
        Step(type="cluster", title="Themes", minutes=5, config={"categories": ["Time"]}),
    ])
    brainstorm = repo.steps(wid)[0]
    for text, section in (("No time", "time"), ("Silo data", "Data"), ("Loose", ""),
                          ("Diary full", "time")):
        repo.add_contribution(Contribution(step_id=brainstorm.id, text=text, section=section))
    s = show_session(qtbot, repo, wid)
    try:
        ed = editor(s)
        assert ed.columns_button.isVisibleTo(ed)
        ed.ungrouped.setFocus()
        qtbot.keyClick(ed.ungrouped, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        columns = column_texts(s)
        assert columns["Time (2)"] == ["No time", "Diary full"]
        assert columns["Data (1)"] == ["Silo data"]
        assert columns["Not yet grouped (1)"] == ["Loose"]
        assert not ed.columns_button.isEnabled()  # nothing left in a column
        s.controller.undo_stack.undo()
        assert "Not yet grouped (4)" in s.projector.view.visible_texts()
        assert s.controller.items() == []
    finally:
        close_session(s)


def test_the_columns_button_is_hidden_for_an_open_board(session: Session) -> None:
    """A brainstorm with no columns has nothing to group by."""
    assert not editor(session).columns_button.isVisibleTo(editor(session))


def test_column_names_longer_than_a_theme_name_are_shortened() -> None:
    """A 200-character column becomes a 120-character theme name ending in …"""
    note = Contribution(step_id=1, text="x", section="S" * 200)
    (move,) = cluster.by_column([], [note])
    assert len(move.name) == cluster.NAME_MAX
    assert move.name.endswith("…")
    assert move.theme is None
    assert move.notes == [note.uid]
