"""The benchmark harness works: its --quick path runs one cheap measure and writes its JSON.

Not a benchmark (no timing is asserted): the full run is `python -m benchmarks.run`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ sits beside tests/, outside the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import run  # noqa: E402


def test_quick_search_measure_writes_a_result(tmp_path, capsys):
    out = tmp_path / "result.json"
    code = run.main(
        ["--quick", "--only", "search", "--cache-dir", str(tmp_path / "cache"), "--out", str(out)]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert report["errors"] == []
    assert report["machine"]["cores"] >= 1
    *timed, cold, size = report["results"]
    assert len(timed) == 4  # words, CJK, one and two characters, accents (warm)
    assert cold["name"] == "search notes: first query after a cold open"
    assert cold["n"] == 3 and cold["median"] > 0 and "posix_fadvise" in cold["note"]
    for row in timed:
        assert row["measure"] == "search"
        assert row["n"] > 0 and row["median"] > 0 and row["p95"] >= row["median"]
        assert row["goal"] == 30.0 and row["passed"] in (True, False)
    assert size["goal"] is None and size["bytes_with"] > size["bytes_without"] > 0
    printed = capsys.readouterr().out
    assert "QUICK RUN" in printed and "search notes (service)" in printed
    # the built data folder is cached: a second run reuses it
    assert (
        run.main(
            [
                "--quick",
                "--only",
                "search",
                "--cache-dir",
                str(tmp_path / "cache"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "Using the cached data folder" in capsys.readouterr().out


def test_quick_archive_measure_times_import_export_and_both_merges(tmp_path):
    out = tmp_path / "result.json"
    code = run.main(
        ["--quick", "--only", "archive", "--cache-dir", str(tmp_path / "cache"), "--out", str(out)]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == []
    rows = {row["name"]: row for row in report["results"]}
    goals = {
        "archive import, everything (generated version-1 archive)": 30.0,
        "archive import, everything (ten years' own export)": 30.0,
        "archive export, everything": 10.0,
        "archive merge back, everything already here (ten years' own export)": 10.0,
        "archive merge of one meeting into the ten years": 2.0,
    }
    assert set(rows) == set(goals)
    for name, goal in goals.items():
        row = rows[name]
        assert row["measure"] == "archive" and row["goal"] == goal and row["judged_on"] == "median"
        assert row["n"] == 2 and row["median"] > 0 and row["passed"] in (True, False)
    scale = report["scale"]
    meetings = scale["sets"] * scale["meetings_per_set"] + scale["long_set_meetings"]
    back = rows["archive merge back, everything already here (ten years' own export)"]
    assert back["said"] == f"0 meetings added, {meetings} already here, 0 updated"
    one = rows["archive merge of one meeting into the ten years"]
    assert one["said"] == "1 meeting added, 0 already here, 1 updated"  # no conflict either


def test_the_start_up_yardsticks_show_paint_and_say_their_memory():
    import os
    import re
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for script, word in (("bare_window.py", "bare-window"), ("shape_window.py", "shape-window")):
        done = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / script)],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert re.search(rf"^{word} ok \d+$", done.stdout, re.M), done.stdout
        peak = re.search(r"^startup-peak-rss-kb (\d+)$", done.stdout, re.M)
        assert peak and 10_000 < int(peak.group(1)) < 2_000_000


def test_quick_practice_measure_times_hours_tables_and_an_erasure(tmp_path):
    out = tmp_path / "result.json"
    code = run.main(
        ["--quick", "--only", "practice", "--cache-dir", str(tmp_path / "cache"), "--out", str(out)]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == []
    names = [row["name"] for row in report["results"]]
    assert names[0].startswith("hours log") and names[-1].startswith("erase a member")
    assert sum(name.startswith("CSV of") for name in names) == 6
    assert all(row["goal"] is not None and row["median"] > 0 for row in report["results"])


def test_quick_rows_of_the_longest_meeting_the_longest_set_and_a_real_start(tmp_path):
    out = tmp_path / "result.json"
    code = run.main(
        [
            "--quick",
            "--only",
            "pdfs",
            "--only",
            "startup",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == []
    rows = {row["name"]: row for row in report["results"]}
    for name in (
        "meeting summary, the longest meeting: build + render",
        "feedback sheets, the longest meeting: build + render",
        "set progress report, the set of 6 meetings: build + render",
        "alcoach start and quit, a coach's folder: whole process (wall)",
        "alcoach --startup-check, the longest meeting open: window shown",
    ):
        assert rows[name]["median"] > 0 and rows[name]["goal"] is None, name
    assert (
        "closing backup"
        in rows["alcoach start and quit, a coach's folder: whole process (wall)"]["note"]
    )
    assert rows["wall ratio alcoach / bare (medians)"]["goal"] == 4.0
