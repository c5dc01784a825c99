"""9. Peak memory (RSS) of the app with the ten years' database open and the newest meeting shown.

Each run is a fresh process (benchmarks/memory_probe.py) that opens the window as the app does,
shows the meeting, lets it paint, and reads its own VmHWM from /proc/self/status.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Bench, Result
from benchmarks.facts import newest_meeting

NAME = "memory"
GOAL_MB = 150.0
_LINE = re.compile(r"memory-probe ok (\d+) (\d+)")


def measure(bench: Bench) -> list[Result]:
    reps = bench.reps(full=3, quick=1)
    peaks, current = [], []
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    with bench.work_copy() as data_dir:
        meeting_id = newest_meeting(data_dir)
        command = [sys.executable, "-m", "benchmarks.memory_probe", str(data_dir), str(meeting_id)]
        for _ in range(reps):
            done = subprocess.run(
                command, capture_output=True, text=True, env=env, cwd=root, timeout=120
            )
            found = _LINE.search(done.stdout)
            if found is None:
                raise RuntimeError(f"the memory probe failed: {done.stdout} {done.stderr[-400:]}")
            peaks.append(int(found.group(1)) / 1024)
            current.append(int(found.group(2)) / 1024)
    return [
        Result.of(NAME, "peak RSS, newest meeting shown", peaks, "MB", goal=GOAL_MB,
                  judged_on="max", note=f"VmHWM of a fresh process; {reps} runs"),
        Result.of(NAME, "RSS when shown", current, "MB"),
    ]  # fmt: skip
