"""A real process whose wall clock is stepped under it (Debian's libfaketime), killed and restarted.

The driver (tests/support/clock_driver.py) reads one command a line; between commands the test
rewrites libfaketime's timestamp file to set the process's wall clock back or forward. The boot
clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC=1 covers CLOCK_BOOTTIME too in libfaketime
0.9.10; the test checks that rather than trusting it).
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1] / "support"  # where clock_driver.py is
LIBFAKETIME = next(iter(sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))), None)

pytestmark = [
    pytest.mark.skipif(
        LIBFAKETIME is None,
        reason="libfaketime is not installed (Debian package faketime; scripts/test installs it)",
    ),
    pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="needs Linux's CLOCK_BOOTTIME"),
]


class Driver:
    """One run of the driver under libfaketime, its wall clock set from `offset_file`."""

    def __init__(self, data_dir: Path, offset_file: Path) -> None:
        env = dict(
            os.environ,
            LD_PRELOAD=str(LIBFAKETIME),
            FAKETIME_TIMESTAMP_FILE=str(offset_file),
            FAKETIME_NO_CACHE="1",
            FAKETIME_DONT_FAKE_MONOTONIC="1",
        )
        env.pop("FAKETIME", None)  # it would win over the file
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "clock_driver.py"), str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.meeting_id = self._answer()["meeting"]

    def _answer(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            self.proc.kill()
            pytest.fail(f"the driver stopped: {self.proc.stderr.read()}")
        return json.loads(line)

    def send(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._answer()

    def quit(self) -> None:
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=30) == 0, self.proc.stderr.read()

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()
        # libfaketime's shared memory outlives a killed process, and a later process that gets
        # the same pid would fail on it ("shm_open failed: File exists")
        for leftover in (f"faketime_shm_{self.proc.pid}", f"sem.faketime_sem_{self.proc.pid}"):
            Path("/dev/shm", leftover).unlink(missing_ok=True)


def set_wall(offset_file: Path, offset: str) -> None:
    offset_file.write_text(offset + "\n", encoding="ascii")


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_wall_clock_steps_and_a_kill_under_libfaketime(tmp_path):
    data_dir, offset_file = tmp_path / "data", tmp_path / "faketime.rc"
    set_wall(offset_file, "+0")
    booted = time.clock_gettime(time.CLOCK_BOOTTIME)
    first = Driver(data_dir, offset_file)
    try:
        started = first.send("start")
        set_wall(offset_file, "-1h")  # an NTP correction an hour back, mid-meeting
        behind = first.send("report")
        # the premise: the wall clock really moved under the process, its boot clock did not
        assert time.time() - behind["wall"] == pytest.approx(3600, abs=30)
        assert behind["boot"] == pytest.approx(time.clock_gettime(time.CLOCK_BOOTTIME), abs=30)
        assert 0 <= behind["elapsed"] < 30
        after_back = first.send("note after the step back")
        moved_on = first.send("next")
        set_wall(offset_file, "+2h")  # and then two hours forward
        ahead = first.send("note after the step forward")
        assert time.time() - ahead["wall"] == pytest.approx(-7200, abs=30)
        first.kill()
    finally:
        first.close()

    set_wall(offset_file, "-3h")  # restarted after the kill, in the same boot, clock far behind
    second = Driver(data_dir, offset_file)
    try:
        restarted = second.send("note after the restart")
        real_elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - booted
        second.quit()
    finally:
        second.close()

    notes = restarted["notes"]
    assert [n[0] for n in notes] == [
        "after the step back",
        "after the step forward",
        "after the restart",
    ]
    offsets = [n[2] for n in notes]
    times = [when(n[1]) for n in notes]
    assert offsets == sorted(offsets) and times == sorted(times)
    assert 0 <= offsets[0] <= offsets[-1] <= real_elapsed  # never an hour off either way
    assert restarted["elapsed"] == pytest.approx(offsets[-1], abs=1)
    assert 0 <= restarted["elapsed"] <= real_elapsed
    # exact after the kill: the time shown is the boot-clock time since the start, to the second
    since_start = restarted["boot"] - started["boot"]
    assert restarted["elapsed"] == pytest.approx(since_start, abs=1)
    start = when(started["started_at"])
    assert abs((start - dt.datetime.now(dt.UTC)).total_seconds()) < 60  # the wall at the start
    assert times[-1] - start <= dt.timedelta(seconds=real_elapsed)
    (opening_start, opening_end), (questions_start, _) = moved_on["phases"]
    assert when(opening_end) >= when(opening_start)
    assert when(questions_start) == when(opening_end)
    assert when(opening_end) >= times[0] and after_back["notes"][0][2] >= 0
