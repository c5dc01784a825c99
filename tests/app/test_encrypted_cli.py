"""An encrypted folder through the real command and window, in new processes (issue 18): the
passphrase from a file or typed at a terminal, never taken on the command line; one sentence
for a missing or wrong one and not a line from SQLCipher; the lock before the passphrase."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.encrypted import MARKERS, PASSPHRASE, fill_folder, readable_markers

from alcoach.data import cipher
from alcoach.data.lock import hold_folder, release_folder

ROOT = Path(__file__).resolve().parents[2]


def alcoach(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(folder), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=180, stdin=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip


def one_sentence(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    said = done.stderr.strip()
    assert "Traceback" not in said and len(said.splitlines()) == 1, said
    for word in words:
        assert word in said, said
    return said


@pytest.fixture
def secrets(tmp_path: Path) -> dict[str, str]:
    files = {}
    for name, text in (("right", PASSPHRASE), ("wrong", "not it at all"), ("new", "brand new one")):
        path = tmp_path / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        files[name] = str(path)
    return files


@pytest.fixture
def folder(tmp_path: Path, secrets) -> Path:
    data_dir = tmp_path / "data"
    fill_folder(data_dir)
    done = alcoach(data_dir, "encrypt", "--passphrase-file", secrets["right"])
    assert done.returncode == 0, done.stderr
    assert "cannot be recovered" in done.stderr  # said before anything is lost
    assert "the database and 2 backups" in done.stdout
    return data_dir


def test_every_command_takes_the_passphrase_from_a_file(folder, secrets):
    assert readable_markers(folder) == []
    before = alcoach(folder, "--passphrase-file", secrets["right"], "search", MARKERS[0])
    after = alcoach(folder, "search", MARKERS[0], "--passphrase-file", secrets["right"])
    assert before.returncode == after.returncode == 0, (before.stderr, after.stderr)
    assert MARKERS[0] in before.stdout and before.stdout == after.stdout
    pdf = folder.parent / "out.pdf"
    made = alcoach(folder, "export", "blank", "1", "--out", str(pdf), "--passphrase-file",
                   secrets["right"])  # fmt: skip
    assert made.returncode == 0 and pdf.exists(), made.stderr
    backup = alcoach(folder, "backup", "--passphrase-file", secrets["right"])
    assert backup.returncode == 0, backup.stderr
    assert readable_markers(folder) == []
    archive = folder.parent / "everything.json"
    exported = alcoach(folder, "archive", "export", str(archive), "--passphrase-file",
                       secrets["right"])  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "encrypted but the archive is not" in exported.stderr  # said, and kept private:
    assert archive.stat().st_mode & 0o777 == 0o600
    assert MARKERS[0] in archive.read_text(encoding="utf-8")
    table = folder.parent / "notes.csv"
    exported = alcoach(folder, "export", "csv", "interventions", "--out", str(table),
                       "--passphrase-file", secrets["right"])  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "encrypted but the CSV is not" in exported.stderr
    assert table.stat().st_mode & 0o777 == 0o600


def test_a_missing_or_wrong_passphrase_is_one_sentence_and_sqlcipher_says_nothing(folder, secrets):
    one_sentence(alcoach(folder, "list", "sets"), "is encrypted", "--passphrase-file")
    one_sentence(
        alcoach(folder, "list", "sets", "--passphrase-file", secrets["wrong"]),
        "does not open the data folder",
    )
    one_sentence(alcoach(folder, "list", "sets", "--passphrase-file", "/nowhere"), "cannot be read")
    for where in (("list", "sets", "--passphrase", PASSPHRASE), ("--passphrase", PASSPHRASE)):
        said = one_sentence(alcoach(folder, *where), "is not taken", "process list")
        assert PASSPHRASE not in said


def test_change_then_decrypt_from_the_command_line(folder, secrets):
    done = alcoach(folder, "passphrase", "--passphrase-file", secrets["right"],
                   "--new-passphrase-file", secrets["new"])  # fmt: skip
    assert done.returncode == 0 and "2 backups" in done.stdout, done.stderr
    one_sentence(alcoach(folder, "list", "sets", "--passphrase-file", secrets["right"]))
    assert alcoach(folder, "list", "sets", "--passphrase-file", secrets["new"]).returncode == 0
    done = alcoach(folder, "decrypt", "--passphrase-file", secrets["new"])
    assert done.returncode == 0, done.stderr
    assert not (folder / "alcoach.cipher").exists()
    assert alcoach(folder, "list", "sets").returncode == 0
    assert readable_markers(folder)  # plain again, as asked


def test_the_passphrase_is_typed_at_a_terminal(folder):
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: alcoach on the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "alcoach", "--data-dir", str(folder),
                                  "search", MARKERS[0]])  # fmt: skip
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while b"Passphrase of" not in seen and time.monotonic() < deadline:
            seen += os.read(fd, 1024)
        os.write(fd, PASSPHRASE.encode() + b"\n")
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the child has ended
                break
            if not chunk:
                break
            seen += chunk
    finally:
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert MARKERS[0].encode() in seen
    assert PASSPHRASE.encode() not in seen  # not echoed


def test_the_window_opens_with_a_passphrase_file(folder, secrets):
    done = alcoach(folder, "--startup-check", "--passphrase-file", secrets["right"])
    assert done.returncode == 0 and "startup-check ok" in done.stdout, done.stderr
    assert readable_markers(folder) == []


def test_a_second_launch_on_an_open_encrypted_folder_never_asks(folder):
    hold_folder(folder)  # as an open window does; the second launch must not ask (and hang)
    try:
        done = alcoach(folder, "--startup-check")
    finally:
        release_folder(folder)
    one_sentence(done, "already open")
    cipher.forget_keys()


def test_a_backup_carried_alone_restores_into_a_new_folder(folder, secrets, tmp_path):
    stick = tmp_path / "stick.db"
    made = alcoach(folder, "backup", "--out", str(stick), "--passphrase-file", secrets["right"])
    assert made.returncode == 0, made.stderr
    new = tmp_path / "new-laptop"
    one_sentence(alcoach(new, "restore", str(stick)), "cannot be read", "passphrase")
    done = alcoach(new, "restore", str(stick), "--passphrase-file", secrets["right"])
    assert done.returncode == 0 and f"into {new}" in done.stdout, done.stderr
    listed = alcoach(new, "list", "sets", "--passphrase-file", secrets["right"])
    assert listed.returncode == 0 and "Set Teal" in listed.stdout, listed.stderr
    assert readable_markers(new) == []
