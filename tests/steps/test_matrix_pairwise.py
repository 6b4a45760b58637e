"""Matrix, pairwise mode: organisation × organisation ratings 0–5, asymmetric pairs."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.exercises import Library
from collabfacil.domain.matrix_grid import Pairs, asymmetries, pairs_of
from collabfacil.domain.model import Organisation, Step, StepItem, Workshop
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.matrix_pairwise import PairwiseEditor

ORGS = [("Northshire Acute Hospitals NHS Trust", "Acute"),
        ("Northshire County Council", "Council"), ("Northshire ICB", "ICB"),
        ("St Cuthbert's Hospice", "Hospice")]
SCALE = ["No contact", "Networking", "Coordinating", "Cooperating", "Collaborating",
         "One team"]


@pytest.mark.parametrize(("ab", "ba", "asymmetric"), [
    (4, 1, True), (3, 1, True), (1, 3, True), (3, 2, False), (2, 2, False), (5, 0, True)])
def test_pairs_two_or_more_apart_are_asymmetric(ab: int, ba: int, asymmetric: bool) -> None:
    pairs = Pairs(["Acute", "Council"], {("Acute", "Council"): ab, ("Council", "Acute"): ba})
    found = asymmetries(pairs)
    assert bool(found) is asymmetric
    if asymmetric:
        assert found[0].sentence() == (f"Acute rates Council {ab}; "
                                       f"Council rates Acute {ba}")


def test_a_pair_rated_one_way_only_is_not_asymmetric() -> None:
    assert asymmetries(Pairs(["Acute", "Council"], {("Acute", "Council"): 5})) == []


def test_biggest_gaps_come_first_and_rated_strangers_are_added() -> None:
    items = [StepItem(step_id=1, kind="rating", data={"from": a, "to": b, "value": v})
             for a, b, v in (("Acute", "ICB", 4), ("ICB", "Acute", 2), ("Acute", "Council", 5),
                             ("Council", "Acute", 0), ("Carers UK", "Acute", 1))]
    pairs = pairs_of({}, ["Acute", "Council", "ICB"], items)
    assert pairs.organisations == ["Acute", "Council", "ICB", "Carers UK"]
    assert [(p.first, p.second, p.gap) for p in asymmetries(pairs)] == [
        ("Acute", "Council", 5), ("Acute", "ICB", 2)]


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    wid = repo.create_workshop(
        Workshop("Relationships"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="How we relate",
                    config={"mode": "pairwise", "scale": SCALE})])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1280, 720)
    yield s
    s.close()


def editor(session: Session) -> PairwiseEditor:
    ed = session.console.editor
    assert isinstance(ed, PairwiseEditor)
    return ed


def rate(qtbot: QtBot, ed: PairwiseEditor, row: int, column: int, key: str) -> None:
    ed.table.setFocus()
    ed.table.setCurrentIndex(ed.model.index(row, column))
    qtbot.keyClicks(ed.table, key)


def ratings(session: Session) -> dict[tuple[str, str], int]:
    return {(i.data["from"], i.data["to"]): i.data["value"]
            for i in session.controller.items("rating")}


def test_digits_rate_and_asymmetry_is_flagged_on_both_screens(qtbot: QtBot,
                                                              session: Session) -> None:
    ed = editor(session)
    rate(qtbot, ed, 0, 1, "4")  # Acute rates Council 4
    texts = session.projector.view.visible_texts()
    assert "4" in texts
    assert "No asymmetric pairs so far" in texts
    rate(qtbot, ed, 1, 0, "1")  # Council rates Acute 1
    assert ratings(session) == {("Acute", "Council"): 4, ("Council", "Acute"): 1}
    texts = session.projector.view.visible_texts()
    assert "4≠" in texts
    assert "1≠" in texts
    assert "≠ Asymmetric pairs" in texts
    assert "≠ Acute rates Council 4; Council rates Acute 1" in texts
    assert ed.asymmetry_texts() == ["≠ Acute rates Council 4; Council rates Acute 1"]
    for words in SCALE:  # the scale's words are the key
        assert words in texts


def test_ratings_are_undone_and_cleared(qtbot: QtBot, session: Session) -> None:
    ed = editor(session)
    rate(qtbot, ed, 0, 1, "2")
    rate(qtbot, ed, 0, 1, "5")
    qtbot.keyClick(ed.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ratings(session) == {("Acute", "Council"): 2}
    qtbot.keyClick(ed.table, Qt.Key.Key_Delete)
    assert ratings(session) == {}
    session.controller.undo_stack.undo()
    assert ratings(session) == {("Acute", "Council"): 2}


def test_a_digit_above_five_and_the_diagonal_are_refused(qtbot: QtBot,
                                                         session: Session) -> None:
    ed = editor(session)
    rate(qtbot, ed, 0, 1, "7")
    assert ratings(session) == {}
    assert "0 to 5" in session.console.message.text()
    rate(qtbot, ed, 2, 2, "3")  # ICB with itself
    assert ratings(session) == {}


def test_eight_organisations_fit_at_4_to_3(qtbot: QtBot, session: Session) -> None:
    """8 × 8 ratings on a 1024×768 projector: every number shown, type at the floor or
    above, every cell inside the screen."""
    orgs = ["Acute", "Council", "ICB", "Hospice", "GP federation", "Age Concern",
            "Mental health", "Community"]
    c = session.controller
    for i, a in enumerate(orgs):
        for j, b in enumerate(orgs):
            if a != b:
                c.add_item("rating", {"from": a, "to": b, "value": (i + 2 * j) % 6})
    session.projector.resize(1024, 768)
    view = session.projector.view
    scene = view.scene()
    assert scene.plan.px >= 768 * 0.025 - 0.01
    assert len(scene.plan.cells) == 64
    for rect, *_ in scene.plan.cells:
        assert view.rect().contains(rect.toRect())
    numbers = [t for t in view.visible_texts() if t.rstrip("≠").isdigit()]
    assert len(numbers) >= 56 + 6  # every rating, and the key's six swatches


def _stored(repo: WorkshopRepository) -> int:
    wid = repo.create_workshop(
        Workshop("Relationships"), organisations=[Organisation(n, s) for n, s in ORGS],
        steps=[Step(type="matrix", title="How we relate", config={"mode": "pairwise"})])
    step_id = repo.steps(wid)[0].id
    assert step_id is not None
    for a, b, v in (("Acute", "Council", 4), ("Council", "Acute", 1), ("ICB", "Hospice", 3),
                    ("Hospice", "ICB", 3)):
        repo.add_item(StepItem(step_id=step_id, kind="rating",
                               data={"from": a, "to": b, "value": v}))
    return wid


def test_round_trip_pdf_and_markdown(repo: WorkshopRepository) -> None:
    data = repo.load(_stored(repo))
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data) for i in back.items] == [(i.kind, i.data) for i in data.items]
    pdf = render_pdf(data, library=Library({}, {}))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    for expected in ("Pairs who see their relationship differently",
                     "Acute rates Council 4; Council rates Acute 1 (a gap of 3)",
                     "4≠", "1≠", "Hospice", "darker is higher"):
        assert expected in text, expected
    assert "ICB rates Hospice" not in text  # 3 and 3: not asymmetric
    md = markdown_text(data)
    assert "| Acute | — | 4≠ |  |  |" in md
    assert "- Acute rates Council 4; Council rates Acute 1 (a gap of 3)" in md
