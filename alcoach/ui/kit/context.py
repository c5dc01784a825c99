"""What every widget of the window shares: the change signals, the clock, and where data live.

Widgets get one `AppContext` in their constructor. They call data services directly (plain
functions) and announce what they changed on `ctx.bus`; other widgets listen there. Tests build a
context with a fake clock to move time without waiting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from alcoach.data.boot_clock import TimeSource
from alcoach.data.clock import MeetingClock, system_clock


class ChangeBus(QObject):
    """Signals named in the past tense; the int is the meeting id (or the record id named)."""

    meeting_opened = Signal(int)
    meeting_changed = Signal(int)  # title, place, notes, attendance
    timer_changed = Signal(int)  # start, pause, phase moves, end
    interventions_changed = Signal(int)
    tallies_changed = Signal(int)
    feedback_changed = Signal(int)
    actions_changed = Signal(int)
    learnings_changed = Signal(int)
    problems_changed = Signal(int)
    questions_changed = Signal()
    settings_changed = Signal(str)  # the key of a setting the coach changed (Preferences)
    sets_changed = Signal()  # programmes, sets, members, meetings added or renamed
    records_changed = Signal(object)  # an OpChanges: what an import added, changed or deleted
    saved = Signal()  # a write reached the database
    save_failed = Signal(str)  # a sentence for the status bar
    status_message = Signal(str)
    mode_changed = Signal(str)  # a keys mode's sentence for the status bar ("" when none is on)


class AppContext:
    """Where the data live, the change signals, and the clocks.

    `clock` is where time comes from: the computer's clocks, or a fake one in tests.
    `meeting_clock` stamps and shows a meeting's time (it never runs backwards); `now()` is the
    wall clock, for dates and file names.
    """

    def __init__(
        self,
        data_dir: Path,
        db_path: Path,
        bus: ChangeBus | None = None,
        clock: TimeSource | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.db_path = db_path
        self.bus = bus if bus is not None else ChangeBus()
        self.meeting_clock = MeetingClock(clock) if clock is not None else system_clock()
        self.clock = self.meeting_clock.source

    def now(self) -> dt.datetime:
        return self.meeting_clock.wall()
