"""A table of one kind of the meeting's records, with an entry row, edit in place, delete and undo.

The actions panel (new actions) and the learnings panel are this panel with their own columns and
entry row. Under it are three services of one shape: `list_x(meeting_id)`, `delete_x(id)`, which
returns the record it removed, and `restore_x(record)`, which puts it back with its id in one
write. Its commands are `<key>_new` and `<key>_delete` in alcoach.ui.kit.commands; each add, edit
and delete is a step of the meeting's undo (alcoach.ui.meeting.meeting_undo).
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

from alcoach.data.record_refs import ref_of
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import bring_forward, section_label
from alcoach.ui.kit.record_table import ChoiceDelegate, Column, RecordTableModel
from alcoach.ui.kit.saving import OwnChange, guarded_write
from alcoach.ui.meeting.meeting_undo import (
    meeting_undo,
    push_added,
    push_change,
    push_deleted,
    quoted,
)


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


def fit_to_width(view: QTableView, stretch: tuple[int, ...]) -> None:
    """Columns that always fit the view (no sideways scrolling): the `stretch` columns share the
    free width and wrap their text, the others are as wide as their contents; rows as tall as
    their wrapped text."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for col in range(view.model().columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if col in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(col, mode)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


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
        self._own = OwnChange()
        self.model = RecordTableModel(columns, self)
        self.view = record_table_view(self.model, view_name, title)
        self.title = section_label(title)
        self.focus_action = make_command(self, f"{self.key}_new", self.focus_entry)
        self.delete_action = make_command(
            self, f"{self.key}_delete", self.delete_selected, on=[self.view]
        )
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
        return [self.focus_action, self.delete_action]

    def flush(self) -> None:
        """Each record is stored when added or edited; nothing waits."""

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
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
        """A record the entry row has just written: shown at the end, announced, and a step."""
        self.model.set_rows([*self.model.rows, record])
        self.announce()
        push_added(
            self.ctx,
            f"Add {self.noun} {quoted(record.text)}",
            self._changed,
            record,
            self.services.delete,
            self.services.restore,
        )

    def store_edit(self, record: Any, write: Callable[..., Any], **changes: Any) -> Any:
        """An in-place edit through `write(id, **changes)`: announced and a step when stored;
        None when it failed (the status bar says why). The changes' names are the record's."""
        result = guarded_write(self.ctx.bus, write, record.id, **changes)
        if result is None:
            return None
        self.announce()
        before = {key: getattr(record, key) for key in changes}
        push_change(
            self.ctx,
            f"Edit {self.noun} {quoted(record.text)}",
            self._changed,
            record.meeting_id,
            lambda: write(record.id, **before),
            lambda: write(record.id, **changes),
            refs=lambda: (ref_of(record),),
        )
        return result

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            return
        records = [self.model.record(row) for row in reversed(rows)]
        name = quoted(records[0].text) if len(records) == 1 else f"{len(records)} {self.noun}s"
        with meeting_undo(self.ctx).macro(f"Delete {self.noun} {name}"):
            for record in records:
                removed = guarded_write(self.ctx.bus, self.services.delete, record.id)
                if removed is None:
                    break  # the error is in the status bar; the rest stay
                push_deleted(
                    self.ctx,
                    f"Delete {self.noun} {quoted(record.text)}",
                    self._changed,
                    removed,
                    self.services.delete,
                    self.services.restore,
                )
                self.ctx.bus.status_message.emit(
                    f"Deleted the {self.noun} {quoted(record.text, 40)}: Edit > Undo puts it back."
                )
        self.reload()
        self.announce()
