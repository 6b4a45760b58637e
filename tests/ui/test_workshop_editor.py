"""The workshop editor: details, slot, partners, agenda; checked, then saved whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from collabfacil.app import Workbench
from collabfacil.domain.model import Contribution
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.preferences import Preferences
from collabfacil.ui.workshop_editor import AGENDA, WorkshopEditor

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def bench(qtbot: QtBot, repo: WorkshopRepository, workshop_id: int) -> Iterator[Workbench]:
    b = Workbench(repo, Preferences())
    b.open(workshop_id)
    yield b
    if b.editor is not None:
        b.editor.dirty = False
        b.editor.close()
    b.close()


@pytest.fixture
def editor(bench: Workbench, qtbot: QtBot) -> WorkshopEditor:
    """The editor on the test workshop (three steps: 10 + 5 + 10 minutes).

    Not given to qtbot: its teardown would close the editor with changes made,
    and Cancel asks first. The `bench` fixture closes it without asking.
    """
    shown = bench.edit_workshop()
    assert shown is not None
    qtbot.waitExposed(shown)
    return shown


def retype(box: QLineEdit, text: str) -> None:
    box.selectAll()
    box.setText(text)


def test_ctrl_e_opens_the_editor_from_the_console(bench: Workbench, qtbot: QtBot) -> None:
    assert bench.session is not None
    file_menu = bench.session.console.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text().startswith("Edit workshop"))
    assert action.shortcut().toString() == "Ctrl+E"
    action.trigger()
    assert bench.editor is not None
    assert bench.editor.isVisible()


def test_title_and_slot_are_saved_and_the_console_shows_them(
        bench: Workbench, editor: WorkshopEditor, repo: WorkshopRepository,
        workshop_id: int) -> None:
    retype(editor.title_box, "Frailty partnership: spring session")
    retype(editor.starts_box, "9.30")
    retype(editor.ends_box, "12:30")
    retype(editor.date_box, "12/03/2026")
    assert editor.day_label.text() == "Thursday 12 March 2026"
    assert editor.save() is True
    w = repo.workshop(workshop_id)
    assert (w.title, w.starts_at, w.ends_at, w.date.isoformat()) == (
        "Frailty partnership: spring session", "09:30", "12:30", "2026-03-12")
    assert bench.session is not None
    assert bench.session.console.windowTitle().startswith("Frailty partnership: spring")
    assert not editor.isVisible()


def test_the_planned_total_warns_when_over_the_slot_and_stops_when_fixed(
        editor: WorkshopEditor) -> None:
    retype(editor.starts_box, "09:30")
    retype(editor.ends_box, "09:50")
    assert editor.summary.text().startswith(
        "⚠ Planned 25 min · slot 20 min (09:30–09:50) · 5 min over")
    assert editor.over_slot
    editor.tabs.setCurrentIndex(AGENDA)
    editor.agenda.list.setCurrentRow(0)
    editor.agenda.set_minutes(5)
    assert editor.summary.text() == "Planned 20 min · slot 20 min (09:30–09:50) · fits exactly"
    assert not editor.over_slot


def test_steps_are_added_moved_and_removed_from_the_keyboard(
        bench: Workbench, editor: WorkshopEditor, repo: WorkshopRepository,
        workshop_id: int, qtbot: QtBot) -> None:
    agenda = editor.agenda
    editor.tabs.setCurrentIndex(AGENDA)
    editor.activateWindow()
    qtbot.waitActive(editor)
    agenda.list.setFocus()
    agenda.list.setCurrentRow(2)  # "Actions"
    qtbot.keyClick(agenda.list, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(agenda.list, Qt.Key.Key_Up, ALT)
    assert agenda.titles() == ["Actions", "Ways to fail", "Our 15%"]
    qtbot.keyClick(agenda.list, Qt.Key.Key_Down, ALT)
    assert agenda.titles() == ["Ways to fail", "Actions", "Our 15%"]
    assert agenda.list.currentRow() == 1
    agenda.list.setCurrentRow(2)
    qtbot.keyClick(agenda.list, Qt.Key.Key_Delete)  # nothing captured on it: no question
    assert agenda.titles() == ["Ways to fail", "Actions"]
    agenda.list.setCurrentRow(0)
    agenda.exercises.setCurrentIndex(agenda.exercises.findData("E4"))
    agenda.add_exercise(short=True)
    e4 = bench.library.exercises["E4"]
    assert agenda.titles()[1:1 + len(e4.steps)] == [d.title for d in e4.steps]
    agenda.add_plain_step("brainstorm")
    qtbot.keyClicks(agenda.title_box, "Break")  # the new step's title is selected
    assert editor.save() is True
    saved = repo.steps(workshop_id)
    assert [s.title for s in saved] == ["Ways to fail", *[d.title for d in e4.steps],
                                        "Break", "Actions"]
    assert sum(s.minutes for s in saved if s.exercise_key == "E4") == e4.short_minutes
    assert bench.session is not None
    assert bench.session.console.agenda.count() == len(saved)


def test_dragging_a_step_reorders_the_agenda(editor: WorkshopEditor,
                                             repo: WorkshopRepository,
                                             workshop_id: int) -> None:
    """A drop inside the list moves the row (as InternalMove does); the order is saved."""
    agenda = editor.agenda
    assert agenda.list.dragDropMode() == agenda.list.DragDropMode.InternalMove
    agenda.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert agenda.titles() == ["Our 15%", "Actions", "Ways to fail"]
    assert "1. Our 15%" in agenda.list.item(0).text()
    assert editor.save()
    assert [s.title for s in repo.steps(workshop_id)] == ["Our 15%", "Actions", "Ways to fail"]


def test_minutes_title_and_prompt_edits_are_stored(editor: WorkshopEditor,
                                                   repo: WorkshopRepository,
                                                   workshop_id: int, qtbot: QtBot) -> None:
    agenda = editor.agenda
    agenda.list.setCurrentRow(1)
    agenda.minutes_box.selectAll()
    qtbot.keyClicks(agenda.minutes_box, "12")
    retype(agenda.title_box, "Our 15% (solo, then pairs)")
    agenda.prompt_box.setPlainText("What is within your 15%?\nWrite one per card.")
    assert "Our 15% (solo, then pairs)" in agenda.list.item(1).text()
    assert editor.save()
    step = repo.steps(workshop_id)[1]
    assert (step.minutes, step.title) == (12, "Our 15% (solo, then pairs)")
    assert step.prompt == "What is within your 15%?\nWrite one per card."


@pytest.mark.parametrize(("box", "typed", "message"), [
    ("title_box", "   ", "The workshop title is empty"),
    ("ends_box", "25:00", "The end time '25:00' is not a time like 09:30."),
    ("starts_box", "half nine", "The start time 'half nine' is not a time"),
    ("date_box", "31/02/2026", "The date '31/02/2026' is not a real date"),
])
def test_a_bad_value_gives_a_message_naming_the_field_and_changes_nothing(
        editor: WorkshopEditor, repo: WorkshopRepository, workshop_id: int,
        box: str, typed: str, message: str) -> None:
    before = repo.load(workshop_id)
    retype(editor.agenda.title_box, "Changed too")
    retype(getattr(editor, box), typed)
    assert editor.save() is False
    assert message in editor.message.text()
    assert editor.focusWidget() is getattr(editor, box)
    assert repo.load(workshop_id) == before
    assert editor.isVisible()


def test_an_end_before_the_start_is_refused(editor: WorkshopEditor,
                                            repo: WorkshopRepository,
                                            workshop_id: int) -> None:
    before = repo.load(workshop_id)
    retype(editor.starts_box, "11:00")
    retype(editor.ends_box, "10:00")
    assert "The end time must be after the start time." in editor.summary.text()
    assert editor.save() is False
    assert "The end time must be after the start time." in editor.message.text()
    assert repo.load(workshop_id) == before


def test_an_empty_step_title_names_the_step(editor: WorkshopEditor,
                                            repo: WorkshopRepository,
                                            workshop_id: int) -> None:
    before = repo.load(workshop_id)
    editor.agenda.list.setCurrentRow(2)
    retype(editor.agenda.title_box, "")
    editor.tabs.setCurrentIndex(0)
    assert editor.save() is False
    assert editor.message.text().startswith("Agenda step 3 (“Actions”): The step title is empty")
    assert editor.tabs.currentIndex() == AGENDA
    assert repo.load(workshop_id) == before


def test_removing_a_step_with_captured_notes_asks_first(
        editor: WorkshopEditor, repo: WorkshopRepository, workshop_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = repo.steps(workshop_id)[0]
    repo.add_contribution(Contribution(step_id=first.id, text="Nobody owns discharge"))
    asked: list[str] = []
    answer = {"value": False}

    def confirm(parent: object, title: str, question: str, *, action: str) -> bool:
        asked.append(question)
        return answer["value"]

    monkeypatch.setattr(dialogs, "confirm", confirm)
    editor.agenda.list.setCurrentRow(0)
    assert editor.agenda.remove_selected() is False
    assert "“Ways to fail” holds 1 note" in asked[0]
    assert editor.agenda.titles() == ["Ways to fail", "Our 15%", "Actions"]
    answer["value"] = True
    assert editor.agenda.remove_selected() is True
    assert editor.save()
    assert [s.title for s in repo.steps(workshop_id)] == ["Our 15%", "Actions"]
    assert repo.load(workshop_id).contributions == []


def test_partners_and_participants_are_edited_and_saved(
        editor: WorkshopEditor, repo: WorkshopRepository, workshop_id: int,
        qtbot: QtBot) -> None:
    people = editor.people
    row = people.add_partner("St Wilfrid's Hospice", "Hospice")
    people.partners.setCurrentCell(row, 0)
    assert people.move_partner(-1)
    people.partners.item(0, 1).setText("NAH")  # a new short name for the acute trust
    person = people.add_person("Ana Kowalczyk", None, "Ward manager")
    hospice = people.partner_ref(1)
    people.set_person_organisation(person, hospice)
    assert people.people.item(person, 1).text() == "Hospice"
    people.partners.setCurrentCell(2, 0)  # the council
    assert people.remove_partner()
    people.set_person_organisation(people.add_person("Jo Bloggs"),
                                   people.partner_ref(people.add_partner("Carers Trust")))
    people.partners.setCurrentCell(2, 0)  # Jo's partner goes: Jo stays, with none
    assert people.remove_partner()
    assert people.people.item(1, 1).text() == "—"
    assert editor.save()
    orgs = repo.organisations(workshop_id)
    assert [(o.name, o.short_name) for o in orgs] == [
        ("Northshire Acute Hospitals NHS Trust", "NAH"), ("St Wilfrid's Hospice", "Hospice")]
    ana, jo = repo.participants(workshop_id)
    assert (ana.name, ana.role, ana.organisation_id) == ("Ana Kowalczyk", "Ward manager",
                                                         orgs[1].id)
    assert (jo.name, jo.organisation_id) == ("Jo Bloggs", None)


def test_two_partners_with_one_name_are_refused(editor: WorkshopEditor,
                                                repo: WorkshopRepository,
                                                workshop_id: int) -> None:
    editor.people.add_partner("northshire county council")
    assert editor.save() is False
    assert "Two partners are both called" in editor.message.text()
    assert len(repo.organisations(workshop_id)) == 2


def test_a_template_replaces_the_agenda(editor: WorkshopEditor, repo: WorkshopRepository,
                                        workshop_id: int,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    assert editor.agenda.use_template("masterclass-short")
    assert editor.save()
    assert sum(s.minutes for s in repo.steps(workshop_id)) == 90
    assert repo.workshop(workshop_id).template_key == "masterclass-short"


def test_cancel_with_changes_asks_and_can_keep_editing(editor: WorkshopEditor,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: False)
    retype(editor.venue_box, "Elsewhere")
    editor.reject()
    assert editor.isVisible()
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    editor.reject()
    assert not editor.isVisible()


def test_a_participants_organisation_is_chosen_from_the_keyboard(
        editor: WorkshopEditor, repo: WorkshopRepository, workshop_id: int,
        qtbot: QtBot) -> None:
    """F2 on the Organisation cell offers the partners; Enter takes the one chosen."""
    people = editor.people
    row = people.add_person("Ana Kowalczyk")
    people.people.closePersistentEditor(people.people.item(row, 0))
    people.people.setFocus()
    editor.activateWindow()
    qtbot.waitActive(editor)
    people.people.setCurrentCell(row, 1)
    qtbot.keyClick(people.people, Qt.Key.Key_F2)
    combo = people.people.findChild(QComboBox)
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == ["—", "Acute", "Council"]
    combo.setCurrentIndex(2)
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the table takes it on the next event loop
    qtbot.waitUntil(lambda: people.people.item(row, 1).text() == "Council")
    assert editor.save()
    assert repo.participants(workshop_id)[0].organisation_id == \
        repo.organisations(workshop_id)[1].id


def test_renaming_a_brainstorm_keeps_the_vote_that_names_it(
        qtbot: QtBot, repo: WorkshopRepository) -> None:
    """A vote whose source is a brainstorm's title follows it when it is renamed, so
    it still counts the same notes; a step still called by the old name keeps it."""
    from collabfacil.domain.model import Step, Workshop

    wid = repo.create_workshop(Workshop(title="Votes"), steps=[
        Step(type="brainstorm", title="Ideas"),
        Step(type="brainstorm", title="Other board"),
        Step(type="vote", title="Pick", config={"on": "notes", "source": "Ideas"}),
        Step(type="vote", title="Pick again", config={"on": "notes", "source": "Other board"}),
    ])
    b = Workbench(repo, Preferences())
    b.open(wid)
    try:
        shown = b.edit_workshop()
        assert shown is not None
        qtbot.waitExposed(shown)
        shown.agenda.list.setCurrentRow(0)
        retype(shown.agenda.title_box, "Barriers")
        assert shown.save()
    finally:
        if b.editor is not None:
            b.editor.dirty = False
            b.editor.close()
        b.close()
    steps = repo.steps(wid)
    assert [s.title for s in steps[:2]] == ["Barriers", "Other board"]
    assert steps[2].config["source"] == "Barriers"
    assert steps[3].config["source"] == "Other board"
