"""The workshop editor: details, partners and participants, and the agenda.

A form with one Save (the workshop is not running while it is prepared):
every value is checked first, with a message naming the field and the focus
put on it, and the whole plan is then written in one transaction
(``WorkshopRepository.save_plan``): all of it or nothing. The planned total is
shown against the time slot throughout, with a warning when it runs over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import CollabFacilError, ValidationError
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import Workshop
from collabfacil.domain.planning import (
    WorkshopPlan,
    check_plan,
    long_day,
    plan_total,
    read_clock,
    read_day,
)
from collabfacil.storage.errors import StepHasCapturesError
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs
from collabfacil.ui.agenda_editor import AgendaEditor
from collabfacil.ui.people_editor import FormError, PeopleEditor, small_button

WORKSHOP, AGENDA = range(2)  # the tabs


def _line(name: str, placeholder: str = "") -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    return box


class WorkshopEditor(QDialog):
    """Prepare a workshop: Save writes it all, Cancel (or Esc) keeps it as it was."""

    saved = Signal(int)  # the workshop's id, after a successful save

    def __init__(self, repo: WorkshopRepository, library: Library | None, workshop_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.library = library
        data = repo.load(workshop_id)
        self.workshop = data.workshop
        self.dirty = False
        self.setWindowTitle(f"Edit workshop and agenda — {data.workshop.title}")
        self.setObjectName("workshopEditor")
        # Modal: the console's room keys (PageDown, Esc, B...) wait until it closes.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

        w = data.workshop
        self.title_box = _line("Workshop title")
        self.title_box.setText(w.title)
        self.date_box = _line("Date", "e.g. 2026-03-12 or 12/03/2026")
        self.date_box.setText(w.date.isoformat() if w.date else "")
        self.day_label = QLabel()
        self.day_label.setObjectName("hint")
        self.venue_box = _line("Venue", "e.g. Civic Centre, Room 2")
        self.venue_box.setText(w.venue)
        self.facilitator_box = _line("Facilitator", "Your name")
        self.facilitator_box.setText(w.facilitator)
        self.starts_box = _line("Starts at", "09:30")
        self.starts_box.setText(w.starts_at)
        self.ends_box = _line("Ends at", "12:30")
        self.ends_box.setText(w.ends_at)
        for box in (self.starts_box, self.ends_box):
            box.setMaximumWidth(110)

        self.people = PeopleEditor(repo, data.organisations, data.participants)
        self.agenda = AgendaEditor(repo, library, data.steps)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Workshop editor sections")
        self.tabs.addTab(self._workshop_page(), "&1 Workshop, partners and participants")
        self.tabs.addTab(self.agenda, "&2 Agenda")

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName("Planned time against the slot")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setAccessibleName("Problem")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.save_button = small_button("&Save", "Save the workshop and its agenda (Ctrl+S)",
                                        self.save)
        self.cancel_button = small_button("Cancel", "Close without saving (Esc)",
                                          self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)

        for box in (self.title_box, self.date_box, self.venue_box, self.facilitator_box,
                    self.starts_box, self.ends_box):
            box.textChanged.connect(self._on_changed)
        self.people.changed.connect(self._on_changed)
        self.agenda.changed.connect(self._on_changed)
        self._build_layout()
        self._update_summary()
        self._fit_to_screen()

    # ---------------------------------------------------------------- build

    def _workshop_page(self) -> QWidget:
        """The workshop's details on top; its partners and participants below."""
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self.title_box)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_box)
        date_row.addWidget(self.day_label, 1)
        date_label = QLabel("&Date")
        date_label.setBuddy(self.date_box)
        form.addRow(date_label, date_row)
        form.addRow("&Venue", self.venue_box)
        form.addRow("&Facilitator", self.facilitator_box)
        slot = QHBoxLayout()
        slot.addWidget(self.starts_box)
        to = QLabel("to")
        slot.addWidget(to)
        slot.addWidget(self.ends_box)
        hint = QLabel("Times like 09:30. The agenda's planned total is checked against "
                      "this slot.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        slot.addWidget(hint, 1)
        slot_label = QLabel("Time sl&ot")
        slot_label.setBuddy(self.starts_box)
        form.addRow(slot_label, slot)
        column.addLayout(form)
        column.addWidget(self.people, 1)  # after the form: Tab goes from the details down
        return page

    def _build_layout(self) -> None:
        bottom = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.summary)
        texts.addWidget(self.message)
        bottom.addLayout(texts, 1)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.setStyleSheet(
            "#hint { color: #555; }"
            "#sectionLabel { color: #555; font-weight: bold; }"
            "#errorMessage { color: #B3261E; font-weight: bold; }"
            "#summary { font-weight: bold; padding: 4px 6px; border-radius: 3px; }"
            "#summary[over=\"true\"] { color: #FFFFFF; background: #B3261E; }"
            "QGroupBox { font-weight: bold; }"
            "QGroupBox QLabel, QGroupBox QPushButton, QGroupBox QLineEdit,"
            " QGroupBox QComboBox, QGroupBox QListWidget, QGroupBox QTableWidget,"
            " QGroupBox QPlainTextEdit, QGroupBox QSpinBox { font-weight: normal; }")

    def _fit_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1120, 700)
            return
        room = screen.availableGeometry()
        self.resize(min(1180, room.width() - 40), min(720, room.height() - 60))

    # ------------------------------------------------------------- summary

    def _on_changed(self, *_: object) -> None:
        self.dirty = True
        self.message.clear()
        self._update_summary()

    def _slot(self) -> tuple[str, str, str]:
        """(start, end, problem) from the time boxes; problem "" when they are fine."""
        try:
            starts = read_clock(self.starts_box.text(), field="starts_at",
                                label="The start time")
            ends = read_clock(self.ends_box.text(), field="ends_at", label="The end time")
        except ValidationError as exc:
            return "", "", exc.message
        if starts and ends and ends <= starts:
            return starts, "", "The end time must be after the start time."
        return starts, ends, ""

    def _update_summary(self) -> None:
        starts, ends, problem = self._slot()
        self.agenda.set_slot(starts, ends)
        total = plan_total(self.agenda.minutes(), starts, ends)
        text = total.describe()
        if total.over:
            text = "⚠ " + text + ": shorten or remove steps, or lengthen the slot"
        if problem:
            text += f" · {problem}"
        self.summary.setText(text)
        self.summary.setProperty("over", "true" if total.over else "false")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        try:
            self.day_label.setText(long_day(read_day(self.date_box.text())))
        except ValidationError:
            self.day_label.setText("not a date yet")

    @property
    def over_slot(self) -> bool:
        """Whether the summary is warning that the plan runs over the slot."""
        return self.summary.property("over") == "true"

    # --------------------------------------------------------------- saving

    def _workshop(self) -> Workshop:
        fields = (
            ("starts_at", self.starts_box, "The start time"),
            ("ends_at", self.ends_box, "The end time"),
        )
        times = {}
        for name, box, label in fields:
            try:
                times[name] = read_clock(box.text(), field=name, label=label)
            except ValidationError as exc:
                raise FormError(exc.message, box) from None
        try:
            day = read_day(self.date_box.text())
        except ValidationError as exc:
            raise FormError(exc.message, self.date_box) from None
        try:
            return self.workshop.with_changes(
                title=self.title_box.text(), date=day, venue=self.venue_box.text(),
                facilitator=self.facilitator_box.text(),
                template_key=self.agenda.template_key or self.workshop.template_key,
                **times)
        except ValidationError as exc:
            boxes = {"title": self.title_box, "date": self.date_box,
                     "venue": self.venue_box, "facilitator": self.facilitator_box,
                     "starts_at": self.starts_box, "ends_at": self.ends_box}
            raise FormError(exc.message, boxes.get(exc.field, self.title_box)) from None

    def collect(self) -> WorkshopPlan:
        """The plan as typed and checked; raises FormError naming the first problem."""
        plan = WorkshopPlan(workshop=self._workshop(),
                            organisations=tuple(self.people.organisations()),
                            participants=tuple(self.people.participants()),
                            steps=tuple(self.agenda.collect()))
        try:
            check_plan(plan)
        except ValidationError as exc:
            where = {"steps": self.agenda.list, "organisations": self.people.partners,
                     "participants": self.people.people}
            raise FormError(exc.message, where.get(exc.field, self.title_box)) from None
        return plan

    def _show_problem(self, problem: FormError) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(problem.widget):
                self.tabs.setCurrentIndex(index)
        problem.show()
        self.message.setText(problem.message)

    def save(self) -> bool:
        """Check everything, then write it all in one go; False (and a message) if not."""
        try:
            plan = self.collect()
        except FormError as problem:
            self._show_problem(problem)
            return False
        try:
            self.repo.save_plan(plan, confirmed_removals=self.agenda.confirmed_removals)
        except StepHasCapturesError as exc:
            # Notes were captured on a removed step after it was taken off here.
            self.message.setText(f"Nothing was saved. {exc}")
            return False
        except CollabFacilError as exc:
            self.message.setText(f"Nothing was saved. {exc}")
            return False
        self.dirty = False
        assert self.workshop.id is not None
        self.saved.emit(self.workshop.id)
        self.accept()
        return True

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: ask before throwing changes away."""
        if self.dirty and not dialogs.confirm(
                self, "Discard changes", "Close the editor without saving your changes?",
                action="Discard changes"):
            return
        self.dirty = False
        super().reject()
