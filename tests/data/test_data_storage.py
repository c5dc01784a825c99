"""The one SQLite file: where it lives, its pragmas, migrating an old one, refusing a newer or
damaged one (and leaving it untouched)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from alcoach.data import migrations
from alcoach.data import models as m
from alcoach.data.backup import backup_dir_for, backup_now, list_backups
from alcoach.data.db import close_database, database_path, open_database
from alcoach.data.paths import ENV_VAR, PORTABLE_DIRNAME, resolve_data_dir
from alcoach.data.search import search_notes
from alcoach.data.store import open_store
from alcoach.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    NewerDatabaseError,
    UnreadableDatabaseError,
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- where the data folder is -----------------------------------------------------------------


@pytest.fixture
def fake_appdirs(tmp_path, monkeypatch):
    import appdirs

    target = tmp_path / "appdirs" / "alcoach"
    monkeypatch.setattr(appdirs, "user_data_dir", lambda *args, **kwargs: str(target))
    return target


def test_data_dir_order(tmp_path, fake_appdirs):
    beside = tmp_path / "program"
    beside.mkdir()
    env = {ENV_VAR: str(tmp_path / "from-env")}

    chosen = resolve_data_dir(tmp_path / "from-cli", environ=env, beside=beside)
    assert chosen == (tmp_path / "from-cli").resolve()

    assert resolve_data_dir(None, environ=env, beside=beside) == (tmp_path / "from-env").resolve()
    # no portable folder yet: appdirs
    assert resolve_data_dir(None, environ={}, beside=beside) == fake_appdirs.resolve()
    (beside / PORTABLE_DIRNAME).mkdir()
    portable = (beside / PORTABLE_DIRNAME).resolve()
    assert resolve_data_dir(None, environ={}, beside=beside) == portable
    assert resolve_data_dir(None, environ={ENV_VAR: ""}, beside=beside) == portable
    for folder in ("from-cli", "from-env"):
        assert (tmp_path / folder).is_dir()  # created when missing
    assert fake_appdirs.is_dir()


def test_data_dir_reads_the_real_environment(tmp_path, monkeypatch, fake_appdirs):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env-dir"))
    assert resolve_data_dir(beside=tmp_path) == (tmp_path / "env-dir").resolve()


# --- pragmas ----------------------------------------------------------------------------------


def test_wal_foreign_keys_and_full_sync_are_in_force(store):
    def pragma(name: str):
        return store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2
    assert pragma("user_version") == migrations.SCHEMA_VERSION


# --- migration from an older schema -----------------------------------------------------------


def _make_version_1(path: Path) -> None:
    db = open_database(path, target_version=1)
    assert migrations.schema_version(db) == 1
    sql = [
        "INSERT INTO programme (id, name, sponsor, notes, created_at) "
        "VALUES (1, 'Old programme', 'Sponsor', '', '2024-01-01 09:00:00')",
        "INSERT INTO learning_set (id, programme_id, name, cadence, ground_rules, archived, "
        "created_at) VALUES (1, 1, 'Old set', 'monthly', '', 0, '2024-01-01 09:00:00')",
        "INSERT INTO member (id, learning_set_id, name, role, organisation, leadership_skill, "
        "active, position) VALUES (1, 1, 'Zoë Łukasiewicz', '', '', 'Listening', 1, 0)",
        "INSERT INTO meeting (id, learning_set_id, date, title, location, planned_minutes, "
        "started_at, ended_at, coach_notes, created_at) VALUES (1, 1, '2024-02-01', "
        "'Old meeting', '', 60, '2024-02-01 09:00:00', NULL, 'old private hippopotamus', "
        "'2024-02-01 08:00:00')",
        "INSERT INTO intervention (id, meeting_id, at, offset_seconds, phase_id, category, text, "
        "question_id, response) VALUES (1, 1, '2024-02-01 09:10:00', 600, NULL, 'process', "
        "'An old flamingo question', NULL, '')",
        "INSERT INTO action (id, meeting_id, owner_id, text, due, status, report_back, "
        "reported_in_id, created_at) VALUES (1, 1, 1, 'Old pelican action', NULL, 'committed', "
        "'', NULL, '2024-02-01 10:00:00')",
    ]
    with db.atomic():
        for statement in sql:
            db.execute_sql(statement)
    close_database(db)


def _schema(db: pw.SqliteDatabase) -> dict[str, object]:
    tables = sorted(
        row[0]
        for row in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    )
    return {
        "tables": {t: db.execute_sql(f'PRAGMA table_info("{t}")').fetchall() for t in tables},
        "indexes": sorted(
            r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
        ),
        "triggers": sorted(
            r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ),
    }


def test_version_1_file_is_migrated_with_its_data(tmp_path):
    path = database_path(tmp_path / "data")
    _make_version_1(path)

    db = open_database(path)
    try:
        assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
        columns = [c[1] for c in db.execute_sql('PRAGMA table_info("intervention")')]
        assert "added_afterwards" in columns
        row = m.Intervention.get_by_id(1)
        assert (row.text, row.added_afterwards, row.offset_seconds) == (
            "An old flamingo question",
            False,
            600,
        )
        assert m.Member.get_by_id(1).name == "Zoë Łukasiewicz"
        assert m.Meeting.get_by_id(1).coach_notes == "old private hippopotamus"
        # the search index was built from the old rows
        assert [h.source for h in search_notes("flamingo")] == ["intervention"]
        assert [h.source for h in search_notes("pelican")] == ["action"]
        assert [h.source for h in search_notes("hippopotamus")] == ["meeting"]
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database(db)

    backups = list_backups(backup_dir_for(path))
    assert len(backups) == 1 and "before-migration-v1" in backups[0].name
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT text FROM intervention").fetchall() == [
            ("An old flamingo question",)
        ]


def test_migrated_schema_matches_a_fresh_one_and_the_models(tmp_path):
    old = database_path(tmp_path / "old")
    _make_version_1(old)
    migrated = open_database(old)
    migrated_schema = _schema(migrated)
    close_database(migrated)
    fresh = open_database(database_path(tmp_path / "fresh"))
    fresh_schema = _schema(fresh)
    try:
        assert migrated_schema == fresh_schema
        for model in m.ALL_MODELS:
            table = model._meta.table_name
            columns = {c[1] for c in fresh_schema["tables"][table]}
            assert {f.column_name for f in model._meta.sorted_fields} <= columns, table
    finally:
        close_database(fresh)


def test_migrate_to_latest_on_a_plain_database(tmp_path):
    db = pw.SqliteDatabase(str(tmp_path / "plain.db"))
    db.connect()
    try:
        assert migrations.migrate_to_latest(db, target=1) == 1
        assert migrations.migrate_to_latest(db) == migrations.SCHEMA_VERSION
        assert migrations.migrate_to_latest(db) == migrations.SCHEMA_VERSION  # nothing to do
    finally:
        db.close()


# --- refusals ---------------------------------------------------------------------------------


def _closed_database(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "data")
    store.close()
    return store.db_path


def test_newer_database_is_refused_and_untouched(tmp_path):
    path = _closed_database(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = sha256(path)

    with pytest.raises(NewerDatabaseError, match="newer alcoach") as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert sha256(path) == before
    assert list_backups(backup_dir_for(path)) == []


@pytest.mark.parametrize("damage", ["random", "truncated"])
def test_corrupt_file_is_refused_naming_it_and_the_newest_backup(tmp_path, damage):
    path = _closed_database(tmp_path)
    newest = backup_now(path, reason="manual")
    if damage == "random":
        path.write_bytes(os.urandom(8192))
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 100])
    before = sha256(path)

    # random bytes have no SQLite header: "cannot be read" (as an encrypted file), not "damaged"
    refusal = UnreadableDatabaseError if damage == "random" else CorruptDatabaseError
    with pytest.raises(refusal) as caught:
        open_database(path)
    message = str(caught.value)
    assert str(path) in message
    assert str(newest) in message
    assert ("damaged" in message) == (damage == "truncated")
    assert sha256(path) == before


def test_corrupt_file_without_backups_says_so(tmp_path):
    path = database_path(tmp_path / "data")
    path.parent.mkdir()
    path.write_bytes(b"not a database at all, just some words " * 50)
    with pytest.raises(UnreadableDatabaseError, match="no backup yet"):
        open_store(tmp_path / "data")


def test_another_programs_database_is_left_alone(tmp_path):
    path = database_path(tmp_path / "data")
    path.parent.mkdir()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    before = sha256(path)
    with pytest.raises(ForeignDatabaseError, match="another program"):
        open_database(path)
    assert sha256(path) == before
