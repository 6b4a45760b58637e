"""WorkshopRepository: what is captured is stored at once and read back exactly."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabfacil.domain.errors import NotFoundError, ValidationError
from collabfacil.domain.model import (
    NOTE_MAX,
    Action,
    Contribution,
    Organisation,
    Participant,
    Step,
    Workshop,
    WorkshopData,
)
from collabfacil.storage import repository as repository_module
from collabfacil.storage.db import open_database
from collabfacil.storage.repository import WorkshopRepository


def an_action(**changes: object) -> Action:
    """A valid action, with some fields changed."""
    fields: dict = {"text": "Share the discharge dashboard with the council",
                    "owner": "Priya Shah", "due": "2026-04-30",
                    "first_step": "Email the BI team on Monday"}
    fields.update(changes)
    return Action(**fields)


def first_step_id(repo: WorkshopRepository, workshop_id: int) -> int:
    """The id of the workshop's first step (a brainstorm with sections)."""
    step_id = repo.steps(workshop_id)[0].id
    assert step_id is not None
    return step_id


def add_note(repo: WorkshopRepository, step_id: int, text: str, **kw: object
             ) -> Contribution:
    """Capture one note as the facilitator would."""
    return repo.add_contribution(Contribution(step_id=step_id, text=text, **kw))


def count(repo: WorkshopRepository, table: str, workshop_id: int) -> int:
    """Rows of ``table`` that belong to the workshop."""
    return repo.db.execute(f"SELECT count(*) FROM {table} WHERE workshop_id = ?",
                           [workshop_id]).fetchone()[0]


@pytest.fixture
def file_repo(tmp_path: Path) -> Iterator[WorkshopRepository]:
    """A repository on a database file, for tests that look at the file itself."""
    db = open_database(tmp_path / "collabfacil.db")
    yield WorkshopRepository(db)
    db.close()


# ---------------------------------------------------------------- round trips


def full_workshop() -> WorkshopData:
    """A workshop with everything: partners, people, steps, notes and actions.

    Ids here are temporary references between the objects, as in an import.
    """
    return WorkshopData(
        workshop=Workshop(title="Frailty pathway partnership 🤝", date="2026-03-04",
                          venue="Canolfan Ddinesig, Ystafell 2", facilitator="Siân Llŷr",
                          starts_at="09:30", ends_at="12:00",
                          template_key="masterclass-short", current_step=2,
                          created_at="2026-02-01T10:00:00+00:00"),
        organisations=[Organisation("Northshire Acute Hospitals NHS Trust", "Acute", id=11),
                       Organisation("Northshire County Council", "Council", id=12),
                       Organisation("جمعية الرعاية", id=13)],
        participants=[Participant("Małgorzata Wójcik", organisation_id=12, role="Head of ASC"),
                      Participant("Dr Ali Hassan", organisation_id=11),
                      Participant("Anonymous")],
        steps=[
            Step(type="brainstorm", title="Ways to fail", prompt="How?\nReally?",
                 minutes=18, exercise_key="E9", script="Take one from each table.",
                 config={"sections": ["Time & capacity", "Data <sharing>"],
                         "must_agree": ["Time & capacity"],
                         "colours": {"Time & capacity": "#ffcc00"}, "silent": True},
                 id=21),
            Step(type="brainstorm", title="Our 15%", minutes=10, id=22),
            Step(type="actions", title="Actions", minutes=15, id=23),
        ],
        contributions=[
            Contribution(step_id=21, text="Nobody has time for meetings",
                         organisation_id=11, section="Time & capacity", position=0,
                         created_at="2026-03-04T09:40:00+00:00"),
            Contribution(step_id=21, text="<b>Data</b> & governance\nstuck", position=1,
                         section="Data <sharing>", created_at="2026-03-04T09:41:00+00:00"),
            Contribution(step_id=22, text="I will call the GP federation 📞",
                         organisation_id=12, position=0,
                         created_at="2026-03-04T10:10:00+00:00"),
        ],
        actions=[
            Action(text="Share the discharge dashboard", owner="Priya Shah",
                   due="2026-04-30", first_step="Email BI", organisation_id=11,
                   measure="Dashboard live", theme="Data", small_test=True,
                   review_date="2026-06-01", step_id=23, position=0,
                   created_at="2026-03-04T11:00:00+00:00"),
            Action(text="Joint rota pilot", owner="Małgorzata Wójcik", due="2026-05-15",
                   first_step="Ask two teams", position=1,
                   created_at="2026-03-04T11:05:00+00:00"),
        ],
    )


def test_a_whole_workshop_reads_back_as_it_was_stored(repo: WorkshopRepository) -> None:
    """Every field of the workshop, its partners, people, steps, notes and actions."""
    data = full_workshop()
    workshop_id = repo.insert_workshop_data(data)
    loaded = repo.load(workshop_id)

    assert loaded.workshop.id == workshop_id
    assert loaded.workshop == data.workshop.with_changes(id=workshop_id)

    assert [(o.name, o.short_name) for o in loaded.organisations] == [
        (o.name, o.short_name) for o in data.organisations]
    org_id = {old.id: new.id for old, new in zip(data.organisations, loaded.organisations,
                                                 strict=True)}
    org_id[None] = None
    assert [(p.name, p.role, p.organisation_id) for p in loaded.participants] == [
        (p.name, p.role, org_id[p.organisation_id]) for p in data.participants]

    assert [(s.type, s.title, s.prompt, s.minutes, s.exercise_key, s.script, s.config)
            for s in loaded.steps] == [
        (s.type, s.title, s.prompt, s.minutes, s.exercise_key, s.script, s.config)
        for s in data.steps]
    assert [s.position for s in loaded.steps] == [0, 1, 2]
    step_id = {old.id: new.id for old, new in zip(data.steps, loaded.steps, strict=True)}
    step_id[None] = None

    assert [(c.text, c.section, c.position, c.created_at, c.step_id, c.organisation_id)
            for c in loaded.contributions] == [
        (c.text, c.section, c.position, c.created_at, step_id[c.step_id],
         org_id[c.organisation_id]) for c in data.contributions]
    assert all(c.workshop_id == workshop_id for c in loaded.contributions)

    fields = ("text", "owner", "due", "first_step", "measure", "theme", "small_test",
              "review_date", "position", "created_at")
    assert [tuple(getattr(a, f) for f in fields) for a in loaded.actions] == [
        tuple(getattr(a, f) for f in fields) for a in data.actions]
    assert [(a.step_id, a.organisation_id) for a in loaded.actions] == [
        (step_id[a.step_id], org_id[a.organisation_id]) for a in data.actions]


def test_created_workshop_with_the_fixture_agenda_reads_back(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """create_workshop stores partners and steps in order, config included."""
    data = repo.load(workshop_id)
    assert data.workshop.title == "Frailty pathway partnership"
    assert data.workshop.date == date(2026, 3, 4)
    assert [o.label for o in data.organisations] == ["Acute", "Council"]
    assert [s.title for s in data.steps] == ["Ways to fail", "Our 15%", "Actions"]
    assert data.steps[0].config == {"sections": ["Time", "Data"], "must_agree": []}
    assert data.steps[0].sections == ["Time", "Data"]
    assert data.contributions == []
    assert data.actions == []


def test_a_note_from_an_import_must_belong_to_one_of_its_steps(
    repo: WorkshopRepository,
) -> None:
    """A note pointing at a missing step is refused, and nothing is stored."""
    data = full_workshop()
    bad = WorkshopData(data.workshop, data.organisations, data.participants, data.steps,
                       [*data.contributions, Contribution(step_id=99, text="Lost")], [])
    with pytest.raises(NotFoundError):
        repo.insert_workshop_data(bad)
    assert repo.list_workshops() == []


# -------------------------------------------------------------------- notes


def test_a_captured_note_is_returned_with_its_id_and_place(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """add_contribution fills in the id, the workshop and the next position."""
    step_id = first_step_id(repo, workshop_id)
    note = add_note(repo, step_id, "  Nobody has time  ", section="Time")
    assert note.id is not None
    assert note.workshop_id == workshop_id
    assert note.position == 0
    assert note.text == "Nobody has time"
    assert repo.contribution(note.id) == note


def test_notes_keep_board_order_and_positions(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """Notes come back in the order captured; deleting one moves no other."""
    step_id = first_step_id(repo, workshop_id)
    notes = [add_note(repo, step_id, f"Note {i}") for i in range(5)]
    assert [n.position for n in notes] == [0, 1, 2, 3, 4]
    repo.delete_contribution(notes[2].id)  # type: ignore[arg-type]
    later = add_note(repo, step_id, "Note 5")
    assert later.position == 5
    board = repo.contributions(step_id)
    assert [n.text for n in board] == ["Note 0", "Note 1", "Note 3", "Note 4", "Note 5"]
    assert [n.position for n in board] == [0, 1, 3, 4, 5]


def test_each_step_has_its_own_board(repo: WorkshopRepository, workshop_id: int) -> None:
    """Positions count per step, and a step's list holds only its own notes."""
    first, second = (s.id for s in repo.steps(workshop_id)[:2])
    add_note(repo, first, "A")  # type: ignore[arg-type]
    b = add_note(repo, second, "B")  # type: ignore[arg-type]
    assert b.position == 0
    assert [n.text for n in repo.contributions(second)] == ["B"]  # type: ignore[arg-type]


def test_each_capture_is_committed_immediately(file_repo: WorkshopRepository,
                                               tmp_path: Path) -> None:
    """Another connection sees the note the moment add_contribution returns."""
    workshop_id = file_repo.create_workshop(
        Workshop(title="Frailty"), steps=[Step(type="brainstorm", title="Ideas")])
    step_id = first_step_id(file_repo, workshop_id)
    other = sqlite3.connect(tmp_path / "collabfacil.db")
    try:
        note = add_note(file_repo, step_id, "Shared care record by June")
        assert other.execute("SELECT text FROM contributions WHERE id = ?",
                             [note.id]).fetchall() == [("Shared care record by June",)]
        file_repo.update_contribution(replace(note, text="By July"))
        assert other.execute("SELECT text FROM contributions").fetchall() == [
            ("By July",)]
        action = file_repo.add_action(an_action(), workshop_id=workshop_id)
        assert other.execute("SELECT owner FROM actions WHERE id = ?",
                             [action.id]).fetchall() == [("Priya Shah",)]
        file_repo.delete_contribution(note.id)  # type: ignore[arg-type]
        assert other.execute("SELECT count(*) FROM contributions").fetchone() == (0,)
    finally:
        other.close()
    assert not file_repo.db.conn.in_transaction


def test_restoring_a_deleted_note_puts_it_back_in_its_place(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """Undo of a delete: same id, same position, same text and time."""
    step_id = first_step_id(repo, workshop_id)
    notes = [add_note(repo, step_id, f"Note {i}", organisation_id=None) for i in range(3)]
    gone = notes[1]
    repo.delete_contribution(gone.id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        repo.contribution(gone.id)  # type: ignore[arg-type]
    repo.restore_contribution(gone)
    assert repo.contribution(gone.id) == gone  # type: ignore[arg-type]
    assert [n.id for n in repo.contributions(step_id)] == [n.id for n in notes]


def test_editing_a_note_keeps_its_place(repo: WorkshopRepository, workshop_id: int
                                        ) -> None:
    """A corrected note stays where it was on the board."""
    step_id = first_step_id(repo, workshop_id)
    add_note(repo, step_id, "First")
    note = add_note(repo, step_id, "Secnod")
    org = repo.organisations(workshop_id)[1]
    repo.update_contribution(Contribution(id=note.id, step_id=step_id, text="Second",
                                          section="Data", organisation_id=org.id))
    stored = repo.contribution(note.id)  # type: ignore[arg-type]
    assert (stored.text, stored.section, stored.organisation_id, stored.position) == (
        "Second", "Data", org.id, 1)


# ------------------------------------------------------------------ actions


def test_actions_are_stored_in_the_order_agreed(repo: WorkshopRepository,
                                                workshop_id: int) -> None:
    """Each new action goes to the end; edits and deletes keep the rest in place."""
    first = repo.add_action(an_action(text="First action here"), workshop_id=workshop_id)
    second = repo.add_action(an_action(text="Second action here", small_test=True),
                             workshop_id=workshop_id)
    assert (first.position, second.position) == (0, 1)
    repo.update_action(replace(first, owner="Dr Ali Hassan", review_date="2026-07-01"))
    stored = repo.actions(workshop_id)
    assert [a.text for a in stored] == ["First action here", "Second action here"]
    assert stored[0].owner == "Dr Ali Hassan"
    assert stored[0].review_date == date(2026, 7, 1)
    assert stored[1].small_test is True
    repo.delete_action(first.id)  # type: ignore[arg-type]
    repo.restore_action(first)
    assert [a.id for a in repo.actions(workshop_id)] == [first.id, second.id]


# ---------------------------------------------------------- unknown ids


def test_reading_or_changing_an_unknown_workshop_raises_not_found(
    repo: WorkshopRepository,
) -> None:
    """Every workshop method names the missing id with NotFoundError."""
    calls = [
        lambda: repo.workshop(999),
        lambda: repo.workshop("999"),  # ids of the wrong type, or too large
        lambda: repo.workshop(2**80),
        lambda: repo.workshop([1]),  # type: ignore[arg-type]
        lambda: repo.load(999),
        lambda: repo.update_workshop(Workshop(title="Ghost", id=999)),
        lambda: repo.update_workshop(Workshop(title="Never stored")),
        lambda: repo.delete_workshop(999),
        lambda: repo.set_current_step(999, 1),
        lambda: repo.add_action(an_action(), workshop_id=999),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()


def test_changing_an_unknown_note_or_action_raises_not_found(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """Notes, steps and actions that don't exist give NotFoundError, never a crash."""
    calls = [
        lambda: repo.contribution(999),
        lambda: repo.add_contribution(Contribution(step_id=999, text="Lost")),
        lambda: repo.update_contribution(Contribution(id=999, step_id=1, text="x")),
        lambda: repo.update_contribution(Contribution(step_id=1, text="no id")),
        lambda: repo.delete_contribution(999),
        lambda: repo.update_action(an_action(id=999)),
        lambda: repo.delete_action(999),
    ]
    for call in calls:
        with pytest.raises(NotFoundError) as info:
            call()
        assert "999" in str(info.value) or "None" in str(info.value)


def test_a_negative_current_step_is_refused_and_the_workshop_still_loads(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """-1 as the current step would make the workshop unreadable: refused."""
    with pytest.raises(ValidationError):
        repo.set_current_step(workshop_id, -1)
    repo.set_current_step(workshop_id, 2)
    assert repo.workshop(workshop_id).current_step == 2


# ------------------------------------------------------ workshops as a whole


def test_deleting_a_workshop_removes_everything_captured_in_it(
    repo: WorkshopRepository, workshop_id: int
) -> None:
    """No orphan notes, actions, steps, partners or people are left behind."""
    other = repo.insert_workshop_data(full_workshop())
    step_id = first_step_id(repo, workshop_id)
    add_note(repo, step_id, "Gone soon")
    repo.add_action(an_action(step_id=step_id), workshop_id=workshop_id)
    repo.delete_workshop(workshop_id)
    for table in ("contributions", "actions", "steps", "organisations", "participants"):
        assert count(repo, table, workshop_id) == 0, table
    assert repo.db.execute("SELECT count(*) FROM contributions WHERE step_id NOT IN "
                           "(SELECT id FROM steps)").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        repo.workshop(workshop_id)
    kept = repo.load(other)
    assert (len(kept.contributions), len(kept.actions), len(kept.steps)) == (3, 2, 3)


def test_workshops_are_listed_most_recently_changed_first_with_counts(
    repo: WorkshopRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Capturing in an older workshop brings it to the top; counts are per workshop."""
    ticks = itertools.count()
    monkeypatch.setattr(repository_module, "now_iso",
                        lambda: f"2026-03-04T10:{next(ticks):02d}:00+00:00")
    older = repo.create_workshop(Workshop(title="Older", date="2026-03-01"),
                                 steps=[Step(type="brainstorm", title="Ideas")])
    newer = repo.create_workshop(Workshop(title="Newer"))
    assert [s.id for s in repo.list_workshops()] == [newer, older]

    step_id = first_step_id(repo, older)
    add_note(repo, step_id, "One")
    add_note(repo, step_id, "Two")
    repo.add_action(an_action(), workshop_id=older)
    listed = repo.list_workshops()
    assert [s.id for s in listed] == [older, newer]
    assert (listed[0].title, listed[0].date, listed[0].contributions,
            listed[0].actions) == ("Older", date(2026, 3, 1), 2, 1)
    assert (listed[1].contributions, listed[1].actions) == (0, 0)

    repo.update_workshop(repo.workshop(newer).with_changes(venue="Town Hall"))
    assert [s.id for s in repo.list_workshops()] == [newer, older]


def test_editing_a_note_counts_as_a_change_to_its_workshop(
    repo: WorkshopRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Correcting a note (even one passed without its workshop id) lists it first."""
    ticks = itertools.count()
    monkeypatch.setattr(repository_module, "now_iso",
                        lambda: f"2026-03-04T10:{next(ticks):02d}:00+00:00")
    older = repo.create_workshop(Workshop(title="Older"),
                                 steps=[Step(type="brainstorm", title="Ideas")])
    note = add_note(repo, first_step_id(repo, older), "Tpyo")
    action = repo.add_action(an_action(), workshop_id=older)
    newer = repo.create_workshop(Workshop(title="Newer"))
    repo.update_contribution(Contribution(id=note.id, step_id=note.step_id, text="Typo"))
    assert [s.id for s in repo.list_workshops()] == [older, newer]
    newest = repo.create_workshop(Workshop(title="Newest"))
    repo.update_action(replace(action, workshop_id=None, owner="Dr Ali Hassan"))
    assert [s.id for s in repo.list_workshops()] == [older, newest, newer]


# ------------------------------------------------------------------ property

note_text = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs", "Co")) | st.sampled_from(
        "\n\t<>&\"'ŵŷłąאב عربي🙂👨\u200d👩\u200d👧"),
    min_size=1, max_size=300,
).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=note_text)
def test_any_valid_note_text_round_trips_byte_for_byte(
    repo: WorkshopRepository, workshop_id: int, text: str
) -> None:
    """What the note became when captured is exactly what is read back, in UTF-8."""
    try:
        made = Contribution(step_id=first_step_id(repo, workshop_id), text=text)
    except ValidationError:
        return  # e.g. a noncharacter: refused before it reaches the store
    stored = repo.add_contribution(made)
    assert stored.id is not None
    raw = repo.db.execute("SELECT text FROM contributions WHERE id = ?",
                          [stored.id]).fetchone()[0]
    assert raw.encode("utf-8") == made.text.encode("utf-8")
    assert repo.contribution(stored.id).text.encode("utf-8") == made.text.encode("utf-8")
    assert len(made.text) <= NOTE_MAX


def test_insert_refuses_a_reference_to_an_unknown_organisation() -> None:
    """A note tagged with an organisation that is not in the workshop stores nothing."""
    from collabfacil.domain.errors import NotFoundError
    from collabfacil.domain.model import (
        Contribution,
        Organisation,
        Step,
        Workshop,
        WorkshopData,
    )
    from collabfacil.storage.db import open_database
    from collabfacil.storage.repository import WorkshopRepository

    repo = WorkshopRepository(open_database(None))
    data = WorkshopData(
        Workshop("W"), [Organisation("Council", id=1)], [],
        [Step(type="brainstorm", title="S", id=1)],
        [Contribution(step_id=1, text="tagged", organisation_id=7)], [])
    with pytest.raises(NotFoundError, match="organisation 7"):
        repo.insert_workshop_data(data)
    assert repo.list_workshops() == []
