"""Preparing a meeting: date, title, place, the agenda (from a template or the last meeting, then
edited), who attends and who presents. OK stores it; `created_meeting_id` names the new meeting.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import meetings, sets, templates
from alcoach.data.cadence import next_meeting_date, parse_cadence
from alcoach.data.records import TemplatePhase
from alcoach.errors import AlcoachError
from alcoach.formatting import format_duration
from alcoach.ui.dialogs.agenda_model import (
    MINUTES,
    AgendaTableModel,
    MinutesDelegate,
)
from alcoach.ui.dialogs.attendance import AttendanceGrid
from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.meeting.phase_strip import alert_colour

LAST_MEETING = "last"


class NewMeetingDialog(QDialog):
    def __init__(self, ctx: AppContext, set_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.set_id = set_id
        self.created_meeting_id: int | None = None
        self.setObjectName("new_meeting_dialog")
        self.setWindowTitle(f"New meeting — {sets.get_set(set_id).name}")

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        learning_set = sets.get_set(set_id)
        earlier = meetings.list_meetings(set_id)
        last = max(earlier, key=lambda m: m.date, default=None)
        today = ctx.now().astimezone().date()
        proposed = next_meeting_date(
            last.date if last else None, parse_cadence(learning_set.cadence), today
        )
        self.date_edit.setDate(QDate(proposed.year, proposed.month, proposed.day))
        if last is not None and learning_set.cadence:
            self.date_edit.setToolTip(f"Proposed by the set's cadence: {learning_set.cadence}")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. the problem or the presenter")
        self.location_edit = QLineEdit(last.location if last else "")
        form = QFormLayout()
        form.addRow("&Date", self.date_edit)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Location", self.location_edit)

        self.source_combo = QComboBox()
        self.source_combo.setObjectName("agenda_source")
        self.model = AgendaTableModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("agenda_table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MINUTES, MinutesDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MINUTES, QHeaderView.ResizeMode.ResizeToContents)
        self.total_label = QLabel()
        self.total_label.setObjectName("agenda_total")

        self.add_action = make_action(
            self, "Add phase", "Ctrl+Ins", "Add a phase below the selected one", self.add_phase
        )
        self.remove_action = make_action(
            self.table, "Remove phase", "Delete", "Remove the selected phase",
            self.remove_phase, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )  # fmt: skip
        self.up_action = make_action(
            self, "Move up", "Ctrl+Up", "Move the selected phase earlier", lambda: self.move(-1)
        )
        self.down_action = make_action(
            self, "Move down", "Ctrl+Down", "Move the selected phase later", lambda: self.move(1)
        )
        self.save_template_action = make_action(
            self, "Save as template…", "Ctrl+Shift+S", "Keep this agenda as your own template",
            self.save_as_template,
        )  # fmt: skip
        self.addActions([self.add_action, self.up_action, self.down_action])
        self.addAction(self.save_template_action)
        self.table.addAction(self.remove_action)
        row_buttons = QHBoxLayout()
        self.row_buttons: dict[str, QPushButton] = {}
        for action, text in (
            (self.add_action, "Add"),
            (self.remove_action, "Remove"),
            (self.up_action, "Up"),
            (self.down_action, "Down"),
            (self.save_template_action, "Save as template…"),
        ):
            button = QPushButton(text)
            button.setToolTip(action.toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            row_buttons.addWidget(button)
            self.row_buttons[text] = button
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.total_label)

        agenda_box = QGroupBox("Agenda")
        agenda = QVBoxLayout(agenda_box)
        source_row = QHBoxLayout()
        source_label = QLabel("&Start from")
        source_label.setBuddy(self.source_combo)
        source_row.addWidget(source_label)
        source_row.addWidget(self.source_combo, 1)
        agenda.addLayout(source_row)
        agenda.addWidget(self.table, 1)
        agenda.addLayout(row_buttons)

        people_box = QGroupBox("Attendance and presenter(s)")
        people = QVBoxLayout(people_box)
        self.attendance = AttendanceGrid()
        members = [m for m in sets.list_members(set_id) if m.active]
        self.attendance.set_rows([(m, True, False) for m in members])
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.attendance)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(
            self.attendance.sizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        people.addWidget(scroll)
        if not members:
            people.addWidget(QLabel("This set has no active members yet."))

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {alert_colour(self.palette()).name()};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create meeting")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(agenda_box, 1)
        columns.addLayout(left, 3)
        columns.addWidget(people_box, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)
        self.resize(860, 520)

        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.modelReset,
        ):
            signal.connect(self._show_total)
        self._fill_sources()
        self.source_combo.currentIndexChanged.connect(self._source_chosen)
        self._source_chosen()
        self.title_edit.setFocus()

    # --- agenda sources ---------------------------------------------------------------------

    def _fill_sources(self, select: object = None) -> None:
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        self._last = meetings.last_agenda(self.set_id)
        if self._last:
            length = format_duration(60 * sum(p.minutes for p in self._last))
            self.source_combo.addItem(f"Same as last meeting ({length})", LAST_MEETING)
        for template in templates.list_templates():
            own = "" if template.builtin else " — own"
            label = f"{template.name} ({format_duration(60 * template.total_minutes)}){own}"
            self.source_combo.addItem(label, template.id)
        index = self.source_combo.findData(select) if select is not None else 0
        self.source_combo.setCurrentIndex(max(0, index))
        self.source_combo.blockSignals(False)

    def _source_chosen(self, *_: object) -> None:
        source = self.source_combo.currentData()
        if source == LAST_MEETING:
            phases: list[TemplatePhase] = list(self._last)
        elif source is not None:
            phases = list(templates.get_template(int(source)).phases)
        else:
            phases = []
        self.model.set_phases(phases)

    def _show_total(self, *_: object) -> None:
        total = self.model.total_minutes()
        self.total_label.setText(f"Total: {format_duration(total * 60)}")

    # --- editing the agenda -----------------------------------------------------------------

    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def add_phase(self) -> None:
        row = self._current_row()
        new_row = self.model.add_phase(row + 1 if row >= 0 else self.model.rowCount())
        self._select(new_row)
        self.table.setFocus()
        self.table.edit(self.model.index(new_row, 0))

    def remove_phase(self) -> None:
        row = self._current_row()
        if self.model.remove_phase(row):
            self._select(min(row, self.model.rowCount() - 1))

    def move(self, step: int) -> None:
        row = self._current_row()
        if row >= 0:
            self._select(self.model.move_phase(row, step))

    def save_as_template(self) -> None:
        name, ok = QInputDialog.getText(self, "Save as template", "Name of the agenda template:")
        if not ok or not name.strip():
            return
        record = guarded_write(self.ctx.bus, templates.create_template, name, self.model.phases())
        if record is None:
            self.error_label.setText("The template was not saved: every phase needs minutes.")
            return
        self.error_label.clear()
        phases = self.model.phases()
        self._fill_sources(select=record.id)
        self.model.set_phases(phases)

    # --- creating ---------------------------------------------------------------------------

    def accept(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            # keep what is being typed in a cell (Qt commits it only after the event loop runs)
            editor = QApplication.focusWidget()
            if editor is not None and self.table.isAncestorOf(editor):
                self.table.commitData(editor)
        phases = self.model.phases()
        if any(not p.name.strip() for p in phases):
            self.error_label.setText("Every phase needs a name.")
            return
        qdate = self.date_edit.date()
        try:
            record = meetings.create_meeting(
                self.set_id,
                dt.date(qdate.year(), qdate.month(), qdate.day()),
                title=self.title_edit.text(),
                location=self.location_edit.text(),
                phases=phases,
                attendee_ids=self.attendance.attendee_ids(),
                presenter_ids=self.attendance.presenter_ids(),
            )
        except AlcoachError as exc:
            self.error_label.setText(str(exc))
            self.ctx.bus.save_failed.emit(str(exc))
            return
        self.created_meeting_id = record.id
        self.ctx.bus.saved.emit()
        self.ctx.bus.sets_changed.emit()
        super().accept()
