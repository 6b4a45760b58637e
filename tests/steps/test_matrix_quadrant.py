"""Matrix, quadrant mode: the 2×2 map, placed from the keyboard or by dragging,
show-of-hands counts per zone, the projector's map, the PDF drawing and tables."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pypdf
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from collabfacil.app import Session
from collabfacil.domain.demo_full import STAKEHOLDERS
from collabfacil.domain.errors import ValidationError
from collabfacil.domain.exercises import Library
from collabfacil.domain.matrix_maps import (
    Point,
    quadrant_index,
    quadrant_names,
    scenarios_of,
    zone_counts,
    zone_totals,
)
from collabfacil.domain.model import Step, StepItem, Workshop
from collabfacil.export import matrix_quadrant
from collabfacil.export.markdown import markdown_text
from collabfacil.export.pdf import render_pdf
from collabfacil.export.pdf_theme import FONT_BOLD, printable, register_fonts, stylesheet
from collabfacil.export.sections.base import SectionContext
from collabfacil.resources import resource_path
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


# ------------------------------------------------------------------ the PDF's map

A4_WIDTH = 493.0  # the text width of an A4 page (210 mm less two margins of 18 mm)
E10_ZONES = [{"name": "Press for what we need", "x": 0.15, "y": 0.85},
             {"name": "Dig in together until both needs are met", "x": 0.85, "y": 0.85},
             {"name": "Meet halfway", "x": 0.5, "y": 0.5},
             {"name": "Step back and leave it for now", "x": 0.15, "y": 0.15},
             {"name": "Go along with what they need", "x": 0.85, "y": 0.15}]
E10 = {**CONFLICT, "zones": E10_ZONES,
       "scenarios": [*SCENARIOS, "A GP federation asks for patient-level data by Friday."]}
E10_HANDS = [(6, 3, 2, 0, 1), (5, 2, 1, 4, 0), (1, 3, 1, 6, 1)]  # per scenario, per zone


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> None:
    register_fonts(resource_path("fonts"))


def _stakeholders() -> list[Point]:
    return [Point(str(i), label, x, y, stance, target)
            for i, (label, x, y, stance, target) in enumerate(STAKEHOLDERS)]


def _walk(node: Drawing | Group) -> Iterator[object]:
    for shape in node.contents:
        yield shape
        if isinstance(shape, Group):
            yield from _walk(shape)


def _extent(s: String) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a String's ink (ascent and descent as DejaVu Sans draws them)."""
    w = stringWidth(s.text, s.fontName, s.fontSize)
    x0 = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return x0, s.y - 0.24 * s.fontSize, x0 + w, s.y + 0.93 * s.fontSize


def _inside(strings: Iterable[String], box: tuple[float, float, float, float]) -> bool:
    bx, by, bw, bh = box
    return all(bx - 0.01 <= x0 and x1 <= bx + bw + 0.01 and by - 0.01 <= y0
               and y1 <= by + bh + 0.01 for x0, y0, x1, y1 in map(_extent, strings))


def _point_labels(d: Drawing) -> dict[str, list[String]]:
    """Each point label on the map by its number: [number, line, line...]."""
    out = {}
    for g in d.contents:
        if isinstance(g, Group) and isinstance(g.contents[0], Rect) \
                and g.contents[0].strokeDashArray is None:
            strings = [s for s in g.contents if isinstance(s, String)]
            assert strings[0].fontName == FONT_BOLD
            out[strings[0].text] = strings
    return out


def _zones(d: Drawing) -> list[tuple[Rect, list[String]]]:
    return [(g.contents[0], [s for s in g.contents if isinstance(s, String)])
            for g in d.contents if isinstance(g, Group)
            and g.contents[0].strokeDashArray is not None]


def _map_text(pdf: bytes, heading: str) -> str:
    """The words of the map under ``heading``: from the heading to the note under it."""
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    return text.split(heading, 1)[1].split("On the map:", 1)[0]


def _workshop(repo: WorkshopRepository, config: dict, items: list[dict]) -> int:
    wid = repo.create_workshop(Workshop("Map"), steps=[
        Step(type="matrix", title="Who holds power", config=config)])
    (step,) = repo.steps(wid)
    assert step.id is not None
    for data in items:
        repo.add_item(StepItem(step_id=step.id, kind=data.pop("kind", "point"), data=data))
    return wid


def test_each_point_on_the_map_has_its_table_number_and_its_whole_name(
        repo: WorkshopRepository) -> None:
    """The sample's twelve stakeholders: every name is printed whole on the map (on
    two lines where one has no room), after the number of its row in the table,
    inside its own quadrant."""
    points = _stakeholders()
    frame = matrix_quadrant.map_frame(A4_WIDTH)
    labels = _point_labels(matrix_quadrant.drawing(Step(type="matrix", title="Map", config=POWER),
                                                   points, A4_WIDTH))
    numbered = matrix_quadrant.numbered(points)
    assert sorted(labels, key=int) == [str(n) for n, _ in numbered]
    for n, p in numbered:
        number, *lines = labels[str(n)]
        assert " ".join(s.text for s in lines) == p.label
        assert len(lines) <= 2
        assert _inside([number, *lines], frame.quadrant(p.quadrant)), p.label
    wid = _workshop(repo, POWER, [
        {"label": label, "x": x, "y": y, "disposition": stance,
         **({"target_x": target[0], "target_y": target[1]} if target else {})}
        for label, x, y, stance, target in STAKEHOLDERS])
    pdf = render_pdf(repo.load(wid), library=Library({}, {}))
    on_map = _map_text(pdf, "Who holds power")
    table = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split()).split("Should be", 1)[1]
    for n, p in numbered:
        assert f" {n} {p.label} " in f" {on_map} ", p.label
        assert f" {n} {p.label} {quadrant_names(POWER)[p.quadrant]}" in table, p.label
    assert "Council's section 151 o\u2026" not in on_map


def test_a_crowded_map_still_numbers_every_point() -> None:
    """Sixty points on one spot: no room for names, but every number is printed."""
    points = [Point(str(i), f"Stakeholder with a long name {i}", 0.3, 0.7)
              for i in range(60)]
    frame = matrix_quadrant.map_frame(A4_WIDTH)
    labels = _point_labels(matrix_quadrant.drawing(Step(type="matrix", title="Map", config=POWER),
                                                   points, A4_WIDTH))
    assert sorted(labels, key=int) == [str(n) for n in range(1, 61)]
    for strings in labels.values():
        assert _inside(strings, frame.quadrant(0))


@given(st.lists(st.tuples(st.text(max_size=130), st.floats(0, 1), st.floats(0, 1),
                          st.sampled_from(["+", "0", "-", ""]),
                          st.none() | st.tuples(st.floats(0, 1), st.floats(0, 1))),
                max_size=25),
       st.sampled_from([A4_WIDTH, 510.0, 300.0]))
def test_any_names_anywhere_stay_in_their_quadrant_with_their_number(
        rows: list[tuple[str, float, float, str, tuple[float, float] | None]],
        width: float) -> None:
    points = [Point(str(i), *row) for i, row in enumerate(rows)]
    d = matrix_quadrant.drawing(Step(type="matrix", title="Map", config=POWER), points, width)
    frame = matrix_quadrant.map_frame(width)
    labels = _point_labels(d)
    assert sorted(labels, key=int) == [str(n) for n in range(1, len(points) + 1)]
    for n, p in matrix_quadrant.numbered(points):
        number, *lines = labels[str(n)]
        assert len(lines) <= 2
        assert _inside([number, *lines], frame.quadrant(p.quadrant))
        shown = "".join(" ".join(s.text for s in lines).split())  # a word may be broken
        whole = "".join(printable(p.label).split())
        assert shown == whole or not lines or shown.endswith("\u2026")
    assert _inside((s for s in _walk(d) if isinstance(s, String)), (0, 0, d.width, d.height))


def _counted(config: dict) -> list[StepItem]:
    return [StepItem(step_id=1, kind="zone_count",
                     data={"scenario": scenario, "zone": zone["name"], "count": count})
            for scenario, hands in zip(config["scenarios"], E10_HANDS, strict=False)
            for zone, count in zip(config["zones"], hands, strict=True) if count]


def test_zone_names_wrap_inside_their_boxes_with_their_counts_clear_of_the_lines() -> None:
    """The conflict map: each zone's whole name and its count of hands are printed
    inside the zone; the zones hide the centre lines under them, so no line runs
    through "Meet halfway"."""
    items = _counted(E10)
    d = matrix_quadrant.drawing(Step(type="matrix", title="Map", config=E10), [], A4_WIDTH,
                                zone_totals(zone_counts(items)))
    frame = matrix_quadrant.map_frame(A4_WIDTH)
    zones = _zones(d)
    assert [(" ".join(s.text for s in strings[:-1]), strings[-1].text)
            for _, strings in zones] == [
        ("Press for what we need", "12 hands"),
        ("Dig in together until both needs are met", "8 hands"),
        ("Meet halfway", "4 hands"), ("Step back and leave it for now", "10 hands"),
        ("Go along with what they need", "2 hands")]
    for (rect, strings), zone in zip(zones, E10_ZONES, strict=True):
        box = frame.zone(zone)
        assert (rect.x, rect.y, rect.width, rect.height) == pytest.approx(box)
        assert _inside(strings, (box[0] + 2, box[1] + 2, box[2] - 4, box[3] - 4))
        assert rect.fillColor is not None  # the lines drawn before it stay under it
    last_line = max(i for i, shape in enumerate(d.contents) if isinstance(shape, Line))
    first_zone = min(i for i, shape in enumerate(d.contents) if isinstance(shape, Group))
    assert last_line < first_zone


@given(st.lists(st.tuples(st.text(min_size=1, max_size=120), st.floats(0, 1),
                          st.floats(0, 1), st.integers(0, 500_000)),
                min_size=1, max_size=6, unique_by=lambda z: z[0]))
def test_any_zone_name_fits_its_box_and_its_count_is_always_shown(
        zones: list[tuple[str, float, float, int]]) -> None:
    try:  # as the app has it: names cleaned, or the settings refused
        step = Step(type="matrix", title="Map", config={
            **CONFLICT, "zones": [{"name": n, "x": x, "y": y} for n, x, y, _ in zones]})
    except ValidationError:
        assume(False)
    names = [z["name"] for z in step.config["zones"]]
    assume(len(set(names)) == len(names))
    counts = [count for *_, count in zones]
    d = matrix_quadrant.drawing(step, [], A4_WIDTH, dict(zip(names, counts, strict=True)))
    frame = matrix_quadrant.map_frame(A4_WIDTH)
    for (_, strings), zone, count in zip(_zones(d), step.config["zones"], counts,
                                         strict=True):
        assert strings[-1].text in (f"{count:,} hands", f"{count:,} hand", f"{count:,}")
        box = frame.zone(zone)
        assert _inside(strings, box)


def test_zone_counts_table_has_a_row_per_zone_under_one_line_headings(
        repo: WorkshopRepository) -> None:
    """Zones down the side, scenarios across under short numbered headings (each
    scenario written out above), the total per zone matching the map's count."""
    items = _counted(E10)
    step = Step(type="matrix", title="Where would I start?", config=E10)
    ctx = SectionContext(data=None, styles=stylesheet(), width=A4_WIDTH,  # type: ignore[arg-type]
                         height=700.0, actions={})
    story = matrix_quadrant.render(step, items, ctx)
    (table,) = [f for f in _flatten(story) if isinstance(f, Table) and
                "Zone" in _words(f._cellvalues[0][0])]
    widths = table._argW
    for cell, width in zip(table._cellvalues[0], widths, strict=True):
        assert isinstance(cell, Paragraph)
        cell.wrap(width - 6, 1000)
        assert len(cell.blPara.lines) == 1, _words(cell)
    assert [_words(c) for c in table._cellvalues[0]] == [
        "Zone", "Scenario 1", "Scenario 2", "Scenario 3", "All scenarios"]
    rows = [[_words(c) for c in row] for row in table._cellvalues[1:]]
    assert rows[1] == ["Dig in together until both needs are met", "3", "2", "3", "8"]
    assert rows[-1] == ["Hands raised", "12", "12", "12", "36"]
    wid = _workshop(repo, E10, [{"kind": "zone_count", **i.data} for i in items])
    pdf = render_pdf(repo.load(wid), library=Library({}, {}))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(pdf)).pages).split())
    for n, scenario in enumerate(SCENARIOS, start=1):
        assert f"Scenario {n}: {scenario}" in text
    assert "Scenario 4" not in text  # nobody counted: no column, no line
    assert ("Zone Scenario 1 Scenario 2 Scenario 3 All scenarios Press for what we need "
            "6 5 1 12 Dig in together until both needs are met 3 2 3 8") in text


def _flatten(story: Iterable[object]) -> Iterator[object]:
    for f in story:
        yield f
        yield from _flatten(getattr(f, "_content", []))


def _words(cell: object) -> str:
    if isinstance(cell, Paragraph):
        return " ".join(w for frag in cell.frags for w in frag.text.split())
    return str(cell)
