"""4. Question-bank filtering per keystroke, in the window's dock over the whole bank.

Each character is one QTest.keyClick into the dock's filter line; the filter runs inside the key
press (textChanged), and the goal is judged on that, like logging and tallies. Beside it: the time
until the window has also processed what the key press queued (the view's re-layout and repaint),
when the coach sees the shorter list.
"""

from __future__ import annotations

import time

from benchmarks.common import Bench, Result
from benchmarks.facts import newest_meeting
from benchmarks.window import open_window, qt_app

NAME = "bank"
GOAL_MS = 5.0
WORDS = ("what", "team", "success", "assume", "budget", "who else", "energy", "xyz", "how would")


def measure(bench: Bench) -> list[Result]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = qt_app()
    rounds = bench.reps(full=5, quick=1)
    key_ms, shown_ms, backspace_ms = [], [], []
    with bench.work_copy() as data_dir, open_window(data_dir, newest_meeting(data_dir)) as win:
        dock = win.panel("bank")
        dock.focus_filter()
        line, proxy = dock.filter, dock.proxy
        total = dock.model.rowCount()
        for _ in range(rounds):
            for word in WORDS:
                for char in word:
                    t0 = time.perf_counter()
                    QTest.keyClick(line, char)
                    t1 = time.perf_counter()
                    app.processEvents()
                    t2 = time.perf_counter()
                    key_ms.append((t1 - t0) * 1000)
                    shown_ms.append((t2 - t0) * 1000)
                if proxy.rowCount() > total:
                    raise RuntimeError("the filter shows more rows than the bank holds")
                while line.text():  # the coach deletes the word again, one key at a time
                    t0 = time.perf_counter()
                    QTest.keyClick(line, Qt.Key.Key_Backspace)
                    app.processEvents()
                    backspace_ms.append((time.perf_counter() - t0) * 1000)
        if proxy.rowCount() != total:
            raise RuntimeError("the emptied filter does not show the whole bank")
    where = f"{len(shown_ms)} keystrokes over {total} questions (archived ones hidden)"
    return [
        Result.of(NAME, "bank filter: keystroke -> filtered (proxy updated)", key_ms, "ms",
                  goal=GOAL_MS, note=where),
        Result.of(NAME, "bank filter: keystroke -> list shown (events processed)", shown_ms,
                  "ms", note="adds the view's re-layout and repaint"),
        Result.of(NAME, "bank filter: Backspace -> list shown", backspace_ms, "ms",
                  note="the list grows again"),
    ]  # fmt: skip
