"""6. PDFs: build the report data (alcoach.data.report_builder), then render it (alcoach.export).

Meeting summary and feedback sheets of the largest meeting; the set progress report of the set
with the most meetings. Each is timed as its two parts and in total; the goal is on the total. The
first rendering of the run (reportlab's import, font loading) is given apart as "cold".
"""

from __future__ import annotations

import time
from collections.abc import Callable

from benchmarks.common import Bench, Result
from benchmarks.facts import fullest_set, largest_meeting

NAME = "pdfs"
GOALS_S = {"meeting summary": 0.3, "feedback sheets": 0.3, "set progress report": 1.5}


def _timed(build: Callable[[], object], render: Callable[[object], bytes]) -> tuple[float, float]:
    t0 = time.perf_counter()
    data = build()
    t1 = time.perf_counter()
    pdf = render(data)
    t2 = time.perf_counter()
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError("the renderer returned no PDF")
    return t1 - t0, t2 - t1


def measure(bench: Bench) -> list[Result]:
    from alcoach.data import report_builder as rb
    from alcoach.data.store import open_store
    from alcoach.export import api

    reps = bench.reps(full=5, quick=2)
    rows: list[Result] = []
    with bench.work_copy() as data_dir:
        meeting_id = largest_meeting(data_dir)
        set_id, set_meetings = fullest_set(data_dir)
        store = open_store(data_dir)
        try:
            docs = {
                "meeting summary": (lambda: rb.build_meeting_report(meeting_id),
                                    api.render_meeting_summary),
                "feedback sheets": (lambda: rb.build_feedback_sheets(meeting_id),
                                    api.render_feedback_sheets),
                "set progress report": (lambda: rb.build_set_report(set_id),
                                        api.render_set_report),
            }  # fmt: skip
            cold_build, cold_render = _timed(*docs["meeting summary"])
            for name, (build, render) in docs.items():
                parts = [_timed(build, render) for _ in range(reps)]
                builds, renders = [b for b, _ in parts], [r for _, r in parts]
                totals = [b + r for b, r in parts]
                where = (f"set of {set_meetings} meetings" if name == "set progress report"
                         else "the largest meeting")  # fmt: skip
                rows += [
                    Result.of(NAME, f"{name}: build + render", totals, "s",
                              goal=GOALS_S[name], judged_on="median", note=where),
                    Result.of(NAME, f"{name}: build (data)", builds, "s"),
                    Result.of(NAME, f"{name}: render (PDF)", renders, "s"),
                ]  # fmt: skip
        finally:
            store.close()
    rows.append(
        Result.of(NAME, "meeting summary, cold (first PDF of the process)",
                  [cold_build + cold_render], "s",
                  note=f"build {cold_build:.3f} s + render {cold_render:.3f} s incl. imports")
    )  # fmt: skip
    return rows
