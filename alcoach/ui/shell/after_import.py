"""The window follows an import at once, from what it changed (an OpChanges): the open meeting's
panels whose kinds of record changed read them again (a note the archive deleted leaves the
screen; if the meeting itself went, the newest one opens), the navigator and the bank refresh
only when their records changed, and the meeting's undo drops the steps the import made invalid
with a line in the status bar (alcoach.ui.meeting.undo_after_import), so no undo ever writes over
merged data."""

from __future__ import annotations

from alcoach.data import meetings
from alcoach.data.op_changes import OpChanges
from alcoach.data.record_refs import uid_of
from alcoach.ui.kit.window_host import WindowHost
from alcoach.ui.meeting.meeting_undo import meeting_undo
from alcoach.ui.meeting.undo_after_import import UndoSnapshot, drop_invalid_steps, take_snapshot

# The panel signal that shows each kind of a meeting's records.
PANEL_SIGNAL = {
    "meeting": "meeting_changed", "attendance": "meeting_changed", "member": "meeting_changed",
    "phase": "timer_changed", "pause": "timer_changed",
    "intervention": "interventions_changed", "rating": "interventions_changed",
    "question": "interventions_changed",  # a note shows its bank question's text
    "tally": "tallies_changed", "feedback": "feedback_changed", "action": "actions_changed",
    "learning": "learnings_changed", "problem_statement": "problems_changed",
    "problem_poll": "problems_changed",
}  # fmt: skip
NAVIGATOR_KINDS = {"programme", "set", "member", "meeting"}
# Kinds the open meeting shows from other meetings too (earlier actions to report on, the roster).
ACROSS_MEETINGS = {"action", "member", "question"}


def undo_snapshot(window: WindowHost) -> UndoSnapshot:
    """What the meeting's undo steps write, taken before an import writes."""
    return take_snapshot(meeting_undo(window.ctx))


def follow_import(window: WindowHost, changes: OpChanges, before: UndoSnapshot) -> str:
    """Refresh what the import changed; the sentence to add to the status line ("" if none)."""
    bus = window.ctx.bus
    bus.records_changed.emit(changes)
    if not changes:
        return ""
    dropped = drop_invalid_steps(meeting_undo(window.ctx), before, changes)
    said = ""
    if dropped:
        steps = "1 earlier edit" if dropped == 1 else f"{dropped} earlier edits"
        said = f" {steps} of this meeting can no longer be undone: the import changed them."
    refresh_open_meeting(window, changes)
    kinds = changes.kinds
    if kinds & NAVIGATOR_KINDS:
        bus.sets_changed.emit()
    if "question" in kinds:
        bus.questions_changed.emit()
    return said


def refresh_open_meeting(window: WindowHost, changes: OpChanges | None = None) -> None:
    """The panels of the meeting on screen read again the kinds of record `changes` names (every
    panel when None); the newest meeting opens if that one is gone."""
    bus = window.ctx.bus
    meeting_id = window.current_meeting_id
    if meeting_id is None:
        return
    meeting_uid = uid_of("meeting", meeting_id)
    if meeting_uid is None:  # the archive deleted the meeting on screen
        latest = meetings.latest_meeting()
        window.open_meeting(latest.id if latest is not None else None)
        return
    if changes is None:
        names = set(PANEL_SIGNAL.values())
    else:
        kinds = changes.kinds
        ours = (
            meeting_uid in changes.meetings
            or ("meeting", meeting_uid) in changes.changed
            or bool(changes.deleted_kinds - NAVIGATOR_KINDS)  # deleted notes name no meeting
        )
        names = {
            PANEL_SIGNAL[k] for k in kinds if k in PANEL_SIGNAL and (ours or k in ACROSS_MEETINGS)
        }
    for name in sorted(names):
        getattr(bus, name).emit(meeting_id)
