"""The command line, run as a coach or a script would run it: a separate process each time."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alcoach import __version__
from alcoach.data.demo_content import SET_NAME

REPO = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ALCOACH_DATA_DIR"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def assert_one_sentence_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("alcoach: ")
    return lines[0]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """One data folder with the demo, shared by the read-only tests of this module."""
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    result = run(data_dir, "demo")
    assert result.returncode == 0, result.stderr
    assert "demo programme" in result.stdout
    return data_dir


def test_version(tmp_path):
    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"alcoach {__version__}"


def test_demo_then_list_sets(demo_dir):
    plain = run(demo_dir, "list", "sets")
    assert plain.returncode == 0, plain.stderr
    assert SET_NAME in plain.stdout

    as_json = run(demo_dir, "list", "sets", "--json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert isinstance(rows, list)
    demo = next(r for r in rows if r["name"] == SET_NAME)
    assert demo["programme"].startswith("Demo")

    meetings = run(demo_dir, "list", "meetings", "--set", str(demo["id"]), "--json")
    assert meetings.returncode == 0, meetings.stderr
    listed = json.loads(meetings.stdout)
    assert len(listed) == 3
    assert [m["date"] for m in listed] == sorted((m["date"] for m in listed), reverse=True)
    assert {m["set"] for m in listed} == {SET_NAME}


def test_demo_twice_says_it_is_there(demo_dir):
    again = run(demo_dir, "demo")
    assert again.returncode == 0
    assert "already" in again.stdout
    assert len(json.loads(run(demo_dir, "list", "sets", "--json").stdout)) == 1


def test_unknown_set_is_one_sentence_and_a_failure(demo_dir):
    line = assert_one_sentence_failure(run(demo_dir, "list", "meetings", "--set", "999"))
    assert "999" in line


def test_backup_into_the_backups_folder_and_to_a_file(tmp_path, demo_dir):
    into_folder = run(demo_dir, "backup")
    assert into_folder.returncode == 0, into_folder.stderr
    assert "Backed up to" in into_folder.stdout
    assert any((demo_dir / "backups").glob("alcoach-*_manual.db"))

    out = tmp_path / "copy.db"
    to_file = run(demo_dir, "backup", "--out", str(out))
    assert to_file.returncode == 0, to_file.stderr
    assert str(out) in to_file.stdout
    assert out.stat().st_size > 0


def test_restore_a_backup_into_another_folder(tmp_path, demo_dir):
    copy = tmp_path / "copy.db"
    assert run(demo_dir, "backup", "--out", str(copy)).returncode == 0
    other = tmp_path / "other"
    assert json.loads(run(other, "list", "sets", "--json").stdout) == []

    restored = run(other, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    names = [r["name"] for r in json.loads(run(other, "list", "sets", "--json").stdout)]
    assert names == [SET_NAME]
    assert any((other / "backups").glob("*before-restore*"))  # the empty one was kept aside


def test_restore_of_a_missing_file_fails_cleanly(tmp_path):
    line = assert_one_sentence_failure(run(tmp_path, "restore", str(tmp_path / "nope.db")))
    assert "nope.db" in line


def test_a_corrupt_database_is_one_sentence_and_left_alone(tmp_path):
    db_file = tmp_path / "alcoach.db"
    db_file.write_bytes(os.urandom(16384))
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()

    line = assert_one_sentence_failure(run(tmp_path, "list", "sets"))

    assert str(db_file) in line
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before
