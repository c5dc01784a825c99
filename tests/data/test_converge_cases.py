"""Every way two copies failed to converge before (issue 17), each as a plain test through real
archive files and the real import."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from copies import HOUR_US, Copies

from alcoach.data import archive, feedback, hlc, interventions, meetings, sets
from alcoach.data import models as m
from alcoach.data.archive.tombstones import MassDeletion
from alcoach.data.record_spec import builtin_uid
from alcoach.errors import ArchiveError


@pytest.fixture
def two(tmp_path):
    copies = Copies(tmp_path, 2)
    copies.use(0)
    learning_set = sets.create_set("Set Blue")
    for name in ("Dana", "Kofi", "Ines"):
        sets.add_member(learning_set.id, name)
    meetings.create_meeting(learning_set.id, dt.date(2026, 11, 2), title="Shared")
    copies.swap(1, 0)
    yield copies
    copies.close()


def _meeting() -> int:
    return m.Meeting.select().order_by(m.Meeting.id).first().id


def _member(n: int) -> int:
    return m.Member.select().order_by(m.Member.id)[n].id


def _same(copies: Copies) -> None:
    copies.sync_all(rounds=2)
    assert copies.contents(0) == copies.contents(1)


def test_a_rating_cleared_and_typed_again_keeps_one_identity(two):
    two.use(0)
    note = interventions.log_intervention(_meeting(), "How are we doing, 1 to 10?")
    interventions.set_rating(note.id, _member(0), 7)
    two.swap(1, 0)
    two.use(0)
    interventions.set_rating(note.id, _member(0), None)  # cleared: an edit, the row stays
    interventions.set_rating(note.id, _member(0), 8)
    happened = two.swap(1, 0)
    assert "deleted" not in happened
    two.use(1)
    assert [r.score for r in interventions.list_interventions(_meeting())[0].ratings] == [8]
    two.use(0)
    path = two.export(0)
    archive.import_archive_file(path)  # its own archive back: the rating stays
    assert [r.score for r in interventions.list_interventions(_meeting())[0].ratings] == [8]
    _same(two)


def test_ratings_both_copies_made_for_one_member_are_one_record(two):
    two.use(0)
    note = interventions.log_intervention(_meeting(), "1 to 10?")
    two.swap(1, 0)
    two.use(0)
    interventions.set_rating(note.id, _member(1), 3)
    two.use(1)
    interventions.set_rating(note.id, _member(1), 9)  # later
    two.swap(0, 1)
    two.use(1)
    interventions.set_rating(note.id, _member(1), None)  # one copy clears it
    _same(two)
    two.use(0)
    assert interventions.list_interventions(_meeting())[0].ratings == ()  # it stays cleared
    assert m.Rating.select().count() == 1


def test_a_report_back_link_waits_for_the_newer_wins_test(two):
    from alcoach.data import actions

    two.use(0)
    learning_set = m.LearningSet.get().id
    first = _meeting()
    second = meetings.create_meeting(learning_set, dt.date(2026, 12, 2), title="Next").id
    action = actions.commit_action(first, "Call the owners")
    older = two.export(0)  # committed, not reported
    actions.report_back(action.id, "done", note="Called them", meeting_id=second)
    archive.import_archive_file(older)  # the older version must not win, link included
    row = m.Action.get_by_id(action.id)
    assert (row.status, row.reported_in_id) == ("done", second)


def test_equal_stamps_with_different_content_end_the_same_everywhere(two):
    two.use(0)
    note = interventions.log_intervention(_meeting(), "Shared note")
    two.swap(1, 0)
    stamp = "2026-11-02T10:00:00.000000Z-0000-" + hlc.MIGRATED_COPY
    for i, text in ((0, "version A"), (1, "version B")):
        two.use(i)
        m.Intervention.update(text=text, hlc=stamp).where(m.Intervention.id == note.id).execute()
    _same(two)
    two.use(0)
    assert m.Intervention.get_by_id(note.id).text == "version B"  # the larger content


def test_two_copies_of_one_old_database_upgraded_apart_merge_without_doubles(tmp_path):
    from alcoach.data.db import close_database, open_database

    old = tmp_path / "old.db"
    db = open_database(old, target_version=2)
    with db.atomic():
        db.execute_sql(
            "INSERT INTO learning_set (id, programme_id, name, cadence, ground_rules, archived, "
            "created_at) VALUES (1, NULL, 'Old set', '', '', 0, '2024-01-01 09:00:00.123456')"
        )
        db.execute_sql(
            "INSERT INTO meeting (id, learning_set_id, date, title, location, planned_minutes, "
            "started_at, ended_at, coach_notes, created_at) VALUES (1, 1, '2024-02-01', 'Old', "
            "'', 60, NULL, NULL, '', '2024-02-01 08:00:00.5')"
        )
        for i in range(1, 6):
            db.execute_sql(
                "INSERT INTO intervention (meeting_id, at, offset_seconds, phase_id, category, "
                "text, question_id, response, added_afterwards) VALUES "
                f"(1, '2024-02-01 09:1{i}:00', {i}, NULL, 'process', 'note {i}', NULL, '', 0)"
            )
    close_database(db)
    copies = Copies(tmp_path, 2)
    for i in range(2):
        (tmp_path / f"copy{i}").mkdir()
        (tmp_path / f"copy{i}" / "alcoach.db").write_bytes(old.read_bytes())
    try:
        copies.swap(1, 0)
        copies.use(1)
        assert (m.Meeting.select().count(), m.Intervention.select().count()) == (1, 5)
        _same(copies)
    finally:
        copies.close()


def test_built_in_content_has_one_uid_on_every_laptop(two):
    uids = []
    for i in range(2):
        two.use(i)
        uids.append({q.builtin_key: q.uid for q in m.Question.select() if q.builtin_key})
    assert uids[0] == uids[1] and uids[0]
    key, uid = next(iter(uids[0].items()))
    assert uid == builtin_uid("question", key)


def test_an_edit_made_after_an_import_wins_whatever_the_clocks_say(two):
    two.use(0)
    note = interventions.log_intervention(_meeting(), "First words")
    two.swap(1, 0)
    two.skew[1] = -2 * HOUR_US  # copy 1's clock is two hours behind
    two.use(1)
    interventions.update_intervention(note.id, text="Made last, on the slow laptop")
    two.swap(0, 1)
    two.use(0)
    assert m.Intervention.get_by_id(note.id).text == "Made last, on the slow laptop"


def test_a_record_from_the_far_future_refuses_the_import(two):
    two.use(0)
    interventions.log_intervention(_meeting(), "From a laptop with its year wrong")
    path = two.export(0)
    doc = json.loads(path.read_text(encoding="utf-8"))
    note = doc["meetings"][0]["interventions"][0]
    note["hlc"] = "9999-12-31T00:00:00.000000Z" + note["hlc"][27:]
    path.write_text(json.dumps(doc), encoding="utf-8")
    two.use(1)
    before = two.contents(1)
    with pytest.raises(ArchiveError, match="more than a day ahead") as refused:
        archive.import_archive_file(path)
    assert note["uid"] in str(refused.value)
    assert two.contents(1) == before


def test_the_migration_clamps_stamps_from_the_far_future(tmp_path):
    from alcoach.data.db import close_database, open_database

    path = tmp_path / "old.db"
    db = open_database(path, target_version=4)
    db.execute_sql(
        "INSERT INTO learning_set (programme_id, name, cadence, ground_rules, archived, "
        "created_at, uid, updated_at) VALUES (NULL, 'S', '', '', 0, '2024-01-01 09:00:00', "
        "'u-1', '9999-12-31 00:00:00')"
    )
    close_database(db)
    db = open_database(path)
    try:
        (stamp,) = db.execute_sql("SELECT hlc FROM learning_set").fetchone()
        assert stamp < "2100" and not hlc.is_too_far_ahead(stamp)
    finally:
        close_database(db)


def test_a_note_put_back_after_an_export_is_not_deleted_again(two):
    two.use(0)
    note = interventions.log_intervention(_meeting(), "Put back with Ctrl+Z")
    two.swap(1, 0)
    two.use(0)
    gone = interventions.delete_intervention(note.id)
    two.swap(1, 0)  # copy 1 hears of the deletion
    two.use(0)
    interventions.restore_intervention(gone)  # the put-back is later than the deletion
    _same(two)
    for i in range(2):
        two.use(i)
        assert [n.text for n in interventions.list_interventions(_meeting())] == [
            "Put back with Ctrl+Z"
        ]


def test_a_deletion_is_never_undone_by_the_other_copys_edit(two):
    two.use(0)
    note = interventions.log_intervention(_meeting(), "Soon gone")
    two.swap(1, 0)
    two.use(0)
    interventions.delete_intervention(note.id)
    two.use(1)
    interventions.update_intervention(note.id, text="Edited later, elsewhere")
    _same(two)
    two.use(1)
    assert interventions.list_interventions(_meeting()) == []


def test_a_set_tombstone_asks_first_and_counts_what_goes(two):
    two.use(0)
    for i in range(3):
        interventions.log_intervention(_meeting(), f"note {i}")
    two.swap(1, 0)
    two.use(0)
    m.LearningSet.delete().execute()  # (another tool, or a later alcoach, deletes sets)
    path = two.export(0)
    two.use(1)
    with pytest.raises(MassDeletion, match="delete a lot here"):
        archive.import_archive_file(path)
    assert m.LearningSet.select().count() == 1  # nothing was written
    happened = archive.import_archive_file(path, allow_mass_delete=True)
    assert "1 set with 1 meeting and 3 notes deleted as in the archive" in happened


def test_a_tombstone_of_the_wrong_kind_is_refused(two):
    two.use(0)
    path = two.export(0)
    doc = json.loads(path.read_text(encoding="utf-8"))
    uid = doc["meetings"][0]["uid"]
    doc["tombstones"].append(
        {"uid": uid, "kind": "learning", "deleted_at": "2026-11-02T10:00:00Z",
         "hlc": "2026-11-02T10:00:00.000000Z-0000-0123456789abcdef"}
    )  # fmt: skip
    path.write_text(json.dumps(doc), encoding="utf-8")
    two.use(1)
    with pytest.raises(ArchiveError, match="names a learning"):
        archive.import_archive_file(path)
    del doc["meetings"][0]  # the meeting only here: still refused, by what this copy holds
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ArchiveError, match="names a learning"):
        archive.import_archive_file(path)
    assert m.Meeting.select().where(m.Meeting.uid == uid).exists()


def test_coach_notes_edited_on_both_laptops_keep_the_losing_words(two):
    two.use(0)
    meetings.set_coach_notes(_meeting(), "Written on the laptop")
    two.use(1)
    meetings.set_coach_notes(_meeting(), "Written at home, later")
    happened = two.swap(0, 1)
    assert "1 text changed on both sides kept as a conflict" in happened
    two.use(0)
    assert m.Meeting.get_by_id(_meeting()).coach_notes == "Written at home, later"
    conflict = m.Conflict.get()
    assert json.loads(conflict.lost)["coach_notes"] == "Written on the laptop"
    _same(two)
    two.use(1)
    assert m.Conflict.select().count() == 1  # the same conflict on both copies, once


def test_feedback_written_for_one_member_on_both_copies_is_one_record(two):
    for i, text in ((0, "Listens well"), (1, "Asks open questions")):
        two.use(i)
        feedback.save_feedback(_meeting(), _member(2), strengths=text)
    _same(two)
    two.use(0)
    assert m.Feedback.select().count() == 1
    kept = m.Feedback.get().strengths
    lost = json.loads(m.Conflict.get().lost)["strengths"]
    assert {kept, lost} == {"Listens well", "Asks open questions"}


def test_the_same_archive_twice_changes_nothing_the_second_time(two):
    two.use(0)
    interventions.log_intervention(_meeting(), "Once")
    path = two.export(0)
    two.use(1)
    archive.import_archive_file(path)
    db_file = two.root / "copy1" / "alcoach.db"
    before = two.contents(1)
    assert archive.import_archive_file(path) == "0 meetings added, 1 already here, 0 updated"
    assert two.contents(1) == before and db_file.exists()


def test_a_version_2_archive_still_merges_without_doubles(two):
    from archive_support import as_version_2

    two.use(0)
    interventions.log_intervention(_meeting(), "Exported by an older alcoach")
    path = two.export(0)
    old = as_version_2(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(json.dumps(old), encoding="utf-8")
    two.use(1)
    archive.import_archive_file(path)
    archive.import_archive_file(path)
    assert m.Intervention.select().count() == 1
    assert m.Meeting.select().count() == 1


def test_an_older_alcoach_file_keeps_its_identity_through_sqlite(two):
    """The stamps are plain text other tools can read."""
    two.use(0)
    interventions.log_intervention(_meeting(), "Readable")
    two.close()
    con = sqlite3.connect(two.root / "copy0" / "alcoach.db")
    (stamp,) = con.execute("SELECT hlc FROM intervention").fetchone()
    con.close()
    assert hlc.parse_stamp(stamp)[2] != hlc.MIGRATED_COPY


def test_an_older_archive_never_ties_an_action_back_to_a_report_meeting(two):
    """The report-back link of an action reported in a later meeting is merged at the end of
    the import, through the same newer-wins test as every field."""
    from alcoach.data import actions

    two.use(0)
    learning_set = m.LearningSet.get().id
    first = _meeting()
    second = meetings.create_meeting(learning_set, dt.date(2026, 12, 2), title="Next").id
    action = actions.commit_action(first, "Call the owners")
    actions.report_back(action.id, "done", note="Called", meeting_id=second)
    older = two.export(0)  # reported in the later meeting
    actions.report_back(action.id, "committed")  # taken back: still open
    said = archive.import_archive_file(older)
    assert said == "0 meetings added, 2 already here, 0 updated"
    row = m.Action.get_by_id(action.id)
    assert (row.status, row.reported_in_id) == ("committed", None)
