"""Backups: taking them, at most one a day at start-up, rotation, and restore with its refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from alcoach.data import sets
from alcoach.data.backup import (
    KEEP_DAILY_DAYS,
    KEEP_LATEST,
    backup_dir_for,
    backup_if_due,
    backup_now,
    list_backups,
    newest_backup,
    rotate,
    snapshot,
)
from alcoach.data.restore import restore
from alcoach.data.store import open_store
from alcoach.errors import AlcoachError, NewerDatabaseError, UnreadableDatabaseError

NOW = dt.datetime(2026, 11, 2, 17, 0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_names(db_file: Path) -> list[str]:
    with sqlite3.connect(db_file) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM learning_set ORDER BY name")]
    conn.close()
    return names


def test_backup_now_copies_the_live_database(store):
    sets.create_set("Written just now")  # committed, possibly still in the WAL

    made = backup_now(store.db_path, reason="manual", now=NOW)

    assert made.parent == backup_dir_for(store.db_path)
    assert "manual" in made.name
    assert set_names(made) == ["Written just now"]
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert newest_backup(made.parent) == made


def test_backup_if_due_at_most_once_a_day(store):
    first = backup_if_due(store.db_path, now=NOW.replace(hour=8))
    assert first is not None and "daily" in first.name
    assert backup_if_due(store.db_path, now=NOW.replace(hour=9)) is None
    assert backup_if_due(store.db_path, now=NOW.replace(hour=23, minute=59)) is None
    second = backup_if_due(store.db_path, now=NOW + dt.timedelta(days=1))
    assert second is not None and second != first
    assert list_backups(backup_dir_for(store.db_path)) == [second, first]


def test_backup_if_due_without_a_database(tmp_path):
    assert backup_if_due(tmp_path / "alcoach.db", now=NOW) is None
    assert not backup_dir_for(tmp_path / "alcoach.db").exists()


def test_rotation_keeps_the_latest_ten_and_one_a_day_for_thirty_days(store):
    folder = backup_dir_for(store.db_path)
    start = NOW - dt.timedelta(days=39)
    made = {}
    for day in range(40):
        for hour in (8, 12, 17):
            when = (start + dt.timedelta(days=day)).replace(hour=hour)
            made[when] = snapshot(store.db_path, folder, now=when)
    now = NOW + dt.timedelta(minutes=1)

    removed = rotate(folder, now=now)

    newest_first = sorted(made, reverse=True)
    expected = set(newest_first[:KEEP_LATEST])
    for when in newest_first:
        if (now - when).days < KEEP_DAILY_DAYS:
            expected.add(when.replace(hour=17))  # the newest of its day
    kept = set(list_backups(folder))
    assert kept == {made[w] for w in expected}
    assert len(kept) == 36  # 30 daily + 6 more from the latest ten
    assert set(removed) == set(made.values()) - kept
    assert all(not p.exists() for p in removed)
    assert rotate(folder, now=now) == []  # stable


def test_backup_now_rotates_as_it_goes(store):
    for minute in range(KEEP_LATEST + 5):
        backup_now(store.db_path, now=NOW + dt.timedelta(minutes=minute))
    # all on one day: only the latest ten stay
    assert len(list_backups(backup_dir_for(store.db_path))) == KEEP_LATEST


def test_files_that_are_not_backups_are_left_alone(store):
    folder = backup_dir_for(store.db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stray = folder / "notes.txt"
    stray.write_text("mine")
    for minute in range(KEEP_LATEST + 2):
        backup_now(store.db_path, now=NOW + dt.timedelta(minutes=minute))
    assert stray.read_text() == "mine"


def test_restore_sets_the_current_database_aside_first(tmp_path):
    store = open_store(tmp_path / "data")
    sets.create_set("Before")
    backup = backup_now(store.db_path, reason="manual", now=NOW)
    sets.create_set("After")
    store.close()

    aside = restore(store.db_path, backup, now=NOW + dt.timedelta(hours=1))

    assert "before-restore" in aside.name
    assert set_names(aside) == ["After", "Before"]
    reopened = open_store(tmp_path / "data")
    try:
        assert [s.name for s in sets.list_sets()] == ["Before"]
        sets.create_set("Written after the restore")
    finally:
        reopened.close()
    assert set_names(backup) == ["Before"]  # the backup itself is not changed


@pytest.mark.parametrize("problem", ["corrupt", "newer", "missing"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path, problem):
    store = open_store(tmp_path / "data")
    sets.create_set("Current")
    store.close()
    folder = backup_dir_for(store.db_path)
    bad = tmp_path / "bad.db"
    if problem == "corrupt":
        bad.write_bytes(os.urandom(4096))
        error = UnreadableDatabaseError
    elif problem == "newer":
        good = backup_now(store.db_path, now=NOW)
        bad.write_bytes(good.read_bytes())
        with sqlite3.connect(bad) as conn:
            conn.execute("PRAGMA user_version = 99")
        conn.close()
        error = NewerDatabaseError
    else:
        error = AlcoachError
    backups_before = list_backups(folder)
    before = sha256(store.db_path)

    with pytest.raises(error):
        restore(store.db_path, bad, now=NOW + dt.timedelta(hours=1))

    assert sha256(store.db_path) == before
    assert list_backups(folder) == backups_before
    assert set_names(store.db_path) == ["Current"]


def test_an_aware_utc_now_is_accepted(store):
    aware = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    made = backup_now(store.db_path, now=aware)
    assert made.exists()
    assert backup_if_due(store.db_path, now=aware + dt.timedelta(minutes=5)) is None
    assert rotate(backup_dir_for(store.db_path), now=aware + dt.timedelta(days=40)) == []
