"""Matrix, quadrant mode: the 2×2 map, placed from the keyboard or by dragging,
show-of-hands counts per zone, the projector's map, the PDF drawing and tables."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from collabfacil.app import Session
from collabfacil.domain.exercises import Library
from collabfacil.domain.matrix_maps import (
    quadrant_index,
    quadrant_names,
    scenarios_of,
    zone_counts,
)
from collabfacil.domain.model import Step, StepItem, Workshop
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.storage import exchange
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui.console.matrix_quadrant import QuadrantEditor

POWER = {"mode": "quadrant",
         "x_axis": {"label": "Interest", "low": "Little interest", "high": "Great interest"},
         "y_axis": {"label": "Power", "low": "Little power", "high": "Great power"},
         "quadrants": ["Keep satisfied", "Work closely", "Keep an eye", "Keep informed"]}
SCENARIOS = ["A partner pulls funding with two weeks' notice.",
             "A partner misses an agreed action for the third time."]
CONFLICT = {"mode": "quadrant",
            "x_axis": {"label": "Meeting their concerns", "low": "Little", "high": "A lot"},
            "y_axis": {"label": "Standing up for ours", "low": "Little", "high": "A lot"},
            "scenarios": SCENARIOS,
            "zones": [{"name": "Press for what we need", "x": 0.15, "y": 0.85},
                      {"name": "Work it through together", "x": 0.85, "y": 0.85},
                      {"name": "Meet halfway", "x": 0.5, "y": 0.5},
                      {"name": "Step back for now", "x": 0.15, "y": 0.15},
                      {"name": "Go along with them", "x": 0.85, "y": 0.15}]}


# ------------------------------------------------------------------ domain


@pytest.mark.parametrize(("x", "y", "quadrant"), [
    (0.1, 0.9, 0), (0.9, 0.9, 1), (0.1, 0.1, 2), (0.9, 0.1, 3),
    (0.5, 0.5, 1), (0.4999, 0.5, 0), (0.5, 0.4999, 3), (0.0, 0.0, 2), (1.0, 1.0, 1)])
def test_quadrants_count_the_middle_lines_as_the_high_side(x: float, y: float,
                                                           quadrant: int) -> None:
    assert quadrant_index(x, y) == quadrant


def test_quadrant_names_come_from_the_config_or_the_axes() -> None:
    assert quadrant_names(POWER) == POWER["quadrants"]
    assert quadrant_names({"mode": "quadrant"}) == [
        "High power, Low interest", "High power, High interest",
        "Low power, Low interest", "Low power, High interest"]


def test_scenarios_keep_their_order_and_the_latest_count_wins() -> None:
    items = [StepItem(step_id=1, kind="zone_count",
                      data={"scenario": s, "zone": z, "count": n})
             for s, z, n in (("Other", "Meet halfway", 1), (SCENARIOS[1], "Meet halfway", 2),
                             (SCENARIOS[1], "Meet halfway", 5))]
    assert scenarios_of(CONFLICT, items) == [*SCENARIOS, "Other"]
    assert zone_counts(items) == {"Other": {"Meet halfway": 1},
                                  SCENARIOS[1]: {"Meet halfway": 5}}


# ------------------------------------------------------------------ console


def _session(qtbot: QtBot, repo: WorkshopRepository, config: dict) -> Session:
    wid = repo.create_workshop(Workshop("Power"), steps=[
        Step(type="matrix", title="Who holds power", config=config)])
    s = Session(repo, wid)
    qtbot.addWidget(s.console)
    qtbot.addWidget(s.projector)
    s.show()
    s.projector.resize(1280, 720)
    return s


@pytest.fixture
def session(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    s = _session(qtbot, repo, POWER)
    yield s
    s.close()


def editor(session: Session) -> QuadrantEditor:
    ed = session.console.editor
    assert isinstance(ed, QuadrantEditor)
    return ed


def add(qtbot: QtBot, ed: QuadrantEditor, name: str) -> None:
    ed.capture.setFocus()
    qtbot.keyClicks(ed.capture, name)
    qtbot.keyClick(ed.capture, Qt.Key.Key_Return)


def point(session: Session, label: str) -> dict:
    return next(i.data for i in session.controller.items("point")
                if i.data["label"] == label)


def test_a_named_point_lands_in_the_centre_and_on_the_projector(qtbot: QtBot,
                                                                session: Session) -> None:
    ed = editor(session)
    add(qtbot, ed, "Integrated Care Board")
    assert point(session, "Integrated Care Board") == {
        "label": "Integrated Care Board", "x": 0.5, "y": 0.5, "disposition": ""}
    texts = session.projector.view.visible_texts()
    for expected in ("Integrated Care Board", "▲ Power", "Great power", "Little interest",
                     "Keep satisfied", "Keep informed"):
        assert expected in texts, expected
    assert ed.capture.text() == ""


def test_alt_and_a_number_choose_the_quadrant_a_point_lands_in(qtbot: QtBot,
                                                               session: Session) -> None:
    ed = editor(session)
    qtbot.keyClick(ed.capture, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    add(qtbot, ed, "Carers' network")
    p = point(session, "Carers' network")
    assert quadrant_index(p["x"], p["y"]) == 2
    assert "Keep an eye" in ed.list.item(0).text()


def test_keys_move_tag_and_remove_the_selected_point(qtbot: QtBot, session: Session) -> None:
    """Arrows move by 0.01 (Shift: 0.05), + 0 - tag it, 1-4 send it to a quadrant,
    Delete removes it; each is undone on its own."""
    ed = editor(session)
    add(qtbot, ed, "Councillors")
    qtbot.keyClick(ed.capture, Qt.Key.Key_Down)  # to the map
    assert ed.map.hasFocus()
    qtbot.keyClick(ed.map, Qt.Key.Key_Right)
    qtbot.keyClick(ed.map, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    p = point(session, "Councillors")
    assert (p["x"], p["y"]) == (0.51, 0.55)
    qtbot.keyClicks(ed.map, "-")
    assert point(session, "Councillors")["disposition"] == "-"
    assert "−" in session.projector.view.visible_texts()  # the mark in the marker
    assert "opposed" in session.projector.view.visible_texts()  # and the key in words
    qtbot.keyClicks(ed.map, "-")
    assert point(session, "Councillors")["disposition"] == ""
    qtbot.keyClicks(ed.map, "+")
    qtbot.keyClicks(ed.map, "1")
    p = point(session, "Councillors")
    assert (p["x"], p["y"], p["disposition"]) == (0.25, 0.75, "+")
    session.controller.undo_stack.undo()
    assert (point(session, "Councillors")["x"], point(session, "Councillors")["y"]) == (
        0.51, 0.55)
    qtbot.keyClick(ed.map, Qt.Key.Key_Delete)
    assert session.controller.items("point") == []
    assert "Councillors" not in session.projector.view.visible_texts()
    session.controller.undo_stack.undo()
    assert "Councillors" in session.projector.view.visible_texts()


def test_t_gives_a_point_a_desired_position_moved_by_the_arrows(qtbot: QtBot,
                                                                 session: Session) -> None:
    ed = editor(session)
    add(qtbot, ed, "Residents' forum")
    ed.map.setFocus()
    qtbot.keyClicks(ed.map, "4")
    qtbot.keyClicks(ed.map, "t")
    for _ in range(6):
        qtbot.keyClick(ed.map, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    p = point(session, "Residents' forum")
    assert (p["x"], p["y"]) == (0.75, 0.25)
    assert (p["target_x"], p["target_y"]) == (0.75, 0.55)
    assert "→ Work closely" in ed.list.item(0).text()
    assert "where they should be" in session.projector.view.visible_texts()
    qtbot.keyClicks(ed.map, "x")
    assert "target_x" not in point(session, "Residents' forum")


def test_a_point_is_dragged_on_the_map(qtbot: QtBot, session: Session) -> None:
    ed = editor(session)
    add(qtbot, ed, "GP practices")
    start = ed.map.to_screen(0.5, 0.5).toPoint()
    end = ed.map.to_screen(0.8, 0.2).toPoint()
    qtbot.mousePress(ed.map, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(ed.map, pos=QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseRelease(ed.map, Qt.MouseButton.LeftButton, pos=end)
    p = point(session, "GP practices")
    assert quadrant_index(p["x"], p["y"]) == 3
    assert abs(p["x"] - 0.8) < 0.02
    assert abs(p["y"] - 0.2) < 0.02


def test_brackets_choose_the_point_and_the_projector_rings_it(qtbot: QtBot,
                                                              session: Session) -> None:
    ed = editor(session)
    for name in ("First", "Second", "Third"):
        add(qtbot, ed, name)
    ed.map.setFocus()
    qtbot.keyClicks(ed.map, "]")
    assert ed.point().label == "First"  # wraps round from the newest
    qtbot.keyClicks(ed.map, "[")
    assert ed.point().label == "Third"
    assert session.projector.view.scene().selected == ed.current


def test_many_points_keep_labels_apart_and_count_the_rest(qtbot: QtBot,
                                                          session: Session) -> None:
    c = session.controller
    for i in range(80):
        c.add_item("point", {"label": f"Stakeholder {i}", "x": (i * 37 % 100) / 100,
                             "y": (i * 53 % 100) / 100, "disposition": ""})
    session.projector.resize(1024, 768)
    scene = session.projector.view.scene()
    labels = [t for t in scene.plan.texts if t.text.startswith("Stakeholder")]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not a.rect.intersects(b.rect)
    assert scene.plan.px >= 768 * 0.025 - 0.01
    hidden = 80 - len(labels)
    assert hidden > 0
    assert any(t.startswith(f"{hidden} names not shown") for t in scene.visible_texts())


# ------------------------------------------------------------------ zones


@pytest.fixture
def conflict(qtbot: QtBot, repo: WorkshopRepository) -> Iterator[Session]:
    s = _session(qtbot, repo, CONFLICT)
    yield s
    s.close()


def test_hands_are_counted_per_zone_and_scenario(qtbot: QtBot, conflict: Session) -> None:
    """Digits then Enter store a count; + adds one; the projector shows the console's
    scenario and its counts; undo takes a count back."""
    ed = editor(conflict)
    assert ed.zones is not None
    table = ed.zones.table
    table.setFocus()
    table.setCurrentIndex(ed.zones.model.index(2, 0))  # Meet halfway, scenario 1
    qtbot.keyClicks(table, "12")
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClicks(table, "+")
    counts = {(i.data["scenario"], i.data["zone"]): i.data["count"]
              for i in conflict.controller.items("zone_count")}
    assert counts == {(SCENARIOS[0], "Meet halfway"): 13}
    texts = conflict.projector.view.visible_texts()
    assert f"Scenario 1 of 2: {SCENARIOS[0]}" in texts
    assert "Meet halfway" in texts
    assert "13" in texts
    conflict.controller.undo_stack.undo()
    assert "12" in conflict.projector.view.visible_texts()
    qtbot.keyClick(table, Qt.Key.Key_Right)  # the second scenario
    qtbot.keyClicks(table, "4")
    qtbot.keyClick(table, Qt.Key.Key_Down)  # moving on saves the typed count
    texts = conflict.projector.view.visible_texts()
    assert f"Scenario 2 of 2: {SCENARIOS[1]}" in texts
    assert "4" in texts
    assert "12" not in texts
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(conflict.controller.items("zone_count")) == 1


def test_zones_replace_the_quadrant_names_on_the_projector(conflict: Session) -> None:
    texts = conflict.projector.view.visible_texts()
    for zone in CONFLICT["zones"]:
        assert zone["name"] in texts
    assert "Standing up for ours" in " ".join(texts)


# ------------------------------------------------------------------ records


def _stored(repo: WorkshopRepository) -> int:
    wid = repo.create_workshop(Workshop("Map"), steps=[
        Step(type="matrix", title="Power map", config=POWER),
        Step(type="matrix", title="Conflict", config=CONFLICT)])
    power, conflict = repo.steps(wid)
    assert power.id is not None
    assert conflict.id is not None
    for kind, step_id, data in (
            ("point", power.id, {"label": "Żłobek Społeczny", "x": 0.2, "y": 0.9,
                                 "disposition": "-", "target_x": 0.8, "target_y": 0.9}),
            ("point", power.id, {"label": "Carers' network", "x": 0.7, "y": 0.1,
                                 "disposition": "+"}),
            ("zone_count", conflict.id, {"scenario": SCENARIOS[0], "zone": "Meet halfway",
                                         "count": 7}),
            ("zone_count", conflict.id, {"scenario": SCENARIOS[0],
                                         "zone": "Step back for now", "count": 3})):
        repo.add_item(StepItem(step_id=step_id, kind=kind, data=data))
    return wid


def test_json_round_trip_keeps_points_and_counts(repo: WorkshopRepository) -> None:
    data = repo.load(_stored(repo))
    back = repo.load(repo.insert_workshop_data(exchange.parse(exchange.dumps(data))))
    assert [(i.kind, i.data, i.uid) for i in back.items] == [
        (i.kind, i.data, i.uid) for i in data.items]


def test_pdf_has_the_map_and_the_tables(repo: WorkshopRepository) -> None:
    data = repo.load(_stored(repo))
    pdf = render_pdf(data, library=Library({}, {}))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    for expected in ("Żłobek Społeczny", "Keep satisfied", "− opposed", "+ supportive",
                     "Work closely", "Should be", "Hands", SCENARIOS[0], "Meet halfway"):
        assert expected in text, expected
    md = markdown_text(data)
    assert "| Żłobek Społeczny | Keep satisfied | opposed | Work closely |" in md
    assert f"| {SCENARIOS[0]} |  |  | 7 | 3 |  | 10 |" in md
