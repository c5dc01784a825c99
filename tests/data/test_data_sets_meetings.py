"""Programmes, sets, members and meetings through their services (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import meetings, sets, templates
from alcoach.data.records import TemplatePhase
from alcoach.errors import AlcoachError, NotFoundError, ValidationError

# --- programmes, sets, members ----------------------------------------------------------------


def test_programme_create_update_and_list_by_name(store):
    later = sets.create_programme("Zenith leaders", sponsor="CEO", notes="<b>cohort 1</b> & 2")
    earlier = sets.create_programme("  Atlas programme  ")

    assert earlier.name == "Atlas programme"
    assert [p.name for p in sets.list_programmes()] == ["Atlas programme", "Zenith leaders"]
    updated = sets.update_programme(later.id, name="Zenith", sponsor="COO")
    assert (updated.name, updated.sponsor, updated.notes) == (
        "Zenith",
        "COO",
        "<b>cohort 1</b> & 2",
    )


@pytest.mark.parametrize("name", ["", "   ", "\n"])
def test_names_are_required(store, name):
    with pytest.raises(ValidationError, match="needs a name"):
        sets.create_programme(name)
    with pytest.raises(ValidationError, match="needs a name"):
        sets.create_set(name)
    learning_set = sets.create_set("Real")
    with pytest.raises(ValidationError, match="needs a name"):
        sets.add_member(learning_set.id, name)
    with pytest.raises(ValidationError, match="needs a name"):
        sets.rename_set(learning_set.id, name)
    assert sets.get_set(learning_set.id).name == "Real"


def test_set_create_rename_archive_and_order(store):
    programme = sets.create_programme("Riverside")
    beta = sets.create_set("Beta", programme_id=programme.id, cadence="monthly")
    alpha = sets.create_set("Alpha", ground_rules="Questions first.\nConfidential.")

    assert beta.programme_name == "Riverside"
    assert alpha.programme_id is None and alpha.ground_rules == "Questions first.\nConfidential."
    assert [s.name for s in sets.list_sets()] == ["Alpha", "Beta"]

    renamed = sets.rename_set(alpha.id, "Gamma 🌿")
    assert renamed.name == "Gamma 🌿"
    sets.archive_set(beta.id)
    assert [s.name for s in sets.list_sets()] == ["Gamma 🌿", "Beta"]  # archived ones last
    assert [s.name for s in sets.list_sets(include_archived=False)] == ["Gamma 🌿"]
    assert sets.archive_set(beta.id, archived=False).archived is False


def test_set_needs_an_existing_programme(store):
    with pytest.raises(NotFoundError, match="no programme with id 999"):
        sets.create_set("Orphan", programme_id=999)
    learning_set = sets.create_set("Kept")
    with pytest.raises(NotFoundError):
        sets.update_set(learning_set.id, programme_id=999)
    assert sets.update_set(learning_set.id, programme_id=None).programme_id is None


def test_members_keep_their_order_and_fields(store):
    learning_set = sets.create_set("Set")
    first = sets.add_member(
        learning_set.id, "Zoë Łukasiewicz", role="Head of Physio", leadership_skill="Listening"
    )
    second = sets.add_member(learning_set.id, "李明 (Li Ming)", organisation="Trust")
    third = sets.add_member(learning_set.id, "Amara Okonkwo")

    assert [m.position for m in (first, second, third)] == [0, 1, 2]
    assert [m.name for m in sets.list_members(learning_set.id)] == [
        "Zoë Łukasiewicz",
        "李明 (Li Ming)",
        "Amara Okonkwo",
    ]
    sets.set_member_active(second.id, False)
    assert [m.id for m in sets.list_members(learning_set.id, include_inactive=False)] == [
        first.id,
        third.id,
    ]
    changed = sets.update_member(first.id, role="Director", leadership_skill="Empathy")
    assert (changed.name, changed.role, changed.leadership_skill) == (
        "Zoë Łukasiewicz",
        "Director",
        "Empathy",
    )


def test_unknown_ids_raise_a_clear_error(store):
    with pytest.raises(NotFoundError, match="There is no set with id 42"):
        sets.add_member(42, "Nobody")
    with pytest.raises(NotFoundError, match="member"):
        sets.get_member(42)
    with pytest.raises(NotFoundError, match="meeting"):
        meetings.get_meeting(42)


# --- meetings ---------------------------------------------------------------------------------


@pytest.fixture
def roster(store):
    learning_set = sets.create_set("Set Green")
    members = [sets.add_member(learning_set.id, n) for n in ("Ann", "Ben", "Cai", "Dee")]
    return learning_set, members


def test_meeting_from_a_template_copies_its_phases(roster):
    learning_set, _ = roster
    template = next(t for t in templates.list_templates() if "90" in t.name)

    meeting = meetings.create_meeting(
        learning_set.id, dt.date(2026, 3, 4), title="Backlog", template_id=template.id
    )

    phases = meetings.list_phases(meeting.id)
    assert [(p.name, p.planned_minutes) for p in phases] == [
        (p.name, p.minutes) for p in template.phases
    ]
    assert [p.position for p in phases] == list(range(len(phases)))
    assert meeting.planned_minutes == template.total_minutes
    assert meeting.set_name == "Set Green"
    assert meeting.label == "2026-03-04 — Backlog"


def test_meeting_from_explicit_phases_wins_over_template(roster):
    learning_set, _ = roster
    template = templates.list_templates()[0]
    meeting = meetings.create_meeting(
        learning_set.id,
        dt.date(2026, 3, 4),
        phases=[("Open", 5), TemplatePhase("Close", 10)],
        template_id=template.id,
    )
    assert [(p.name, p.planned_minutes) for p in meetings.list_phases(meeting.id)] == [
        ("Open", 5.0),
        ("Close", 10.0),
    ]
    assert meeting.planned_minutes == 15


def test_meeting_rejects_negative_minutes_and_strangers(roster):
    learning_set, _ = roster
    other = sets.add_member(sets.create_set("Other").id, "Stranger")
    with pytest.raises(ValidationError, match="negative"):
        meetings.create_meeting(learning_set.id, dt.date(2026, 1, 1), phases=[("Open", -1)])
    with pytest.raises(ValidationError, match="not in this set"):
        meetings.create_meeting(learning_set.id, dt.date(2026, 1, 1), presenter_ids=[other.id])
    with pytest.raises(ValidationError, match="date"):
        meeting = meetings.create_meeting(learning_set.id, dt.date(2026, 1, 1))
        meetings.update_meeting(meeting.id, date=None)
    assert meetings.get_meeting(meeting.id).date == dt.date(2026, 1, 1)


def test_last_agenda_follows_the_latest_meeting(roster):
    learning_set, _ = roster
    assert meetings.last_agenda(learning_set.id) == []
    meetings.create_meeting(learning_set.id, dt.date(2026, 2, 1), phases=[("Later", 20)])
    meetings.create_meeting(learning_set.id, dt.date(2026, 1, 1), phases=[("Earlier", 10)])
    assert meetings.last_agenda(learning_set.id) == [TemplatePhase("Later", 20.0)]


def test_attendance_and_presenters(roster):
    learning_set, members = roster
    _, ben, cai, dee = members
    sets.set_member_active(dee.id, False)

    meeting = meetings.create_meeting(
        learning_set.id, dt.date(2026, 5, 1), presenter_ids=[ben.id]
    )  # attendees default to the active members
    flags = {a.member.name: (a.attended, a.presenter) for a in meetings.list_attendees(meeting.id)}
    assert flags == {
        "Ann": (True, False),
        "Ben": (True, True),
        "Cai": (True, False),
        "Dee": (False, False),
    }

    meetings.set_attendance(meeting.id, cai.id, attended=False)
    meetings.set_attendance(meeting.id, dee.id, presenter=True)  # presenting means attending
    flags = {a.member.name: (a.attended, a.presenter) for a in meetings.list_attendees(meeting.id)}
    assert flags["Cai"] == (False, False)
    assert flags["Dee"] == (True, True)


def test_a_presenter_left_out_of_attendees_still_attends(roster):
    learning_set, (ann, ben, _, _) = roster
    meeting = meetings.create_meeting(
        learning_set.id, dt.date(2026, 5, 1), attendee_ids=[ann.id], presenter_ids=[ben.id]
    )
    flags = {a.member.id: (a.attended, a.presenter) for a in meetings.list_attendees(meeting.id)}
    assert flags[ben.id] == (True, True)


def test_attendance_refuses_a_member_of_another_set(roster):
    learning_set, _ = roster
    stranger = sets.add_member(sets.create_set("Other").id, "Stranger")
    meeting = meetings.create_meeting(learning_set.id, dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="Stranger is not a member"):
        meetings.set_attendance(meeting.id, stranger.id, attended=True)
    with pytest.raises(NotFoundError):
        meetings.set_attendance(meeting.id, 999, attended=True)


def test_meetings_are_listed_newest_first(roster):
    learning_set, _ = roster
    other = sets.create_set("Other")
    made = [
        meetings.create_meeting(learning_set.id, dt.date(2026, 1, 5), title="middle"),
        meetings.create_meeting(learning_set.id, dt.date(2026, 3, 5), title="newest"),
        meetings.create_meeting(learning_set.id, dt.date(2025, 12, 5), title="oldest"),
        meetings.create_meeting(learning_set.id, dt.date(2026, 3, 5), title="newest, added later"),
        meetings.create_meeting(other.id, dt.date(2027, 1, 1), title="elsewhere"),
    ]
    assert [mt.title for mt in meetings.list_meetings(learning_set.id)] == [
        "newest, added later",
        "newest",
        "middle",
        "oldest",
    ]
    assert meetings.list_meetings()[0].title == "elsewhere"
    assert meetings.latest_meeting().id == made[-1].id


def test_phase_editing_keeps_the_planned_total(roster):
    learning_set, _ = roster
    meeting = meetings.create_meeting(
        learning_set.id, dt.date(2026, 1, 1), phases=[("A", 10), ("B", 20), ("C", 30)]
    )
    phases = meetings.list_phases(meeting.id)
    meetings.update_phase(phases[0].id, planned_minutes=15)
    meetings.add_phase(meeting.id, "D", 5)
    meetings.remove_phase(phases[1].id)
    assert [(p.position, p.name) for p in meetings.list_phases(meeting.id)] == [
        (0, "A"),
        (1, "C"),
        (2, "D"),
    ]
    assert meetings.get_meeting(meeting.id).planned_minutes == 50
    with pytest.raises(ValidationError):
        meetings.update_phase(phases[0].id, name=" ")
    meetings.start_meeting(meeting.id)
    with pytest.raises(AlcoachError, match="started"):
        meetings.remove_phase(phases[0].id)


def test_deleting_a_meeting_removes_it(roster):
    learning_set, _ = roster
    meeting = meetings.create_meeting(learning_set.id, dt.date(2026, 1, 1), phases=[("A", 10)])
    meetings.delete_meeting(meeting.id)
    assert meetings.list_meetings(learning_set.id) == []
    assert meetings.list_phases(meeting.id) == []
