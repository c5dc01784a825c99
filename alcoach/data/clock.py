"""The meeting clock: the times a meeting stores never run backwards, whatever the wall clock does.

Each meeting's clock is anchored once per boot: the wall time at its first stamp, beside the boot
clock's reading at that moment and the boot's id (alcoach/data/boot_clock.py: a clock that never
steps and counts a laptop's sleep). From then on the meeting's "now" is that wall time plus the
boot-clock time since, so a wall-clock step back or forward (an NTP correction, a coach setting
the clock) moves nothing: no note gets an earlier offset than the one before, no phase ends
before it started, and the elapsed time shown stays as it was.

The anchor is kept in the settings table (key `meeting_clock.<meeting id>`), so after a kill in
the same boot the clock goes on exactly where it would have been. After a reboot the boot clock
has started again; the meeting is anchored anew on the wall clock, but never earlier than its
last stored stamp. (A time a caller passes in — the demo, a test writing a meeting's history — is
stored as given: it says when the event happened.)

Reading the clock (`now`) writes nothing, so commands that only read can show a running meeting;
`stamp`, called inside a service's write, and `keep`, called by the window that shows a running
meeting, store an anchor.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

from alcoach.data import models as m
from alcoach.data.boot_clock import SystemTimeSource, TimeSource
from alcoach.data.settings import delete_setting, set_setting

ANCHOR_KEY = "meeting_clock.{}"

# Every part is an index lookup (13 us on a meeting of 5,000 notes and 2,000 tallies).
# Tallies have no index on their time, and MAX(at) read all 2,000 (0.7 ms a stamp): the floor
# takes the tally stored last, which the clock stamped after every earlier one.
_LAST_STAMP_SQL = """
SELECT MAX(t) FROM (
    SELECT started_at AS t FROM meeting WHERE id = ?1
    UNION ALL SELECT ended_at FROM meeting WHERE id = ?1
    UNION ALL SELECT MAX(started_at) FROM phase WHERE meeting_id = ?1
    UNION ALL SELECT MAX(ended_at) FROM phase WHERE meeting_id = ?1
    UNION ALL SELECT MAX(start) FROM pause WHERE meeting_id = ?1
    UNION ALL SELECT MAX("end") FROM pause WHERE meeting_id = ?1
    UNION ALL SELECT MAX(at) FROM intervention WHERE meeting_id = ?1
    UNION ALL SELECT * FROM (SELECT at FROM tally WHERE meeting_id = ?1 ORDER BY id DESC LIMIT 1)
)
"""


class Anchor(NamedTuple):
    """The meeting clock read `wall` when the boot clock of boot `boot_id` read `boot_ns`."""

    wall: dt.datetime
    boot_id: str
    boot_ns: int

    def at(self, boot_ns: int) -> dt.datetime:
        return self.wall + dt.timedelta(microseconds=(boot_ns - self.boot_ns) // 1000)

    def holds_for(self, boot_id: str, boot_ns: int) -> bool:
        return boot_id == self.boot_id and boot_ns >= self.boot_ns


def last_stamp(meeting_id: int) -> dt.datetime | None:
    """The latest time stored for the meeting: start, end, phases, pauses, notes, last tally."""
    text = m.database_proxy.execute_sql(_LAST_STAMP_SQL, (meeting_id,)).fetchone()[0]
    return m.Meeting.started_at.python_value(text) if text is not None else None


def stored_anchor(meeting_id: int) -> Anchor | None:
    """The meeting's anchor as stored (None if there is none or it cannot be read)."""
    # read at every stamp: one plain statement is about a tenth of get_setting's model query
    row = m.database_proxy.execute_sql(
        "SELECT value FROM setting WHERE key = ?", (ANCHOR_KEY.format(meeting_id),)
    ).fetchone()
    try:
        value = json.loads(row[0])
        wall = dt.datetime.fromisoformat(value["wall"])
        boot_ns = int(value["boot_ns"])
        if wall.tzinfo is None or boot_ns < 0:
            return None
        return Anchor(wall.astimezone(dt.UTC), str(value["boot_id"]), boot_ns)
    except (TypeError, KeyError, ValueError, OverflowError):  # none stored, or not readable
        return None


def _store_anchor(meeting_id: int, anchor: Anchor) -> None:
    value = {"wall": anchor.wall.isoformat(), "boot_id": anchor.boot_id, "boot_ns": anchor.boot_ns}
    set_setting(ANCHOR_KEY.format(meeting_id), value)


def forget_anchor(meeting_id: int) -> None:
    """Drop a meeting's anchor (the meeting is gone, or its id is new)."""
    delete_setting(ANCHOR_KEY.format(meeting_id))


class MeetingClock:
    """Wall times for a meeting's events from its anchor and the boot clock (see the module)."""

    def __init__(self, source: TimeSource | None = None) -> None:
        self.source: TimeSource = source if source is not None else SystemTimeSource()
        self._anchors: dict[int, Anchor] = {}  # per meeting: fixed for the process once stored
        self._database: object | None = None  # the database those meetings are in

    def wall(self) -> dt.datetime:
        """The wall clock as it is (for dates and file names, not for a meeting's events)."""
        return self.source.wall()

    def now(self, meeting_id: int) -> dt.datetime:
        """What the meeting's clock reads now (for showing it); writes nothing."""
        return self.read(self.anchor(meeting_id))

    def anchor(self, meeting_id: int) -> Anchor:
        """The anchor the meeting's clock reads from; may read the database, writes nothing.

        Read once and kept; a meeting not yet anchored in this boot gets one in memory (the
        wall clock, not before its last stamp) that its next stamp then stores, so the time
        shown and the time stored are one line.
        """
        boot_id, boot_ns = self.source.boot()
        anchors = self._cache()
        anchor = anchors.get(meeting_id)
        if anchor is None or not anchor.holds_for(boot_id, boot_ns):
            anchor = self._load(meeting_id, boot_id, boot_ns)
            if anchor is None:
                anchor = self._new_anchor(meeting_id, boot_id, boot_ns)
            anchors[meeting_id] = anchor
        return anchor

    def read(self, anchor: Anchor) -> dt.datetime:
        """The time on `anchor` now, without the database (for the timer's repaint)."""
        boot_id, boot_ns = self.source.boot()
        if anchor.holds_for(boot_id, boot_ns):
            return anchor.at(boot_ns)
        return max(self.source.wall(), anchor.wall)  # a boot ago (only a fake clock gets here)

    def keep(self, meeting_id: int) -> None:
        """Store the anchor the timer shows, if this boot has none stored for the meeting yet.

        The window does this when it shows a running meeting, so that after a reboot, a kill
        before the next stamp does not let the restarted window show another time.
        """
        boot_id, boot_ns = self.source.boot()
        stored = self._load(meeting_id, boot_id, boot_ns)
        if stored is not None:
            self._cache()[meeting_id] = stored
            return
        _store_anchor(meeting_id, self.anchor(meeting_id))

    def stamp(self, meeting_id: int, now: dt.datetime | None = None) -> dt.datetime:
        """The time to store for an event of the meeting, never before its last stored stamp.

        The meeting's clock is read, and its anchor stored if this boot has none. A `now` the
        caller gives (the demo or a test writing a meeting's history) is returned as it is.
        Call it inside the write's transaction.
        """
        if now is not None:
            return now
        floor = last_stamp(meeting_id)
        boot_id, boot_ns = self.source.boot()
        anchors = self._cache()
        anchor = self._load(meeting_id, boot_id, boot_ns)
        if anchor is None:
            cached = anchors.get(meeting_id)
            if floor is not None and cached is not None and cached.holds_for(boot_id, boot_ns):
                anchor = cached  # the anchor the timer has been showing
            else:  # nothing shown hangs on it yet: the wall clock, not before the last stamp
                anchor = self._new_anchor(meeting_id, boot_id, boot_ns, floor)
            _store_anchor(meeting_id, anchor)
        anchors[meeting_id] = anchor
        stamp = anchor.at(boot_ns)
        return max(stamp, floor) if floor is not None else stamp

    def _cache(self) -> dict[int, Anchor]:
        """The anchors kept in memory, for the database open now (another folder, other ids)."""
        if self._database is not m.database_proxy.obj:
            self._anchors.clear()
            self._database = m.database_proxy.obj
        return self._anchors

    def _load(self, meeting_id: int, boot_id: str, boot_ns: int) -> Anchor | None:
        anchor = stored_anchor(meeting_id)
        return anchor if anchor is not None and anchor.holds_for(boot_id, boot_ns) else None

    def _new_anchor(
        self,
        meeting_id: int,
        boot_id: str,
        boot_ns: int,
        floor: dt.datetime | None = None,
    ) -> Anchor:
        floor = floor if floor is not None else last_stamp(meeting_id)
        wall = self.source.wall()
        return Anchor(max(wall, floor) if floor is not None else wall, boot_id, boot_ns)


_system_clock: MeetingClock | None = None


def system_clock() -> MeetingClock:
    """The process's meeting clock on the computer's clocks (the window's and the commands')."""
    global _system_clock
    if _system_clock is None:
        _system_clock = MeetingClock()
    return _system_clock


def stamp_time(
    meeting_id: int, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> dt.datetime:
    """What a service stores for an event of the meeting: see `MeetingClock.stamp`."""
    return (clock if clock is not None else system_clock()).stamp(meeting_id, now)
