"""An import says what it changed (an OpChanges), by kind and uid: what the window refreshes and
which undo steps it drops."""

from __future__ import annotations

import datetime as dt

import pytest
from copies import Copies

from alcoach.data import archive, interventions, meetings, sets
from alcoach.data import models as m
from alcoach.data.op_changes import OpChanges
from alcoach.data.record_refs import once_per_ref, present, ref_of


@pytest.fixture
def two(tmp_path):
    copies = Copies(tmp_path, 2)
    copies.use(0)
    learning_set = sets.create_set("Set Blue")
    for name in ("Dana", "Kofi"):
        sets.add_member(learning_set.id, name)
    meeting = meetings.create_meeting(learning_set.id, dt.date(2026, 11, 2), title="Shared")
    interventions.log_intervention(meeting.id, "Kept")
    interventions.log_intervention(meeting.id, "Edited")
    interventions.log_intervention(meeting.id, "Deleted")
    copies.swap(1, 0)
    yield copies
    copies.close()


def _notes() -> dict[str, object]:
    meeting = m.Meeting.select().first()
    return {note.text: note for note in interventions.list_interventions(meeting.id)}


def test_an_import_names_what_it_added_changed_and_deleted(two):
    two.use(0)
    notes = _notes()
    meeting = m.Meeting.select().first()
    interventions.update_intervention(notes["Edited"].id, text="Edited on the laptop")
    interventions.delete_intervention(notes["Deleted"].id)
    added = interventions.log_intervention(meeting.id, "Added on the laptop")
    path = two.export(0)
    two.use(1)
    changes = OpChanges()
    archive.import_archive_file(path, changes=changes)
    assert ("intervention", added.uid) in changes.changed
    assert ("intervention", notes["Edited"].uid) in changes.changed
    assert ("intervention", notes["Kept"].uid) not in changes.changed
    assert changes.deleted == {("intervention", notes["Deleted"].uid)}
    assert "intervention" in changes.deleted_kinds
    assert changes.meetings == {meeting.uid}
    assert {"intervention"} <= changes.kinds
    again = OpChanges()
    archive.import_archive_file(path, changes=again)  # the same archive twice: nothing new
    assert not again and again.kinds == set()


def test_a_deleted_meeting_counts_what_went_with_it(two):
    two.use(0)
    meeting = m.Meeting.select().first()
    meetings.delete_meeting(meeting.id)
    path = two.export(0)
    two.use(1)
    changes = OpChanges()
    archive.import_archive_file(path, changes=changes)
    assert changes.deleted == {("meeting", meeting.uid)}
    assert {"meeting", "intervention"} <= changes.deleted_kinds


def test_records_are_found_by_uid_whatever_their_row_id(two):
    two.use(0)
    notes = _notes()
    member = m.Member.select().first()
    rating = once_per_ref("rating", notes["Kept"].id, member.id)
    assert rating[0] == "rating" and rating[1]  # derived before the rating exists
    assert present([rating]) == {}
    interventions.set_rating(notes["Kept"].id, member.id, 6)
    row = m.Rating.get(m.Rating.intervention == notes["Kept"].id)
    assert present([rating, ref_of(notes["Kept"])]) == {
        rating: row.id, ref_of(notes["Kept"]): notes["Kept"].id,
    }  # fmt: skip
