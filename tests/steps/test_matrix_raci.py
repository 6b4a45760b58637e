"""Matrix, RACI mode: the rules, keyboard entry on the console, the projector, the
exchange file and the PDF."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.exercises import Library
from collabfacil.domain.matrix_grid import Grid, draft_texts, findings, grid_of
from collabfacil.domain.model import Organisation, Step, StepItem, Workshop
from collabfacil.domain.steps import step_type
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.matrix_grid import GridEditor

ROWS = ["Chair the partnership group", "Keep the action plan up to date",
        "Report to each board"]
ORGS = [("Northshire Acute Hospitals NHS Trust", "Acute"),
        ("Northshire County Council", "Council"), ("Northshire ICB", "ICB")]


def grid(cells: dict[tuple[str, str], str], rows: list[str] | None = None,
         columns: tuple[str, ...] = ("Acute", "Council", "ICB", "GP", "Hospice")) -> Grid:
    rows = rows if rows is not None else sorted({r for r, _ in cells})
    return Grid("raci", rows, list(columns), dict(cells))


def codes(g: Grid) -> set[tuple[str, str]]:
    return {(f.code, f.row or f.column) for f in findings(g)}


# ------------------------------------------------------------------ rules


def test_a_row_with_one_a_and_one_r_is_resolved() -> None:
    """Exactly one A and at least one R: no findings at all."""
    g = grid({("Chair", "Acute"): "A", ("Chair", "Council"): "R", ("Chair", "ICB"): "C"})
    assert findings(g) == []


def test_a_row_without_an_a_or_an_r_is_an_error() -> None:
    """No A and no R are two errors on that row, each naming it."""
    g = grid({("Chair", "Acute"): "C"})
    found = findings(g)
    assert {(f.code, f.severity, f.row) for f in found} == {
        ("no_a", "error", "Chair"), ("no_r", "error", "Chair")}
    assert all(f.message.startswith("“Chair”") for f in found)


def test_two_as_on_a_row_is_an_error_naming_both_columns() -> None:
    """More than one A: an error listing who claims it."""
    g = grid({("Chair", "Acute"): "A", ("Chair", "Council"): "A", ("Chair", "ICB"): "R"})
    (f,) = findings(g)
    assert (f.code, f.severity) == ("many_a", "error")
    assert "(Acute, Council)" in f.message


@pytest.mark.parametrize(("consulted", "warned"), [(3, False), (4, True)])
def test_more_than_three_cs_is_consultation_overload(consulted: int, warned: bool) -> None:
    """Three Cs are fine; the fourth C on a row is a warning."""
    cols = ("Acute", "Council", "ICB", "GP", "Hospice", "Charity")
    cells = {("Chair", "Acute"): "A", ("Chair", "Council"): "R"}
    cells |= {("Chair", c): "C" for c in cols[2:2 + consulted]}
    g = grid(cells, columns=cols)
    assert (("consultation_overload", "Chair") in codes(g)) is warned
    if warned:
        (f,) = findings(g)
        assert f.severity == "warning"


def _overload_grid(a_rows: int, total: int) -> Grid:
    """Acute is A on the first ``a_rows`` rows; the other rows share their A out."""
    rows = [f"Row {i}" for i in range(total)]
    others = ("Council", "ICB", "GP", "Hospice")
    cells = {(row, "Acute" if i < a_rows else others[i % 4]): "A"
             for i, row in enumerate(rows)}
    return grid(cells, rows=rows)


@pytest.mark.parametrize(("a_rows", "total", "warned"), [
    (2, 5, False),  # exactly 40%: not more than 40%
    (3, 5, True),  # 60%
    (4, 10, False),  # 40% again
    (5, 10, True),  # 50%
    (2, 2, False),  # two rows: too few for a share to mean anything
])
def test_one_column_accountable_for_more_than_40_percent_is_a_warning(
        a_rows: int, total: int, warned: bool) -> None:
    """A-overload warns when one column holds A on more than 40% of the rows."""
    g = _overload_grid(a_rows, total)
    overload = [f for f in findings(g) if f.code == "a_overload"]
    assert bool(overload) is warned
    if warned:
        assert (overload[0].column, overload[0].severity) == ("Acute", "warning")
        assert f"{a_rows} of {total} rows" in overload[0].message


def test_unresolved_rows_become_draft_actions() -> None:
    """One draft per row with an error; resolved rows offer none."""
    g = grid({("Chair", "Acute"): "A", ("Chair", "Council"): "R",
              ("Report", "Acute"): "R", ("Budget", "Acute"): "A"})
    assert draft_texts(g) == ["Agree who is responsible for Budget",
                              "Agree who is accountable for Report"]


def test_errors_come_before_warnings() -> None:
    g = grid({("A row", c): "C" for c in ("Acute", "Council", "ICB", "GP")}
             | {("A row", "Hospice"): "R"})
    assert [f.severity for f in findings(g)] == ["error", "warning"]


# ------------------------------------------------------------------ console


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    """A workshop of three partners whose only step is a RACI grid of three rows."""
    wid = repo.create_workshop(
        Workshop("Who does what"),
        organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="Who does what", prompt="One A per row",
                    config={"mode": "raci", "rows": ROWS, "columns": []})])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1280, 720)
    yield s
    s.close()


def editor(session: Session) -> GridEditor:
    ed = session.console.editor
    assert isinstance(ed, GridEditor)
    return ed


def put(qtbot: QtBot, ed: GridEditor, row: int, column: int, key: Qt.Key) -> None:
    ed.table.setFocus()
    ed.table.setCurrentIndex(ed.model.index(row, column))
    qtbot.keyClick(ed.table, key)


def cells(session: Session) -> dict[tuple[str, str], str]:
    return {(i.data["row"], i.data["column"]): i.data["role"]
            for i in session.controller.items("cell")}


def test_columns_default_to_the_partners_short_labels(session: Session) -> None:
    """With `columns = []`, the grid's columns are the partners, on both screens."""
    ed = editor(session)
    assert ed.grid.columns == ["Acute", "Council", "ICB"]
    texts = session.projector.view.visible_texts()
    for label in ["Acute", "Council", "ICB", *ROWS]:
        assert label in texts


def test_keys_fill_the_grid_and_the_projector_shows_it(qtbot: QtBot,
                                                       session: Session) -> None:
    """A then R (arrow keys between) makes the first row resolved on the projector."""
    ed = editor(session)
    put(qtbot, ed, 0, 0, Qt.Key.Key_A)
    assert cells(session) == {(ROWS[0], "Acute"): "A"}
    texts = session.projector.view.visible_texts()
    assert texts.count("A") == 2  # the cell and the key
    assert "✖\u00a0No\u00a0R" in texts
    qtbot.keyClick(ed.table, Qt.Key.Key_Right)
    qtbot.keyClick(ed.table, Qt.Key.Key_R)
    assert cells(session) == {(ROWS[0], "Acute"): "A", (ROWS[0], "Council"): "R"}
    texts = session.projector.view.visible_texts()
    assert texts.count("R") == 2
    assert "✔" in texts
    assert not any(ROWS[0] in line for line in ed.findings_texts())


def test_every_role_key_and_delete(qtbot: QtBot, session: Session) -> None:
    """C and I set cells too; Delete and Backspace clear them (no empty record kept)."""
    ed = editor(session)
    put(qtbot, ed, 1, 0, Qt.Key.Key_C)
    put(qtbot, ed, 1, 1, Qt.Key.Key_I)
    assert cells(session) == {(ROWS[1], "Acute"): "C", (ROWS[1], "Council"): "I"}
    put(qtbot, ed, 1, 0, Qt.Key.Key_Delete)
    put(qtbot, ed, 1, 1, Qt.Key.Key_Backspace)
    assert cells(session) == {}
    assert session.controller.items() == []


def test_other_letters_do_nothing(qtbot: QtBot, session: Session) -> None:
    """A key that is no role (X, or D outside decision mode) changes nothing."""
    ed = editor(session)
    put(qtbot, ed, 0, 0, Qt.Key.Key_X)
    put(qtbot, ed, 0, 0, Qt.Key.Key_D)
    assert cells(session) == {}
    assert session.controller.undo_stack.count() == 0


def test_a_change_is_undone_and_redone(qtbot: QtBot, session: Session) -> None:
    """Ctrl+Z puts the cell back as it was, on both screens; Ctrl+Shift+Z again."""
    ed = editor(session)
    put(qtbot, ed, 0, 0, Qt.Key.Key_A)
    put(qtbot, ed, 0, 0, Qt.Key.Key_R)
    assert cells(session) == {(ROWS[0], "Acute"): "R"}
    qtbot.keyClick(ed.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cells(session) == {(ROWS[0], "Acute"): "A"}
    qtbot.keyClick(ed.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cells(session) == {}
    assert session.projector.view.visible_texts().count("A") == 1  # the key's only
    qtbot.keyClick(ed.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert cells(session) == {(ROWS[0], "Acute"): "A"}
    assert session.projector.view.visible_texts().count("A") == 2  # the key and the cell


def test_selected_cells_are_set_together_and_undone_together(qtbot: QtBot,
                                                             session: Session) -> None:
    """I on a selected block fills each cell; one Ctrl+Z empties them all."""
    ed = editor(session)
    ed.table.setFocus()
    selection = ed.table.selectionModel()
    selection.select(ed.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.select(ed.model.index(2, 2), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(ed.table, Qt.Key.Key_I)
    assert cells(session) == {(ROWS[0], "Acute"): "I", (ROWS[2], "ICB"): "I"}
    session.controller.undo_stack.undo()
    assert cells(session) == {}


def test_a_row_is_added_from_the_box(qtbot: QtBot, session: Session) -> None:
    """Typing a responsibility and Enter adds a row to both screens; undo removes it."""
    ed = editor(session)
    ed.capture.setFocus()
    qtbot.keyClicks(ed.capture, "Run the winter huddle")
    qtbot.keyClick(ed.capture, Qt.Key.Key_Return)
    assert ed.grid.rows[-1] == "Run the winter huddle"
    assert ed.capture.text() == ""
    assert "Run the winter huddle" in session.projector.view.visible_texts()
    assert any("Run the winter huddle" in line for line in ed.findings_texts())
    session.controller.undo_stack.undo()
    assert "Run the winter huddle" not in session.projector.view.visible_texts()


def test_a_duplicate_or_empty_row_is_refused_with_a_message(qtbot: QtBot,
                                                            session: Session) -> None:
    ed = editor(session)
    ed.capture.setFocus()
    qtbot.keyClicks(ed.capture, ROWS[0])
    qtbot.keyClick(ed.capture, Qt.Key.Key_Return)
    assert "already" in session.console.message.text()
    ed.capture.setText("   ")
    qtbot.keyClick(ed.capture, Qt.Key.Key_Return)
    assert "empty" in session.console.message.text()
    assert session.controller.items() == []


def test_a_row_added_live_is_removed_with_its_cells(qtbot: QtBot, session: Session) -> None:
    ed = editor(session)
    session.controller.add_item("row", {"label": "Extra"})
    session.controller.add_item("cell", {"row": "Extra", "column": "ICB", "role": "A"})
    ed.remove_row("Extra")
    assert session.controller.items() == []
    session.controller.undo_stack.undo()
    assert len(session.controller.items()) == 2


def test_findings_are_listed_live_naming_the_row(qtbot: QtBot, session: Session) -> None:
    """The console lists each unresolved row with what is wrong, and updates at once."""
    ed = editor(session)
    put(qtbot, ed, 2, 0, Qt.Key.Key_A)
    put(qtbot, ed, 2, 1, Qt.Key.Key_A)
    line = next(t for t in ed.findings_texts() if ROWS[2] in t)
    assert line.startswith(f"✖ {ROWS[2]}: 2 are accountable (Acute, Council)")
    assert ed.findings_title.text() == "Checks: 6 errors, 0 warnings"


def test_a_long_grid_is_paged_on_the_projector_following_the_cursor(
        qtbot: QtBot, session: Session) -> None:
    """40 rows do not fit: rows with issues come first, the page is the one with the
    console's row, and the type stays at least at the floor."""
    c = session.controller
    c.undo_stack.beginMacro("rows")
    for i in range(40):
        c.add_item("row", {"label": f"Extra responsibility {i}"})
    c.undo_stack.endMacro()
    for i in range(3):
        for r in range(40):
            c.add_item("cell", {"row": f"Extra responsibility {r}", "column": ORGS[i][1],
                                "role": "ARC"[i]})
    session.projector.resize(1024, 768)
    texts = session.projector.view.visible_texts()
    assert any(t.startswith("Page 1 of ") for t in texts)
    assert ROWS[0] in texts  # unresolved rows first
    assert "Extra responsibility 39" not in texts
    ed = editor(session)
    ed.table.go_to(row="Extra responsibility 39")
    texts = session.projector.view.visible_texts()
    assert "Extra responsibility 39" in texts
    assert not any(t.startswith("Page 1 of ") for t in texts)
    scene = session.projector.view.scene()
    assert scene.plan.px >= 768 * 0.025 - 0.01


# ------------------------------------------------------------------ records


def test_check_item_refuses_bad_cells_clearly() -> None:
    st = step_type("matrix")
    good = st.check_item("cell", {"row": " Chair ", "column": "Acute", "role": "a"})
    assert good == {"row": "Chair", "column": "Acute", "role": "A"}
    for data, field in (({"row": "x", "column": "y", "role": ""}, "role"),
                        ({"row": "x", "column": "y", "role": "Q"}, "role"),
                        ({"row": "", "column": "y", "role": "A"}, "row"),
                        ({"row": "x", "column": "y", "role": "A", "extra": 1}, "extra"),
                        ({"row": "x\ny", "column": "y", "role": "A"}, "row")):
        with pytest.raises(ValidationError) as info:
            st.check_item("cell", data)
        assert info.value.field == field, data
        assert info.value.message.endswith(".")


def _workshop_with_items(repo: WorkshopRepository) -> int:
    wid = repo.create_workshop(
        Workshop("Round trip"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="RACI", config={"mode": "raci", "rows": ROWS})])
    step = repo.steps(wid)[0]
    assert step.id is not None
    for kind, data in (("row", {"label": "Dŵr a data: rhannu"}),
                       ("cell", {"row": ROWS[0], "column": "Acute", "role": "A"}),
                       ("cell", {"row": "Dŵr a data: rhannu", "column": "ICB", "role": "R"}),
                       ("cell", {"row": ROWS[1], "column": "Council", "role": "A"}),
                       ("cell", {"row": ROWS[1], "column": "ICB", "role": "A"})):
        repo.add_item(StepItem(step_id=step.id, kind=kind, data=data))
    return wid


def test_json_round_trip_keeps_every_record(repo: WorkshopRepository) -> None:
    wid = _workshop_with_items(repo)
    before = repo.load(wid)
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(before))))
    assert [(i.kind, i.data, i.uid) for i in back.items] == [
        (i.kind, i.data, i.uid) for i in before.items]


def test_the_pdf_shows_the_table_the_unresolved_rows_and_the_key(
        repo: WorkshopRepository) -> None:
    data = repo.load(_workshop_with_items(repo))
    pdf = render_pdf(data, library=Library({}, {}))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    for expected in (*ROWS, "Dŵr a data: rhannu", "Unresolved rows, to follow up",
                     "2 are accountable (Council, ICB); agree one A",
                     "Responsible (does the work)", "Council", "ICB"):
        assert expected in text, expected
    md = markdown_text(data)
    assert "| Responsibility | Acute | Council | ICB | Check |" in md
    assert f"- {ROWS[2]}: no one is accountable (no A); no one is responsible (no R)" in md


def test_draft_actions_reach_a_later_actions_step(repo: WorkshopRepository) -> None:
    data = repo.load(_workshop_with_items(repo))
    step = data.steps[0]
    drafts = step_type("matrix").draft_actions(step, data)  # type: ignore[misc]
    assert drafts == [f"Agree who is responsible for {ROWS[0]}",
                      f"Agree who is accountable for {ROWS[1]}",
                      f"Agree who is accountable for {ROWS[2]}",
                      "Agree who is accountable for Dŵr a data: rhannu"]
    grid_now = grid_of(step.config, ["Acute", "Council", "ICB"], data.items)
    assert grid_now.rows[-1] == "Dŵr a data: rhannu"
