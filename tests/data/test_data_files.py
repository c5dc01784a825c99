"""Files that are not alcoach's, lost files, foreign -wal files: identified, refused untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alcoach.data import sets
from alcoach.data.backup import backup_now, remove_leftovers
from alcoach.data.db import database_path
from alcoach.data.dbfile import ALCOACH_APPLICATION_ID, header_ids, read_header
from alcoach.data.store import open_store, open_store_for_reading
from alcoach.errors import (
    CorruptDatabaseError,
    DatabaseError,
    EmptyDatabaseError,
    ForeignDatabaseError,
    UnreadableDatabaseError,
)

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "40"))


def state(folder: Path) -> dict[str, str]:
    """Every file of the folder (recursively) with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def alcoach(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ALCOACH_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def other_programs_file(path: Path, *, user_version: int = 1, wal: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = wal")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ann', '555')")
    conn.execute(f"PRAGMA user_version = {user_version:d}")
    conn.commit()
    conn.close()


def alcoach_file(folder: Path, *names: str) -> Path:
    store = open_store(folder)
    for name in names:
        sets.create_set(name)
    store.close()
    return store.db_path


@pytest.mark.parametrize("wal", [False, True])
@pytest.mark.parametrize("user_version", [0, 1, 2, 99])
def test_another_programs_file_is_refused_untouched_whatever_its_user_version(
    tmp_path, wal, user_version
):
    data_dir = tmp_path / "data"
    other_programs_file(database_path(data_dir), user_version=user_version, wal=wal)
    before = state(data_dir)
    for opening in (open_store, open_store_for_reading):
        with pytest.raises(ForeignDatabaseError, match="another program"):
            opening(data_dir)
        assert state(data_dir) == before  # no lock file, -wal, -shm, marker or backup either


def test_a_second_process_and_the_window_refuse_it_too(tmp_path):
    data_dir = tmp_path / "data"
    other_programs_file(database_path(data_dir), user_version=1, wal=True)
    before = state(data_dir)
    for args in (("demo",), ("list", "sets"), ("--startup-check",)):
        done = alcoach(data_dir, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert "another program" in done.stderr and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1
    assert state(data_dir) == before


def test_an_application_id_of_another_program_is_refused_even_with_alcoachs_tables(tmp_path):
    path = alcoach_file(tmp_path / "data", "Blue")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1196444237")  # an id some other program uses
    conn.close()
    before = state(path.parent)
    with pytest.raises(ForeignDatabaseError):
        open_store(path.parent)
    assert state(path.parent) == before


def test_every_database_carries_alcoachs_application_id(tmp_path):
    path = alcoach_file(tmp_path / "data")
    version, app_id = header_ids(read_header(path))
    assert app_id == ALCOACH_APPLICATION_ID == 0x414C436F
    assert version >= 1


def test_a_database_from_before_the_id_is_recognised_and_given_it(tmp_path):
    path = alcoach_file(tmp_path / "data", "Older")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 0")
    conn.close()
    version_before, _ = header_ids(read_header(path))
    store = open_store(path.parent)
    try:
        assert [s.name for s in sets.list_sets()] == ["Older"]
    finally:
        store.close()
    assert header_ids(read_header(path)) == (version_before, ALCOACH_APPLICATION_ID)


def test_a_file_without_an_sqlite_header_cannot_be_read_and_is_not_called_damaged(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(os.urandom(16384))  # as an encrypted database would look
    before = state(data_dir)
    with pytest.raises(UnreadableDatabaseError) as refused:
        open_store(data_dir)
    assert "cannot be read" in str(refused.value) and "damaged" not in str(refused.value)
    assert not isinstance(refused.value, CorruptDatabaseError)
    assert state(data_dir) == before


def test_an_empty_file_beside_backups_is_refused_naming_the_newest(tmp_path):
    path = alcoach_file(tmp_path / "data", "Kept")
    backup_now(path, reason="manual")
    newest = backup_now(path, reason="close")
    path.write_bytes(b"")
    before = state(path.parent)
    for opening in (open_store, open_store_for_reading):
        with pytest.raises(EmptyDatabaseError) as refused:
            opening(path.parent)
        assert str(newest) in str(refused.value) and "0 bytes" in str(refused.value)
        assert state(path.parent) == before
    done = alcoach(path.parent, "--startup-check")
    assert done.returncode == 1 and str(newest) in done.stderr


def test_an_empty_file_without_backups_is_a_new_database(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"")
    store = open_store(data_dir)
    try:
        assert sets.list_sets() == []
    finally:
        store.close()
    assert header_ids(read_header(database_path(data_dir)))[1] == ALCOACH_APPLICATION_ID


def _a_wal_of(path: Path, rows: int) -> bytes:
    """The -wal of an open WAL database (another file, same page size) with `rows` commits."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE IF NOT EXISTS other (x TEXT)")
    for n in range(rows):
        conn.execute("INSERT INTO other VALUES (?)", (f"row {n} " * 40,))
        conn.commit()
    wal = Path(f"{path}-wal").read_bytes()
    conn.close()
    return wal


def test_a_wal_of_another_database_is_refused_before_the_first_write(tmp_path):
    path = alcoach_file(tmp_path / "data", "Mine")
    Path(f"{path}-wal").write_bytes(_a_wal_of(tmp_path / "other.db", 30))
    before = state(path.parent)
    for opening in (open_store, open_store_for_reading):
        with pytest.raises(CorruptDatabaseError, match=r"alcoach\.db-wal") as refused:
            opening(path.parent)
        assert "belongs to another database" in str(refused.value)
        assert state(path.parent) == before
    done = alcoach(path.parent, "--startup-check")  # the window too, before anything is written
    assert done.returncode == 1 and "alcoach.db-wal" in done.stderr, done.stderr
    assert state(path.parent) == before


def test_a_wal_of_noise_changes_nothing_and_the_file_opens(tmp_path):
    # SQLite ignores frames whose checksums fail: replaying noise gives the file as it is.
    path = alcoach_file(tmp_path / "data", "Mine")
    own = _a_wal_of(tmp_path / "copy.db", 1)
    Path(f"{path}-wal").write_bytes(own[:32] + os.urandom(len(own) * 3))
    store = open_store(path.parent)
    try:
        assert [s.name for s in sets.list_sets()] == ["Mine"]
    finally:
        store.close()


def test_leftovers_of_killed_backups_and_restores_go_at_the_next_start(tmp_path):
    path = alcoach_file(tmp_path / "data", "Blue")
    backups = path.parent / "backups"
    backups.mkdir(exist_ok=True)
    partial = backups / "alcoach-20261101-090000-000000_manual.db.partial"
    partial.write_bytes(os.urandom(4096))
    restoring = path.with_name("alcoach.db.restoring")
    restoring.write_bytes(os.urandom(4096))
    kept = backup_now(path, reason="manual")
    done = alcoach(path.parent, "list", "sets")
    assert done.returncode == 0, done.stderr
    assert not partial.exists() and not restoring.exists()
    assert kept.exists() and done.stdout.split("\t")[1] == "Blue"


def test_leftovers_are_removed_only_by_the_holder(tmp_path):
    path = alcoach_file(tmp_path / "data")
    restoring = path.with_name("alcoach.db.restoring")
    restoring.write_bytes(b"x")
    assert remove_leftovers(path) == [restoring]
    assert remove_leftovers(path) == []


HEADER = st.fixed_dictionaries(
    {
        "magic": st.sampled_from([b"SQLite format 3\x00", b"SQLite format 2\x00", b""]),
        "page_size": st.sampled_from([0, 1, 511, 512, 1000, 4096, 65535]),
        "write_version": st.integers(0, 3),
        "user_version": st.integers(0, 2**32 - 1),
        "application_id": st.sampled_from([0, ALCOACH_APPLICATION_ID, 1, 2**32 - 1]),
        "pages": st.integers(0, 2**32 - 1),
        "tail": st.binary(max_size=5000),
    }
)


def _file_from(shape: dict) -> bytes:
    head = bytearray(os.urandom(100))
    head[:16] = shape["magic"].ljust(16, b"\x00") if shape["magic"] else head[:16]
    head[16:18] = shape["page_size"].to_bytes(2, "big")
    head[18] = head[19] = shape["write_version"]
    head[28:32] = shape["pages"].to_bytes(4, "big")
    head[60:64] = shape["user_version"].to_bytes(4, "big")
    head[68:72] = shape["application_id"].to_bytes(4, "big")
    return bytes(head) + shape["tail"]


@settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(shape=HEADER)
def test_any_header_is_refused_untouched_in_one_sentence_or_opened(tmp_path, shape):
    data_dir = tmp_path / "shapes"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir()
    database_path(data_dir).write_bytes(_file_from(shape))
    before = state(data_dir)
    try:
        store = open_store(data_dir)
    except DatabaseError as exc:
        message = str(exc)
        assert "\n" not in message and "Traceback" not in message
        assert str(database_path(data_dir)) in message
        after = state(data_dir)
        if not isinstance(exc, (ForeignDatabaseError, UnreadableDatabaseError)):
            # a file with alcoach's id found damaged inside: refused after the folder's lock
            after.pop("alcoach.lock", None)
        assert after == before
    else:  # only a file that SQLite and alcoach both accept opens, and is alcoach's from then on
        store.close()
        assert header_ids(read_header(database_path(data_dir)))[1] == ALCOACH_APPLICATION_ID
