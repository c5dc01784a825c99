"""A table of one kind of the meeting's records, with an entry row, edit in place, delete and undo.

The actions panel (new actions) and the learnings panel are this panel with their own columns and
entry row. Under it are three services of one shape: `list_x(meeting_id)`, `delete_x(id)`, which
returns the record it removed, and `restore_x(record)`, which puts it back with its id in one
write. Its commands are `<key>_new`, `<key>_delete` and `<key>_undo` in alcoach.ui.kit.commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import bring_forward, section_label
from alcoach.ui.kit.record_table import ChoiceDelegate, Column, RecordTableModel
from alcoach.ui.kit.saving import OwnChange, guarded_write


class RecordServices(NamedTuple):
    list: Callable[[int], Sequence[Any]]
    delete: Callable[[int], Any]  # returns the record it removed
    restore: Callable[[Any], Any]  # puts a removed record back with its id


def record_table_view(model: RecordTableModel, name: str, accessible_name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setItemDelegate(ChoiceDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


class RecordListPanel(QWidget):
    """Subclasses give the columns and the entry row, and call `added(record)` after a write."""

    noun = "record"  # "action", "learning": said in the status bar
    key = ""  # the commands' prefix in alcoach.ui.kit.commands
    # columns of text and the narrowest and widest each starts at: (column, narrowest, widest)
    wide_columns: tuple[tuple[int, int, int], ...] = ()

    def __init__(
        self,
        ctx: AppContext,
        *,
        title: str,
        columns: Sequence[Column],
        services: RecordServices,
        changed: Any,
        view_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.services = services
        self._changed = changed
        self._deleted: list[Any] = []
        self._own = OwnChange()
        self.model = RecordTableModel(columns, self)
        self.view = record_table_view(self.model, view_name, title)
        self.title = section_label(title)
        self.focus_action = make_command(self, f"{self.key}_new", self.focus_entry)
        self.delete_action = make_command(
            self, f"{self.key}_delete", self.delete_selected, on=[self.view]
        )
        self.undo_action = make_command(self, f"{self.key}_undo", self.undo_delete, on=[self.view])
        changed.connect(self._on_changed)

    def lay_out(self, entry: QLayout, *above: QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in above:
            layout.addWidget(widget)
        layout.addWidget(self.title)
        layout.addLayout(entry)
        layout.addWidget(self.view, 1)

    # --- the panel contract -------------------------------------------------------------------

    def commands(self) -> list[QAction]:
        return [self.focus_action, self.delete_action, self.undo_action]

    def flush(self) -> None:
        """Each record is stored when added or edited; nothing waits."""

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._deleted.clear()
        self.reload()

    def select_record(self, record_id: int) -> bool:
        for row, record in enumerate(self.model.rows):
            if record.id == record_id:
                self.view.selectRow(row)
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    # --- showing ------------------------------------------------------------------------------

    def reload(self) -> None:
        rows = self.services.list(self.meeting_id) if self.meeting_id is not None else []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for column, narrowest, widest in self.wide_columns:
            width = self.view.columnWidth(column)
            self.view.setColumnWidth(column, min(max(width, narrowest), widest))

    def _on_changed(self, meeting_id: int) -> None:
        if not self._own.active and self.meeting_id is not None:
            self.reload()

    def announce(self) -> None:
        self._own.announce(self._changed, self.meeting_id)

    # --- writing ------------------------------------------------------------------------------

    def focus_entry(self) -> None:
        bring_forward(self)
        self.entry_widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def entry_widget(self) -> QWidget:
        raise NotImplementedError

    def added(self, record: Any) -> None:
        """A record the entry row has just written: shown at the end, and announced."""
        self.model.set_rows([*self.model.rows, record])
        self.announce()

    def edited(self, result: Any) -> Any:
        """The result of an in-place edit (None if it failed): announced when it was stored."""
        if result is not None:
            self.announce()
        return result

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            return
        undo = self.undo_action.shortcut().toString()
        for row in reversed(rows):
            record = self.model.record(row)
            removed = guarded_write(self.ctx.bus, self.services.delete, record.id)
            if removed is None:
                break  # the error is in the status bar; the rest stay
            self._deleted.append(removed)
            self.ctx.bus.status_message.emit(
                f"Deleted the {self.noun} “{record.text[:40]}”. {undo} puts it back."
            )
        self.reload()
        self.announce()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        restored = guarded_write(self.ctx.bus, self.services.restore, self._deleted[-1])
        if restored is None:
            return  # kept, so the coach can try again
        self._deleted.pop()
        self.reload()
        self.select_record(restored.id)
        self.announce()
