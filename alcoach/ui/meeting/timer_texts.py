"""What the timer says: the panel's lines and the quiet alerts, as plain functions of a state.

Kept apart from the widgets so the words can be read (and tested) in one place.
"""

from __future__ import annotations

import datetime as dt
import math

from alcoach.data.timer import TimerState
from alcoach.formatting import format_duration, format_offset, format_time_of_day

# the timer panel's QAction attributes, their commands (alcoach.ui.kit.commands) and their slots
TIMER_COMMANDS = (
    ("start_action", "timer_start", "start"),
    ("next_action", "timer_next", "next_phase"),
    ("previous_action", "timer_previous", "previous_phase"),
    ("pause_action", "timer_pause", "toggle_pause"),
    ("room_action", "timer_room_clock", "toggle_room_clock"),
    ("end_action", "timer_end", "end"),
    ("reopen_action", "timer_reopen", "reopen"),
    ("attendance_action", "timer_attendance", "open_attendance"),
)


def enabled_commands(state: TimerState | None) -> dict[str, bool]:
    """Which of TIMER_COMMANDS (by attribute) can be given in this state."""
    status = state.state if state is not None else ""
    live = status in ("running", "paused")
    return {
        "start_action": status == "not started",
        "next_action": live and (state.current is not None or state.next_phase is not None),
        "previous_action": live
        and any(c.started for c in state.phases)
        and state.current_index != 0,
        "pause_action": live,
        "end_action": live,
        "reopen_action": status == "ended",
        "room_action": state is not None,
        "attendance_action": state is not None,
    }


def timer_alerts(
    state: TimerState, quiet_seconds: float | None, quiet_minutes: float
) -> list[tuple[str, str]]:
    """(text, level) for each alert that applies now; level is "alert" or "warn"."""
    if state.state not in ("running", "paused"):
        return []
    out: list[tuple[str, str]] = []
    cur = state.current
    if state.phase_overrun and cur is not None:
        out.append((f"Phase over by {format_offset(-cur.remaining_seconds)}", "alert"))
    elif state.phase_ending_soon and cur is not None:
        out.append((f"Phase ends in {format_offset(cur.remaining_seconds)}", "warn"))
    if state.closing_late_seconds > 0 and state.phases:
        late = math.ceil(state.closing_late_seconds / 60)
        out.append((f"{state.phases[-1].name} would start {late} min late", "warn"))
    if (
        state.state == "running"
        and quiet_seconds is not None
        and quiet_minutes > 0
        and quiet_seconds >= quiet_minutes * 60
    ):
        out.append((f"No intervention for {int(quiet_seconds // 60)} min", "warn"))
    return out


def panel_texts(state: TimerState | None) -> tuple[str, str, str, str]:
    """(phase line, next line, digits, badge)."""
    if state is None:
        return "No meeting open", "Open or create a meeting (Ctrl+N)", "--:--", ""
    nxt = state.next_phase
    if state.state == "ended":
        planned = f" (planned {format_duration(state.planned_seconds)})" if state.phases else ""
        duration = format_offset(state.elapsed_seconds)
        return "Meeting ended", f"Lasted {duration}{planned}", duration, "ENDED"
    if state.state == "not started":
        if nxt is None:
            return "No agenda", "Press F5 to start the clock", "00:00", "NOT STARTED"
        after = state.phases[1].name if len(state.phases) > 1 else ""
        then = f" · then: {after}" if after else ""
        digits = format_offset(nxt.planned_seconds)
        return nxt.name, f"Press F5 to start{then}", digits, "NOT STARTED"
    badge = "PAUSED" if state.state == "paused" else "RUNNING"
    cur = state.current
    if cur is None:
        return (
            "All phases done",
            "End the meeting with Ctrl+Shift+End",
            format_offset(state.remaining_seconds),
            badge,
        )
    position = f"{cur.position + 1}/{len(state.phases)}"
    following = f"Next: {nxt.name}" if nxt is not None else "Last phase"
    return cur.name, f"{position} · {following}", format_offset(cur.remaining_seconds), badge


def local_hhmm(moment: dt.datetime) -> str:
    return format_time_of_day(moment.astimezone())
