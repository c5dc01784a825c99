"""Learnings by level — individual (with the member), team, organisation — and how each will be
applied. Add from the entry row, edit in place in the table, delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QPushButton, QWidget

from alcoach.data import learnings
from alcoach.data.records import LearningRecord
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import attending, member_selection
from alcoach.ui.kit.record_table import Column
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.meeting.record_list import RecordListPanel, RecordServices
from alcoach.vocabulary import LEARNING_LEVELS, level_label

LEVELS = tuple((level_label(key), key) for key in LEARNING_LEVELS)
SERVICES = RecordServices(
    learnings.list_learnings, learnings.delete_learning, learnings.restore_learning
)


class LearningsPanel(RecordListPanel):
    noun = "learning"
    key = "learnings"
    wide_columns = ((2, 120, 320), (1, 120, 160))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self._members: list[tuple[str, int | None]] = [("—", None)]
        self._names: dict[int, str] = {}
        columns = [
            Column(
                "Level",
                lambda r: level_label(r.level),
                edit_value=lambda r: r.level,
                commit=lambda r, v: self._update(r, level=v),
                choices=lambda: LEVELS,
            ),
            Column(
                "Member",
                lambda r: self._names.get(r.member_id, "") if r.member_id else "",
                edit_value=lambda r: r.member_id,
                commit=lambda r, v: self._update(r, member_id=v),
                choices=lambda: self._members,
            ),
            Column("Learning", lambda r: r.text, commit=lambda r, v: self._update(r, text=v)),
            Column(
                "How it will be applied",
                lambda r: r.application,
                commit=lambda r, v: self._update(r, application=v),
            ),
        ]
        super().__init__(
            ctx,
            title="Learnings: individual, team, organisation",
            columns=columns,
            services=SERVICES,
            changed=ctx.bus.learnings_changed,
            view_name="learnings_table",
            parent=parent,
        )
        self.setObjectName("learnings_panel")

        self.level = QComboBox()
        self.level.setObjectName("learning_level")
        for label, key in LEVELS:
            self.level.addItem(label, key)
        self.level.setToolTip("Individual learnings belong to a member")
        self.member = QComboBox()
        self.member.setObjectName("learning_member")
        self.member.setToolTip("Whose learning (for individual learnings)")
        self.level.currentIndexChanged.connect(self._level_picked)
        self.text = QLineEdit()
        self.text.setObjectName("learning_text")
        self.text.setAccessibleName("Learning")
        self.text.setPlaceholderText("What was learned")
        self.application = QLineEdit()
        self.application.setObjectName("learning_application")
        self.application.setAccessibleName("How it will be applied")
        self.application.setPlaceholderText("How it will be applied — Enter adds the learning")
        self.text.returnPressed.connect(self.application.setFocus)
        self.application.returnPressed.connect(self.add_typed)
        add = QPushButton("Add")
        add.clicked.connect(self.add_typed)
        add.setToolTip(f"Add the learning (Enter); {self.focus_action.toolTip()}")

        entry = QGridLayout()
        entry.addWidget(self.level, 0, 0)
        entry.addWidget(self.member, 0, 1)
        entry.addWidget(self.text, 0, 2)
        entry.addWidget(self.application, 1, 0, 1, 3)
        entry.addWidget(add, 1, 3)
        entry.setColumnStretch(2, 1)
        self.lay_out(entry)
        self.layout().setContentsMargins(6, 6, 6, 6)

        member_selection(ctx).member_selected.connect(self._member_picked)
        ctx.bus.meeting_changed.connect(self._on_meeting_changed)
        self.set_meeting(None)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._load_members()
        super().set_meeting(meeting_id)
        self.setEnabled(meeting_id is not None)

    def entry_widget(self) -> QWidget:
        return self.text

    # --- members ----------------------------------------------------------------------------

    def _load_members(self) -> None:
        attendees = attending(self.meeting_id) if self.meeting_id is not None else []
        self._names = {a.member.id: a.member.name for a in attendees}
        self._members = [("—", None), *((a.member.name, a.member.id) for a in attendees)]
        keep = self.member.currentData()
        self.member.clear()
        for label, value in self._members:
            self.member.addItem(label, value)
        self.member.setCurrentIndex(max(self.member.findData(keep), 0))
        self._level_picked()

    def _member_picked(self, member_id: int) -> None:
        index = self.member.findData(member_id)
        if index >= 0:
            self.member.setCurrentIndex(index)

    def _level_picked(self, *_: object) -> None:
        self.member.setEnabled(self.level.currentData() == "individual")

    def _on_meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id:
            self._load_members()

    # --- writing ----------------------------------------------------------------------------

    def add_typed(self) -> None:
        text = self.text.text()
        if self.meeting_id is None or not (text.strip() or self.application.text().strip()):
            return
        level = self.level.currentData()
        record = guarded_write(
            self.ctx.bus,
            learnings.add_learning,
            self.meeting_id,
            level,
            text,
            member_id=self.member.currentData() if level == "individual" else None,
            application=self.application.text(),
        )
        if record is None:
            return
        self.text.setText("")  # unlike clear(), forgets the line's own undo
        self.application.setText("")
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.added(record)

    def _update(self, record: LearningRecord, **changes: object) -> LearningRecord | None:
        return self.store_edit(record, learnings.update_learning, **changes)
