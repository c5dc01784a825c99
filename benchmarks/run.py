"""Run the benchmark: build (or reuse) the coach's ten years, measure, print a table, write JSON.

    .venv/bin/python -m benchmarks.run            # everything, full scale (several minutes)
    .venv/bin/python -m benchmarks.run --quick    # a small generated scale, a fast smoke run
    .venv/bin/python -m benchmarks.run --only search --only pdfs
    .venv/bin/python -m benchmarks.run --fresh    # rebuild the cached data folder

A full run writes benchmarks/results/latest.json; a --quick or --only run writes
benchmarks/results/partial.json, so it never replaces the full table.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MEASURES = (
    "startup",
    "logging",
    "tally",
    "undo",
    "bank",
    "search",
    "pdfs",
    "responsiveness",
    "archive",
    "memory",
    "clock",
    "import_memory",
    "encrypted",
    "practice",
)
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        action="append",
        choices=MEASURES,
        metavar="NAME",
        help=f"run only this measure (repeatable): {', '.join(MEASURES)}",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small generated scale and fewer repetitions (a smoke run)",
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached data folder")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where built data folders are kept (default benchmarks/.cache)",
    )
    parser.add_argument("--out", type=Path, default=None, help="the JSON file to write")
    return parser.parse_args(argv)


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "us":
        return f"{value:.1f} us"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.0f} {unit}"


def table(results, quick: bool) -> str:
    rows = [("measure", "name", "median", "p95", "goal", "result")]
    for r in results:
        if r.goal is None:
            goal, verdict = "", "info"
        else:
            goal = f"<= {_fmt(r.goal, r.unit)} ({r.judged_on})"
            verdict = "PASS" if r.passed else "FAIL"
        rows.append((r.measure, r.name, _fmt(r.median, r.unit), _fmt(r.p95, r.unit), goal, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if quick:
        lines.insert(0, "QUICK RUN at a small generated scale: the goals are for the full scale.")
    return "\n".join(lines)


def markdown_table(results) -> str:
    """The same table for the README."""
    lines = ["| measure | median | p95 | goal | result |", "|---|---|---|---|---|"]
    for r in results:
        if r.goal is None:
            goal, verdict = "", "info"
        else:
            goal = f"≤ {_fmt(r.goal, r.unit)} ({r.judged_on})"
            verdict = "**pass**" if r.passed else "**FAIL**"
        lines.append(
            f"| {r.name} | {_fmt(r.median, r.unit)} | {_fmt(r.p95, r.unit)} | {goal} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    from benchmarks import dataset, machine
    from benchmarks.common import FULL, QUICK, Bench

    started = time.perf_counter()
    scale = QUICK if args.quick else FULL
    chosen = [m for m in MEASURES if not args.only or m in args.only]
    partial = args.quick or bool(args.only)
    out = args.out or RESULTS_DIR / ("partial.json" if partial else "latest.json")
    cache_root = args.cache_dir or dataset.DEFAULT_CACHE
    info = machine.describe()
    print(f"Machine: {machine.one_line(info)}")
    print(
        f"Scale: {scale.describe()}"
        + (" (QUICK: a smoke run, not the goal's scale)" if args.quick else "")
    )
    meta = dataset.ensure_dataset(scale, cache_root, fresh=args.fresh)
    data_dir, archive_path = dataset.paths(scale, cache_root)
    work_root = Path(tempfile.mkdtemp(prefix="work-", dir=cache_root))
    bench = Bench(
        scale=scale,
        quick=args.quick,
        cache_data_dir=data_dir,
        archive_path=archive_path,
        work_root=work_root,
    )
    results, errors = [], []
    try:
        for name in chosen:
            print(f"\n== {name} ==", flush=True)
            t0 = time.perf_counter()
            try:
                module = importlib.import_module(f"benchmarks.measure_{name}")
                rows = module.measure(bench)
            except Exception as exc:
                traceback.print_exc()
                errors.append({"measure": name, "error": f"{type(exc).__name__}: {exc}"})
                continue
            for row in rows:
                verdict = "info" if row.passed is None else ("PASS" if row.passed else "FAIL")
                print(
                    f"  {row.name}: median {_fmt(row.median, row.unit)}, "
                    f"p95 {_fmt(row.p95, row.unit)}  [{verdict}] {row.note}",
                    flush=True,
                )
            print(f"  ({time.perf_counter() - t0:.1f} s)")
            results.extend(rows)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)

    print()
    print(table(results, args.quick))
    goals = [r for r in results if r.goal is not None]
    print(
        f"\n{sum(1 for r in goals if r.passed)} of {len(goals)} goals met"
        + (
            f"; {len(errors)} measure(s) failed to run: " + ", ".join(e["measure"] for e in errors)
            if errors
            else ""
        )
    )
    info["load_average_at_end"] = machine.load_average()
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "measures": chosen,
        "scale": scale.as_kwargs(),
        "scale_text": scale.describe(),
        "dataset": meta,
        "machine": info,
        "duration_s": round(time.perf_counter() - started, 1),
        "results": [r.as_dict() for r in results],
        "errors": errors,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(
        f"Machine: {machine.one_line(info)}\n\nScale: {scale.describe()}\n\n"
        f"{markdown_table(results)}\n",
        encoding="utf-8",
    )
    print(f"Wrote {out} and {out.with_suffix('.md').name}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
