"""The plain statements of a meeting's one-key paths give and store exactly what peewee would.

Every row of the demo, of every model, read by `row_by_id` equals peewee's read of it; a note
logged or a tally marked through the plain insert, of any text and in any state of the meeting,
reads back through peewee as the record the service returned.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alcoach.data import demo, interventions, meetings, questions, tallies
from alcoach.data import models as m
from alcoach.data.convert import get_or_raise
from alcoach.data.plain_rows import first_row, insert_row, row_by_id
from alcoach.data.records import InterventionRecord, RatingRecord
from alcoach.errors import NotFoundError, ValidationError

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

any_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=400
).filter(str.strip) | st.sampled_from(
    ["承运商的问题", "مرحبا بالعالم", "<b>&amp;</b>", "x" * 20_000]
)


def test_every_row_of_every_model_reads_as_peewee_reads_it(store):
    demo.add_demo_programme(today=dt.date(2026, 11, 2))
    checked = 0
    for model in m.ALL_MODELS:
        key = model._meta.primary_key
        if not isinstance(key, pw.AutoField):
            continue
        for row in model.select():
            plain = row_by_id(model, row.id)
            assert plain is not None and type(plain) is model
            assert plain.__data__ == row.__data__, model.__name__
            assert not plain._dirty
            checked += 1
    assert checked > 500
    assert row_by_id(m.Meeting, 10**9) is None


def _listed_through_peewee(meeting_id: int) -> list[InterventionRecord]:
    """The intervention log read through peewee's models, as it was before plain statements."""
    rows = m.Intervention.select().where(m.Intervention.meeting == meeting_id)
    records = []
    for row in rows.order_by(m.Intervention.at, m.Intervention.id):
        links = m.InterventionMember.select().where(m.InterventionMember.intervention == row.id)
        ratings = m.Rating.select().where(m.Rating.intervention == row.id)
        records.append(
            InterventionRecord(
                id=row.id,
                meeting_id=row.meeting_id,
                at=row.at,
                offset_seconds=row.offset_seconds,
                phase_id=row.phase_id,
                phase_name=row.phase.name if row.phase_id else "",
                category=row.category,
                text=row.text,
                question_id=row.question_id,
                response=row.response,
                member_ids=tuple(
                    link.member_id for link in links.order_by(m.InterventionMember.id)
                ),
                ratings=tuple(
                    RatingRecord(r.member_id, r.score) for r in ratings.order_by(m.Rating.id)
                ),
                added_afterwards=bool(row.added_afterwards),
                uid=row.uid,
            )
        )
    return records


def test_every_meetings_log_lists_as_peewee_reads_it(store):
    demo.add_demo_programme(today=dt.date(2026, 11, 2))
    listed: list[InterventionRecord] = []
    for meeting in m.Meeting.select():
        log = interventions.list_interventions(meeting.id)
        assert log == _listed_through_peewee(meeting.id)
        listed += log
    assert len(listed) > 50
    assert all(type(r.offset_seconds) is float and r.at.tzinfo is dt.UTC for r in listed)
    assert any(r.member_ids for r in listed) and any(r.ratings for r in listed)
    assert any(r.phase_name for r in listed)


def test_a_plain_instance_saves_and_follows_its_relations(sample_set):
    meeting = sample_set["meeting"]
    row = row_by_id(m.Meeting, meeting.id)
    assert row.learning_set.name == "Set Blue"  # a foreign key loads as peewee's does
    row.location = "Room 4"
    row.save()
    assert m.Meeting.get_by_id(meeting.id).location == "Room 4"


def test_first_row_keeps_the_order_asked_for(sample_set):
    meeting = sample_set["meeting"]
    last = first_row(m.Phase, "meeting_id = ? ORDER BY position DESC", (meeting.id,))
    phases = list(m.Phase.select().where(m.Phase.meeting == meeting.id).order_by(m.Phase.position))
    assert last.__data__ == phases[-1].__data__
    assert first_row(m.Phase, "meeting_id = ?", (-1,)) is None


def test_insert_row_fills_the_defaults_create_would(sample_set):
    meeting = sample_set["meeting"]
    values = insert_row(m.Intervention, meeting=meeting.id, at=T0, text="Hello")
    stored = m.Intervention.get_by_id(values["id"])
    assert stored.category == "other" and stored.response == "" and not stored.added_afterwards
    assert stored.offset_seconds == 0 and stored.phase_id is None and stored.question_id is None
    assert len(stored.uid) == 36 and stored.updated_at.tzinfo is dt.UTC
    assert stored.__data__ == m.Intervention(__no_default__=1, **values).__data__
    again = insert_row(m.Intervention, meeting=meeting.id, at=T0, text="Hello")
    assert again["uid"] != values["uid"]


def test_the_read_paths_still_say_what_is_missing(sample_set):
    meeting = sample_set["meeting"]
    with pytest.raises(NotFoundError, match="There is no meeting with id 999999"):
        get_or_raise(m.Meeting, 999_999, "meeting")
    with pytest.raises(NotFoundError, match="There is no member with id 999999"):
        interventions.log_intervention(meeting.id, "Who?", member_ids=[999_999], now=T0)
    with pytest.raises(NotFoundError, match="There is no meeting"):
        tallies.record_tally(999_999, sample_set["members"][0].id, "question")


def test_a_member_of_another_set_is_refused_by_name(sample_set, store):
    from alcoach.data import sets

    other = sets.create_set("Set Green")
    stranger = sets.add_member(other.id, "Zoë Ångström")
    with pytest.raises(ValidationError, match="Zoë Ångström is not a member of this meeting's set"):
        interventions.log_intervention(sample_set["meeting"].id, "Hi", member_ids=[stranger.id])
    assert interventions.list_interventions(sample_set["meeting"].id) == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=any_text,
    state=st.sampled_from(["not started", "running", "paused", "ended"]),
    member_picks=st.lists(st.integers(0, 3), max_size=6),
    category=st.none() | st.sampled_from(m.CATEGORIES),
    from_bank=st.booleans(),
    response=st.sampled_from(["", "They paused, then answered.", "🙂" * 50]),
)
def test_a_logged_note_reads_back_as_returned(
    sample_set, text, state, member_picks, category, from_bank, response
):
    meeting_id = meetings.create_meeting(
        sample_set["set"].id, dt.date(2026, 11, 2), title="Shapes", template_id=None
    ).id
    if state != "not started":
        meetings.start_meeting(meeting_id)
    if state == "paused":
        meetings.pause_meeting(meeting_id)
    if state == "ended":
        meetings.end_meeting(meeting_id)
    members = [sample_set["members"][i].id for i in member_picks]
    question_id = questions.list_questions()[0].id if from_bank else None
    uses = m.Question.get_by_id(question_id).uses if from_bank else 0

    logged = interventions.log_intervention(
        meeting_id,
        text,
        category=category,
        question_id=question_id,
        member_ids=members,
        response=response,
    )

    assert logged == interventions.get_intervention(logged.id)
    assert interventions.list_interventions(meeting_id) == [logged]
    assert logged.text == text and logged.member_ids == tuple(dict.fromkeys(members))
    assert logged.added_afterwards == (state == "ended")
    if from_bank:
        assert m.Question.get_by_id(question_id).uses == uses + 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(m.TALLY_KINDS),
    note=st.just("") | any_text,
    pick=st.integers(0, 3),
)
def test_a_marked_tally_reads_back_as_returned(sample_set, kind, note, pick):
    meeting_id = sample_set["meeting"].id
    member_id = sample_set["members"][pick].id
    marked = tallies.record_tally(meeting_id, member_id, kind, note=note)
    assert marked in tallies.list_tallies(meeting_id, member_id)
    assert marked.note == note and marked.kind == kind
