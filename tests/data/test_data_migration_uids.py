"""Schema version 3: every record gets a uid and updated_at, deletions leave tombstones; the
migration reports its progress and refuses to start without room for its safety copy."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import peewee as pw
import pytest

from alcoach.data import meetings, migrations, sets
from alcoach.data import models as m
from alcoach.data.backup import backup_dir_for, list_backups
from alcoach.data.db import close_database, database_path, open_database
from alcoach.data.migration_v5 import V5_WHAT
from alcoach.errors import DatabaseError

ROOT = Path(__file__).resolve().parents[2]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
INTERVENTIONS = 45_000  # more than two of the migration's batches


def _make_version_2(path: Path, interventions: int = INTERVENTIONS) -> None:
    """A file as alcoach wrote it at schema version 2, with a set, a meeting and many notes."""
    db = open_database(path, target_version=2)
    with db.atomic():
        db.execute_sql(
            "INSERT INTO learning_set (id, programme_id, name, cadence, ground_rules, archived, "
            "created_at) VALUES (1, NULL, 'Old set', '', '', 0, '2024-01-01 09:00:00')"
        )
        db.execute_sql(
            "INSERT INTO member (id, learning_set_id, name, role, organisation, "
            "leadership_skill, active, position) VALUES (1, 1, 'Ada', '', '', '', 1, 0)"
        )
        db.execute_sql(
            "INSERT INTO meeting (id, learning_set_id, date, title, location, planned_minutes, "
            "started_at, ended_at, coach_notes, created_at) VALUES (1, 1, '2024-02-01', "
            "'Old meeting', '', 60, NULL, NULL, '', '2024-02-01 08:00:00')"
        )
        db.execute_sql(
            "INSERT INTO attendance (meeting_id, member_id, attended, presenter) "
            "VALUES (1, 1, 1, 0)"
        )
        db.execute_sql(
            "INSERT INTO question (id, text, category, tags, favourite, builtin, builtin_key, "
            "archived, uses, created_at) VALUES (1, 'Mine?', 'other', '', 1, 0, NULL, 0, 3, "
            "'2023-05-01 10:00:00')"
        )
        db.execute_sql(
            "INSERT INTO intervention (meeting_id, at, offset_seconds, phase_id, category, text, "
            "question_id, response, added_afterwards) "
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "SELECT 1, '2024-02-01 09:10:00', i, NULL, 'process', 'note ' || i, NULL, '', 0 "
            "FROM n",
            (interventions,),
        )
    close_database(db)


def test_a_version_2_file_gets_uids_and_times_with_progress(tmp_path):
    path = database_path(tmp_path / "data")
    _make_version_2(path)
    reports: list[tuple[str, int, int]] = []

    db = open_database(path, progress=lambda what, done, total: reports.append((what, done, total)))
    try:
        assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
        total = INTERVENTIONS + 5  # the notes, and a set, member, meeting, attendance, question
        reports = [r for r in reports if r[0] == "Giving every record its id"]  # version 3's
        assert reports[0][1:] == (0, total)
        assert reports[-1][1:] == (total, total)
        done = [r[1] for r in reports]
        assert done == sorted(done) and len(reports) >= 5  # several steps through the notes
        for table, _, _ in migrations.V3_TABLES:
            uids = [r[0] for r in db.execute_sql(f'SELECT uid FROM "{table}"')]
            assert all(isinstance(u, str) and UUID.fullmatch(u) for u in uids), table
            assert len(set(uids)) == len(uids), table
            nulls = db.execute_sql(f'SELECT count(*) FROM "{table}" WHERE updated_at IS NULL')
            assert nulls.fetchone()[0] == 0, table
        # the best time known: created_at, or the meeting's, or the note's own
        assert m.Question.get_by_id(1).updated_at == dt.datetime(2023, 5, 1, 10, tzinfo=dt.UTC)
        assert m.Attendance.get().updated_at == dt.datetime(2024, 2, 1, 8, tzinfo=dt.UTC)
        assert m.Intervention.get().updated_at == dt.datetime(2024, 2, 1, 9, 10, tzinfo=dt.UTC)
        with pytest.raises(pw.IntegrityError, match="UNIQUE"):
            m.Member.create(learning_set=1, name="Twin", uid=m.Member.get_by_id(1).uid)
    finally:
        close_database(db)
    backups = list_backups(backup_dir_for(path))
    assert [b.name.endswith("before-migration-v2.db") for b in backups] == [True]


def test_deleting_leaves_tombstones_and_writes_stamp_updated_at(store, sample_set):
    meeting = sample_set["meeting"]
    uid = m.Meeting.get_by_id(meeting.id).uid
    phase_uids = {p.uid for p in m.Phase.select().where(m.Phase.meeting == meeting.id)}
    before = m.utc_now()
    renamed = sets.rename_set(sample_set["set"].id, "Set Green")
    assert m.LearningSet.get_by_id(renamed.id).updated_at >= before
    m.Question.update(uses=5).where(m.Question.id == m.Question.select().first().id).execute()
    assert m.Question.select().order_by(m.Question.id).first().updated_at >= before
    meetings.delete_meeting(meeting.id)
    stones = {t.uid: t for t in m.Tombstone.select()}
    assert stones[uid].kind == "meeting" and stones[uid].deleted_at >= before.replace(
        microsecond=0
    ) - dt.timedelta(seconds=1)
    assert phase_uids <= set(stones)  # its phases went with it, and say so
    assert {stones[u].kind for u in phase_uids} == {"phase"}


def test_a_migration_refuses_without_room_for_its_safety_copy(tmp_path, monkeypatch):
    path = database_path(tmp_path / "data")
    _make_version_2(path, interventions=10)
    before = path.read_bytes()
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(
        "alcoach.data.db.shutil.disk_usage", lambda _: Usage(10**9, 10**9 - 1000, 1000)
    )
    with pytest.raises(DatabaseError) as refused:
        open_database(path)
    message = str(refused.value)
    assert "lacks room" in message and "nothing was changed" in message
    assert message.count(". ") == 0 and message.endswith(".")
    assert path.read_bytes() == before
    assert list_backups(backup_dir_for(path)) == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_the_command_line_prints_the_migrations_progress(tmp_path):
    data = tmp_path / "data"
    _make_version_2(database_path(data), interventions=30_000)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data), "list", "sets"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines.pop().endswith(
        "it is now private to you (the folder and every file alcoach keeps in it)."
    )  # made by this test with the usual modes
    assert lines[0] == "Giving every record its id: 0% (0 of 30,005 records)"
    assert "Giving every record its id: 100% (30,005 of 30,005 records)" in lines
    assert f"{migrations.V4_WHAT}: 100% (30,001 of 30,001 records)" in lines
    assert lines[-1] == f"{V5_WHAT}: 100% (30,005 of 30,005 records)"  # the last step's
    assert done.stdout.split("\t")[:2] == ["1", "Old set"]


def test_the_window_shows_the_migrations_progress(qapp, tmp_path):
    from alcoach.data.store import open_store
    from alcoach.ui.kit.migration_progress import MigrationProgressDialog

    data = tmp_path / "data"
    _make_version_2(database_path(data), interventions=25_000)
    shown = MigrationProgressDialog()
    store = open_store(data, progress=shown)
    try:
        assert shown.dialog is not None and shown.dialog.isVisible()
        # the last step's report stays: version 5 stamping every record
        assert shown.dialog.value() == shown.dialog.maximum() == 25_005
        assert shown.dialog.labelText() == f"{V5_WHAT}: 25,005 of 25,005 records…"
    finally:
        shown.close()
        store.close()
    assert shown.dialog is None


def test_an_ordinary_start_makes_no_progress_dialog(qapp, store):
    from alcoach.data.store import open_store
    from alcoach.ui.kit.migration_progress import MigrationProgressDialog

    store.close()
    shown = MigrationProgressDialog()
    again = open_store(store.data_dir, progress=shown)
    again.close()
    assert shown.dialog is None


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (root only: CI runs as root; elsewhere the test is skipped)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_real_small_disk_refuses_the_migration_in_one_sentence(tmp_path, small_disk):
    built = database_path(tmp_path / "built")
    _make_version_2(built, interventions=12_000)
    data = small_disk / "data"
    data.mkdir()
    (data / "alcoach.db").write_bytes(built.read_bytes())  # about 1.5 MB of a 3 MB disk
    before = (data / "alcoach.db").read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data), "list", "sets"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "lacks room for its safety copy" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert (data / "alcoach.db").read_bytes() == before
    assert not (data / "backups").exists() or not any((data / "backups").iterdir())


def test_each_kind_of_write_stamps_updated_at(store, sample_set):
    from alcoach.data import feedback, interventions, tallies

    meeting_id = sample_set["meeting"].id
    dana, kofi = (member.id for member in sample_set["members"][:2])
    logged = interventions.log_intervention(meeting_id, "First words")
    first = m.Intervention.get_by_id(logged.id).updated_at
    writes = [
        (m.Intervention, logged.id, lambda: interventions.update_intervention(logged.id, text="x")),
        (m.Meeting, meeting_id, lambda: meetings.update_meeting(meeting_id, title="Renamed")),
        (m.Member, dana, lambda: sets.update_member(dana, role="Chair")),
        (m.Attendance, m.Attendance.get(meeting=meeting_id, member=kofi).id,
         lambda: meetings.set_attendance(meeting_id, kofi, attended=False)),
    ]  # fmt: skip
    for model, row_id, write in writes:
        before = model.get_by_id(row_id).updated_at
        write()
        assert model.get_by_id(row_id).updated_at > before, model.__name__
    assert m.Intervention.get_by_id(logged.id).updated_at > first
    interventions.set_rating(logged.id, dana, 4)
    rating = m.Rating.get(intervention=logged.id, member=dana)
    interventions.set_rating(logged.id, dana, 6)  # the upsert stamps too
    assert m.Rating.get_by_id(rating.id).updated_at > rating.updated_at
    tally = tallies.record_tally(meeting_id, dana, "question")
    assert m.Tally.get_by_id(tally.id).uid != m.Rating.get_by_id(rating.id).uid
    feedback.save_feedback(meeting_id, kofi, strengths="Curious")
    assert m.Feedback.get(meeting=meeting_id, member=kofi).updated_at >= first
