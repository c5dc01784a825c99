"""Killing the process mid-meeting loses nothing that was reported as stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from alcoach.data import interventions
from alcoach.data.store import open_store

REPO = Path(__file__).resolve().parents[2]
WANTED = 250

WRITER = textwrap.dedent(
    """
    import datetime as dt
    import sys
    from pathlib import Path

    from alcoach.data import interventions, meetings, sets
    from alcoach.data.store import open_store

    open_store(Path(sys.argv[1]))
    learning_set = sets.create_set("Killed mid-meeting")
    meeting = meetings.create_meeting(learning_set.id, dt.date.today(), phases=[("Q", 60)])
    print("meeting", meeting.id, flush=True)
    n = 0
    while True:
        record = interventions.log_intervention(meeting.id, f"note {n} — ünïcode 🙂")
        print(record.id, flush=True)  # only after log_intervention returned
        n += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_every_reported_intervention_survives_sigkill(tmp_path):
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    printed: list[int] = []
    try:
        header = proc.stdout.readline().split()
        assert header[:1] == ["meeting"], proc.stderr.read() if proc.poll() is not None else header
        meeting_id = int(header[1])
        while len(printed) < WANTED:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"the writer stopped early: {proc.stderr.read()}")
            printed.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        # ids printed after we stopped reading but before the kill count as well
        printed.extend(int(line) for line in proc.stdout.read().split())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    store = open_store(data_dir)
    try:
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {i.id for i in interventions.list_interventions(meeting_id)}
        assert set(printed) <= stored
        assert len(stored) >= WANTED
    finally:
        store.close()
