"""The data layer driven line by line from stdin, for tests that move the wall clock under it.

Run as `python clock_driver.py DATA_DIR`; it answers each command with one JSON line: `start`,
`note TEXT`, `next`, `report`; `quit` ends it without an answer. It never sleeps (libfaketime
breaks time.sleep), and it stamps everything through the services' own clock, as the window does.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from alcoach.data import interventions, meetings, sets
from alcoach.data.clock import system_clock
from alcoach.data.store import open_store
from alcoach.data.timer import compute_timer


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def report(meeting_id: int) -> dict:
    timing = meetings.meeting_timing(meeting_id)
    now = system_clock().now(meeting_id)
    return {
        "wall": time.time(),
        "boot": time.clock_gettime(time.CLOCK_BOOTTIME),
        "now": now.isoformat(),
        "elapsed": compute_timer(timing, now).elapsed_seconds,
        "started_at": _iso(timing.started_at),
        "phases": [[_iso(p.started_at), _iso(p.ended_at)] for p in timing.phases],
        "notes": [
            [i.text, i.at.isoformat(), i.offset_seconds]
            for i in interventions.list_interventions(meeting_id)
        ],
    }


def main(data_dir: Path) -> None:
    store = open_store(data_dir)
    listed = meetings.list_meetings()
    if listed:
        meeting_id = listed[0].id
    else:
        learning_set = sets.create_set("Clock")
        meeting_id = meetings.create_meeting(
            learning_set.id, dt.date(2026, 11, 2), phases=[("Opening", 5), ("Questions", 30)]
        ).id
    print(json.dumps({"meeting": meeting_id}), flush=True)
    for line in sys.stdin:
        command, _, text = line.strip().partition(" ")
        if command == "start":
            meetings.start_meeting(meeting_id)
        elif command == "note":
            interventions.log_intervention(meeting_id, text)
        elif command == "next":
            meetings.next_phase(meeting_id)
        elif command == "quit":
            break
        print(json.dumps(report(meeting_id)), flush=True)
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
