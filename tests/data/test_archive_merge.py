"""Imports merge: the same archive twice adds nothing, the copy changed last wins per record,
deletions travel as tombstones, built-in questions are never lowered."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from archive_support import SAMPLE, row_counts

from alcoach.data import archive, interventions, meetings, questions
from alcoach.data import models as m
from alcoach.data.store import open_store
from benchmarks.generate import generate_archive


@pytest.fixture
def two_folders(tmp_path):
    """Open one data folder after another (the models are bound to one database at a time)."""
    opened = []

    def use(name: str):
        for store in opened:
            store.close()
        opened.clear()
        opened.append(open_store(tmp_path / name))
        return opened[0]

    yield use
    for store in opened:
        store.close()


def _export(path: Path) -> Path:
    archive.export_archive_file(path)
    return path


def _content_without_times(doc: dict) -> dict:
    out = copy.deepcopy(doc)
    out.pop("exported_at")
    out["questions"] = [q for q in out["questions"] if not q["builtin"]]
    out["agenda_templates"] = [t for t in out["agenda_templates"] if not t["builtin_key"]]
    return out


def test_a_version_2_archive_imported_twice_adds_nothing_the_second_time(two_folders, tmp_path):
    two_folders("a")
    archive.import_archive(generate_archive(sets=2, meetings_per_set=3, seed=1))
    exported = _export(tmp_path / "a.json")
    two_folders("b")
    first = archive.import_archive_file(exported)
    assert first.startswith("6 meetings added, 0 already here, 0 updated; 2 sets added")
    counts = row_counts()
    assert archive.import_archive_file(exported) == "0 meetings added, 6 already here, 0 updated"
    assert row_counts() == counts


def test_a_databases_own_export_back_into_it_adds_nothing(two_folders, tmp_path):
    two_folders("a")
    archive.import_archive(generate_archive(sets=2, meetings_per_set=2, seed=4))
    counts = row_counts()
    back = archive.import_archive_file(_export(tmp_path / "own.json"))
    assert back == "0 meetings added, 4 already here, 0 updated"
    assert row_counts() == counts


def test_uids_and_times_travel_exactly(two_folders, tmp_path):
    two_folders("a")
    archive.import_archive(generate_archive(sets=1, meetings_per_set=3, seed=8))
    exported = _export(tmp_path / "a.json")
    two_folders("b")
    archive.import_archive_file(exported)
    again = archive.export_archive()
    original = json.loads(exported.read_text(encoding="utf-8"))
    assert _content_without_times(again) == _content_without_times(original)


def test_the_copy_changed_last_wins_per_record(two_folders, tmp_path):
    two_folders("a")
    archive.import_archive(generate_archive(sets=1, meetings_per_set=2, seed=3))
    first_id, second_id = (i.id for i in m.Intervention.select().order_by(m.Intervention.id)[:2])
    shared = _export(tmp_path / "shared.json")
    two_folders("b")
    archive.import_archive_file(shared)
    uid_first = m.Intervention.get_by_id(first_id).uid
    uid_second = m.Intervention.get_by_id(second_id).uid
    # on b, the first note is edited; later, on a, the first and the second
    interventions.update_intervention(first_id, text="edited on b, earlier")
    two_folders("a")
    interventions.update_intervention(first_id, text="edited on a, later")
    interventions.update_intervention(second_id, text="edited on a")
    from_a = _export(tmp_path / "from-a.json")
    two_folders("b")
    interventions.update_intervention(second_id, text="edited on b, last")
    happened = archive.import_archive_file(from_a)
    assert happened == (
        "0 meetings added, 1 already here, 1 updated; 2 texts changed on both sides kept as "
        "conflicts (Data > Conflicts)"
    )
    texts = {i.uid: i.text for i in m.Intervention.select()}
    assert texts[uid_first] == "edited on a, later"  # a's edit came last
    assert texts[uid_second] == "edited on b, last"  # b's edit came last
    # each note was edited on both sides since they last agreed: the losing words are kept
    lost = {c.record_uid: json.loads(c.lost)["text"] for c in m.Conflict.select()}
    assert lost == {uid_first: "edited on b, earlier", uid_second: "edited on a"}


def test_a_deletion_is_not_brought_back_and_travels(two_folders, tmp_path):
    two_folders("a")
    archive.import_archive(generate_archive(sets=1, meetings_per_set=3, seed=5))
    shared = _export(tmp_path / "shared.json")
    two_folders("b")
    archive.import_archive_file(shared)
    gone = m.Meeting.select().order_by(m.Meeting.id).first()
    gone_uid = gone.uid
    meetings.delete_meeting(gone.id)
    assert archive.import_archive_file(shared) == (
        "0 meetings added, 2 already here, 0 updated, 1 left out (deleted here)"
    )
    assert not m.Meeting.select().where(m.Meeting.uid == gone_uid).exists()
    from_b = _export(tmp_path / "from-b.json")
    tombstones = json.loads(from_b.read_text(encoding="utf-8"))["tombstones"]
    assert {"uid": gone_uid, "kind": "meeting"} in [
        {"uid": t["uid"], "kind": t["kind"]} for t in tombstones
    ]
    two_folders("a")
    happened = archive.import_archive_file(from_b)
    assert happened.startswith("0 meetings added, 2 already here, 0 updated; ")
    assert "deleted as in the archive" in happened
    assert not m.Meeting.select().where(m.Meeting.uid == gone_uid).exists()
    assert m.Meeting.select().count() == 2
    # and a's older archive does not bring it back here either
    assert "1 left out (deleted here)" in archive.import_archive_file(shared)


def test_built_in_questions_are_never_lowered(store):
    bank = questions.list_questions(include_archived=True)
    builtin = next(q for q in bank if q.builtin)
    m.Question.update(favourite=True, uses=5).where(m.Question.id == builtin.id).execute()
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["questions"].append({
        "id": "q-b", "text": builtin.text, "category": builtin.category, "builtin": True,
        "favourite": False, "uses": 2, "archived": True,
    })  # fmt: skip
    archive.import_archive(doc)
    row = m.Question.get_by_id(builtin.id)
    assert (row.favourite, row.uses, row.archived) == (True, 5, False)
    doc["questions"][-1].update(uses=9)
    archive.import_archive(doc)
    assert m.Question.get_by_id(builtin.id).uses == 9  # the larger count
    assert m.Question.select().where(m.Question.text == builtin.text).count() == 1


def test_a_version_1_meeting_is_found_by_set_date_and_start_or_title(store):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    archive.import_archive(doc)
    again = copy.deepcopy(doc)
    again["meetings"][0]["coach_notes"] = "changed, but the same meeting"
    again["meetings"][1]["started_at"] = None
    again["meetings"][1]["title"] = "Another meeting that day"
    happened = archive.import_archive(again)
    assert happened.startswith("1 meeting added, 1 already here, 0 updated")
    counts = row_counts()
    assert archive.import_archive(again) == "0 meetings added, 2 already here, 0 updated"
    assert row_counts() == counts
