"""The hybrid logical clock that orders every edit (Kulkarni et al., "Logical Physical Clocks",
2014): a stamp is the larger of the wall clock and the latest stamp this database has written or
imported, plus a counter, plus this copy's id. So an edit made after an import wins over what
was imported, whatever the two laptops' clocks say, and no two copies ever write the same stamp.

A stamp is text, "<UTC time, microseconds>Z-<counter, 4 hex digits>-<copy id, 16 hex digits>",
compared as text: every part has a fixed width. `updated_at` keeps the stamp's time for people
and other tools.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
from typing import Any

import peewee as pw

COPY_ID_KEY = "copy.id"
FUTURE_LIMIT = dt.timedelta(days=1)  # an imported stamp further ahead refuses the import
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TIME_WIDTH = 27  # "2026-12-07T17:07:14.123456Z"
_COUNTER_MAX = 0xFFFF
COPY_AT = _TIME_WIDTH + 6  # where the copy id starts in a stamp
LAST_KEY = "hlc.last"
MIGRATED_COPY = "0" * 16  # the copy id of stamps made from an older database's times
SEED_STAMP = f"1970-01-01T00:00:00.000000Z-0000-{MIGRATED_COPY}"  # built-in content as seeded


def new_copy_id() -> str:
    return os.urandom(8).hex()


def format_stamp(micros: int, counter: int, copy_id: str) -> str:
    when = _EPOCH + dt.timedelta(microseconds=micros)
    return f"{when.isoformat(timespec='microseconds')[:26]}Z-{counter:04x}-{copy_id}"


def stamp_of_time(when: dt.datetime, copy_id: str, counter: int = 0) -> str:
    """The stamp for a known time (an older database's `updated_at`, a version-1 archive's
    export time)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    micros = (when - _EPOCH) // dt.timedelta(microseconds=1)
    return format_stamp(micros, counter, copy_id)


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    """(microseconds since 1970, counter, copy id); ValueError if it is not a stamp."""
    if len(stamp) < _TIME_WIDTH + 7 or stamp[_TIME_WIDTH] != "-" or stamp[_TIME_WIDTH - 1] != "Z":
        raise ValueError(f"not a stamp: {stamp[:40]!r}")
    if len(stamp) < _TIME_WIDTH or stamp[10] != "T" or stamp[19] != ".":
        raise ValueError(f"not a stamp: {stamp[:40]!r}")
    when = dt.datetime.fromisoformat(stamp[: _TIME_WIDTH - 1])  # C speed: merges read 270,000
    counter_text, sep, copy_id = stamp[_TIME_WIDTH + 1 :].partition("-")
    if len(counter_text) != 4 or not sep or not copy_id:
        raise ValueError(f"not a stamp: {stamp[:40]!r}")
    micros = (when.replace(tzinfo=dt.UTC) - _EPOCH) // dt.timedelta(microseconds=1)
    return micros, int(counter_text, 16), copy_id


def stamp_time(stamp: str) -> dt.datetime:
    """The stamp's time, as an aware UTC datetime (what `updated_at` holds)."""
    if len(stamp) < _TIME_WIDTH or stamp[10] != "T" or stamp[19] != ".":
        raise ValueError(f"not a stamp: {stamp[:40]!r}")
    return dt.datetime.fromisoformat(stamp[: _TIME_WIDTH - 1]).replace(tzinfo=dt.UTC)


def copy_of(stamp: str | None) -> str:
    return "" if not stamp else stamp[COPY_AT:]


def wall_micros() -> int:
    return time.time_ns() // 1000


class HybridClock:
    """One database's clock. `last` is the latest stamp written or seen, as (time, counter)."""

    def __init__(self, copy_id: str, last: str | None = None) -> None:
        self.copy_id = copy_id
        self.time, self.counter = 0, 0
        self._lock = threading.Lock()  # the import's thread stamps beside the window's
        if last:
            self.observe(last)

    def stamp(self) -> str:
        wall = wall_micros()
        with self._lock:
            if wall > self.time:
                self.time, self.counter = wall, 0
            elif self.counter < _COUNTER_MAX:
                self.counter += 1
            else:  # 65,536 stamps in one microsecond of logical time: move time on instead
                self.time, self.counter = self.time + 1, 0
            return format_stamp(self.time, self.counter, self.copy_id)

    def observe(self, stamp: str) -> None:
        """A stamp written or imported: later stamps come after it."""
        micros, counter, _ = parse_stamp(stamp)
        with self._lock:
            if (micros, counter) > (self.time, self.counter):
                self.time, self.counter = micros, counter


def is_too_far_ahead(stamp: str, now_micros: int | None = None) -> bool:
    micros, _, _ = parse_stamp(stamp)
    now = wall_micros() if now_micros is None else now_micros
    return micros > now + FUTURE_LIMIT // dt.timedelta(microseconds=1)


def clamp_limit() -> str:
    """The largest stamp time a database may hold now (the migration clamps later ones to it)."""
    limit = _EPOCH + dt.timedelta(microseconds=wall_micros()) + FUTURE_LIMIT
    return limit.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


# The clock of each open database, kept on the database object (a test binds many in turn).
def clock_of(db: Any) -> HybridClock:
    clock = getattr(db, "_alcoach_hlc", None)
    if clock is None:
        clock = _start_clock(db)
        db._alcoach_hlc = clock
    return clock


def forget_clock(db: Any) -> None:
    if hasattr(db, "_alcoach_hlc"):
        del db._alcoach_hlc


def _start_clock(db: Any) -> HybridClock:
    """The clock starts from the latest stamp this database remembers writing or importing
    (`remember_clock` keeps it at every import and close) and its tombstones' latest."""
    rows = dict(
        db.execute_sql(
            "SELECT key, value FROM setting WHERE key IN (?, ?)", (COPY_ID_KEY, LAST_KEY)
        ).fetchall()
    )
    copy_id = rows.get(COPY_ID_KEY)
    if copy_id is None:
        copy_id = new_copy_id()
        db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (COPY_ID_KEY, copy_id))
    try:
        (dead,) = db.execute_sql("SELECT max(hlc) FROM tombstone").fetchone()
    except pw.OperationalError:  # opened at an older schema (a test of a migration)
        dead = None
    clock = HybridClock(copy_id)
    for stamp in (rows.get(LAST_KEY), dead):
        if stamp:
            with contextlib.suppress(ValueError):
                clock.observe(stamp)
    return clock


def remember_clock(db: Any, *, only_if_ahead: bool = False) -> None:
    """Keep the clock's latest stamp in the database, so the next session starts after it even
    when the computer's clock has been set back meanwhile. `only_if_ahead`: only when the clock
    is ahead of the wall clock (at a close: otherwise the wall clock is ahead anyway)."""
    clock = getattr(db, "_alcoach_hlc", None)
    if clock is None or not clock.time:
        return
    if only_if_ahead and clock.time <= wall_micros():
        return
    db.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        (LAST_KEY, format_stamp(clock.time, clock.counter, clock.copy_id)),
    )


def register_clock_function(db: Any) -> None:
    """`alcoach_hlc()` for the tombstone triggers: a new stamp from this database's clock."""
    db.register_function(lambda: clock_of(db).stamp(), "alcoach_hlc", 0)
