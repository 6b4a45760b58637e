"""Brainstorm on the console: capture notes into sections, tag organisations, edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.model import NOTE_COLOURS, Contribution
from collabfacil.ui.console.capture_box import CaptureBox
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look
from collabfacil.ui.models import ContributionRole, OrganisationRole, SectionRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem


class _NoteDelegate(QStyledItemDelegate):
    """Shows organisation and section after the note; edits go to the controller.

    Qt repaints every visible row when a note is added (the rows move up one),
    and the style lays each row's text out again each time: a row is painted
    once into a picture, kept while its text, size, state (selected, alternate)
    and palette are the same, and drawn from there (``cache_rows``).

    Rows are kept from the list's first change on (``NoteList`` turns it on):
    until then each row is painted once, and keeping it would only cost the
    start-up the making of Qt's style classes in Python (about 6 ms).
    """

    ROWS_KEPT = 128  # three screens of one-line rows: about 10 MB at 1,600 pixels wide

    def __init__(self, controller: SessionController, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.cache_rows = False
        self._rows: dict[tuple[object, ...], QPixmap] = {}

    def line(self, index: QModelIndex) -> str:
        """The row as shown: the note, then its section and organisation."""
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        tags = " · ".join(t for t in (index.data(SectionRole), index.data(OrganisationRole))
                          if t)
        return f"{text}    [{tags}]" if tags else text

    def initStyleOption(self, option: Any, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = self.line(index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        if not self.cache_rows:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle  # (made in Python on first use: 5-9 ms)

        dpr = painter.device().devicePixelRatioF()
        size = option.rect.size()
        if (dpr != int(dpr) or size.isEmpty()
                or option.state & QStyle.StateFlag.State_HasFocus):
            # (the focused row, one at most, has its frame's corners anti-aliased
            # where it lies: painted where it is, as the style paints it)
            super().paint(painter, option, index)
            return
        key = (self.line(index), size.width(), size.height(), option.state, option.features,
               option.palette.cacheKey(), option.font.key(), dpr)
        row = self._rows.pop(key, None)  # (put back last: the oldest go first)
        if row is None:
            row = self._paint_row(option, index, dpr)
            if len(self._rows) >= self.ROWS_KEPT:
                del self._rows[next(iter(self._rows))]
        self._rows[key] = row
        painter.drawPixmap(option.rect.topLeft(), row)

    def _paint_row(self, option: QStyleOptionViewItem, index: QModelIndex,
                   dpr: float) -> QPixmap:
        """The row as the view and the style paint it: the list's background, the
        row's own (alternate, selected), then the text and focus frame."""
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        row = QPixmap(option.rect.size() * dpr)
        row.setDevicePixelRatio(dpr)
        view = option.widget
        row.fill(view.viewport().palette().color(view.viewport().backgroundRole())
                 if isinstance(view, QAbstractItemView) else option.palette.base().color())
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(QPoint(0, 0), option.rect.size())
        p = QPainter(row)
        style = view.style() if view is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, opt, p, view)
        super().paint(p, opt, index)
        p.end()
        return row

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        note: Contribution = index.data(ContributionRole)
        text = editor.text()  # type: ignore[attr-defined]
        if note.id is not None and text != note.text:
            self.controller.edit_note(note.id, text=text)


class NoteList(QTableView):
    """The notes so far, one line each (the full note is in its tooltip and on the
    projector), as a list: Home and End go to the first and last note.

    A one-column table rather than a QListView: a list view lays out every row
    again whenever one is added (calling into the model twice a row, 4,000 calls
    on a board of 2,000 notes), while a table of fixed-height rows only looks at
    the rows it shows.
    """

    def __init__(self, controller: SessionController) -> None:
        super().__init__()
        self.setModel(controller.notes)
        self.delegate = _NoteDelegate(controller, self)
        self.setItemDelegate(self.delegate)
        for change in (controller.notes.rowsInserted, controller.notes.rowsRemoved,
                       controller.notes.modelReset, controller.notes.dataChanged):
            change.connect(self._keep_rows)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height())  # as a list view's rows
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as from any other field
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def _keep_rows(self, *_: object) -> None:
        self.delegate.cache_rows = True

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 (Qt's name)
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (QAbstractItemView.CursorAction.MoveHome,
                      QAbstractItemView.CursorAction.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier  # the first or last row
        return super().moveCursor(action, modifiers)


class BrainstormEditor(QWidget):
    """Section and organisation pickers, the capture box, and the notes so far."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        step = controller.current_step
        self.section_box = QComboBox()
        self.section_box.setAccessibleName("Section for the next note")
        self.section_box.addItems(step.sections)
        self.organisation_box = QComboBox()
        self.organisation_box.setAccessibleName("Organisation for the next note")
        self.organisation_box.addItem("No organisation", None)
        for org in controller.data.organisations:
            self.organisation_box.addItem(org.name, org.id)
        self.colour_box = QComboBox()
        self.colour_box.setAccessibleName("Colour for the next note")
        for colour in NOTE_COLOURS:
            self.colour_box.addItem(colour.capitalize() if colour else "Plain", colour)
        pickers = QHBoxLayout()
        if step.sections:
            pickers.addWidget(QLabel("Section (Alt+1…9):"))
            pickers.addWidget(self.section_box, 2)
        pickers.addWidget(QLabel("Organisation (Ctrl+0…9):"))
        pickers.addWidget(self.organisation_box, 1)
        pickers.addWidget(QLabel("Colour:"))
        pickers.addWidget(self.colour_box)
        self.capture = CaptureBox("Type what the room said and press Enter")
        self.capture.submitted.connect(self._on_capture_submitted)
        self.notes = NoteList(controller)
        self.notes.setAlternatingRowColors(True)
        self.notes.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.notes.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.notes.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.notes.customContextMenuRequested.connect(self._on_context_menu)
        delete = QAction("Delete note", self.notes)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.notes.addAction(delete)
        self.count_label = QLabel()
        controller.notes.rowsInserted.connect(self._on_notes_changed)
        controller.notes.rowsRemoved.connect(self._on_notes_changed)
        controller.notes.modelReset.connect(self._on_notes_changed)
        hint = QLabel("Double-click or F2 to edit a note · Delete removes it · "
                      "right-click to move it or tag an organisation")
        give_look(hint, "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pickers)
        layout.addWidget(self.capture)
        layout.addWidget(self.count_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(hint)
        for i in range(min(9, len(step.sections))):
            pick = QAction(self)
            pick.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            pick.triggered.connect(lambda _=False, i=i: self.section_box.setCurrentIndex(i))
            self.addAction(pick)
        # Ctrl+0 no organisation, Ctrl+1…9 the partners in order: tag without the mouse
        for i in range(min(10, self.organisation_box.count())):
            pick = QAction(self)
            pick.setShortcut(QKeySequence(f"Ctrl+{i}"))
            pick.triggered.connect(
                lambda _=False, i=i: self.organisation_box.setCurrentIndex(i))
            self.addAction(pick)
        self._on_notes_changed()

    def focus_capture(self) -> None:
        """Put the cursor in the capture box."""
        self.capture.setFocus()

    def _on_capture_submitted(self, text: str) -> None:
        stored = self.controller.add_note(
            text, organisation_id=self.organisation_box.currentData(),
            section=self.section_box.currentText(), colour=self.colour_box.currentData())
        if stored is not None:
            self.capture.accept_capture()
            self.notes.scrollToBottom()

    def _on_notes_changed(self, *_: object) -> None:
        n = self.controller.notes.rowCount()
        self.count_label.setText(f"{n} note{'s' if n != 1 else ''} on this step")

    def selected_notes(self) -> list[Contribution]:
        return [i.data(ContributionRole) for i in self.notes.selectedIndexes()]

    def delete_selected(self) -> None:
        """Delete the selected notes (one undo step for all of them)."""
        notes = self.selected_notes()
        self.controller.undo_stack.beginMacro(f"Delete {len(notes)} notes")
        for note in notes:
            if note.id is not None:
                self.controller.delete_note(note.id)
        self.controller.undo_stack.endMacro()

    def _on_context_menu(self, pos: QPoint) -> None:
        notes = self.selected_notes()
        if not notes:
            return
        menu = QMenu(self)
        menu.addAction("Edit text", lambda: self.notes.edit(self.notes.currentIndex()))
        menu.addAction("Delete", self.delete_selected)
        if self.controller.current_step.sections:
            move = menu.addMenu("Move to section")
            for section in self.controller.current_step.sections:
                move.addAction(section, lambda s=section: self._retag(notes, section=s))
        paint = menu.addMenu("Colour")
        for colour in NOTE_COLOURS:
            paint.addAction(colour.capitalize() if colour else "Plain",
                            lambda c=colour: self._retag(notes, colour=c))
        tag = menu.addMenu("Organisation")
        tag.addAction("No organisation", lambda: self._retag(notes, organisation_id=None))
        for org in self.controller.data.organisations:
            tag.addAction(org.name, lambda o=org.id: self._retag(notes, organisation_id=o))
        menu.exec(self.notes.viewport().mapToGlobal(pos))

    def _retag(self, notes: list[Contribution], **change: Any) -> None:
        self.controller.undo_stack.beginMacro(f"Change {len(notes)} notes")
        for note in notes:
            if note.id is not None:
                self.controller.edit_note(note.id, **change)
        self.controller.undo_stack.endMacro()

EDITOR = BrainstormEditor
