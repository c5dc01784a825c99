"""13. The practice records over the ten years: the hours log with its totals and targets (goal
100 ms), each table out as CSV, read and written to a file (goal 3 s each), and erasing the member
named in the most notes, purge included (goal 10 s)."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

from benchmarks.common import Bench, Result

NAME = "practice"
HOURS_GOAL_MS = 100.0
CSV_GOAL_S = 3.0
ERASE_GOAL_S = 10.0


def _hours_samples(rounds: int) -> tuple[list[float], int]:
    from alcoach.data.hours import hours_log, totals, totals_by_year
    from alcoach.data.targets import all_progress

    samples, rows = [], 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        found = hours_log()
        totals(found), totals_by_year(found), all_progress()
        samples.append((time.perf_counter() - t0) * 1000)
        rows = len(found)
    return samples, rows


def _csv_samples(kind: str, out: Path, rounds: int) -> tuple[list[float], int, int]:
    from alcoach.data.tables import table
    from alcoach.export.csv_tables import csv_bytes
    from alcoach.fileio import write_atomically

    samples, rows, size = [], 0, 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        found = table(kind)
        data = csv_bytes(found.header, found.rows)
        write_atomically(out, data, what="CSV")
        samples.append(time.perf_counter() - t0)
        rows, size = len(found.rows), len(data)
    return samples, rows, size


def _most_named(data_dir: Path) -> tuple[int, str]:
    """The member whose first name stands in the most notes (the erasure with most to do)."""
    with closing(sqlite3.connect(data_dir / "alcoach.db")) as conn:
        members = conn.execute("SELECT id, name FROM member").fetchall()
        best = (0, members[0])
        for member_id, name in members[:40]:
            first = name.split()[0]
            count = conn.execute(
                "SELECT count(*) FROM intervention WHERE instr(text, ?) > 0", (first,)
            ).fetchone()[0]
            best = max(best, (count, (member_id, name)))
    return best[1]


def measure(bench: Bench) -> list[Result]:
    from alcoach.data.store import open_store
    from alcoach.data.tables import TABLE_KINDS

    rows: list[Result] = []
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            rounds = bench.reps(full=10, quick=3)
            samples, count = _hours_samples(rounds)
            rows.append(Result.of(
                NAME, "hours log: every entry, totals, targets (ten years)", samples, "ms",
                goal=HOURS_GOAL_MS,
                note=f"{count:,} entries (held meetings and hand-added hours) read with two "
                f"statements, then totals per year and progress towards the 3 targets; warm, "
                f"{rounds} rounds",
            ))  # fmt: skip
            for kind in TABLE_KINDS:
                csv_rounds = bench.reps(full=3, quick=1)
                samples, count, size = _csv_samples(kind, data_dir / f"{kind}.csv", csv_rounds)
                rows.append(Result.of(
                    NAME, f"CSV of {kind} (ten years, to a file)", samples, "s",
                    goal=CSV_GOAL_S, judged_on="max",
                    note=f"{count:,} rows, {size / 1e6:.1f} MB; read, written and synced; "
                    f"{csv_rounds} runs, the slowest judged",
                ))  # fmt: skip
        finally:
            store.close()
    with bench.work_copy() as data_dir:
        member_id, _ = _most_named(data_dir)
        store = open_store(data_dir)
        try:
            from alcoach.data.erasure import erase_member, plan_erasure, purge_traces

            plan = plan_erasure(member_id)
            steps: list[int] = []
            t0 = time.perf_counter()
            erase_member(member_id, progress=lambda what, done, total: steps.append(done))
            purge_traces()
            took = time.perf_counter() - t0
        finally:
            store.close()
    rows.append(Result.of(
        NAME, "erase a member (ten years, purge included)", [took], "s",
        goal=ERASE_GOAL_S, judged_on="max",
        note=f"the member named in the most notes ({plan.notes:,} notes to rewrite, "
        f"{plan.feedback} feedback records); the name out of every note, the search index "
        f"optimised, VACUUM and the -wal truncated; {len(steps)} progress reports; one run",
    ))  # fmt: skip
    return rows
