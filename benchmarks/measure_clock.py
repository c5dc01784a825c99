"""10. The meeting clock's cost: what a stamp and a timer repaint's reading add, beside baselines.

On the newest meeting (the one the window opens), with its anchor stored: one stamp
(the stored anchor and the meeting's last stamp, two index lookups) beside reading the wall clock
alone, the timer's per-repaint reading (no query), and a logged intervention through the service
with its time from the meeting clock beside the same service given the time (synchronous=NORMAL,
so the disk's fsync does not hide the difference).
"""

from __future__ import annotations

import datetime as dt
import time

from benchmarks.common import Bench, Result
from benchmarks.facts import newest_meeting

NAME = "clock"


def _micros(call, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        t0 = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - t0) / 1000)
    return samples


def measure(bench: Bench) -> list[Result]:
    from alcoach.data import interventions
    from alcoach.data.clock import MeetingClock
    from alcoach.data.store import open_store

    count = bench.reps(full=2000, quick=200)
    logged = bench.reps(full=300, quick=40)
    with bench.work_copy() as data_dir:
        meeting_id = newest_meeting(data_dir)
        store = open_store(data_dir)
        try:
            store.db.execute_sql("PRAGMA synchronous = NORMAL")
            # counted before the rows below add their own: the size the stamps were taken on
            size = store.db.execute_sql(
                "SELECT (SELECT count(*) FROM intervention WHERE meeting_id = ?1)"
                " + (SELECT count(*) FROM tally WHERE meeting_id = ?1)",
                (meeting_id,),
            ).fetchone()[0]
            clock = MeetingClock()
            clock.stamp(meeting_id)  # stores the anchor, as the meeting's first stamp does
            stamp = _micros(lambda: clock.stamp(meeting_id), count)
            wall = _micros(lambda: dt.datetime.now(dt.UTC), count)
            read = _micros(lambda: clock.now(meeting_id), count)
            by_clock = _micros(
                lambda: interventions.log_intervention(meeting_id, "clocked", clock=clock), logged
            )
            given = _micros(
                lambda: interventions.log_intervention(
                    meeting_id, "given", now=dt.datetime.now(dt.UTC)
                ),
                logged,
            )
        finally:
            store.close()
    where = f"a meeting of {size} interventions and tallies (before the logging rows add theirs)"
    return [
        Result.of(NAME, "meeting clock: one stamp", stamp, "us", note=where),
        Result.of(NAME, "baseline: the wall clock alone", wall, "us"),
        Result.of(NAME, "meeting clock: the timer's reading per repaint", read, "us"),
        Result.of(NAME, "log intervention (service), time from the meeting clock", by_clock, "us",
                  note="synchronous=NORMAL"),
        Result.of(NAME, "baseline: log intervention (service), time given", given, "us",
                  note="synchronous=NORMAL"),
    ]  # fmt: skip
