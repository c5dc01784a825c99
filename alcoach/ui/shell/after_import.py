"""The window follows an import at once: the open meeting's panels read their records again (a
note the archive deleted leaves the screen; if the meeting itself went, the newest one opens),
and the meeting's undo steps, which name records the import may have changed or removed, are
dropped with a line in the status bar, so no undo ever writes over merged data."""

from __future__ import annotations

import re

from alcoach.data import meetings
from alcoach.errors import NotFoundError
from alcoach.ui.kit.window_host import WindowHost
from alcoach.ui.meeting.meeting_undo import meeting_undo

_NOTHING = re.compile(r"0 meetings added, [\d,]+ already here, 0 updated")


def changed_nothing(summary: str) -> bool:
    """Whether an import's summary says it wrote nothing."""
    return _NOTHING.fullmatch(summary) is not None


def follow_import(window: WindowHost, summary: str) -> str:
    """Refresh what the import changed; the sentence to add to the status line ("" if none)."""
    if changed_nothing(summary):
        return ""
    undo = meeting_undo(window.ctx)
    said = ""
    if undo.stack.count():
        undo.stack.clear()
        said = " This meeting's earlier edits can no longer be undone."
    refresh_open_meeting(window)
    return said


def refresh_open_meeting(window: WindowHost) -> None:
    """Every panel of the meeting on screen reads its records again (the newest meeting opens if
    that one is gone)."""
    bus = window.ctx.bus
    meeting_id = window.current_meeting_id
    if meeting_id is None:
        return
    try:
        meetings.get_meeting(meeting_id)
    except NotFoundError:  # the archive deleted the meeting on screen
        latest = meetings.latest_meeting()
        window.open_meeting(latest.id if latest is not None else None)
        return
    for signal in (
        bus.meeting_changed, bus.timer_changed, bus.interventions_changed, bus.tallies_changed,
        bus.feedback_changed, bus.actions_changed, bus.learnings_changed, bus.problems_changed,
    ):  # fmt: skip
        signal.emit(meeting_id)
