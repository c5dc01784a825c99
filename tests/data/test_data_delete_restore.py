"""Delete returns what it removed; restore puts it back with its id, in one write."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import actions, learnings, meetings
from alcoach.errors import NotFoundError


def test_an_action_comes_back_whole_with_its_id(sample_set):
    meeting = sample_set["meeting"]
    kofi = sample_set["members"][1]
    action = actions.commit_action(
        meeting.id, "Call the owners & <agents>", owner_id=kofi.id, due=dt.date(2026, 11, 30)
    )
    later = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 7))
    reported = actions.report_back(action.id, "partly", note="Two of three", meeting_id=later.id)
    removed = actions.delete_action(action.id)
    assert removed == reported
    assert actions.list_actions(meeting.id) == []
    assert actions.restore_action(removed) == reported  # same id, status, note and owner
    assert actions.list_actions(meeting.id) == [reported]


def test_an_action_whose_id_was_taken_meanwhile_comes_back_under_a_new_one(sample_set):
    meeting = sample_set["meeting"]
    dana = sample_set["members"][0]
    first = actions.commit_action(meeting.id, "First", owner_id=dana.id)
    removed = actions.delete_action(first.id)
    taken = actions.commit_action(meeting.id, "Took the id")
    restored = actions.restore_action(removed._replace(id=taken.id))
    assert restored.id != taken.id and restored.text == "First"
    assert {a.text for a in actions.list_actions(meeting.id)} == {"First", "Took the id"}


def test_a_learning_comes_back_with_its_id(sample_set):
    meeting = sample_set["meeting"]
    ines = sample_set["members"][2]
    learning = learnings.add_learning(
        meeting.id, "individual", "Ask before telling", member_id=ines.id, application="Daily"
    )
    removed = learnings.delete_learning(learning.id)
    assert removed == learning and learnings.list_learnings(meeting.id) == []
    assert learnings.restore_learning(removed) == learning
    assert learnings.list_learnings(meeting.id) == [learning]


def test_nothing_to_delete_or_nowhere_to_restore(sample_set):
    meeting = sample_set["meeting"]
    with pytest.raises(NotFoundError):
        actions.delete_action(9999)
    with pytest.raises(NotFoundError):
        learnings.delete_learning(9999)
    learning = learnings.add_learning(meeting.id, "team", "Slow down")
    removed = learnings.delete_learning(learning.id)
    meetings.delete_meeting(meeting.id)
    with pytest.raises(NotFoundError):
        learnings.restore_learning(removed)


def test_an_undone_delete_keeps_the_records_identity_and_lifts_its_tombstone(sample_set):
    from alcoach.data import interventions
    from alcoach.data import models as m

    meeting = sample_set["meeting"]
    made = [
        actions.commit_action(meeting.id, "Call the owners"),
        learnings.add_learning(meeting.id, "team", "Slow down"),
        interventions.log_intervention(meeting.id, "What are we not asking?"),
    ]
    removed = [
        actions.delete_action(made[0].id),
        learnings.delete_learning(made[1].id),
        interventions.delete_intervention(made[2].id),
    ]
    uids = [r.uid for r in removed]
    assert all(uids) and m.Tombstone.select().where(m.Tombstone.uid.in_(uids)).count() == 3
    back = [
        actions.restore_action(removed[0]),
        learnings.restore_learning(removed[1]),
        interventions.restore_intervention(removed[2]),
    ]
    assert [r.uid for r in back] == uids  # the same record in every copy and archive
    stones = list(m.Tombstone.select().where(m.Tombstone.uid.in_(uids)))
    assert len(stones) == 3 and all(t.lifted for t in stones)
    # the put-back is stamped after the deletion, so it wins over it in every merge
    deleted = {r.uid: r for r in removed}
    assert all(t.hlc > deleted[t.uid].hlc for t in stones if hasattr(deleted[t.uid], "hlc"))
    again = actions.delete_action(back[0].id)  # deleting it again lowers the tombstone
    stone = m.Tombstone.get(m.Tombstone.uid == again.uid)
    assert not stone.lifted
