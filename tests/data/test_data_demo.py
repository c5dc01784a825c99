"""The demo programme: what it adds, that it is played through the real services, and once only."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from alcoach.data import (
    actions,
    feedback,
    interventions,
    learnings,
    meetings,
    problems,
    sets,
    settings,
    tallies,
)
from alcoach.data.demo import add_demo_programme
from alcoach.data.demo_content import PROGRAMME_NAME, SET_NAME
from alcoach.data.timer import compute_timer


def _demo_set():
    return next(s for s in sets.list_sets() if s.name == SET_NAME)


def test_demo_adds_one_programme_set_six_members_three_meetings(store):
    summary = add_demo_programme()

    assert PROGRAMME_NAME in summary
    programmes = [p for p in sets.list_programmes() if p.name == PROGRAMME_NAME]
    assert len(programmes) == 1
    assert programmes[0].sponsor
    assert "sample" in programmes[0].notes.lower()
    learning_set = _demo_set()
    assert learning_set.programme_id == programmes[0].id
    members = sets.list_members(learning_set.id)
    assert len(members) == 6
    names = {m.name for m in members}
    assert "Zoë Łukasiewicz" in names
    assert "李明 (Li Ming)" in names
    assert all(m.role and m.organisation and m.leadership_skill for m in members)
    assert len(meetings.list_meetings(learning_set.id)) == 3


def test_demo_meetings_are_four_weeks_apart_and_the_last_is_recent(store):
    add_demo_programme()
    dates = sorted(mt.date for mt in meetings.list_meetings(_demo_set().id))
    assert [(b - a).days for a, b in itertools.pairwise(dates)] == [28, 28]
    assert 0 <= (dt.date.today() - dates[-1]).days <= 7


def test_demo_meetings_hold_a_whole_meeting_each(store):
    add_demo_programme()
    learning_set = _demo_set()
    ordered = sorted(meetings.list_meetings(learning_set.id), key=lambda mt: mt.date)
    for index, meeting in enumerate(ordered):
        timing = meetings.meeting_timing(meeting.id)
        assert timing.started_at is not None and timing.ended_at is not None
        assert timing.started_at.date() == meeting.date
        assert timing.pauses, "each demo meeting has a break"
        state = compute_timer(timing, timing.ended_at)
        assert state.state == "ended"
        assert all(c.started and c.ended for c in state.phases)

        logged = interventions.list_interventions(meeting.id)
        assert 12 <= len(logged) <= 20
        assert any(i.question_id is not None for i in logged)
        assert any(i.member_ids for i in logged)
        offsets = [i.offset_seconds for i in logged if not i.added_afterwards]
        assert offsets == sorted(offsets)
        rated = [i for i in logged if i.ratings]
        assert len(rated) == 1
        attendees = {a.member.id for a in meetings.list_attendees(meeting.id) if a.attended}
        assert {r.member_id for r in rated[0].ratings} == attendees

        counts = tallies.tally_counts(meeting.id)
        assert set(counts) == attendees
        assert any(c.skill for c in counts.values())
        assert any(t.note for t in tallies.list_tallies(meeting.id) if t.kind == "skill")

        statements = problems.list_problem_statements(meeting.id)
        assert {s.kind for s in statements} == {"presenter", "member", "agreed"}
        assert problems.list_poll_votes(meeting.id)
        assert {f.member_id for f in feedback.list_feedback(meeting.id)} == attendees
        assert {lv.level for lv in learnings.list_learnings(meeting.id)} == {
            "individual",
            "team",
            "organisation",
        }
        assert meetings.get_meeting(meeting.id).coach_notes
        assert len(actions.list_actions(meeting.id)) >= 2
        if index > 0:
            reported = actions.actions_for_report_back(meeting.id)
            assert reported and all(a.reported_in_id == meeting.id for a in reported)
            assert {a.status for a in reported} <= {"done", "partly", "not_done"}
    all_statuses = {a.status for a in actions.list_set_actions(learning_set.id)}
    assert {"done", "partly", "not_done", "committed"} <= all_statuses
    spreads = [
        interventions.is_wide_spread(i)
        for mt in ordered
        for i in interventions.list_interventions(mt.id)
        if i.ratings
    ]
    assert any(spreads) and not all(spreads)


def test_demo_twice_does_not_duplicate(store):
    add_demo_programme()
    second = add_demo_programme()

    assert "already" in second
    assert [p.name for p in sets.list_programmes()].count(PROGRAMME_NAME) == 1
    assert [s.name for s in sets.list_sets()].count(SET_NAME) == 1
    assert len(meetings.list_meetings(_demo_set().id)) == 3


def test_demo_sets_the_coach_profile_only_when_empty(store):
    settings.set_coach_profile("Sam Rivera", "PCC")
    add_demo_programme()
    assert settings.coach_profile() == {"name": "Sam Rivera", "credentials": "PCC"}


def test_demo_fills_an_empty_coach_profile(store):
    add_demo_programme()
    assert settings.coach_profile()["name"] == "Morgan Ellis"


def test_a_demo_that_fails_half_way_leaves_nothing_behind(store, monkeypatch):
    from alcoach.data import demo

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo.learnings, "add_learning", broken)
    with pytest.raises(RuntimeError):
        add_demo_programme()
    assert sets.list_programmes() == [] and sets.list_sets() == []
    assert meetings.list_meetings() == []
    monkeypatch.undo()
    assert "Added" in add_demo_programme()
