"""After a kill, an encrypted folder opens without its full check first (issue 18: seconds over
the ten years; it runs after the window's first paint): a killed writer's `-wal` is checked
against the folder's key from its own bytes, a `-wal` of another key is refused before it can be
replayed, a torn last frame is ignored as SQLite ignores it, and noise changes nothing."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.encrypted import PASSPHRASE, fill_folder

from alcoach.data import cipher, encryption, search
from alcoach.data.db import database_path, session_marker
from alcoach.data.identify import integrity_problem
from alcoach.data.store import open_store
from alcoach.data.unlock import from_secret
from alcoach.data.wal_keys import replayed_frames
from alcoach.errors import CorruptDatabaseError

ROOT = Path(__file__).resolve().parents[2]

KILLED_WRITER = """
    import os, signal, sys
    from pathlib import Path
    from alcoach.data import interventions, search
    from alcoach.data.store import open_store
    from alcoach.data.unlock import from_secret

    ask = from_secret(sys.argv[2]) if len(sys.argv) > 2 else None
    open_store(Path(sys.argv[1]), ask=ask)
    meeting_id = search.search_notes("Qzxv-note-marker")[0].meeting_id
    for n in range(25):
        interventions.log_intervention(meeting_id, f"Killed-writer note {n}")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_writer(data_dir: Path, *passphrase: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_WRITER), str(data_dir), *passphrase],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr
    assert Path(f"{database_path(data_dir)}-wal").stat().st_size > 0
    assert session_marker(database_path(data_dir)).exists()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def encrypted(tmp_path) -> Path:
    data_dir = tmp_path / "data"
    fill_folder(data_dir, backups=0)
    encryption.encrypt_folder(data_dir, PASSPHRASE)
    cipher.forget_keys()
    return data_dir


def test_after_a_kill_an_encrypted_folder_opens_and_checks_later(encrypted):
    _killed_writer(encrypted, PASSPHRASE)
    store = open_store(encrypted, defer_check=True, ask=from_secret(PASSPHRASE))
    try:
        assert store.integrity_pending  # left to after the first paint
        assert len(search.search_notes("Killed-writer note")) == 25  # the -wal was replayed
        assert integrity_problem(store.db_path) is None
    finally:
        store.close()


def test_after_a_kill_a_plain_folder_is_still_checked_first(tmp_path):
    data_dir = tmp_path / "data"
    fill_folder(data_dir, backups=0)
    _killed_writer(data_dir)
    store = open_store(data_dir, defer_check=True)
    try:
        assert not store.integrity_pending
        assert len(search.search_notes("Killed-writer note")) == 25
    finally:
        store.close()


def test_a_wal_of_another_key_is_refused_before_it_is_replayed(encrypted, tmp_path):
    other = tmp_path / "other"
    fill_folder(other, backups=0)
    encryption.encrypt_folder(other, "another folder's passphrase")
    _killed_writer(other, "another folder's passphrase")
    cipher.forget_keys()
    db_path = database_path(encrypted)
    shutil.copyfile(f"{database_path(other)}-wal", f"{db_path}-wal")
    session_marker(db_path).write_text("12345\n", encoding="ascii")
    before = (_sha(db_path), _sha(Path(f"{db_path}-wal")))
    with pytest.raises(CorruptDatabaseError, match="not written with this folder's key"):
        open_store(encrypted, defer_check=True, ask=from_secret(PASSPHRASE))
    assert (_sha(db_path), _sha(Path(f"{db_path}-wal"))) == before


def test_a_torn_last_frame_is_ignored_as_sqlite_ignores_it(encrypted):
    _killed_writer(encrypted, PASSPHRASE)
    wal = Path(f"{database_path(encrypted)}-wal")
    whole = len(replayed_frames(wal.read_bytes()))
    with open(wal, "r+b") as fh:  # the kill came in the middle of writing the last frame
        fh.truncate(wal.stat().st_size - 1000)
    assert 0 < len(replayed_frames(wal.read_bytes())) <= whole
    store = open_store(encrypted, defer_check=True, ask=from_secret(PASSPHRASE))
    try:
        assert integrity_problem(store.db_path) is None
    finally:
        store.close()


def test_a_wal_of_noise_changes_nothing_and_the_folder_opens(encrypted):
    db_path = database_path(encrypted)
    Path(f"{db_path}-wal").write_bytes(bytes(range(256)) * 64)
    store = open_store(encrypted, defer_check=True, ask=from_secret(PASSPHRASE))
    try:
        assert len(search.search_notes("Qzxv-note-marker")) == 1
    finally:
        store.close()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=9000), st.integers(min_value=0, max_value=4))
def test_any_bytes_as_a_wal_are_read_without_an_error(noise, header_kind):
    headers = (
        b"",
        bytes.fromhex("377f0682002de21800001000") + bytes(20),
        bytes.fromhex("377f0683002de21800001000") + bytes(20),
        bytes.fromhex("377f0682002de21800000200") + bytes(20),
        bytes.fromhex("377f068300000000ffffffff") + bytes(20),
    )
    frames = replayed_frames(headers[header_kind] + noise)
    assert all(isinstance(pgno, int) and isinstance(page, bytes) for pgno, page in frames)
