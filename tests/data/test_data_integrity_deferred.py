"""Opening without the full integrity check first (the window's fast start), and what still keeps
a damaged file from being written: the header check, the marker of a killed session, the check in
the background and the refusal of writes after it fails."""

from __future__ import annotations

import hashlib
from pathlib import Path

import peewee as pw
import pytest
from damaged_db import _damage_a_page, _filled_database

from alcoach.data.backup import backup_now
from alcoach.data.db import close_database, database_path, open_database, session_marker
from alcoach.data.identify import integrity_problem
from alcoach.data.store import open_store
from alcoach.errors import CorruptDatabaseError, NewerDatabaseError, UnreadableDatabaseError


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_clean_open_and_close_leaves_no_marker(tmp_path):
    path = _filled_database(tmp_path)
    assert not session_marker(path).exists()
    store = open_store(path.parent, defer_check=True)
    assert session_marker(path).exists()
    assert store.integrity_pending
    assert integrity_problem(path) is None
    store.close()
    assert not session_marker(path).exists()


def test_a_full_open_leaves_nothing_pending(tmp_path):
    path = _filled_database(tmp_path)
    store = open_store(path.parent)
    assert not store.integrity_pending
    store.close()


def test_a_damaged_page_is_found_in_the_background_and_writing_stops(tmp_path):
    path = _filled_database(tmp_path)
    newest = backup_now(path, reason="manual")
    _damage_a_page(path)

    store = open_store(path.parent, defer_check=True)  # the header is fine: it opens
    problem = integrity_problem(path)
    assert problem is not None
    assert str(path) in problem and str(newest) in problem
    store.refuse_writes()
    before = sha256(path)
    with pytest.raises(pw.OperationalError, match="readonly database"):
        store.db.execute_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
    store.close()
    assert sha256(path) == before
    assert session_marker(path).exists()  # so the next start checks before opening

    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(path.parent, defer_check=True)
    assert str(newest) in str(caught.value)
    assert sha256(path) == before


def test_after_a_killed_session_the_full_check_runs_before_opening(tmp_path):
    path = _filled_database(tmp_path)
    session_marker(path).write_text("12345\n", encoding="ascii")  # what a kill leaves
    _damage_a_page(path)
    before = sha256(path)
    with pytest.raises(CorruptDatabaseError, match="no backup yet"):
        open_database(path, defer_check=True)
    assert sha256(path) == before


def test_after_a_killed_session_a_sound_file_opens_and_the_marker_goes(tmp_path):
    path = _filled_database(tmp_path)
    session_marker(path).write_text("12345\n", encoding="ascii")
    db = open_database(path, defer_check=True)
    close_database(db)
    assert not session_marker(path).exists()


def test_a_truncated_file_is_refused_by_its_header_alone(tmp_path):
    path = _filled_database(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    before = sha256(path)
    with pytest.raises(CorruptDatabaseError, match="shorter than its header says"):
        open_database(path, defer_check=True)
    assert sha256(path) == before
    assert not session_marker(path).exists()


@pytest.mark.parametrize("content", [b"", b"SQLite format 3", b"not a database " * 100])
def test_what_is_not_a_database_is_refused_without_the_full_check(tmp_path, content):
    path = database_path(tmp_path / "data")
    path.parent.mkdir()
    path.write_bytes(content)
    if not content:
        close_database(open_database(path, defer_check=True))  # an empty file is a new database
        return
    refusal = CorruptDatabaseError if content.startswith(b"SQLite") else UnreadableDatabaseError
    with pytest.raises(refusal, match=str(path).replace("\\", "\\\\")):
        open_database(path, defer_check=True)
    assert path.read_bytes() == content


def test_a_newer_database_is_refused_without_the_full_check(tmp_path):
    import sqlite3

    path = _filled_database(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = sha256(path)
    with pytest.raises(NewerDatabaseError, match="newer alcoach"):
        open_database(path, defer_check=True)
    assert sha256(path) == before
    assert not session_marker(path).exists()
