"""2. Logging an intervention through the real window, as key events into the quick-entry line.

Per entry: QTest.keyClicks types a short text (the coach's typing, timed apart), then the clock
runs from the Enter key press until the row is in the table model; the service has returned (and
committed) by then, since the entry line stores the row inside the key press. A second figure adds
the queued work the key press left (layout, repaint) before the window can take the next key.
The same is run once more with PRAGMA synchronous=NORMAL on the window's connection, to show
what the fsync of every commit (synchronous=FULL, the app's setting) costs.
"""

from __future__ import annotations

import time

from benchmarks.common import Bench, Result
from benchmarks.facts import count_rows, longest_meeting, newest_meeting
from benchmarks.window import open_window, qt_app

NAME = "logging"
GOAL_MS = 8.0
TEXTS = (
    "What would success look like?",
    "Who else owns this problem?",
    "Statement from Kofi",
    "How are we doing as a group?",
    "What have you tried so far?",
)


def _log_entries(win, count: int) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = qt_app()
    panel = win.panel("interventions")
    entry = panel._entry  # the quick-entry line a coach types into
    model = panel.model
    panel.focus_entry()
    typing, enter, settled = [], [], []
    for i in range(count):
        text = f"{TEXTS[i % len(TEXTS)]} {i}"
        before = model.rowCount()
        t0 = time.perf_counter()
        QTest.keyClicks(entry, text)
        t1 = time.perf_counter()
        QTest.keyClick(entry, Qt.Key.Key_Return)
        if model.rowCount() != before + 1 or model.record_at(before).text != text:
            raise RuntimeError(f"entry {i} is not in the table after Enter")
        t2 = time.perf_counter()
        app.processEvents()
        t3 = time.perf_counter()
        typing.append((t1 - t0) * 1000 / len(text))
        enter.append((t2 - t1) * 1000)
        settled.append((t3 - t1) * 1000)
    return {"typing": typing, "enter": enter, "settled": settled}


def run(
    bench: Bench, *, synchronous: str | None = None, longest: bool = False
) -> tuple[dict[str, list[float]], int]:
    count = bench.reps(full=200 if longest else 500, quick=20 if longest else 40)
    with bench.work_copy() as data_dir:
        meeting_id = longest_meeting(data_dir) if longest else newest_meeting(data_dir)
        before = count_rows(data_dir, "intervention", meeting_id)
        with open_window(data_dir, meeting_id, running=True) as win:
            if synchronous:
                win.store.db.execute_sql(f"PRAGMA synchronous = {synchronous}")
            series = _log_entries(win, count)
            # what a second connection sees: every entry committed
            committed = count_rows(data_dir, "intervention", meeting_id) - before
        if committed != count:
            raise RuntimeError(f"{committed} of {count} entries committed")
    return series, before


def measure(bench: Bench) -> list[Result]:
    series, before = run(bench)
    normal, _ = run(bench, synchronous="NORMAL")
    longest, long_before = run(bench, longest=True)
    n = len(series["enter"])
    where = f"{n} entries into a meeting of {before} interventions, reopened (running)"
    return [
        Result.of(NAME, "log intervention: Enter -> row in model, committed", series["enter"],
                  "ms", goal=GOAL_MS, note=where + "; synchronous=FULL (the app's setting)"),
        Result.of(NAME, "log intervention: Enter -> row shown (events processed)",
                  series["settled"], "ms", note="adds the layout/repaint the key press queued"),
        Result.of(NAME, "log intervention: typing, per character", series["typing"], "ms",
                  note="QTest.keyClicks of the text, not counted in the goal"),
        Result.of(NAME, "log intervention with synchronous=NORMAL: Enter -> row, committed",
                  normal["enter"], "ms", note="for comparison only; the app uses FULL"),
        Result.of(NAME, "log intervention, the longest meeting: Enter -> row, committed",
                  longest["enter"], "ms",
                  note=f"{len(longest['enter'])} entries into the longest generated meeting "
                  f"({long_before} interventions, 3 hours), reopened (running); info"),
    ]  # fmt: skip
