"""The intervention log: logging in every meeting state, categories, edit, delete and restore,
ratings and their spread."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import interventions, meetings, questions, sets
from alcoach.data.records import InterventionRecord, RatingRecord
from alcoach.errors import NotFoundError, ValidationError

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def _bank_question(text: str):
    return next(q for q in questions.list_questions() if q.text == text)


def test_logging_in_a_meeting_not_started_starts_it(sample_set):
    meeting = sample_set["meeting"]
    logged = interventions.log_intervention(meeting.id, "Shall we begin?", now=T0)

    started = meetings.get_meeting(meeting.id)
    assert started.started_at == T0
    assert logged.offset_seconds == 0
    assert logged.phase_name == "Opening and ground rules"
    assert logged.category == "opening"
    assert not logged.added_afterwards


def test_offset_and_phase_follow_the_clock(sample_set):
    meeting = sample_set["meeting"]
    meetings.start_meeting(meeting.id, now=T0)
    meetings.pause_meeting(meeting.id, now=at(2))
    meetings.resume_meeting(meeting.id, now=at(12))
    for minute in (13, 14, 16, 19):
        meetings.next_phase(meeting.id, now=at(minute))
    logged = interventions.log_intervention(meeting.id, "What are we assuming?", now=at(30))

    assert logged.offset_seconds == 20 * 60  # the ten-minute pause does not count
    assert logged.phase_name.startswith("Questioning")
    assert logged.category == "process"
    assert logged.phase_id == meetings.current_phase(meeting.id).id


def test_logging_in_an_ended_meeting_is_marked_added_afterwards(sample_set):
    meeting = sample_set["meeting"]
    meetings.start_meeting(meeting.id, now=T0)
    meetings.end_meeting(meeting.id, now=at(60))
    logged = interventions.log_intervention(meeting.id, "Noted on the train home", now=at(90))

    assert logged.added_afterwards
    assert logged.phase_id is None
    assert meetings.get_meeting(meeting.id).ended_at == at(60)  # still ended
    assert interventions.list_interventions(meeting.id)[-1].added_afterwards


def test_category_comes_from_the_question_then_from_the_phase(sample_set):
    meeting = sample_set["meeting"]
    question = _bank_question("What did we do well today?")
    from_question = interventions.log_intervention(meeting.id, "", question_id=question.id, now=T0)
    assert from_question.text == question.text  # empty text takes the question's
    assert from_question.category == "closing"
    assert from_question.question_id == question.id
    given = interventions.log_intervention(meeting.id, "Time check", category="time", now=at(1))
    assert given.category == "time"
    with pytest.raises(ValidationError, match="not a category"):
        interventions.log_intervention(meeting.id, "x", category="chit-chat", now=at(2))


def test_question_use_is_counted(sample_set):
    meeting = sample_set["meeting"]
    question = _bank_question("How are we doing as a group, 1 to 10?")
    for minute in range(3):
        interventions.log_intervention(meeting.id, "", question_id=question.id, now=at(minute))
    assert questions.get_question(question.id).uses == 3
    assert questions.list_questions()[0].id == question.id  # the most used comes first
    with pytest.raises(NotFoundError):
        interventions.log_intervention(meeting.id, "x", question_id=99999, now=at(5))


def test_typed_text_is_kept_exactly(sample_set):
    meeting = sample_set["meeting"]
    text = "<b>Bold?</b> & 'quotes' — 🙂 李明 Zoë\n" + "long " * 2000
    logged = interventions.log_intervention(meeting.id, text, response="  spaced  ", now=T0)
    stored = interventions.get_intervention(logged.id)
    assert stored.text == text
    assert stored.response == "  spaced  "


def test_edit_text_category_response_and_members(sample_set):
    meeting = sample_set["meeting"]
    dana, kofi, ines, _ = sample_set["members"]
    logged = interventions.log_intervention(
        meeting.id, "first", member_ids=[dana.id, kofi.id, dana.id], now=T0
    )
    assert logged.member_ids == (dana.id, kofi.id)

    edited = interventions.update_intervention(
        logged.id, text="second", category="reframing", response="silence", member_ids=[ines.id]
    )
    assert (edited.text, edited.category, edited.response) == ("second", "reframing", "silence")
    assert edited.member_ids == (ines.id,)
    assert interventions.list_interventions(meeting.id) == [edited]


def test_members_addressed_must_belong_to_the_set(sample_set):
    meeting = sample_set["meeting"]
    stranger = sets.add_member(sets.create_set("Other").id, "Stranger")
    with pytest.raises(ValidationError, match="Stranger"):
        interventions.log_intervention(meeting.id, "x", member_ids=[stranger.id], now=T0)
    with pytest.raises(NotFoundError):
        interventions.log_intervention(meeting.id, "x", member_ids=[999], now=T0)
    assert interventions.list_interventions(meeting.id) == []


def test_delete_and_restore_keep_the_same_content(sample_set):
    meeting = sample_set["meeting"]
    dana, kofi, *_ = sample_set["members"]
    question = _bank_question("How are we doing as a group, 1 to 10?")
    interventions.log_intervention(meeting.id, "before", now=T0)
    logged = interventions.log_intervention(
        meeting.id,
        "",
        question_id=question.id,
        member_ids=[kofi.id],
        response="mixed",
        now=at(3),
    )
    rated = interventions.set_ratings(logged.id, {dana.id: 2, kofi.id: 8})
    interventions.log_intervention(meeting.id, "after", now=at(5))

    deleted = interventions.delete_intervention(logged.id)
    assert deleted == rated
    assert [i.text for i in interventions.list_interventions(meeting.id)] == ["before", "after"]
    with pytest.raises(NotFoundError):
        interventions.get_intervention(logged.id)

    restored = interventions.restore_intervention(deleted)
    assert restored == rated
    assert [i.text for i in interventions.list_interventions(meeting.id)] == [
        "before",
        question.text,
        "after",
    ]


def test_ratings_and_their_spread(sample_set):
    meeting = sample_set["meeting"]
    dana, kofi, ines, ravi = sample_set["members"]
    logged = interventions.log_intervention(meeting.id, "How are we doing?", now=T0)
    assert logged.rating_spread is None and not interventions.is_wide_spread(logged)

    narrow = interventions.set_ratings(logged.id, {dana.id: 6, kofi.id: 7, ines.id: 8})
    assert narrow.rating_spread == (6, 8)
    assert not interventions.is_wide_spread(narrow)

    wide = interventions.set_rating(logged.id, ravi.id, 2)
    assert wide.rating_spread == (2, 8)
    assert interventions.is_wide_spread(wide)

    changed = interventions.set_rating(logged.id, ravi.id, 5)  # a second answer replaces the first
    assert sorted(r.score for r in changed.ratings) == [5, 6, 7, 8]
    cleared = interventions.set_rating(logged.id, ravi.id, None)
    assert {r.member_id for r in cleared.ratings} == {dana.id, kofi.id, ines.id}


@pytest.mark.parametrize("score", [0, 11, -3])
def test_ratings_are_one_to_ten(sample_set, score):
    meeting = sample_set["meeting"]
    dana = sample_set["members"][0]
    logged = interventions.log_intervention(meeting.id, "How are we doing?", now=T0)
    with pytest.raises(ValidationError, match="1 to 10"):
        interventions.set_rating(logged.id, dana.id, score)
    assert interventions.get_intervention(logged.id).ratings == ()


def test_is_wide_spread_threshold():
    def record(*scores: int) -> InterventionRecord:
        return InterventionRecord(
            id=1,
            meeting_id=1,
            at=T0,
            offset_seconds=0,
            phase_id=None,
            phase_name="",
            category="process",
            text="How are we doing?",
            ratings=tuple(RatingRecord(i, s) for i, s in enumerate(scores)),
        )

    assert not interventions.is_wide_spread(record(5, 8))
    assert interventions.is_wide_spread(record(4, 8))
    assert interventions.is_wide_spread(record(2, 8, 7))
    assert not interventions.is_wide_spread(record(9))


def test_empty_text_without_a_question_is_refused(sample_set):
    meeting = sample_set["meeting"]
    with pytest.raises(ValidationError, match="needs some text"):
        interventions.log_intervention(meeting.id, "   ", now=T0)
    assert interventions.list_interventions(meeting.id) == []
