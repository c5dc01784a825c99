"""One writer per data folder, with real processes: a holder, a second alcoach, kill -9."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from alcoach.data.lock import holds_folder, release_folder, require_folder, try_hold_folder
from alcoach.errors import DatabaseError

REPO = Path(__file__).resolve().parents[2]

# Opens the folder as the window does (the lock, the marker, WAL), says so, and waits.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from alcoach.data.store import open_store

    open_store(Path(sys.argv[1]), defer_check=True)
    print("holding", flush=True)
    time.sleep(600)
    """
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ALCOACH_DATA_DIR"}
    env["PYTHONIOENCODING"] = "utf-8"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def alcoach(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("alcoach: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def start_holder(data_dir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        cwd=REPO,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "holding", proc.stderr.read()
    return proc


def stop(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.wait(timeout=30)


def folder_state(data_dir: Path) -> tuple[list[str], str, int]:
    db = data_dir / "alcoach.db"
    listing = sorted(p.name for p in data_dir.iterdir())
    return listing, hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("lock") / "data"
    made = alcoach(data_dir, "demo")
    assert made.returncode == 0, made.stderr
    made = alcoach(data_dir, "backup")  # backups/ exists, as beside any window that has run
    assert made.returncode == 0, made.stderr
    return data_dir


def test_a_process_takes_the_lock_once_and_counts_its_holders(tmp_path):
    assert try_hold_folder(tmp_path) and try_hold_folder(tmp_path)
    release_folder(tmp_path)
    assert holds_folder(tmp_path)
    release_folder(tmp_path)
    assert not holds_folder(tmp_path)
    assert (tmp_path / "alcoach.lock").exists()  # the lock is the kernel's, not the file's


def test_background_work_checks_the_lock_and_never_takes_it(tmp_path):
    from alcoach.ui.shell.data_work import make_backup

    with pytest.raises(DatabaseError, match="no longer holds") as raised:
        require_folder(tmp_path, "The backup")
    assert "\n" not in str(raised.value)
    with pytest.raises(DatabaseError, match="The backup did not run"):
        make_backup(tmp_path / "alcoach.db", None)
    assert not holds_folder(tmp_path)
    assert not (tmp_path / "backups").exists()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_kill_9_of_the_holder_leaves_no_stale_lock(tmp_path):
    data_dir = tmp_path / "data"
    holder = start_holder(data_dir)
    try:
        assert not try_hold_folder(data_dir)
        refused = one_sentence(alcoach(data_dir, "demo"))
        assert "already open" in refused
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert (data_dir / "alcoach.lock").exists()  # the file stays; the lock went with the process
    made = alcoach(data_dir, "demo")
    assert made.returncode == 0, made.stderr
    assert try_hold_folder(data_dir)
    release_folder(data_dir)


def test_commands_that_write_are_refused_while_another_process_holds_the_folder(demo_dir, tmp_path):
    archive = tmp_path / "all.json"
    assert alcoach(demo_dir, "archive", "export", str(archive)).returncode == 0
    backup = sorted((demo_dir / "backups").iterdir())[0]
    holder = start_holder(demo_dir)
    try:
        before = folder_state(demo_dir)
        for args, named in (
            (("demo",), "`alcoach demo`"),
            (("restore", str(backup)), "`alcoach restore`"),
            (("archive", "import", str(archive)), "`alcoach archive import`"),
        ):
            refused = one_sentence(alcoach(demo_dir, *args))
            assert "already open on" in refused and named in refused, refused
        assert folder_state(demo_dir) == before
    finally:
        stop(holder)


def test_commands_that_read_work_beside_the_holder_and_write_nothing(demo_dir, tmp_path):
    holder = start_holder(demo_dir)
    try:
        marker = (demo_dir / "alcoach.db.open").read_text()
        before = folder_state(demo_dir)
        assert {"alcoach.db-wal", "alcoach.db-shm", "alcoach.lock"} <= set(before[0])
        backups_before = len(list((demo_dir / "backups").iterdir()))

        listed = alcoach(demo_dir, "list", "sets", "--json")
        assert listed.returncode == 0, listed.stderr
        set_id = json.loads(listed.stdout)[0]["id"]
        meetings = alcoach(demo_dir, "list", "meetings", "--json")
        assert meetings.returncode == 0 and json.loads(meetings.stdout), meetings.stderr
        for args in (
            ("archive", "export", str(tmp_path / "all.json")),
            ("backup", "--out", str(tmp_path / "copy.db")),
            ("backup",),
            ("export", "set", str(set_id), "--out", str(tmp_path / "set.pdf")),
        ):
            done = alcoach(demo_dir, *args)
            assert done.returncode == 0, (args, done.stderr)

        assert folder_state(demo_dir) == before
        assert (demo_dir / "alcoach.db.open").read_text() == marker  # the holder's, kept
        assert len(list((demo_dir / "backups").iterdir())) == backups_before + 1
        assert json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["sets"]
        assert (tmp_path / "set.pdf").read_bytes().startswith(b"%PDF")
    finally:
        stop(holder)


def test_a_reading_command_on_a_free_folder_holds_it_while_it_runs(demo_dir):
    listed = alcoach(demo_dir, "list", "sets")
    assert listed.returncode == 0, listed.stderr
    assert not (demo_dir / "alcoach.db.open").exists()  # its own marker went at its close
    assert try_hold_folder(demo_dir)
    release_folder(demo_dir)


def _second_window(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return alcoach(data_dir, "--startup-check")


def test_a_second_window_says_alcoach_is_open_and_brings_the_first_forward(tmp_path):
    data_dir = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data_dir)],
        cwd=REPO,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (data_dir / "alcoach.db.open").exists():  # the first holds the folder
            assert first.poll() is None and time.monotonic() < deadline, first.stderr.read()
            time.sleep(0.05)
        while True:
            second = _second_window(data_dir)
            said = one_sentence(second)
            if "brought to the front" in said or time.monotonic() > deadline:
                break
            # before the first window's first paint it has no server yet: the other sentence
            assert "already open on" in said and "close it" in said, said
            assert first.poll() is None, first.stderr.read()
            time.sleep(0.2)
        wanted = f"alcoach is already open on {data_dir}; its window was brought to the front."
        assert said == f"alcoach: {wanted}"
        assert first.poll() is None  # the first window goes on
    finally:
        stop(first)
