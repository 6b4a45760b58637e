"""Matrix, decision roles mode: one Decide per decision, vetoes counted, keys R A D I P."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.exercises import Library
from collabfacil.domain.matrix_grid import Grid, draft_texts, findings
from collabfacil.domain.model import Organisation, Step, StepItem, Workshop
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.matrix_grid import GridEditor

DECISIONS = ["Spend money from the pooled budget", "Change who is eligible"]
ORGS = [("Northshire Acute Hospitals NHS Trust", "Acute"),
        ("Northshire County Council", "Council"), ("Northshire ICB", "ICB")]


def decision_grid(cells: dict[tuple[str, str], str]) -> Grid:
    return Grid("decision", ["Budget"], ["Acute", "Council", "ICB"], cells)


@pytest.mark.parametrize(("cells", "expected"), [
    ({("Budget", "Acute"): "Decide"}, set()),
    ({("Budget", "Acute"): "Recommend", ("Budget", "ICB"): "Perform"}, {"no_decide"}),
    ({("Budget", "Acute"): "Decide", ("Budget", "ICB"): "Decide"}, {"many_decide"}),
    ({("Budget", "Acute"): "Decide", ("Budget", "Council"): "Agree"}, set()),
    ({("Budget", "Acute"): "Decide", ("Budget", "Council"): "Agree",
      ("Budget", "ICB"): "Agree"}, {"many_agree"}),
])
def test_exactly_one_decide_and_vetoes_used_sparingly(cells: dict[tuple[str, str], str],
                                                      expected: set[str]) -> None:
    """No Decide or two are errors; one Agree is fine, two are a warning."""
    found = findings(decision_grid(cells))
    assert {f.code for f in found} == expected
    for f in found:
        assert f.severity == ("warning" if f.code == "many_agree" else "error")
        assert f.row == "Budget"


def test_raci_letters_are_not_decision_roles() -> None:
    """The RACI rules do not apply in decision mode, and its drafts ask who decides."""
    g = decision_grid({("Budget", "Acute"): "Recommend"})
    assert {f.code for f in findings(g)} == {"no_decide"}
    assert draft_texts(g) == ["Agree who decides Budget"]


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    wid = repo.create_workshop(
        Workshop("Who decides"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="Who decides",
                    config={"mode": "decision", "rows": DECISIONS})])
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


def roles(session: Session) -> dict[tuple[str, str], str]:
    return {(i.data["row"], i.data["column"]): i.data["role"]
            for i in session.controller.items("cell")}


def test_the_five_keys_store_the_role_words(qtbot: QtBot, session: Session) -> None:
    """R, A, D, I and P store Recommend, Agree, Decide, Input and Perform."""
    ed = editor(session)
    ed.table.setFocus()
    keys = {(0, 0): Qt.Key.Key_R, (0, 1): Qt.Key.Key_A, (0, 2): Qt.Key.Key_D,
            (1, 0): Qt.Key.Key_I, (1, 1): Qt.Key.Key_P}
    for (row, column), key in keys.items():
        ed.table.setCurrentIndex(ed.model.index(row, column))
        qtbot.keyClick(ed.table, key)
    assert roles(session) == {
        (DECISIONS[0], "Acute"): "Recommend", (DECISIONS[0], "Council"): "Agree",
        (DECISIONS[0], "ICB"): "Decide", (DECISIONS[1], "Acute"): "Input",
        (DECISIONS[1], "Council"): "Perform"}
    qtbot.keyClick(ed.table, Qt.Key.Key_C)  # C is a RACI role, not a decision role
    assert roles(session)[(DECISIONS[1], "Council")] == "Perform"
    session.controller.undo_stack.undo()
    assert "Perform" not in roles(session).values()


def test_a_decision_without_a_decider_is_flagged_on_both_screens(qtbot: QtBot,
                                                                 session: Session) -> None:
    ed = editor(session)
    ed.table.setFocus()
    ed.table.setCurrentIndex(ed.model.index(0, 1))
    qtbot.keyClick(ed.table, Qt.Key.Key_D)
    ed.table.setCurrentIndex(ed.model.index(1, 2))
    qtbot.keyClick(ed.table, Qt.Key.Key_R)
    assert roles(session) == {(DECISIONS[0], "Council"): "Decide",
                              (DECISIONS[1], "ICB"): "Recommend"}
    texts = session.projector.view.visible_texts()
    assert "✖\u00a0No\u00a0Decide" in texts
    assert "✔" in texts
    for words in ("Recommend", "Agree (veto)", "Decide (one only)", "Input", "Perform"):
        assert words in texts
    (line,) = ed.findings_texts()
    assert line == f"✖ {DECISIONS[1]}: no one decides (no Decide)"
    hint = " ".join(w.text() for w in ed.findChildren(type(ed.findings_title)))
    assert "Decision roles" in hint
    assert "RAPID" not in hint


def test_round_trip_and_pdf(repo: WorkshopRepository) -> None:
    wid = repo.create_workshop(
        Workshop("Who decides"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="Who decides",
                    config={"mode": "decision", "rows": DECISIONS})])
    step_id = repo.steps(wid)[0].id
    assert step_id is not None
    for column, role in (("Acute", "Recommend"), ("Council", "Decide"), ("ICB", "Agree"),
                         ("Acute", "Agree")):
        repo.add_item(StepItem(step_id=step_id, kind="cell",
                               data={"row": DECISIONS[0], "column": column, "role": role}))
    data = repo.load(wid)
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data) for i in back.items] == [(i.kind, i.data) for i in data.items]
    pdf = render_pdf(data, library=Library({}, {}))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    for expected in ("Decision", "Decisions still to settle", DECISIONS[1],
                     "no one decides (no Decide)", "Decide (makes the decision (one only))",
                     "Recommend"):
        assert expected in text, expected
    assert "RAPID" not in text
    md = markdown_text(data)
    assert "| Decision | Acute | Council | ICB | Check |" in md
    assert f"| {DECISIONS[0]} | A | D | A |" in md
