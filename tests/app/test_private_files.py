"""Private on a shared machine (issue 18): the data folder is the coach's alone and every file
alcoach writes is 0600, through the real command in new processes with the usual umask 022; no
secret on a command line; the log never quotes what a coach typed; check copies stay inside the
folder; deleted words are overwritten."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from alcoach import privacy
from alcoach.logfile import PrivateFormatter

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Zyxwv-private-words"

pytestmark = pytest.mark.skipif(not privacy.HAS_MODES, reason="file modes are POSIX only")


def alcoach(folder: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
    """`alcoach --data-dir folder ...` in a new process started with `umask`."""
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(folder), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip


def open_to_others(root: Path) -> list[str]:
    """Every path under `root` (itself included) that another user could read or enter."""
    paths = [root, *root.rglob("*")]
    return [f"{p} {stat.filemode(p.stat().st_mode)}" for p in paths if p.stat().st_mode & 0o077]


def test_a_new_folder_and_every_file_written_into_it_or_out_of_it_are_private(tmp_path):
    folder = tmp_path / "new" / "data"
    assert alcoach(folder, "demo").returncode == 0
    assert alcoach(folder, "backup").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    assert alcoach(folder, "archive", "export", str(out / "all.json")).returncode == 0
    done = alcoach(folder, "export", "blank", "1", "--out", str(out / "sheet.pdf"))
    assert done.returncode == 0, done.stderr
    assert open_to_others(folder) == []
    assert sorted(p.name for p in out.iterdir()) == ["all.json", "sheet.pdf"]
    assert [p for p in out.iterdir() if p.stat().st_mode & 0o077] == []
    assert list(folder.glob("backups/*.db"))  # the backup was made, privately


def test_an_open_folder_is_tightened_once_and_said_once(tmp_path):
    folder = tmp_path / "data"
    assert alcoach(folder, "demo").returncode == 0
    assert alcoach(folder, "backup").returncode == 0
    for path in [folder, *folder.rglob("*")]:  # as an older alcoach (or a copy) left it
        path.chmod(0o755 if path.is_dir() else 0o644)
    (folder / "notes-of-my-own.txt").write_text("not alcoach's", encoding="utf-8")
    (folder / "notes-of-my-own.txt").chmod(0o644)
    first = alcoach(folder, "list", "sets")
    assert first.returncode == 0, first.stderr
    assert "now private to you" in first.stderr
    assert open_to_others(folder) == [f"{folder / 'notes-of-my-own.txt'} -rw-r--r--"]
    second = alcoach(folder, "list", "sets")
    assert "private" not in second.stderr  # said once


def test_a_pdf_password_on_the_command_line_is_refused_with_the_reason(tmp_path):
    folder = tmp_path / "data"
    assert alcoach(folder, "demo").returncode == 0
    target = tmp_path / "sheet.pdf"
    done = alcoach(folder, "export", "blank", "1", "--password", "pw", "--out", str(target))
    assert done.returncode == 1
    assert "process list" in done.stderr and "--password-file" in done.stderr
    assert not target.exists()
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    done = alcoach(folder, "export", "blank", "1", "--password-file", str(empty), "--out",
                   str(target))  # fmt: skip
    assert done.returncode == 1 and "is empty" in done.stderr
    secret = tmp_path / "secret.txt"
    secret.write_text("correct horse\n", encoding="utf-8")
    done = alcoach(folder, "export", "blank", "1", "--password-file", str(secret), "--out",
                   str(target))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"/Encrypt" in target.read_bytes()
    done = alcoach(folder, "export", "blank", "1", "--ask-password", "--force", "--out",
                   str(target))  # fmt: skip
    assert done.returncode == 1 and "no terminal" in done.stderr  # stdin is not a terminal


def test_the_log_keeps_where_an_error_was_but_never_its_message():
    record_lines = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            record_lines.append(self.format(record))

    handler = Keep()
    handler.setFormatter(PrivateFormatter("%(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("alcoach.test_private")
    log.addHandler(handler)
    try:
        try:
            try:
                raise ValueError(f"no member named {MARKER}")
            except ValueError as inner:
                raise RuntimeError(f"while saving “{MARKER}”") from inner
        except RuntimeError:
            log.exception("a Log step could not be undone")
    finally:
        log.removeHandler(handler)
    (text,) = record_lines
    assert MARKER not in text
    assert "ValueError (message not logged)" in text and "RuntimeError" in text
    assert "test_private_files.py" in text  # the frames stay: where it went wrong


def test_a_failed_undo_logs_the_kind_of_step_not_the_note(tmp_path, caplog):
    from alcoach.errors import ValidationError
    from alcoach.ui.meeting.meeting_undo import MeetingStep

    said = []

    def refuse() -> None:
        raise ValidationError(f"{MARKER} cannot be written")

    def fail() -> None:
        raise OSError(f"disk full while writing {MARKER}")

    caplog.set_level(logging.INFO, logger="alcoach")
    for write in (refuse, fail):
        step = MeetingStep(f"Log “{MARKER}”", write, write, said.append, lambda: ())
        step.undo()
    assert len(said) == 2  # the coach reads what failed, in the window
    logged = "\n".join(PrivateFormatter("%(message)s").format(record) for record in caplog.records)
    assert "a Log step could not be undone" in logged
    assert MARKER not in logged


def test_a_check_copy_is_made_inside_the_folder_and_a_killed_ones_goes(tmp_path):
    from alcoach.data import store

    folder = tmp_path / "data"
    assert alcoach(folder, "demo").returncode == 0
    left = folder / (privacy.CHECK_PREFIX + "killed")
    left.mkdir()
    (left / "alcoach.db").write_bytes(b"a copy a killed check left")
    opened = store.open_store(folder)
    opened.close()
    assert not left.exists()


def test_deleted_words_are_overwritten_in_the_file(tmp_path):
    from alcoach.data import interventions, meetings, sets
    from alcoach.data.store import open_store

    opened = open_store(tmp_path / "data")
    try:
        assert opened.db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1
        learning_set = sets.create_set("Set Blue")
        meeting = meetings.create_meeting(learning_set.id, __import__("datetime").date(2026, 11, 2))
        note = interventions.log_intervention(meeting.id, f"{MARKER} " * 200)
        interventions.delete_intervention(note.id)
        opened.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        opened.close()
    raw = (tmp_path / "data" / "alcoach.db").read_bytes()
    assert MARKER.encode() not in raw
    assert sqlite3.connect(tmp_path / "data" / "alcoach.db").execute("SELECT 1").fetchone()
