"""Feedback per member: skill practised, strengths, suggestions, self-assessment, private notes.

Saved as typed (within half a second, and when focus leaves a field). Beside it: this meeting's
counts for the member and the notes taken when their leadership skill was seen.

While typing, Ctrl+Z is the field's own; the edit becomes one step of the meeting's undo when it
is committed: when focus leaves the field, another member is picked, or the meeting changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import feedback, tallies
from alcoach.data.record_refs import once_per_ref
from alcoach.data.records import TallyCounts
from alcoach.formatting import format_time_of_day
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import (
    attending,
    bring_forward,
    member_selection,
    private_label,
    roster_key,
    section_label,
)
from alcoach.ui.kit.saving import DebouncedSaver, OwnChange, guarded_write
from alcoach.ui.meeting.meeting_undo import push_change
from alcoach.ui.meeting.members_panel import KINDS, format_ratio

TEXT_FIELDS = ("strengths", "suggestions", "self_assessment", "coach_notes")
FIELD_NAMES = {
    "skill": "skill practised",
    "strengths": "strengths",
    "suggestions": "suggestions",
    "self_assessment": "own assessment",
    "coach_notes": "coach notes",
}


class _CommitOnLeave(QObject):
    """Focus leaving a feedback field commits its edit as one undo step."""

    def __init__(self, editor: FeedbackEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._editor.flush()
        return False


class FeedbackEditor(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("feedback_editor")
        self.meeting_id: int | None = None
        self.member_id: int | None = None
        self._skills: dict[int, str] = {}
        self._roster: tuple = ()
        self._side_stale = False
        self._side_timer = QTimer(self)
        self._side_timer.setSingleShot(True)
        self._side_timer.setInterval(50)
        self._side_timer.timeout.connect(self._refresh_side)
        self._loading = False
        self._committed: dict[str, str] = {}  # the values the last undo step ends with
        self._own = OwnChange()
        self._saver = DebouncedSaver(self._save, parent=self)
        self._commit_on_leave = _CommitOnLeave(self)
        self._selection = member_selection(ctx)

        self.picker = QComboBox()
        self.picker.setObjectName("feedback_member")
        self.picker.setToolTip("Whose feedback you are writing (click a name in the roster too)")
        self.picker.currentIndexChanged.connect(self._picked)
        self.skill = QLineEdit()
        self.skill.setObjectName("feedback_skill")
        self.skill.setPlaceholderText("The leadership skill the member practised")
        self.fields: dict[str, QPlainTextEdit] = {}
        hints = {
            "strengths": "What the member did well with their skill",
            "suggestions": "What they might try next time",
            "self_assessment": "How the member judged their own practice",
            "coach_notes": "Only for you: not printed on the member's sheet unless you ask",
        }
        for key, hint in hints.items():
            edit = QPlainTextEdit()
            edit.setObjectName(f"feedback_{key}")
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._edited)
            edit.installEventFilter(self._commit_on_leave)
            self.fields[key] = edit
        self.skill.textChanged.connect(self._edited)
        self.skill.installEventFilter(self._commit_on_leave)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # text gets the full width
        form.addRow("Member", self.picker)
        form.addRow("Skill practised", self.skill)
        form.addRow("Strengths", self.fields["strengths"])
        form.addRow("Suggestions", self.fields["suggestions"])
        form.addRow("Own assessment", self.fields["self_assessment"])
        private = private_label("Coach notes")
        private.setBuddy(self.fields["coach_notes"])
        form.addRow(private, self.fields["coach_notes"])
        self.fields["coach_notes"].setStyleSheet("QPlainTextEdit { border: 1px dashed #a0522d; }")

        self.counts = QLabel()
        self.counts.setObjectName("feedback_counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self._notes_model = QStringListModel(self)
        self.notes = QListView()
        self.notes.setObjectName("feedback_skill_notes")
        self.notes.setAccessibleName("Skill seen notes")
        self.notes.setModel(self._notes_model)
        self.notes.setWordWrap(True)
        self.notes.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        side = QVBoxLayout()
        side.addWidget(section_label("This meeting"))
        side.addWidget(self.counts)
        side.addWidget(section_label("Skill seen"))
        side.addWidget(self.notes, 1)
        side_box = QWidget()
        side_box.setLayout(side)
        side_box.setMaximumWidth(200)
        side_box.setMinimumWidth(140)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addLayout(form, 3)
        outer.addWidget(side_box, 1)

        self.focus_action = make_command(self, "feedback_focus", self.focus_editor)

        ctx.bus.tallies_changed.connect(self._on_tallies_changed)
        ctx.bus.feedback_changed.connect(self._on_feedback_changed)
        ctx.bus.meeting_changed.connect(self._on_meeting_changed)
        self._selection.member_selected.connect(self._on_selected)
        self.set_meeting(None)

    # --- contract ---------------------------------------------------------------------------

    def commands(self) -> list[QAction]:
        return [self.focus_action]

    def flush(self) -> None:
        """Store what waits, and make the edit since the last commit one undo step."""
        self._saver.flush()
        self._commit()

    def set_meeting(self, meeting_id: int | None) -> None:
        self.flush()
        self.meeting_id = meeting_id
        self._fill_picker()

    def select_record(self, record_id: int) -> None:
        """Search hits for feedback name the member's feedback; show that member."""
        self.select_member(record_id)

    # --- members ----------------------------------------------------------------------------

    def select_member(self, member_id: int) -> None:
        index = self.picker.findData(member_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def focus_editor(self) -> None:
        bring_forward(self)
        self.fields["strengths"].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_selected(self, member_id: int) -> None:
        if member_id != self.member_id:
            self.select_member(member_id)
        if self.isEnabled():
            bring_forward(self)

    def _fill_picker(self) -> None:
        keep = self.member_id or self._selection.member_id
        attendees = attending(self.meeting_id) if self.meeting_id is not None else []
        self._roster = roster_key(attendees)
        self._skills = {a.member.id: a.member.leadership_skill for a in attendees}
        self.picker.blockSignals(True)
        self.picker.clear()
        for attendee in attendees:
            self.picker.addItem(attendee.member.name, attendee.member.id)
        self.picker.blockSignals(False)
        index = self.picker.findData(keep) if keep is not None else -1
        self.member_id = None
        self.setEnabled(bool(attendees))
        if attendees:
            self.picker.setCurrentIndex(max(index, 0))
            self._picked(self.picker.currentIndex())
        else:
            self._load(None)

    def _picked(self, index: int) -> None:
        self.flush()
        member_id = self.picker.itemData(index) if index >= 0 else None
        if member_id == self.member_id:
            return
        self._load(member_id)
        if member_id is not None and self._selection.member_id != member_id:
            self._selection.select(member_id)  # ok-ui

    def _load(self, member_id: int | None) -> None:
        self.member_id = member_id
        self._loading = True
        try:
            if member_id is None or self.meeting_id is None:
                self.skill.clear()
                for edit in self.fields.values():
                    edit.clear()
            else:
                record = feedback.get_feedback(self.meeting_id, member_id)
                self.skill.setText(record.skill or self._skills.get(member_id, ""))
                for key, edit in self.fields.items():
                    edit.setPlainText(getattr(record, key))
        finally:
            self._loading = False
        self._saver.cancel()
        self._committed = self._values()
        self._refresh_side()

    # --- saving -----------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading and self.member_id is not None:
            self._saver.touch()

    def _values(self) -> dict[str, str]:
        return {"skill": self.skill.text()} | {k: e.toPlainText() for k, e in self.fields.items()}

    def _save(self) -> None:
        if self.meeting_id is None or self.member_id is None:
            return
        result = guarded_write(
            self.ctx.bus, feedback.save_feedback, self.meeting_id, self.member_id, **self._values()
        )
        if result is not None:
            self._own.announce(self.ctx.bus.feedback_changed, self.meeting_id)

    def _commit(self) -> None:
        if self.meeting_id is None or self.member_id is None:
            return
        now = self._values()
        changed = [key for key in now if now[key] != self._committed.get(key, "")]
        if not changed or not self._committed:
            return
        before = {key: self._committed[key] for key in changed}
        after = {key: now[key] for key in changed}
        self._committed = now
        meeting_id, member_id = self.meeting_id, self.member_id
        what = FIELD_NAMES[changed[0]] if len(changed) == 1 else "feedback"
        # by id: when another member is picked the picker already shows the new one
        name = self.picker.itemText(self.picker.findData(member_id))
        push_change(
            self.ctx,
            f"Edit {what} for {name}",
            self.ctx.bus.feedback_changed,
            meeting_id,
            lambda: feedback.save_feedback(meeting_id, member_id, **before),
            lambda: feedback.save_feedback(meeting_id, member_id, **after),
            refs=lambda: (once_per_ref("feedback", meeting_id, member_id),),
        )

    def _on_feedback_changed(self, meeting_id: int) -> None:
        """Someone else wrote feedback (an undo, a redo): show the member's as stored."""
        if self._own.active or meeting_id != self.meeting_id or self.member_id is None:
            return
        self._saver.cancel()
        self._load(self.member_id)

    # --- the side: counts and skill notes ---------------------------------------------------

    def _on_tallies_changed(self, meeting_id: int) -> None:
        if meeting_id != self.meeting_id:
            return
        # Not inside the tally key press: a burst of tallies costs one refresh, after the counts
        # in the roster are already on screen; a hidden tab refreshes when it is shown.
        self._side_stale = True
        if self.isVisible():
            self._side_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        if self._side_stale:
            self._refresh_side()
        super().showEvent(event)

    def _on_meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and self._roster != roster_key(attending(meeting_id)):
            self.flush()
            self._fill_picker()

    def _refresh_side(self) -> None:
        self._side_stale = False
        if self.meeting_id is None or self.member_id is None:
            self.counts.setText("")
            self._notes_model.setStringList([])
            return
        records = tallies.list_tallies(self.meeting_id, self.member_id)
        kinds = {k: sum(1 for r in records if r.kind == k) for k in KINDS}
        counts = TallyCounts(member_id=self.member_id, **kinds)
        self.counts.setText(
            f"Questions {counts.question}\nInsightful {counts.insightful}\n"
            f"Statements {counts.statement}\nQ:S {format_ratio(counts)}\n"
            f"Skill seen {counts.skill}"
        )
        notes = [
            f"{format_time_of_day(r.at.astimezone())}  {r.note or '(no note)'}"
            for r in records
            if r.kind == "skill"
        ]
        self._notes_model.setStringList(notes)
