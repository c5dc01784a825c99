"""The intervention log: a quick-entry line over the table of the meeting's interventions."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import interventions as iv
from alcoach.data.meetings import get_meeting, list_attendees
from alcoach.data.record_refs import once_per_ref, ref_of
from alcoach.data.records import InterventionRecord
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.flow_layout import FlowLayout
from alcoach.ui.kit.panel_kit import bring_forward
from alcoach.ui.kit.saving import OwnChange, guarded_write
from alcoach.ui.meeting.intervention_model import (
    COL_TEXT,
    SORT_ROLE,
    InterventionTableModel,
)
from alcoach.ui.meeting.intervention_view import InterventionTableView
from alcoach.ui.meeting.meeting_undo import (
    Shown,
    meeting_undo,
    push_added,
    push_change,
    push_deleted,
    quoted,
)
from alcoach.ui.meeting.member_tags import MemberTagger
from alcoach.ui.meeting.rating_strip import RatingStrip
from alcoach.vocabulary import INTERVENTION_CATEGORIES, category_label

RATING_WORDS = "how are we doing"


def is_rating_question(record: InterventionRecord) -> bool:
    return RATING_WORDS in record.text.casefold()


class InterventionLogPanel(QWidget):
    """Type, press Enter: stored with its time, offset and phase; the table shows the meeting."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._meeting_id: int | None = None
        self._started = False  # kept from the bus, so Enter need not ask the database
        self._own = OwnChange()
        self._toggles: dict[int, QToolButton] = {}

        self._entry = QLineEdit(self)
        self._entry.setAccessibleName("Quick entry: type an intervention")
        self._entry.setPlaceholderText(
            "Type an intervention and press Enter (@ and a name's first letters, Tab: tag them)"
        )
        self._entry.setClearButtonEnabled(True)
        self._entry.returnPressed.connect(self._log_typed)
        self.tagger = MemberTagger(self._entry)
        self.tagger.tagged.connect(lambda mid: self._toggle_tag(mid, True))
        self.tagger.untagged.connect(lambda mid: self._toggle_tag(mid, False))
        self._category = QComboBox(self)
        self._category.addItem("Auto", None)
        for key in INTERVENTION_CATEGORIES:
            self._category.addItem(category_label(key), key)
        self._category.setToolTip("Category: Auto takes it from the phase or the question")
        self._toggle_row = QWidget(self)
        self._toggle_layout = FlowLayout(self._toggle_row, spacing=3)  # wraps: never too wide

        self.model = InterventionTableModel(ctx, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = InterventionTableView(self.model, ctx.bus, self)
        self.view.setAccessibleName("Interventions")
        self.view.setModel(self.proxy)

        self.strip = RatingStrip(ctx.bus, self)
        self.strip.rating_stored.connect(self._rating_stored)
        self.strip.score_set.connect(self._score_set)
        self.strip.closed.connect(self.focus_entry)

        entry_row = QHBoxLayout()
        entry_row.addWidget(self._entry, 1)
        entry_row.addWidget(self._category)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(entry_row)
        layout.addWidget(self._toggle_row)
        layout.addWidget(self.strip)
        layout.addWidget(self.view, 1)

        self._make_actions()
        bus = ctx.bus
        bus.interventions_changed.connect(self._interventions_changed)
        bus.meeting_changed.connect(self._meeting_changed)
        bus.timer_changed.connect(self._timer_changed)
        self.set_meeting(None)

    # --- building -----------------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.focus_action = make_command(self, "interventions_focus", self.focus_entry)
        self.rate_action = make_command(self, "interventions_rate", self.open_ratings)
        self.delete_action = make_command(
            self, "interventions_delete", self.delete_selected, on=[self.view]
        )
        self.view.addAction(self.rate_action)

    def commands(self) -> list[QAction]:
        return [self.focus_action, self.rate_action, self.delete_action]

    # --- meeting ------------------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def set_meeting(self, meeting_id: int | None) -> None:
        self.flush()
        self._meeting_id = meeting_id
        if self.strip.record is not None:
            self.strip.close_strip()
        enabled = meeting_id is not None
        for widget in (self._entry, self._category, self._toggle_row, self.view):
            widget.setEnabled(enabled)
        if meeting_id is None:
            self.model.set_members({})
            self.model.set_rows([])
            self._rebuild_toggles([])
            self.tagger.set_members([])
            return
        self._started = get_meeting(meeting_id).started_at is not None
        self._load_members()
        self.model.set_rows(iv.list_interventions(meeting_id))
        self._scroll_to_last()

    def flush(self) -> None:
        """Nothing waits in a timer here: each entry, edit and rating is stored at once."""

    def focus_entry(self) -> None:
        bring_forward(self)  # from any tab: the log comes forward with its cursor
        self._entry.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def entry_text(self) -> str:
        return self._entry.text()

    def _load_members(self) -> None:
        assert self._meeting_id is not None
        attendees = list_attendees(self._meeting_id)
        names = {a.member.id: a.member.name for a in attendees}
        roster = [a.member for a in attendees if a.attended]
        if not roster:
            roster = [a.member for a in attendees if a.member.active]
        self.model.set_members(names, [mem.id for mem in roster])
        self._rebuild_toggles([(mem.id, mem.name) for mem in roster])
        self.tagger.set_members([(mem.id, mem.name) for mem in roster])

    def _rebuild_toggles(self, members: list[tuple[int, str]]) -> None:
        checked = {mid for mid, b in self._toggles.items() if b.isChecked()}
        while self._toggle_layout.count():
            item = self._toggle_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._toggles = {}
        if not members:
            self._toggle_row.hide()
            return
        label = QLabel("To:", self._toggle_row)
        label.setToolTip("Who the next intervention is addressed to (optional)")
        self._toggle_layout.addWidget(label)
        for member_id, name in members:
            button = QToolButton(self._toggle_row)
            button.setText(name.split()[0] if name.split() else name)
            button.setToolTip(f"Addressed to {name}")
            button.setCheckable(True)
            button.setChecked(member_id in checked)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays between line and table
            self._toggle_layout.addWidget(button)
            self._toggles[member_id] = button
        self._toggle_row.show()

    def member_toggle(self, member_id: int) -> QToolButton:
        return self._toggles[member_id]

    def _toggle_tag(self, member_id: int, on: bool) -> None:
        button = self._toggles.get(member_id)
        if button is not None:
            button.setChecked(on)

    # --- logging ------------------------------------------------------------------------------

    def _log_typed(self) -> None:
        text = self._entry.text()
        if not text.strip():
            return
        if self._meeting_id is None:
            self._ctx.bus.status_message.emit("Open a meeting first; your text is still there.")
            return
        meeting_id = self._meeting_id
        was_started = self._started
        member_ids = [mid for mid, b in self._toggles.items() if b.isChecked()]
        record = guarded_write(
            self._ctx.bus,
            iv.log_intervention,
            meeting_id,
            text,
            category=self._category.currentData(),
            member_ids=member_ids,
            clock=self._ctx.meeting_clock,
        )
        if record is None:
            return  # the text stays in the line; the status bar says why
        self._entry.setText("")  # unlike clear(), forgets the line's own undo: Ctrl+Z is the log's
        self.tagger.clear()
        self._category.setCurrentIndex(0)
        for button in self._toggles.values():
            button.setChecked(False)
        self.model.append_row(record)
        # scrolling makes the view lay its rows out at once; after the key press it happens
        # in the layout Qt has queued anyway, before the repaint that shows the row
        QTimer.singleShot(0, self, self._scroll_to_last)
        self._announce(meeting_id)
        push_added(
            self._ctx,
            f"Log {quoted(record.text)}",
            self._ctx.bus.interventions_changed,
            record,
            iv.delete_intervention,
            iv.restore_intervention,
            removed=self._shown_removed,
            restored=self._shown_restored,
        )
        self._started = True
        if not was_started:
            self._ctx.bus.timer_changed.emit(meeting_id)

    def _announce(self, meeting_id: int) -> None:
        self._own.announce(self._ctx.bus.interventions_changed, meeting_id)

    def _scroll_to_last(self) -> None:
        last = self.model.rowCount() - 1
        if last >= 0:
            index = self.proxy.mapFromSource(self.model.index(last, COL_TEXT))
            self.view.scrollTo(index)

    def select_record(self, intervention_id: int) -> bool:
        """Select and show that intervention's row (search results use this)."""
        row = self.model.row_for_id(intervention_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_TEXT))
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # --- refreshing ---------------------------------------------------------------------------

    def _interventions_changed(self, meeting_id: int) -> None:
        if self._own.active or meeting_id != self._meeting_id:
            return
        fresh = iv.list_interventions(meeting_id)
        old = self.model.rows()
        if fresh[: len(old)] == old:
            for record in fresh[len(old) :]:
                self.model.append_row(record)
            if len(fresh) > len(old):
                self._scroll_to_last()
        else:
            current = self._selected_records()
            self.model.set_rows(fresh)
            if current:
                self.select_record(current[0].id)
        if self.strip.record is not None:
            for record in fresh:
                self.strip.update_record(record)

    def _timer_changed(self, meeting_id: int) -> None:
        if meeting_id == self._meeting_id:
            self._started = get_meeting(meeting_id).started_at is not None

    def _meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self._meeting_id:
            self._load_members()

    # --- delete ----------------------------------------------------------------------

    @property
    def _shown_removed(self) -> Shown:
        """An undo or redo that took a note away: the row goes, no reload of the log."""
        return Shown(self._show_removed, self._own)

    @property
    def _shown_restored(self) -> Shown:
        return Shown(self._show_restored, self._own)

    def _show_removed(self, record: InterventionRecord) -> None:
        if record.meeting_id != self._meeting_id:
            return
        self.model.remove_record(record.id)
        if self.strip.record is not None and self.strip.record.id == record.id:
            self.strip.close_strip()

    def _show_restored(self, record: InterventionRecord) -> None:
        if record.meeting_id != self._meeting_id:
            return
        if self.model.row_for_id(record.id) is None:
            self.model.insert_record(record)
        self.select_record(record.id)

    def _selected_records(self) -> list[InterventionRecord]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.proxy.mapToSource(self.view.currentIndex()).row()}
        return [self.model.record_at(r) for r in sorted(rows)]

    def delete_selected(self) -> None:
        records = self._selected_records()
        if not records:
            return
        undo = meeting_undo(self._ctx)
        name = quoted(records[0].text) if len(records) == 1 else f"{len(records)} interventions"
        with undo.macro(f"Delete {name}"):
            for record in records:
                deleted = guarded_write(self._ctx.bus, iv.delete_intervention, record.id)
                if deleted is None:
                    break
                self.model.remove_record(record.id)
                push_deleted(
                    self._ctx,
                    f"Delete {quoted(record.text)}",
                    self._ctx.bus.interventions_changed,
                    deleted,
                    iv.delete_intervention,
                    iv.restore_intervention,
                    removed=self._shown_removed,
                    restored=self._shown_restored,
                )
        if self.strip.record is not None and self.model.row_for_id(self.strip.record.id) is None:
            self.strip.close_strip()
        self._announce(records[0].meeting_id)
        self._ctx.bus.status_message.emit(f"Deleted {name}: Edit > Undo puts it back.")

    # --- ratings ------------------------------------------------------------------------------

    def _rating_target(self) -> InterventionRecord | None:
        selected = self._selected_records()
        if selected and self.view.hasFocus():
            return selected[-1]
        for record in reversed(self.model.rows()):
            if is_rating_question(record):
                return record
        return selected[-1] if selected else None

    def open_ratings(self) -> None:
        if self._meeting_id is None:
            return
        target = self._rating_target()
        if target is None:
            self._ctx.bus.status_message.emit(
                'Log "How are we doing as a group, 1 to 10?" first, or select a row.'
            )
            return
        bring_forward(self)
        roster = self.model.roster()
        self.strip.open_for(target, [(mid, self.model.member_name(mid)) for mid in roster])
        self.select_record(target.id)
        self.strip.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _rating_stored(self, record: InterventionRecord) -> None:
        self.model.replace_record(record)
        self._announce(record.meeting_id)

    def _score_set(self, record: InterventionRecord, member_id: int, old: object, new: int) -> None:
        def put(score: object) -> None:
            iv.set_rating(record.id, member_id, score)  # type: ignore[arg-type]

        push_change(
            self._ctx,
            f"Rating {new} for {self.model.member_name(member_id)}",
            self._ctx.bus.interventions_changed,
            record.meeting_id,
            lambda: put(old),
            lambda: put(new),
            refs=lambda: (ref_of(record), once_per_ref("rating", record.id, member_id)),
        )
