"""Cluster on the console: group an earlier brainstorm's notes into named themes.

Keyboard first: select notes and press 1–9 to put them in that theme (0 or
Delete: back to "not yet grouped"); type a name in the new-theme box and press
Enter; F2 renames the selected theme; Ctrl+M merges the selected themes. Notes
can also be dragged onto a theme or back onto the "not yet grouped" list.
"Group by the brainstorm's columns" (Ctrl+G) sorts the notes a sectioned
brainstorm already placed. Every change goes through the controller and is one
undo step.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.model import Contribution, StepItem
from collabfacil.domain.sources import source_step
from collabfacil.domain.steps import cluster
from collabfacil.domain.steps.cluster import Theme
from collabfacil.ui.controller import SessionController
from collabfacil.ui.looks import give_look

NOTE_MIME = "application/x-collabfacil-note-uids"
UidRole = Qt.ItemDataRole.UserRole + 40  # a note row's uid
KeyRole = Qt.ItemDataRole.UserRole + 41  # a theme row's key
CountRole = Qt.ItemDataRole.UserRole + 42  # a theme row's number of notes

Index = QModelIndex | QPersistentModelIndex
DropTo = Callable[[list[str], "str | None"], bool]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _note_item(note: Contribution, organisation: str) -> QStandardItem:
    item = QStandardItem(note.text + (f"    [{organisation}]" if organisation else ""))
    item.setData(note.uid, UidRole)
    item.setToolTip(note.text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                  | Qt.ItemFlag.ItemIsDragEnabled)
    return item


def _encode(uids: list[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(NOTE_MIME, json.dumps(uids).encode("utf-8"))
    return mime


def _decode(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(NOTE_MIME):
        return []
    try:
        uids = json.loads(bytes(mime.data(NOTE_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [u for u in uids if isinstance(u, str)] if isinstance(uids, list) else []


class _DragModel(QStandardItemModel):
    """Note rows drag as their uids; a drop calls ``drop_to`` (the controller redraws).

    Rows are never removed by a drag: the move is a change of the themes, made
    through the controller, after which both lists are rebuilt.
    """

    def __init__(self, drop_to: DropTo, parent: Any = None) -> None:
        super().__init__(parent)
        self.drop_to = drop_to

    def mimeTypes(self) -> list[str]:
        return [NOTE_MIME]

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData:
        uids = []
        for index in indexes:
            uid = index.data(UidRole)
            if uid and uid not in uids:
                uids.append(uid)
        return _encode(uids)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt's name)
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def removeRows(self, row: int, count: int,  # noqa: N802 (Qt's name)
                   parent: Index | None = None) -> bool:
        return False  # see the class docstring

    def theme_key_at(self, parent: Index) -> str | None:
        """The theme a drop lands in (None: the "not yet grouped" list)."""
        return None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction,  # noqa: N802
                        row: int, column: int, parent: Index) -> bool:
        return bool(_decode(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        uids = _decode(data)
        if not uids:
            return False
        return self.drop_to(uids, self.theme_key_at(parent))


class _UngroupedModel(_DragModel):
    """The notes not in any theme."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index)


class _ThemesModel(_DragModel):
    """Themes as top-level rows ("2  Data sharing (4)"), their notes beneath them."""

    def __init__(self, drop_to: DropTo, rename: Callable[[str, str], bool],
                 parent: Any = None) -> None:
        super().__init__(drop_to, parent)
        self.rename = rename

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid()
                and not index.parent().isValid()):
            name = super().data(index, Qt.ItemDataRole.EditRole)
            count = super().data(index, CountRole)
            number = f"{index.row() + 1}  " if index.row() < 9 else "     "
            return f"{number}{name} ({count})"
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.data(KeyRole):
            self.rename(index.data(KeyRole), str(value))
            return False  # the controller's change rebuilds the model
        return super().setData(index, value, role)

    def theme_key_at(self, parent: Index) -> str | None:
        if not parent.isValid():
            return None
        if parent.parent().isValid():  # dropped on a note: its theme
            parent = parent.parent()
        return parent.data(KeyRole)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction,  # noqa: N802
                        row: int, column: int, parent: Index) -> bool:
        return bool(_decode(data)) and parent.isValid()


class _NoteList(QListView):
    def __init__(self, on_key: Callable[[QKeyEvent], bool]) -> None:
        super().__init__()
        self._on_key = on_key

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._on_key(event):
            super().keyPressEvent(event)


class _ThemeTree(QTreeView):
    def __init__(self, on_key: Callable[[QKeyEvent], bool]) -> None:
        super().__init__()
        self._on_key = on_key

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._on_key(event):
            super().keyPressEvent(event)


def _digit(event: QKeyEvent) -> int | None:
    """0–9 for a plain (or keypad) digit key, else None."""
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return int(key - Qt.Key.Key_0)
    return None


def _setup_drag(view: QAbstractItemView) -> None:
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)


class ClusterEditor(QWidget):
    """The notes not yet grouped on the left, the themes and their notes on the right."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        step = controller.current_step
        self.source = source_step(controller.steps, step, types=("brainstorm",))
        self._labels = {o.id: o.label for o in controller.data.organisations}
        self._failed = False
        self.source_label = QLabel()
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setWordWrap(True)
        self.new_theme = QLineEdit()
        self.new_theme.setPlaceholderText("Type a theme name and press Enter")
        self.new_theme.setAccessibleName("New theme name")
        self.new_theme.returnPressed.connect(self._on_new_theme)
        new_label = QLabel("&New theme:")
        new_label.setBuddy(self.new_theme)
        self.add_button = QPushButton("Add theme")
        self.add_button.clicked.connect(self._on_new_theme)
        self.rename_button = QPushButton("Rename (F2)")
        self.rename_button.clicked.connect(self.rename_selected)
        self.merge_button = QPushButton("Merge (Ctrl+M)")
        self.merge_button.setToolTip("Merge the selected themes into the first of them")
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button = QPushButton("Delete theme")
        self.delete_button.setToolTip("Delete the selected themes; their notes go back "
                                      "to 'not yet grouped'")
        self.delete_button.clicked.connect(self.delete_selected_themes)
        self.columns_button = QPushButton("Group by the brainstorm's columns (Ctrl+G)")
        self.columns_button.setToolTip("Put each note not yet grouped in the theme named "
                                       "like its brainstorm column (made if need be)")
        self.columns_button.clicked.connect(self.group_by_columns)

        self.ungrouped_model = _UngroupedModel(self.put_notes, self)
        self.ungrouped = _NoteList(self._on_ungrouped_key)
        self.ungrouped.setAccessibleName("Notes not yet grouped")
        self.ungrouped.setModel(self.ungrouped_model)
        self.ungrouped.setWordWrap(True)
        self.ungrouped.setAlternatingRowColors(True)
        self.ungrouped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _setup_drag(self.ungrouped)
        self.ungrouped_title = QLabel()
        give_look(self.ungrouped_title, "sectionLabel")
        self.ungrouped_title.setBuddy(self.ungrouped)

        self.themes_model = _ThemesModel(self.put_notes, self.rename, self)
        self.themes_view = _ThemeTree(self._on_theme_key)
        self.themes_view.setAccessibleName("Themes and their notes")
        self.themes_view.setModel(self.themes_model)
        self.themes_view.setHeaderHidden(True)
        self.themes_view.setWordWrap(True)
        self.themes_view.setUniformRowHeights(False)
        self.themes_view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.DoubleClicked)
        _setup_drag(self.themes_view)
        themes_title = QLabel("&Themes (press 1–9 on a note to put it in that theme)")
        give_look(themes_title, "sectionLabel")
        themes_title.setBuddy(self.themes_view)

        for view in (self.ungrouped, self.themes_view):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.ungrouped.customContextMenuRequested.connect(
            lambda pos: self._on_context_menu(self.ungrouped, pos))
        self.themes_view.customContextMenuRequested.connect(
            lambda pos: self._on_context_menu(self.themes_view, pos))
        merge = QAction("Merge themes", self)
        merge.setShortcut(QKeySequence("Ctrl+M"))
        merge.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        merge.triggered.connect(self.merge_selected)
        self.addAction(merge)
        by_columns = QAction("Group by the brainstorm's columns", self)
        by_columns.setShortcut(QKeySequence("Ctrl+G"))
        by_columns.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        by_columns.triggered.connect(self.group_by_columns)
        self.addAction(by_columns)

        top = QHBoxLayout()
        top.addWidget(new_label)
        top.addWidget(self.new_theme, 1)
        top.addWidget(self.add_button)
        top.addSpacing(12)
        top.addWidget(self.rename_button)
        top.addWidget(self.merge_button)
        top.addWidget(self.delete_button)
        left = QVBoxLayout()
        left.addWidget(self.ungrouped_title)
        left.addWidget(self.ungrouped, 1)
        left.addWidget(self.columns_button)
        right = QVBoxLayout()
        right.addWidget(themes_title)
        right.addWidget(self.themes_view, 1)
        panes = QHBoxLayout()
        panes.addLayout(left, 2)
        panes.addLayout(right, 3)
        hint = QLabel("Select notes, press 1–9 to put them in that theme, 0 or Delete to "
                      "take them out · or drag them · F2 renames a theme · Ctrl+M merges "
                      "the selected themes · Ctrl+Z undoes")
        give_look(hint, "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source_label)
        layout.addLayout(top)
        layout.addLayout(panes, 1)
        layout.addWidget(hint)
        self.setTabOrder(self.new_theme, self.ungrouped)
        self.setTabOrder(self.ungrouped, self.themes_view)
        controller.items_changed.connect(self._on_items_changed)
        self.refresh()

    # ------------------------------------------------------------ reading

    def focus_capture(self) -> None:
        """Start in the notes to group (or the new-theme box when there are none)."""
        if self.ungrouped_model.rowCount():
            self.ungrouped.setFocus()
            if not self.ungrouped.currentIndex().isValid():
                self.ungrouped.setCurrentIndex(self.ungrouped_model.index(0, 0))
        else:
            self.new_theme.setFocus()

    def notes(self) -> list[Contribution]:
        """The notes of the brainstorm being grouped."""
        if self.source is None or self.source.id is None:
            return []
        return self.controller.notes_of(self.source.id)

    def themes(self) -> list[Theme]:
        """The themes as they stand (preset categories included)."""
        return cluster.themes(self.controller.current_step.config,
                              self.controller.items(cluster.THEME))

    def refresh(self) -> None:
        """Rebuild both lists from the controller."""
        notes = self.notes()
        theme_list = self.themes()
        groups = cluster.groups(theme_list, notes)
        if self.source is None:
            self.source_label.setText(
                "This step groups the notes of an earlier brainstorm, and there is no "
                "brainstorm before it (see the step's 'source' setting).")
        else:
            grouped = len(notes) - len(groups[-1].notes)
            self.source_label.setText(f"Grouping the {len(notes)} notes of "
                                      f"‘{self.source.title}’: {grouped} grouped into "
                                      f"{len(theme_list)} themes.")
        self.ungrouped_model.clear()
        for note in groups[-1].notes:
            self.ungrouped_model.appendRow(
                _note_item(note, self._labels.get(note.organisation_id, "")))
        self.ungrouped_title.setText(f"Not yet &grouped ({len(groups[-1].notes)})")
        self.columns_button.setVisible(bool(self.source and self.source.sections))
        self.columns_button.setEnabled(bool(cluster.by_column(theme_list, notes)))
        self.themes_model.clear()
        for group in groups[:-1]:
            assert group.theme is not None
            row = QStandardItem(group.theme.name)
            row.setData(group.theme.key, KeyRole)
            row.setData(len(group.notes), CountRole)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                         | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled)
            font = row.font()
            font.setBold(True)
            row.setFont(font)
            for note in group.notes:
                row.appendRow(_note_item(note, self._labels.get(note.organisation_id, "")))
            self.themes_model.appendRow(row)
        self.themes_view.expandAll()

    def _on_items_changed(self, step_id: int) -> None:
        if step_id == self.controller.current_step.id:
            self.refresh()

    def selected_theme_keys(self) -> list[str]:
        """The selected themes, in board order."""
        rows = sorted({i.row() for i in self.themes_view.selectionModel().selectedRows()
                       if not i.parent().isValid()})
        return [self.themes_model.index(r, 0).data(KeyRole) for r in rows]

    def _selected_uids(self, view: QAbstractItemView) -> list[str]:
        indexes = sorted(view.selectionModel().selectedIndexes(),
                         key=lambda i: (i.parent().row(), i.row()))
        if not indexes and view.currentIndex().isValid():
            indexes = [view.currentIndex()]
        return [i.data(UidRole) for i in indexes if i.data(UidRole)]

    # ------------------------------------------------------------ writing

    @contextmanager
    def _one_step(self, label: str) -> Iterator[None]:
        """Several writes as one undo step; if one is refused, the others are undone."""
        stack = self.controller.undo_stack
        self._failed = False
        stack.beginMacro(label)
        try:
            yield
        finally:
            stack.endMacro()
            if self._failed:
                stack.undo()

    def _checked(self, result: StepItem | None) -> StepItem | None:
        if result is None:
            self._failed = True
        return result

    def _materialise(self, theme_list: list[Theme]) -> dict[str, StepItem]:
        """Every theme's item by key; preset categories are written as items first."""
        items: dict[str, StepItem] = {}
        for theme in theme_list:
            if theme.item is None:
                stored = self._checked(self.controller.add_item(
                    cluster.THEME, {"name": theme.name, "notes": []},
                    label=f"Add theme “{_short(theme.name)}”"))
                if stored is None:
                    return {}
                items[theme.key] = stored
            else:
                items[theme.key] = theme.item
        return items

    @staticmethod
    def _find(theme_list: list[Theme], key: str | None) -> Theme | None:
        """The theme ``key`` names; a preset's key still finds it once it is stored."""
        for theme in theme_list:
            if theme.key == key:
                return theme
        if key and key.startswith("preset:"):
            return next((t for t in theme_list if t.name == key[len("preset:"):]), None)
        return None

    @staticmethod
    def _stored_notes(theme: Theme) -> list[str]:
        return list(theme.item.data.get("notes", [])) if theme.item is not None else []

    def put_notes(self, uids: list[str], key: str | None) -> bool:
        """Put notes in the theme ``key`` (None: back to "not yet grouped"); one undo step."""
        theme_list = self.themes()
        target = self._find(theme_list, key)
        if key is not None and target is None:
            return False
        known = {n.uid for n in self.notes()}
        uids = [u for u in dict.fromkeys(uids) if u in known]
        moving = set(uids)
        changes: list[tuple[Theme, list[str]]] = []
        for theme in theme_list:
            old = self._stored_notes(theme)
            if theme is target:
                new = old + [u for u in uids if u not in old]
            else:
                new = [u for u in old if u not in moving]
            if new != old:
                changes.append((theme, new))
        if not changes:
            return False
        noun = "note" if len(uids) == 1 else f"{len(uids)} notes"
        label = (f"Put {noun} in “{_short(target.name)}”" if target is not None
                 else f"Take {noun} out of its theme")
        with self._one_step(label):
            items = self._materialise(theme_list)
            for theme, new in changes:
                if items and not self._checked(self.controller.update_item(
                        items[theme.key], {"name": theme.name, "notes": new}, label=label)):
                    break
        return not self._failed

    def add_theme(self, name: str) -> bool:
        """A new, empty theme at the end; refused (with a message) if the name is taken."""
        theme_list = self.themes()
        refusal = cluster.name_refusal(name, theme_list)
        if refusal:
            self.controller.error_raised.emit(refusal)
            return False
        clean = cluster.check_name(name)
        with self._one_step(f"Add theme “{_short(clean)}”"):
            if self._materialise(theme_list) or not theme_list:
                self._checked(self.controller.add_item(
                    cluster.THEME, {"name": clean, "notes": []},
                    label=f"Add theme “{_short(clean)}”"))
        return not self._failed

    def rename(self, key: str, name: str) -> bool:
        """Rename a theme; refused (with a message) if the name is empty or taken."""
        theme_list = self.themes()
        theme = self._find(theme_list, key)
        if theme is None:
            return False
        key = theme.key
        refusal = cluster.name_refusal(name, theme_list, except_key=key)
        if refusal:
            self.controller.error_raised.emit(refusal)
            return False
        clean = cluster.check_name(name)
        if clean == theme.name:
            return True
        label = f"Rename “{_short(theme.name)}” to “{_short(clean)}”"
        with self._one_step(label):
            items = self._materialise(theme_list)
            if items:
                self._checked(self.controller.update_item(
                    items[key], {"name": clean, "notes": self._stored_notes(theme)},
                    label=label))
        return not self._failed

    def merge(self, keys: list[str]) -> bool:
        """Merge themes into the first of them (its name is kept): one undo step."""
        theme_list = self.themes()
        found = {t.key for k in keys if (t := self._find(theme_list, k)) is not None}
        chosen = [t for t in theme_list if t.key in found]
        if len(chosen) < 2:
            self.controller.error_raised.emit(
                "Select two or more themes to merge (Ctrl+click or Shift+arrow keys).")
            return False
        keep, others = chosen[0], chosen[1:]
        notes = self._stored_notes(keep)
        for theme in others:
            notes += [u for u in self._stored_notes(theme) if u not in notes]
        names = ", ".join(f"“{_short(t.name, 24)}”" for t in others)
        label = f"Merge {names} into “{_short(keep.name, 24)}”"
        with self._one_step(label):
            items = self._materialise(theme_list)
            if items:
                for theme in others:
                    self.controller.delete_item(items[theme.key], label=label)
                self._checked(self.controller.update_item(
                    items[keep.key], {"name": keep.name, "notes": notes}, label=label))
        if not self._failed:
            self._select_theme(keep.name)
        return not self._failed

    def delete_themes(self, keys: list[str]) -> bool:
        """Delete themes; their notes go back to "not yet grouped". One undo step."""
        theme_list = self.themes()
        found = {t.key for k in keys if (t := self._find(theme_list, k)) is not None}
        chosen = [t for t in theme_list if t.key in found]
        if not chosen:
            return False
        names = ", ".join(f"“{_short(t.name, 24)}”" for t in chosen)
        label = f"Delete theme {names}"
        with self._one_step(label):
            items = self._materialise(theme_list)
            for theme in chosen:
                if items:
                    self.controller.delete_item(items[theme.key], label=label)
        return not self._failed

    def group_by_columns(self) -> bool:
        """Each note not yet grouped into the theme named like its brainstorm column
        (a new theme where there is none); one undo step."""
        theme_list = self.themes()
        moves = cluster.by_column(theme_list, self.notes())
        if not moves:
            self.controller.error_raised.emit(
                "No note waiting to be grouped is in a brainstorm column.")
            return False
        count = sum(len(m.notes) for m in moves)
        label = f"Group {count} note{'s' if count != 1 else ''} by their brainstorm columns"
        with self._one_step(label):
            items = self._materialise(theme_list)
            for move in moves:
                if self._failed:
                    break
                if move.theme is None:
                    self._checked(self.controller.add_item(
                        cluster.THEME, {"name": move.name, "notes": move.notes}, label=label))
                elif items:
                    old = self._stored_notes(move.theme)
                    self._checked(self.controller.update_item(
                        items[move.theme.key],
                        {"name": move.theme.name,
                         "notes": old + [u for u in move.notes if u not in old]},
                        label=label))
        return not self._failed

    # ------------------------------------------------------------ user actions

    def _on_new_theme(self) -> None:
        if self.add_theme(self.new_theme.text()):
            self.new_theme.clear()

    def rename_selected(self) -> None:
        """F2 on a theme: edit its name in place."""
        index = self.themes_view.currentIndex()
        if index.isValid() and index.parent().isValid():
            index = index.parent()
        if index.isValid():
            self.themes_view.setFocus()
            self.themes_view.edit(index)

    def merge_selected(self) -> None:
        self.merge(self.selected_theme_keys())

    def delete_selected_themes(self) -> None:
        self.delete_themes(self.selected_theme_keys())

    def _on_ungrouped_key(self, event: QKeyEvent) -> bool:
        digit = _digit(event)
        if digit is None or digit == 0:
            return False  # nothing to take out of a theme here
        uids = self._selected_uids(self.ungrouped)
        row = self.ungrouped.currentIndex().row()
        if not uids or not self._put_in_number(uids, digit):
            return True
        self._select_row(self.ungrouped, row)
        return True

    def _on_theme_key(self, event: QKeyEvent) -> bool:
        digit = _digit(event)
        current = self.themes_view.currentIndex()
        take_out = digit == 0 or (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                                  and not event.modifiers())
        if digit is None and not take_out:
            return False
        if current.isValid() and not current.parent().isValid():  # a theme row
            if event.key() == Qt.Key.Key_Delete:  # Delete only: Backspace is too easy
                self.delete_selected_themes()
            return True
        uids = self._selected_uids(self.themes_view)
        if not uids:
            return True
        theme_row, row = current.parent().row(), current.row()
        done = self.put_notes(uids, None) if take_out else self._put_in_number(uids, digit)
        if done:
            parent = self.themes_model.index(theme_row, 0)
            count = self.themes_model.rowCount(parent)
            index = (self.themes_model.index(min(row, count - 1), 0, parent) if count
                     else parent)
            self.themes_view.setCurrentIndex(index)
        return True

    def _put_in_number(self, uids: list[str], number: int | None) -> bool:
        theme_list = self.themes()
        if number is None or not 1 <= number <= len(theme_list):
            self.controller.error_raised.emit(
                f"There is no theme {number}: add one in the New theme box (Alt+N)."
                if theme_list else "Add a theme first: type its name in the New theme "
                "box (Alt+N) and press Enter.")
            return False
        return self.put_notes(uids, theme_list[number - 1].key)

    def _select_row(self, view: QAbstractItemView, row: int) -> None:
        model = view.model()
        if model.rowCount():
            view.setCurrentIndex(model.index(max(0, min(row, model.rowCount() - 1)), 0))
        view.setFocus()

    def _select_theme(self, name: str) -> None:
        for row in range(self.themes_model.rowCount()):
            index = self.themes_model.index(row, 0)
            if index.data(Qt.ItemDataRole.EditRole) == name:
                self.themes_view.setCurrentIndex(index)
                return

    def _on_context_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        menu = QMenu(self)
        uids = self._selected_uids(view)
        theme_keys = self.selected_theme_keys() if view is self.themes_view else []
        if uids:
            put = menu.addMenu("Put in theme")
            for theme in self.themes():
                put.addAction(theme.name, lambda k=theme.key: self.put_notes(uids, k))
            if view is self.themes_view:
                menu.addAction("Back to not yet grouped", lambda: self.put_notes(uids, None))
        if theme_keys:
            menu.addAction("Rename", self.rename_selected)
            if len(theme_keys) > 1:
                menu.addAction("Merge", self.merge_selected)
            menu.addAction("Delete theme", self.delete_selected_themes)
        if not menu.isEmpty():
            menu.exec(view.viewport().mapToGlobal(pos))


EDITOR = ClusterEditor
