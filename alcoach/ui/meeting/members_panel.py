"""The roster during a meeting: one row per attendee with tally buttons, live counts and the ratio.

Keys: F9 turns the roster's keys on (1-8 pick a member, Q S I K tally; see
alcoach.ui.meeting.roster_mode), Ctrl+n picks member n for one tally. Skill seen is stored at once
and opens a one-line note field in that member's row: Enter keeps the note, Esc leaves the tally
without one.
Each tally (with its note) is a step of the meeting's undo. A tally updates only its member's row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import tallies
from alcoach.data.records import TallyCounts, TallyRecord
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import (
    attending,
    member_selection,
    roster_key,
)
from alcoach.ui.kit.saving import DebouncedSaver, OwnChange, guarded_write
from alcoach.ui.meeting.meeting_undo import Shown, push_added
from alcoach.ui.meeting.member_row import (
    KIND_NAMES,
    KINDS,
    MAX_KEYED_MEMBERS,
    MemberRow,
    format_ratio,
)
from alcoach.ui.meeting.roster_mode import HINT_OFF, RosterMode


class _NoteKeys(QObject):
    """Esc in a skill note: keep the tally, drop the note."""

    def __init__(self, panel: MembersPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self._panel.close_note(keep_text=False)
            return True
        return False


class MembersPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("members_panel")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the roster's keys mode focuses it
        self.setAccessibleName("Roster: F9 turns its keys on")
        self.meeting_id: int | None = None
        self.rows: list[MemberRow] = []
        self._roster: tuple = ()
        self._open_row: MemberRow | None = None
        self._return_focus: QWidget | None = None
        self._own = OwnChange()
        self._selection = member_selection(ctx)
        self._note_keys = _NoteKeys(self)
        self._note_saver = DebouncedSaver(self._save_note, parent=self)
        self._names = QButtonGroup(self)
        self._names.setExclusive(True)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self._empty = QLabel("Open a meeting to see its members.")
        self._empty.setWordWrap(True)
        outer.addWidget(self._empty)
        self._rows_host = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_host)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(3)
        self._scroll = self.scroll_area = QScrollArea()
        self._scroll.setAccessibleName("Roster")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._rows_host)
        outer.addWidget(self._scroll, 1)
        self.hint = QLabel(HINT_OFF)
        self.hint.setObjectName("roster_hint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        outer.addWidget(self.hint)

        self.mode = RosterMode(self)
        self.mode_action = make_command(self, "roster_mode", self.mode.toggle)
        self.mode.changed.connect(self.mode_action.setChecked)
        self._member_actions = [
            make_command(self, f"roster_member_{n}", lambda n=n: self.mode.enter(n, one_shot=True))
            for n in range(1, MAX_KEYED_MEMBERS + 1)
        ]
        self._actions: list[QAction] = [self.mode_action, *self._member_actions]

        ctx.bus.tallies_changed.connect(self._on_tallies_changed)
        ctx.bus.meeting_changed.connect(self._on_meeting_changed)
        ctx.bus.sets_changed.connect(self._on_sets_changed)
        self._selection.member_selected.connect(self._show_selected)
        self.set_meeting(None)

    # --- contract ---------------------------------------------------------------------------

    def commands(self) -> list[QAction]:
        return list(self._actions)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.flush()
        self.meeting_id = meeting_id
        self._rebuild()

    def flush(self) -> None:
        if self._open_row is not None:
            self.close_note(keep_text=True)

    # --- tallies ----------------------------------------------------------------------------

    def row_for(self, member_id: int) -> MemberRow | None:
        return next((r for r in self.rows if r.member.id == member_id), None)

    def tally(self, n: int, kind: str) -> TallyRecord | None:
        if self.meeting_id is None or not 1 <= n <= len(self.rows):
            return None
        row = self.rows[n - 1]
        if self._open_row is not None:
            self.close_note(keep_text=True)
        record = guarded_write(
            self.ctx.bus,
            tallies.record_tally,
            self.meeting_id,
            row.member.id,
            kind,
            clock=self.ctx.meeting_clock,
        )
        if record is None:
            return None
        self._count(row, kind, +1)
        self._announce()
        push_added(
            self.ctx,
            f"Tally {KIND_NAMES[kind].lower()} for {row.member.name}",
            self.ctx.bus.tallies_changed,
            record,
            tallies.delete_tally,
            tallies.restore_tally,
            removed=Shown(lambda r: self._shown_undo(r, -1), self._own),
            restored=Shown(lambda r: self._shown_undo(r, +1), self._own),
        )
        if kind == "skill":
            self._open_note(row, record.id)
        return record

    def _shown_undo(self, record: TallyRecord, step: int) -> None:
        """An undo took the tally away (-1) or a redo put it back (+1): its row's count moves,
        as for a key press, without reading every count again."""
        if record.meeting_id != self.meeting_id:
            return
        if step < 0:
            self._drop_note_of_gone_tally()
        row = self.row_for(record.member_id)
        if row is not None:
            self._count(row, record.kind, step)

    def _count(self, row: MemberRow, kind: str, step: int) -> None:
        current = getattr(row.counts, kind)
        fields = {k: getattr(row.counts, k) for k in KINDS}
        fields[kind] = max(0, current + step)
        row.show_counts(TallyCounts(member_id=row.member.id, **fields))

    def _announce(self) -> None:
        self._own.announce(self.ctx.bus.tallies_changed, self.meeting_id)

    def _on_tallies_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and not self._own.active:
            self._drop_note_of_gone_tally()
            self._refresh_counts()

    def _drop_note_of_gone_tally(self) -> None:
        """An undo took away the tally whose note is open: the note line closes unsaved."""
        row = self._open_row
        if row is None or row.note_tally_id is None or self.meeting_id is None:
            return
        held = {t.id for t in tallies.list_tallies(self.meeting_id, row.member.id)}
        if row.note_tally_id not in held:
            self._hide_note(row)

    def _on_sets_changed(self) -> None:
        if self.meeting_id is not None:
            self._on_meeting_changed(self.meeting_id)

    def _on_meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and self._roster != roster_key(attending(meeting_id)):
            self.flush()
            self._rebuild()

    def _refresh_counts(self) -> None:
        counts = tallies.tally_counts(self.meeting_id) if self.meeting_id is not None else {}
        for row in self.rows:
            row.show_counts(counts.get(row.member.id, TallyCounts(member_id=row.member.id)))

    # --- the inline skill note --------------------------------------------------------------

    def _open_note(self, row: MemberRow, tally_id: int) -> None:
        focused = QApplication.focusWidget()
        self._return_focus = focused if focused is not None and focused is not row.note else None
        self._open_row = row
        row.note_tally_id = tally_id
        row.note.clear()
        row.note.show()
        row.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _save_note(self) -> None:
        row = self._open_row
        if row is not None and row.note_tally_id is not None:
            note = row.note.text()
            guarded_write(self.ctx.bus, tallies.update_tally_note, row.note_tally_id, note)

    def close_note(self, *, keep_text: bool) -> None:
        row = self._open_row
        if row is None:
            return
        if keep_text:
            self._note_saver.touch()
            self._note_saver.flush()
        else:
            self._note_saver.cancel()
            if row.note.text():
                row.note.clear()
                self._note_saver.touch()
                self._note_saver.flush()
        self._hide_note(row)
        self._announce()  # the feedback editor shows skill notes

    def _hide_note(self, row: MemberRow) -> None:
        self._open_row = None
        row.note_tally_id = None
        row.note.hide()
        row.note.clear()
        self._note_saver.cancel()
        target = self._return_focus
        self._return_focus = None
        if target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- roster -----------------------------------------------------------------------------

    def select_member(self, member_id: int) -> None:
        self._selection.select(member_id)  # ok-ui

    def _show_selected(self, member_id: int) -> None:
        row = self.row_for(member_id)
        if row is not None:
            row.name.setChecked(True)

    def _clear_rows(self) -> None:
        self._open_row = None
        self._note_saver.cancel()
        for row in self.rows:
            self._names.removeButton(row.name)
        self.rows = []
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _rebuild(self) -> None:
        self.mode.reset()
        self._clear_rows()
        attendees = attending(self.meeting_id) if self.meeting_id is not None else []
        self._roster = roster_key(attendees)
        self._empty.setVisible(not attendees)
        if self.meeting_id is not None and not attendees:
            self._empty.setText("Nobody is marked as attending this meeting yet.")
        for index, attendee in enumerate(attendees):
            row = MemberRow(index + 1, attendee)
            row.name_clicked.connect(self.select_member)
            row.tally_clicked.connect(self.tally)
            self.rows.append(row)
            self._names.addButton(row.name)
            self._rows_layout.addWidget(row)
            row.note.returnPressed.connect(lambda: self.close_note(keep_text=True))
            row.note.textEdited.connect(self._note_saver.touch)
            row.note.installEventFilter(self._note_keys)
            self._note_saver.watch(row.note)
        self._rows_layout.addStretch(1)
        self._refresh_counts()  # first: the counts' texts set how narrow a row can be
        if self.rows:
            self._scroll.setMinimumWidth(
                max(r.minimumSizeHint().width() for r in self.rows)
                + self._scroll.verticalScrollBar().sizeHint().width()
            )
        for n, act in enumerate(self._member_actions, start=1):
            act.setEnabled(n <= len(self.rows))
            act.setVisible(n <= len(self.rows))  # no menu entry or key for a member not here
            if n <= len(self.rows):
                act.setText(f"Tally for {self.rows[n - 1].member.name}")
        self.mode_action.setEnabled(bool(self.rows))
        if self._selection.member_id is not None:
            self._show_selected(self._selection.member_id)


__all__ = ["KINDS", "KIND_NAMES", "MAX_KEYED_MEMBERS", "MembersPanel", "format_ratio"]
