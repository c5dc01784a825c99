"""6. PDFs: build the report data (alcoach.data.report_builder), then render it (alcoach.export).

Meeting summary and feedback sheets of the newest meeting; the set progress report of the set
with the most meetings. Each is timed as its two parts and in total; the goal is on the total. The
first rendering of the run (reportlab's import, font loading) is given apart as "cold".

Long texts: the newest meeting's summary with a 1,000,000-character coach's note (private notes
included) or a 200,000-character intervention added, and the fullest set's progress report under
a 3,000-character set name; rendering only, at most 30 s each.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable

from benchmarks.common import Bench, Result
from benchmarks.facts import newest_meeting, set_of

NAME = "pdfs"
GOALS_S = {"meeting summary": 0.3, "feedback sheets": 0.3, "set progress report": 1.5}
LONG_TEXT_GOAL_S = 30.0
_WORDS = ("the", "set", "asked", "what", "had", "changed", "since", "the", "sponsor's", "visit",
          "and", "who", "owned", "the", "backlog")  # fmt: skip


def prose(characters: int) -> str:
    """Typed-looking text of about `characters` characters, in sentences, without line breaks."""
    words, size = [], 0
    for number, word in enumerate(itertools.cycle(_WORDS)):
        words.append(word + ("." if number % 17 == 16 else ""))
        size += len(word) + 1
        if size >= characters:
            return " ".join(words)[:characters]
    raise AssertionError("unreachable")


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
        meeting_id = newest_meeting(data_dir)
        set_id, set_meetings = set_of(data_dir, newest_meeting(data_dir))
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
            meeting_report = rb.build_meeting_report(meeting_id)
            set_report = rb.build_set_report(set_id)
            for name, (build, render) in docs.items():
                parts = [_timed(build, render) for _ in range(reps)]
                builds, renders = [b for b, _ in parts], [r for _, r in parts]
                totals = [b + r for b, r in parts]
                where = (f"set of {set_meetings} meetings" if name == "set progress report"
                         else "the newest meeting (the generator's usual size)")  # fmt: skip
                rows += [
                    Result.of(NAME, f"{name}: build + render", totals, "s",
                              goal=GOALS_S[name], judged_on="median", note=where),
                    Result.of(NAME, f"{name}: build (data)", builds, "s"),
                    Result.of(NAME, f"{name}: render (PDF)", renders, "s"),
                ]  # fmt: skip
            rows += _longest(rb, api, data_dir, bench.reps(full=3, quick=1))
        finally:
            store.close()
    rows += _long_texts(bench.reps(full=3, quick=1), meeting_report, set_report)
    rows.append(
        Result.of(NAME, "meeting summary, cold (first PDF of the process)",
                  [cold_build + cold_render], "s",
                  note=f"build {cold_build:.3f} s + render {cold_render:.3f} s incl. imports")
    )  # fmt: skip
    return rows


def _longest(rb, api, data_dir, reps: int) -> list[Result]:
    """The longest generated meeting's summary and sheets, and the set of the most meetings'
    report: rows for information beside the usual ones."""
    from benchmarks.facts import count_rows, longest_meeting, longest_set

    meeting_id = longest_meeting(data_dir)
    set_id, set_meetings = longest_set(data_dir)
    notes = count_rows(data_dir, "intervention", meeting_id)
    cases = (
        ("meeting summary, the longest meeting", lambda: rb.build_meeting_report(meeting_id),
         api.render_meeting_summary, f"{notes} interventions over 3 hours"),
        ("feedback sheets, the longest meeting", lambda: rb.build_feedback_sheets(meeting_id),
         api.render_feedback_sheets, f"{notes} interventions over 3 hours"),
        (f"set progress report, the set of {set_meetings} meetings",
         lambda: rb.build_set_report(set_id), api.render_set_report,
         f"{set_meetings} meetings of one set"),
    )  # fmt: skip
    rows = []
    for name, build, render, where in cases:
        totals = [sum(_timed(build, render)) for _ in range(reps)]
        rows.append(Result.of(NAME, f"{name}: build + render", totals, "s",
                              note=f"{where}; {reps} runs; info"))  # fmt: skip
    return rows


def _long_texts(reps: int, meeting, set_progress) -> list[Result]:
    from alcoach.data.reports import InterventionLine
    from alcoach.export import ExportOptions, api

    intervention = InterventionLine(600, None, "Questioning", "clarifying", prose(200_000))
    header = dataclasses.replace(set_progress.header, set_name=prose(3_000))
    cases = {
        "1,000,000-character coach's note (meeting summary)": lambda: api.render_meeting_summary(
            dataclasses.replace(meeting, coach_notes=prose(1_000_000)),
            ExportOptions(include_private_notes=True),
        ),
        "200,000-character intervention (meeting summary)": lambda: api.render_meeting_summary(
            dataclasses.replace(meeting, interventions=(intervention, *meeting.interventions))
        ),
        "3,000-character set name (set progress report)": lambda: api.render_set_report(
            dataclasses.replace(set_progress, header=header)
        ),
    }
    rows = []
    for name, render in cases.items():
        times = []
        for _ in range(reps):
            start = time.perf_counter()
            if not render().startswith(b"%PDF"):
                raise RuntimeError("the renderer returned no PDF")
            times.append(time.perf_counter() - start)
        rows.append(
            Result.of(NAME, f"long text: {name}", times, "s", goal=LONG_TEXT_GOAL_S,
                      judged_on="max", note="render (PDF) only")
        )  # fmt: skip
    return rows
