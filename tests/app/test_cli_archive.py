"""`alcoach archive export/import` from the command line, as a script would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from archive_support import SAMPLE

from benchmarks.generate import generate_archive

ROOT = Path(__file__).resolve().parents[2]


def _alcoach(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data_dir), "archive", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_import_then_export_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    done = _alcoach(data, "import", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"Imported {SAMPLE}: 2 meetings added, 0 already here, 0 updated; 1 set added, "
        "2 questions added."
    )
    done = _alcoach(data, "import", str(SAMPLE))
    assert done.stdout.strip() == f"Imported {SAMPLE}: 0 meetings added, 2 already here, 0 updated."
    out = tmp_path / "out.json"
    done = _alcoach(data, "export", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 set, 2 meetings, 2 interventions" in done.stdout
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [m["title"] for m in exported["meetings"]] == [
        "Empty homes backlog",
        "Report-back and a new problem",
    ]


def test_a_generated_archive_with_hostile_text_imports(tmp_path):
    path = tmp_path / "generated.json"
    path.write_text(json.dumps(generate_archive(seed=4), ensure_ascii=False), encoding="utf-8")
    done = _alcoach(tmp_path / "data", "import", str(path))
    assert done.returncode == 0, done.stderr
    assert "6 meetings added, 0 already here, 0 updated; 2 sets added" in done.stdout


def _assert_one_sentence(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for part in expected:
        assert part in lines[0]


def test_a_file_that_is_not_json_fails_in_one_sentence(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    done = _alcoach(tmp_path / "data", "import", str(bad))
    _assert_one_sentence(done, "is not a JSON file (a syntax error after archive: ")


def test_a_broken_link_fails_in_one_sentence_and_writes_nothing(tmp_path):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["meetings"][0]["actions"][0]["owner"] = "mem-99"
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    data = tmp_path / "data"
    done = _alcoach(data, "import", str(bad))
    _assert_one_sentence(done, 'meetings[0].actions[0].owner: no member "mem-99" in set "set-1"')
    out = tmp_path / "after.json"
    assert _alcoach(data, "export", str(out)).returncode == 0
    after = json.loads(out.read_text(encoding="utf-8"))
    assert after["sets"] == [] and after["meetings"] == []


def test_a_newer_archive_fails_in_one_sentence(tmp_path):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["version"] = 5
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    done = _alcoach(tmp_path / "data", "import", str(newer))
    _assert_one_sentence(
        done, "is an archive of version 5, newer than this alcoach reads (up to version 4): "
    )


def test_a_missing_file_and_an_unwritable_export_fail_in_one_sentence(tmp_path):
    done = _alcoach(tmp_path / "data", "import", str(tmp_path / "absent.json"))
    _assert_one_sentence(done, "cannot be read")
    done = _alcoach(tmp_path / "data", "export", str(tmp_path / "no" / "such" / "dir.json"))
    _assert_one_sentence(done, "could not be written")
