"""3. A tally by keys: Ctrl+1 then Q (member 1 asked a question) from the quick line, until the
count shows.

The key goes to the window as QTest.keyClick, so Qt's shortcut map finds the members panel's
action as it would for a coach's keyboard. The tally is stored inside the key press; the member's
row shows the new count when keyClick returns (checked each time), and a second connection counts
the committed rows at the end.
"""

from __future__ import annotations

import time

from benchmarks.common import Bench, Result
from benchmarks.facts import count_rows, newest_meeting
from benchmarks.window import open_window, qt_app

NAME = "tally"
GOAL_MS = 8.0


def _press(win, count: int) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = qt_app()
    panel = win.panel("members")
    row = panel.rows[0]
    button = row.buttons["question"]
    key_ms, settled_ms = [], []
    for _ in range(count):
        before = row.counts.question
        t0 = time.perf_counter()
        QTest.keyClick(
            app.focusWidget() or win.window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier
        )
        QTest.keyClick(app.focusWidget() or win.window, Qt.Key.Key_Q)  # the tally is written here
        shown = row.counts.question
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        if shown != before + 1 or not button.text().endswith(f" {shown}"):
            raise RuntimeError(f"Ctrl+1 Q did not show the new count ({before} -> {shown})")
        key_ms.append((t1 - t0) * 1000)
        settled_ms.append((t2 - t0) * 1000)
    return key_ms, settled_ms


def run(bench: Bench, *, synchronous: str | None = None) -> tuple[list[float], list[float], int]:
    count = bench.reps(full=500, quick=40)
    with bench.work_copy() as data_dir:
        meeting_id = newest_meeting(data_dir)
        before = count_rows(data_dir, "tally", meeting_id)
        with open_window(data_dir, meeting_id, running=True) as win:
            if synchronous:
                win.store.db.execute_sql(f"PRAGMA synchronous = {synchronous}")
            key_ms, settled_ms = _press(win, count)
            committed = count_rows(data_dir, "tally", meeting_id) - before
        if committed != count:
            raise RuntimeError(f"{committed} of {count} tallies committed")
    return key_ms, settled_ms, before


def measure(bench: Bench) -> list[Result]:
    key_ms, settled_ms, before = run(bench)
    normal, _, _ = run(bench, synchronous="NORMAL")
    where = f"{len(key_ms)} presses in a meeting of {before} tallies; synchronous=FULL"
    return [
        Result.of(NAME, "tally Ctrl+1 Q: keys -> count shown, committed", key_ms, "ms",
                  goal=GOAL_MS, note=where),
        Result.of(NAME, "tally Ctrl+1 Q: keys -> repainted (events processed)", settled_ms, "ms"),
        Result.of(NAME, "tally Ctrl+1 Q with synchronous=NORMAL", normal, "ms",
                  note="for comparison only; the app uses FULL"),
    ]  # fmt: skip
