"""7. The window while the set report is exported: the longest gap between ticks of a 10 ms timer.

The export runs as the window runs it: through the in-app export worker
(alcoach.ui.printing.export_worker.ExportWorker) when that module exists, else the same work
(build the data, render, write the file) through alcoach.ui.kit.tasks.run_in_background. A QTimer
on the UI thread ticks every 10 ms meanwhile; the longest gap between two ticks is the longest
moment the window could not have answered a key. The same window idling for as long gives the
baseline.
"""

from __future__ import annotations

import importlib
import itertools
import statistics
import time
from pathlib import Path

from benchmarks.common import Bench, Result
from benchmarks.facts import newest_meeting, set_of
from benchmarks.window import open_window, qt_app

NAME = "responsiveness"
GOAL_MS = 50.0
TICK_MS = 10
TIMEOUT_S = 120.0


def _starter(win, set_id: int, path: Path, kind: str = "SET_REPORT"):
    """(how, start(on_done)) for the export of the set report (or, with `kind` MEETING, of a
    meeting's summary: `set_id` is then the meeting's id) to `path`."""
    try:
        worker_module = importlib.import_module("alcoach.ui.printing.export_worker")
        worker_class = worker_module.ExportWorker
        request = worker_module.ExportRequest(getattr(worker_module, kind), set_id, path)
    except (ImportError, AttributeError, TypeError):
        worker_module = None
    if worker_module is not None:
        worker = getattr(win.window, "export_worker", None) or worker_class(win.ctx, win.window)

        def start_worker(done) -> None:
            worker.export_finished.connect(lambda _path: done(None))
            worker.export_failed.connect(lambda sentence: done(sentence))
            worker.start(request)

        return "alcoach.ui.printing.export_worker.ExportWorker", start_worker

    from alcoach.ui.kit.tasks import run_in_background

    def work() -> None:
        from alcoach.data.report_builder import build_set_report
        from alcoach.export.api import render_set_report, write_pdf

        write_pdf(render_set_report(build_set_report(set_id)), path)

    def start_task(done) -> None:
        run_in_background(work, on_success=lambda _r: done(None), on_failure=lambda e: done(e))

    return "alcoach.ui.kit.tasks.run_in_background", start_task


def _ticks_during(start=None, idle_s: float = 0.0) -> tuple[float, float]:
    """(longest gap in ms, seconds it ran) while `start(done)` works, or for `idle_s`."""
    from PySide6.QtCore import QEventLoop, QTimer

    app = qt_app()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def done(error: object) -> None:
        outcome["error"] = error
        loop.quit()

    app.processEvents()
    timer.start()
    ticks.append(time.perf_counter())
    t0 = time.perf_counter()
    if start is None:
        QTimer.singleShot(int(idle_s * 1000), loop.quit)
    else:
        QTimer.singleShot(0, lambda: start(done))
        QTimer.singleShot(int(TIMEOUT_S * 1000), lambda: done("timed out"))
    loop.exec()
    timer.stop()
    ticks.append(time.perf_counter())
    if outcome.get("error") is not None:
        raise RuntimeError(f"the export failed: {outcome['error']}")
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    return max(gaps), time.perf_counter() - t0


def _exports(bench: Bench, win, target: int, kind: str, reps: int, name: str):
    exporting, idle, durations, how = [], [], [], ""
    for i in range(reps):
        path = bench.work_root / f"{name}-{i}.pdf"
        how, start = _starter(win, target, path, kind)
        gap, seconds = _ticks_during(start)
        if not path.exists() or not path.read_bytes().startswith(b"%PDF"):
            raise RuntimeError(f"{how} wrote no PDF")
        path.unlink()
        exporting.append(gap)
        durations.append(seconds)
        idle.append(_ticks_during(idle_s=seconds)[0])
    return exporting, idle, durations, how


def measure(bench: Bench) -> list[Result]:
    from benchmarks.facts import count_rows, longest_meeting

    reps = bench.reps(full=20, quick=2)
    with bench.work_copy() as data_dir:
        set_id, set_meetings = set_of(data_dir, newest_meeting(data_dir))
        longest = longest_meeting(data_dir)
        notes = count_rows(data_dir, "intervention", longest)
        with open_window(data_dir, newest_meeting(data_dir), running=True) as win:
            exporting, idle, durations, how = _exports(bench, win, set_id, "SET_REPORT", reps,
                                                       "set-report")  # fmt: skip
        with open_window(data_dir, longest, running=True) as win:
            on_longest, _, long_durations, _ = _exports(bench, win, longest, "MEETING", reps,
                                                        "longest")  # fmt: skip
    rows = [
        Result.of(NAME, "longest UI gap while exporting the set report", exporting, "ms",
                  goal=GOAL_MS,
                  note=f"via {how}; {set_meetings} meetings; {TICK_MS} ms timer; p95 of {reps} "
                  "exports, the first of which also imports reportlab"),
        Result.of(NAME, "longest UI gap while exporting the longest meeting's summary",
                  on_longest, "ms", goal=GOAL_MS,
                  note=f"the longest generated meeting ({notes} interventions, 3 hours) open and "
                  f"running; p95 of {reps} exports; {statistics.median(long_durations):.2f} s "
                  "each (median)"),
        Result.of(NAME, "longest UI gap, window idle as long", idle, "ms",
                  note="the baseline: the same window and timer with nothing exported"),
        Result.of(NAME, "set report export duration (in the background)", durations, "s"),
    ]  # fmt: skip
    return rows
