"""Schema version 4: a version-3 file gets its notes folded and indexed for search, with
progress, and the index follows every later change."""

from __future__ import annotations

from pathlib import Path

from alcoach.data import interventions, migrations
from alcoach.data.db import close_database, database_path, open_database
from alcoach.data.search import search_notes

NOTES = 12_000  # more than two of the migration's batches


def _make_version_3(path: Path) -> None:
    db = open_database(path, target_version=3)
    with db.atomic():
        db.execute_sql(
            "INSERT INTO learning_set (id, programme_id, name, cadence, ground_rules, archived, "
            "created_at) VALUES (1, NULL, 'Old set', '', '', 0, '2024-01-01 09:00:00')"
        )
        db.execute_sql(
            "INSERT INTO meeting (id, learning_set_id, date, title, location, planned_minutes, "
            "started_at, ended_at, coach_notes, created_at) VALUES (1, 1, '2024-02-01', "
            "'Old meeting', '', 60, NULL, NULL, 'Zoë at the café', '2024-02-01 08:00:00')"
        )
        db.execute_sql(
            "INSERT INTO intervention (meeting_id, at, offset_seconds, phase_id, category, text, "
            "question_id, response, added_afterwards) "
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "SELECT 1, '2024-02-01 09:10:00', i, NULL, 'process', 'note ' || i, NULL, '', 0 "
            "FROM n",
            (NOTES,),
        )
        db.execute_sql(
            "INSERT INTO problem_statement (meeting_id, member_id, kind, round, text, "
            "created_at) VALUES (1, NULL, 'agreed', 1, '公司的承运商经常延误', "
            "'2024-02-01 09:20:00')"
        )
    close_database(db)


def test_a_version_3_file_is_indexed_for_search_with_progress(tmp_path):
    path = database_path(tmp_path / "data")
    _make_version_3(path)
    reports: list[tuple[str, int, int]] = []
    db = open_database(path, progress=lambda *report: reports.append(report))
    reports = [r for r in reports if r[0] == migrations.V4_WHAT]  # version 5 reports its own
    try:
        assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
        total = NOTES + 2  # the interventions, the problem statement, the meeting's notes
        assert reports[0] == (migrations.V4_WHAT, 0, total)
        assert reports[-1] == (migrations.V4_WHAT, total, total)
        done = [r[1] for r in reports]
        assert done == sorted(done) and len(reports) >= 4
        tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master")}
        assert "note_index" not in tables and {"note_text", "note_trigram"} <= tables
        assert [h.source for h in search_notes("承运商")] == ["problem"]
        assert [h.source for h in search_notes("zoe cafe")] == ["meeting"]
        assert [h.source_id for h in search_notes("note 11999")] == [11999]
        # the triggers keep it current on the migrating connection's database
        interventions.update_intervention(11999, text="Now about Ørsted")
        assert search_notes("note 11999") == []
        assert [h.source_id for h in search_notes("orsted")] == [11999]
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        check = "INSERT INTO note_trigram (note_trigram, rank) VALUES ('integrity-check', 1)"
        db.execute_sql(check)
    finally:
        close_database(db)


def test_a_new_database_reports_no_progress(tmp_path):
    reports: list[tuple[str, int, int]] = []
    db = open_database(database_path(tmp_path / "data"), progress=lambda *r: reports.append(r))
    close_database(db)
    assert reports == []
