"""Archive export and import: schema, round trips, hostile text, atomic writing."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import jsonschema
import pytest
from archive_support import (
    SAMPLE,
    as_merged_into_a_fresh_database,
    canonical,
    only_archive_content,
    row_counts,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alcoach.data import actions as action_service
from alcoach.data import archive, interventions, learnings, meetings, problems, questions
from alcoach.data import feedback as feedback_service
from alcoach.data import settings as settings_service
from alcoach.data import tallies as tally_service
from alcoach.data.archive.checks import is_datetime
from alcoach.data.store import open_store
from alcoach.errors import ArchiveError, ExportError
from benchmarks.generate import HOSTILE, generate_archive

UTC = dt.UTC


def _schema_validator(version: int = 4) -> jsonschema.Draft202012Validator:
    schema = json.loads(archive.SCHEMA_PATHS[version].read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(is_datetime)
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


def _round_trip(doc: dict, tmp_path: Path, name: str = "again") -> dict:
    """Import `doc` into a fresh database (seeded, as the app opens it) and export it again."""
    store = open_store(tmp_path / name)
    try:
        archive.import_archive(doc)
        return archive.export_archive()
    finally:
        store.close()


def _fill_meeting(sample_set: dict) -> None:
    """A meeting as a coach would leave it: timed, logged, tallied, reviewed."""
    meeting = sample_set["meeting"]
    dana, kofi, ines, ravi = (mem.id for mem in sample_set["members"])
    start = dt.datetime(2026, 11, 2, 9, 0, 0, 250_000, tzinfo=UTC)
    meetings.start_meeting(meeting.id, now=start)
    meetings.pause_meeting(meeting.id, now=start + dt.timedelta(minutes=10))
    meetings.resume_meeting(meeting.id, now=start + dt.timedelta(minutes=12))
    meetings.next_phase(meeting.id, now=start + dt.timedelta(minutes=14))
    question = questions.add_question("What <b>else</b> & what next? 🙂", "clarifying")
    logged = interventions.log_intervention(
        meeting.id,
        "",
        question_id=question.id,
        member_ids=[kofi, dana],
        response="שלום",
        now=start + dt.timedelta(minutes=15),
    )
    interventions.set_ratings(logged.id, {dana: 7, ines: 3})
    interventions.log_intervention(
        meeting.id,
        "How are we doing? %s {0}",
        category="process",
        now=start + dt.timedelta(minutes=16),
    )
    tally_service.record_tally(meeting.id, kofi, "question", now=start + dt.timedelta(minutes=17))
    tally_service.record_tally(meeting.id, ines, "skill", note="Listened 你好")
    feedback_service.save_feedback(meeting.id, kofi, strengths="Curious", suggestions="Wait")
    problems.add_problem_statement(meeting.id, "presenter", "Voids wait", member_id=kofi)
    problems.record_poll_vote(meeting.id, 1, ines, "close")
    action = action_service.commit_action(
        meeting.id, "Name an owner", owner_id=kofi, due=dt.date(2026, 12, 1)
    )
    later = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 1))
    action_service.report_back(action.id, "partly", note="Six of ten", meeting_id=later.id)
    learnings.add_learning(meeting.id, "individual", "Measure hides", member_id=kofi)
    learnings.add_learning(meeting.id, "organisation", "Three departments")
    meetings.end_meeting(meeting.id, now=start + dt.timedelta(minutes=70))
    settings_service.set_coach_profile("Morgan Ellis", "Coach")
    assert ravi


def test_export_of_sample_data_validates_against_the_schema(sample_set):
    _fill_meeting(sample_set)
    doc = archive.export_archive()
    errors = list(_schema_validator().iter_errors(doc))
    assert errors == []
    assert doc["format"] == "alcoach-archive" and doc["version"] == 4
    assert doc["coach"] == {"name": "Morgan Ellis", "credentials": "Coach"}
    meeting = next(mt for mt in doc["meetings"] if mt["interventions"])
    assert meeting["started_at"] == "2026-11-02T09:00:00.250000Z"
    first = meeting["interventions"][0]
    assert first["text"] == "What <b>else</b> & what next? 🙂"
    assert first["question"].startswith("q-") and first["phase"] == 1
    assert {r["score"] for r in first["ratings"]} == {7, 3}
    assert meeting["actions"][0]["reported_in"].startswith("mtg-")
    assert all(q["builtin"] for q in doc["questions"][:10])


def test_export_then_import_elsewhere_keeps_everything(sample_set, tmp_path):
    _fill_meeting(sample_set)
    first = archive.export_archive()
    again = _round_trip(first, tmp_path)
    assert canonical(again) == canonical(first)


def test_shared_sample_archive_imports_and_reexports_the_same(store):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    summary = archive.import_archive_file(SAMPLE)
    assert summary == "2 meetings added, 0 already here, 0 updated; 1 set added, 2 questions added"
    exported = archive.export_archive()
    assert list(_schema_validator().iter_errors(exported)) == []
    assert canonical(only_archive_content(exported, doc)) == canonical(
        as_merged_into_a_fresh_database(doc)
    )
    assert exported["questions"][0]["builtin"]  # the seeded bank is still there, once


def test_import_into_a_seeded_database_does_not_double_the_bank(store, tmp_path):
    bank_before = questions.list_questions(include_archived=True)
    doc = generate_archive(questions=60)
    builtin = [q for q in doc["questions"] if q["builtin"]]
    builtin[0]["favourite"], builtin[0]["uses"], builtin[0]["archived"] = True, 12, True
    archive.import_archive(doc)
    after = questions.list_questions(include_archived=True)
    assert len(after) == len(bank_before) + len(doc["questions"]) - len(builtin)
    reused = next(q for q in after if q.text == builtin[0]["text"])
    # raised to what the archive says, never lowered; archived keeps this database's value
    assert (reused.favourite, reused.uses, reused.archived) == (True, 12, False)
    template_names = [t["name"] for t in archive.export_archive()["agenda_templates"]]
    assert len(template_names) == len(set(template_names))


def test_import_adds_to_a_database_that_has_data_once(sample_set):
    before = row_counts()
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    archive.import_archive(doc)
    once = row_counts()
    # "Set Blue" and its four members are here already: found by name, the meetings join them
    assert (once["LearningSet"], once["Member"]) == (before["LearningSet"], before["Member"])
    assert once["Meeting"] == before["Meeting"] + 2
    assert once["Intervention"] == before["Intervention"] + 2
    assert once["Question"] == before["Question"] + 2
    assert archive.import_archive(doc) == "0 meetings added, 2 already here, 0 updated"
    assert row_counts() == once


def test_generated_archive_with_hostile_and_long_text_round_trips(tmp_path):
    doc = generate_archive(long_text=True, seed=3)
    text = json.dumps(doc, ensure_ascii=False)
    for hostile in ("<b>&amp;<img src=x>", "🙂", "مرحبا", "שלום", "你好", "%s {0}"):
        assert hostile in text
    assert len(doc["meetings"][0]["coach_notes"]) == 20_000
    again = _round_trip(doc, tmp_path)
    expected = canonical(as_merged_into_a_fresh_database(doc))
    assert canonical(only_archive_content(again, doc)) == expected
    assert again["meetings"][0]["coach_notes"] == doc["meetings"][0]["coach_notes"]


def test_generator_is_deterministic_and_valid():
    first = generate_archive(seed=5)
    assert first == generate_archive(seed=5)
    assert first != generate_archive(seed=6)
    assert list(_schema_validator(1).iter_errors(first)) == []
    assert any(h in json.dumps(first, ensure_ascii=False) for h in HOSTILE)


def test_medium_generated_archive_round_trips(tmp_path):
    doc = generate_archive(
        sets=4,
        meetings_per_set=5,
        interventions_per_meeting=100,
        tallies_per_meeting=50,
        questions=300,
        seed=11,
    )
    again = _round_trip(doc, tmp_path)
    assert sum(len(mt["interventions"]) for mt in again["meetings"]) == 2000
    expected = canonical(as_merged_into_a_fresh_database(doc))
    assert canonical(only_archive_content(again, doc)) == expected


def test_times_with_other_offsets_are_stored_as_the_same_instant(store):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["meetings"][0]["started_at"] = "2026-10-23T11:00:00.5+02:00"
    archive.import_archive(doc)
    exported = archive.export_archive()
    assert exported["meetings"][0]["started_at"] == "2026-10-23T09:00:00.500000Z"


_TEXT = st.text(max_size=60)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, response=_TEXT, strengths=_TEXT, notes=_TEXT)
def test_any_text_round_trips(text, response, strengths, notes):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    meeting = doc["meetings"][0]
    meeting["interventions"][0]["text"] = text
    meeting["interventions"][0]["response"] = response
    meeting["feedback"][0]["strengths"] = strengths
    meeting["feedback"][0]["coach_notes"] = notes
    with tempfile.TemporaryDirectory() as folder:
        again = _round_trip(doc, Path(folder))
    got = again["meetings"][0]
    assert got["interventions"][0]["text"] == text
    assert got["interventions"][0]["response"] == response
    assert got["feedback"][0]["strengths"] == strengths
    assert got["feedback"][0]["coach_notes"] == notes


def test_export_file_is_utf8_and_reads_back(sample_set, tmp_path):
    _fill_meeting(sample_set)
    path = tmp_path / "everything.json"
    summary = archive.export_archive_file(path)
    assert summary == "1 set, 2 meetings, 2 interventions"
    raw = path.read_bytes()
    assert "🙂".encode() in raw and b"\\u" not in raw
    assert json.loads(raw.decode("utf-8"))["format"] == "alcoach-archive"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "everything.json"]


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_a_failed_export_leaves_no_partial_file(sample_set, tmp_path, monkeypatch, broken):
    path = tmp_path / "out" / "archive.json"
    path.parent.mkdir()
    path.write_text("the previous archive", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, broken, fail)
    with pytest.raises(ExportError, match="No space left on device"):
        archive.export_archive_file(path)
    assert path.read_text(encoding="utf-8") == "the previous archive"
    assert [p.name for p in path.parent.iterdir()] == ["archive.json"]


def test_a_failed_export_to_a_new_name_leaves_nothing(sample_set, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(ExportError):
        archive.export_archive_file(tmp_path / "new.json")
    assert not (tmp_path / "new.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_export_into_a_missing_folder_is_one_sentence(store, tmp_path):
    with pytest.raises(ExportError, match=r"could not be written to .*missing"):
        archive.export_archive_file(tmp_path / "missing" / "a.json")


def test_import_of_a_bad_archive_raises_archive_error_not_crash(store):
    with pytest.raises(ArchiveError):
        archive.import_archive({"format": "alcoach-archive", "version": 1})
