"""Tallies, feedback, actions with report-back, learnings, problem statements and polls."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import actions, feedback, learnings, meetings, problems, sets, tallies
from alcoach.errors import NotFoundError, ValidationError

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def stranger(store):
    return sets.add_member(sets.create_set("Other set").id, "Stranger")


# --- tallies ----------------------------------------------------------------------------------


def test_tally_counts_and_ratio(sample_set):
    meeting = sample_set["meeting"]
    dana, kofi, *_ = sample_set["members"]
    for kind in ["question"] * 3 + ["statement"] * 2 + ["insightful"]:
        tallies.record_tally(meeting.id, dana.id, kind, now=T0)
    tallies.record_tally(meeting.id, kofi.id, "question", now=T0)
    seen = tallies.record_tally(meeting.id, dana.id, "skill", note="Listened — 🙂 <b>", now=T0)

    counts = tallies.tally_counts(meeting.id)
    assert set(counts) == {dana.id, kofi.id}
    assert (counts[dana.id].question, counts[dana.id].statement) == (3, 2)
    assert (counts[dana.id].insightful, counts[dana.id].skill) == (1, 1)
    assert counts[dana.id].ratio == 2.0  # (3 questions + 1 insightful) / 2 statements
    assert counts[kofi.id].ratio is None  # no statement yet
    assert tallies.member_counts(meeting.id, sample_set["members"][3].id).question == 0
    assert tallies.list_tallies(meeting.id, dana.id)[-1].note == "Listened — 🙂 <b>"
    assert tallies.update_tally_note(seen.id, "changed").note == "changed"


def test_delete_and_restore_tally_keep_note_time_id_and_uid(sample_set):
    meeting = sample_set["meeting"]
    dana, kofi, *_ = sample_set["members"]
    tallies.record_tally(meeting.id, dana.id, "question", now=T0)
    seen = tallies.record_tally(meeting.id, kofi.id, "skill", note="Summarised — 🙂", now=T0)
    removed = tallies.delete_tally(seen.id)
    assert removed.uid and removed.note == "Summarised — 🙂"
    assert [t.member_id for t in tallies.list_tallies(meeting.id)] == [dana.id]
    back = tallies.restore_tally(removed)
    assert back == removed
    assert tallies.list_tallies(meeting.id)[-1] == removed


def test_restore_tally_takes_a_new_id_when_its_own_is_held(sample_set):
    meeting = sample_set["meeting"]
    dana = sample_set["members"][0]
    first = tallies.delete_tally(tallies.record_tally(meeting.id, dana.id, "question", now=T0).id)
    held = tallies.record_tally(meeting.id, dana.id, "statement", now=T0)
    if held.id != first.id:  # SQLite handed out a fresh id: take the old one explicitly
        tallies.delete_tally(held.id)
        held = tallies.restore_tally(held._replace(id=first.id))
    back = tallies.restore_tally(first)
    assert back.id != first.id
    assert (back.kind, back.note, back.uid) == ("question", "", first.uid)
    assert len(tallies.list_tallies(meeting.id)) == 2


def test_tally_validation(sample_set, stranger):
    meeting = sample_set["meeting"]
    dana = sample_set["members"][0]
    with pytest.raises(ValidationError, match="not a tally kind"):
        tallies.record_tally(meeting.id, dana.id, "cough")
    with pytest.raises(ValidationError, match="Stranger is not a member"):
        tallies.record_tally(meeting.id, stranger.id, "question")
    with pytest.raises(NotFoundError, match="member"):
        tallies.record_tally(meeting.id, 999, "question")
    with pytest.raises(NotFoundError, match="meeting"):
        tallies.record_tally(999, dana.id, "question")
    assert tallies.list_tallies(meeting.id) == []


# --- feedback ---------------------------------------------------------------------------------


def test_feedback_upsert_keeps_fields_not_named(sample_set, stranger):
    meeting = sample_set["meeting"]
    dana = sample_set["members"][0]
    empty = feedback.get_feedback(meeting.id, dana.id)
    assert (empty.strengths, empty.suggestions) == ("", "")

    feedback.save_feedback(meeting.id, dana.id, skill="Listening", strengths="Patient")
    saved = feedback.save_feedback(meeting.id, dana.id, suggestions="Say more & sooner")
    assert (saved.skill, saved.strengths, saved.suggestions) == (
        "Listening",
        "Patient",
        "Say more & sooner",
    )
    assert feedback.list_feedback(meeting.id) == [saved]
    with pytest.raises(ValidationError, match="Unknown feedback fields"):
        feedback.save_feedback(meeting.id, dana.id, mood="good")
    with pytest.raises(ValidationError):
        feedback.save_feedback(meeting.id, stranger.id, strengths="x")


# --- actions ----------------------------------------------------------------------------------


def _next_meeting(sample_set, days: int, title: str):
    return meetings.create_meeting(
        sample_set["set"].id,
        sample_set["meeting"].date + dt.timedelta(days=days),
        title=title,
        phases=[("Report-back", 10)],
    )


def test_commit_and_report_back(sample_set):
    first = sample_set["meeting"]
    kofi = sample_set["members"][1]
    action = actions.commit_action(
        first.id, "Call the housing officer", owner_id=kofi.id, due=dt.date(2026, 11, 20)
    )
    assert (action.owner_name, action.status, action.reported_in_id) == (
        "Kofi Mensah",
        "committed",
        None,
    )
    second = _next_meeting(sample_set, 28, "second")

    reported = actions.report_back(action.id, "partly", note="Left a message", meeting_id=second.id)
    assert (reported.status, reported.report_back) == ("partly", "Left a message")
    assert reported.reported_in_id == second.id
    reopened = actions.report_back(action.id, "committed", meeting_id=second.id)
    assert reopened.reported_in_id is None
    with pytest.raises(ValidationError, match="not an action status"):
        actions.report_back(action.id, "finished")
    with pytest.raises(NotFoundError):
        actions.report_back(action.id, "done", meeting_id=999)


def test_actions_for_report_back(sample_set):
    first = sample_set["meeting"]
    dana, kofi, *_ = sample_set["members"]
    open_one = actions.commit_action(first.id, "Still open", owner_id=kofi.id)
    done_early = actions.commit_action(first.id, "Done before", owner_id=dana.id)
    reported_here = actions.commit_action(first.id, "Reported at the third", owner_id=kofi.id)
    second = _next_meeting(sample_set, 28, "second")
    third = _next_meeting(sample_set, 56, "third")
    actions.report_back(done_early.id, "done", meeting_id=second.id)
    actions.report_back(reported_here.id, "not_done", meeting_id=third.id)
    new_at_second = actions.commit_action(second.id, "From the second", owner_id=dana.id)
    new_at_third = actions.commit_action(third.id, "From the third", owner_id=dana.id)

    assert actions.actions_for_report_back(first.id) == []
    # open ones and the ones reported here; one reported at a later meeting is not shown
    assert [a.id for a in actions.actions_for_report_back(second.id)] == [
        open_one.id,
        done_early.id,
    ]
    at_third = [a.id for a in actions.actions_for_report_back(third.id)]
    assert at_third == [open_one.id, reported_here.id, new_at_second.id]
    assert new_at_third.id not in at_third
    assert [a.id for a in actions.list_actions(third.id)] == [new_at_third.id]
    assert len(actions.list_set_actions(sample_set["set"].id)) == 5


def test_action_owner_must_be_in_the_set(sample_set, stranger):
    meeting = sample_set["meeting"]
    with pytest.raises(ValidationError, match="Stranger is not a member"):
        actions.commit_action(meeting.id, "Do it", owner_id=stranger.id)
    action = actions.commit_action(meeting.id, "Do it")
    assert action.owner_id is None and action.owner_name == ""
    with pytest.raises(ValidationError):
        actions.update_action(action.id, owner_id=stranger.id)
    with pytest.raises(ValidationError, match="needs some text"):
        actions.commit_action(meeting.id, "   ")
    updated = actions.update_action(action.id, text="Do it well", due=dt.date(2026, 12, 1))
    assert (updated.text, updated.due) == ("Do it well", dt.date(2026, 12, 1))
    actions.delete_action(action.id)
    assert actions.list_actions(meeting.id) == []


# --- learnings --------------------------------------------------------------------------------


def test_learnings_by_level(sample_set, stranger):
    meeting = sample_set["meeting"]
    ines = sample_set["members"][2]
    mine = learnings.add_learning(
        meeting.id, "individual", "I rush", member_id=ines.id, application="Pause first"
    )
    team = learnings.add_learning(meeting.id, "team", "We jump to solutions")
    learnings.add_learning(meeting.id, "organisation", "Targets hide the patient")
    assert [lv.level for lv in learnings.list_learnings(meeting.id)] == [
        "individual",
        "team",
        "organisation",
    ]
    assert mine.member_id == ines.id and mine.application == "Pause first"

    changed = learnings.update_learning(team.id, level="organisation", text="Silos")
    assert (changed.level, changed.text) == ("organisation", "Silos")
    with pytest.raises(ValidationError, match="not a level"):
        learnings.add_learning(meeting.id, "galaxy", "x")
    with pytest.raises(ValidationError):
        learnings.add_learning(meeting.id, "individual", "x", member_id=stranger.id)
    learnings.delete_learning(team.id)
    assert len(learnings.list_learnings(meeting.id)) == 2


# --- problem statements and polls -------------------------------------------------------------


def test_problem_statements_in_rounds_with_polls(sample_set):
    meeting = sample_set["meeting"]
    dana, kofi, ines, ravi = sample_set["members"]
    assert problems.current_round(meeting.id) == 1
    problems.add_problem_statement(meeting.id, "presenter", "Empty homes", member_id=kofi.id)
    problems.add_problem_statement(meeting.id, "member", "No owner", member_id=dana.id)
    for member, vote in ((dana, "no"), (ines, "close"), (ravi, "yes")):
        problems.record_poll_vote(meeting.id, 1, member.id, vote)
    problems.record_poll_vote(meeting.id, 1, ravi.id, "close")  # changed mind
    problems.record_poll_vote(meeting.id, 1, ines.id, None)  # cleared
    problems.record_poll_vote(meeting.id, 2, dana.id, "yes")
    assert problems.current_round(meeting.id) == 2
    member_version = problems.add_problem_statement(
        meeting.id, "member", "Nobody decides", member_id=ines.id
    )
    agreed = problems.add_problem_statement(meeting.id, "agreed", "How might Kofi …?")

    assert member_version.round == agreed.round == 2
    assert [(s.kind, s.round) for s in problems.list_problem_statements(meeting.id)] == [
        ("presenter", 1),
        ("member", 1),
        ("member", 2),
        ("agreed", 2),
    ]
    votes = [(v.round, v.member_id, v.vote) for v in problems.list_poll_votes(meeting.id)]
    assert votes == [(1, dana.id, "no"), (1, ravi.id, "close"), (2, dana.id, "yes")]

    edited = problems.update_problem_statement(agreed.id, "How might Kofi & the team …?")
    assert edited.text == "How might Kofi & the team …?"
    problems.delete_problem_statement(member_version.id)
    assert len(problems.list_problem_statements(meeting.id)) == 3


def test_problem_validation(sample_set, stranger):
    meeting = sample_set["meeting"]
    dana = sample_set["members"][0]
    with pytest.raises(ValidationError, match="not a statement kind"):
        problems.add_problem_statement(meeting.id, "rumour", "x")
    with pytest.raises(ValidationError, match="not a vote"):
        problems.record_poll_vote(meeting.id, 1, dana.id, "maybe")
    with pytest.raises(ValidationError):
        problems.record_poll_vote(meeting.id, 1, stranger.id, "yes")
    with pytest.raises(NotFoundError):
        problems.add_problem_statement(999, "agreed", "x")
    assert problems.list_poll_votes(meeting.id) == []
