"""`alcoach member erase` in new processes: it asks at a terminal, --yes confirms for scripts, it
refuses without either and while a window holds the folder, and afterwards the name is in no
file of the data folder: not the database, its -wal, the log or an archive exported after."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from test_data_cli import REPO, assert_one_sentence_failure, run

from alcoach.data.lock import hold_folder, release_folder

NAME_FORMS = ("Zoë", "Łukasiewicz", "zoe", "lukasiewicz", "Zoe")


@pytest.fixture
def demo(tmp_path):
    folder = tmp_path / "data"
    assert run(folder, "demo").returncode == 0
    assert run(folder, "backup").returncode == 0
    (folder / "alcoach.log").write_text("2026 INFO Zoë Łukasiewicz\n", encoding="utf-8")
    members = json.loads(run(folder, "list", "members", "--json").stdout)
    zoe = next(mb for mb in members if mb["name"].startswith("Zoë"))
    return folder, zoe["id"]


def _traces(folder: Path) -> list[str]:
    found = []
    for path in folder.iterdir():
        if path.is_file() and path.suffix != ".lock":
            blob = path.read_bytes()
            found += [f"{path.name}: {f}" for f in NAME_FORMS if f.encode() in blob]
    return found


def test_without_a_terminal_or_yes_nothing_is_erased(demo):
    folder, zoe = demo
    said = assert_one_sentence_failure(run(folder, "member", "erase", str(zoe)))
    assert "asks before it erases" in said and "--yes" in said
    assert "Zoë Łukasiewicz" in run(folder, "list", "members").stdout


def test_refused_while_a_window_holds_the_folder(demo):
    folder, zoe = demo
    hold_folder(folder)
    try:
        said = assert_one_sentence_failure(run(folder, "member", "erase", str(zoe), "--yes"))
    finally:
        release_folder(folder)
    assert "member erase" in said


def test_yes_erases_and_leaves_no_trace_in_the_folder(demo, tmp_path):
    folder, zoe = demo
    done = run(folder, "member", "erase", str(zoe), "--yes", "--remove-backups")
    assert done.returncode == 0, done.stderr
    assert "now Former member 1" in done.stdout and "Removed 1 backup made before." in done.stdout
    listed = run(folder, "list", "members").stdout
    assert "Former member 1\t(left)" in listed and "Zoë" not in listed
    assert _traces(folder) == [] and not list((folder / "backups").iterdir())
    out = tmp_path / "after.json"
    assert run(folder, "archive", "export", str(out)).returncode == 0
    assert not any(f.encode() in out.read_bytes() for f in NAME_FORMS)
    said = assert_one_sentence_failure(run(folder, "member", "erase", str(zoe), "--yes"))
    assert "erased already" in said


def test_at_a_terminal_it_asks_first(demo):
    import pty

    folder, zoe = demo
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "alcoach", "--data-dir", str(folder),
                                  "member", "erase", str(zoe)])  # fmt: skip
    seen = b""
    deadline = time.monotonic() + 60
    answers = [(b"This cannot be undone.", b"y\n"), (b"Remove them?", b"n\n")]
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if answers and answers[0][0] in seen:
                os.write(fd, answers.pop(0)[1])
    finally:
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert b"now Former member 1" in seen and b"still hold the name" in seen
    assert list((folder / "backups").iterdir())  # kept, as answered
