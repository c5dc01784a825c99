"""The hours log against meetings of known length, pauses included, and every target rule."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import hours_entries, interventions, meeting_timer, meetings, sets
from alcoach.data import models as m
from alcoach.data.hours import HoursFilter, hours_log, totals, totals_by_year
from alcoach.data.targets import (
    BUILTIN_TARGETS,
    TargetSpec,
    add_target,
    all_progress,
    list_targets,
    progress,
)
from alcoach.errors import NotFoundError, ValidationError

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _held(set_id: int, day: dt.date, minutes: float, pauses=(), *, end: bool = True) -> int:
    """A meeting started at 9:00 on `day` that ran `minutes` of wall time, with pauses given
    as (start minute, length in minutes)."""
    meeting = meetings.create_meeting(set_id, day)
    start = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    meeting_timer.start_meeting(meeting.id, now=start)
    for at, length in pauses:
        meeting_timer.pause_meeting(meeting.id, now=start + dt.timedelta(minutes=at))
        meeting_timer.resume_meeting(meeting.id, now=start + dt.timedelta(minutes=at + length))
    if end:
        meeting_timer.end_meeting(meeting.id, now=start + dt.timedelta(minutes=minutes))
    return meeting.id


@pytest.fixture
def practice(store):
    programme = sets.create_programme("Riverside", sponsor="Head of People",
                                      organisation="Riverside Council")  # fmt: skip
    learning_set = sets.create_set("Set Blue", programme_id=programme.id)
    for name in ("Dana", "Kofi", "Ines", "Sam"):
        sets.add_member(learning_set.id, name)
    return programme, learning_set


def test_a_meeting_counts_its_held_time_less_its_pauses(practice):
    _, learning_set = practice
    mid = _held(learning_set.id, dt.date(2026, 3, 2), 150, pauses=[(30, 10), (90, 5)])
    (row,) = hours_log()
    assert row.meeting_id == mid
    assert row.minutes == 135
    assert (row.kind, row.role, row.paid) == ("coaching", "coach", True)
    assert (row.set_name, row.programme_name, row.organisation) == (
        "Set Blue", "Riverside", "Riverside Council",
    )  # fmt: skip
    assert row.group_size == 4  # no attendance taken: the set's active members
    assert not row.open


def test_a_never_started_meeting_counts_nothing(practice):
    _, learning_set = practice
    meetings.create_meeting(learning_set.id, dt.date(2026, 3, 2))
    assert hours_log() == []


def test_a_meeting_never_ended_counts_up_to_its_last_stamp_and_is_flagged(practice):
    _, learning_set = practice
    mid = _held(learning_set.id, dt.date(2026, 3, 2), 0, pauses=[(20, 10)], end=False)
    start = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    interventions.log_intervention(mid, "Who owns this?", now=start + dt.timedelta(minutes=75))
    (row,) = hours_log()
    assert row.open
    assert row.minutes == 65  # 75 minutes to the last note, less a 10-minute pause


def test_an_open_pause_in_a_meeting_left_running_counts_as_paused(practice):
    _, learning_set = practice
    mid = _held(learning_set.id, dt.date(2026, 3, 2), 0, end=False)
    start = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    interventions.log_intervention(mid, "note", now=start + dt.timedelta(minutes=40))
    meeting_timer.pause_meeting(mid, now=start + dt.timedelta(minutes=50))
    (row,) = hours_log()
    assert row.open and row.minutes == 50  # the last stamp is the pause's start


def test_attendance_role_and_paid_are_the_meetings(practice):
    programme, learning_set = practice
    mid = _held(learning_set.id, dt.date(2026, 3, 2), 60)
    members = sets.list_members(learning_set.id)
    meetings.set_attendance(mid, members[3].id, attended=False)  # one sent apologies
    hours_entries.set_meeting_practice(mid, role="observer", paid=False)
    (row,) = hours_log()
    assert (row.group_size, row.role, row.kind, row.paid) == (3, "observer", "other", False)
    hours_entries.set_meeting_practice(mid, role="co_coach", paid=None)
    sets.update_programme(programme.id, paid=False)
    (row,) = hours_log()
    assert (row.kind, row.paid) == ("coaching", False)  # pro bono, as its programme says


def test_hand_added_hours_filters_and_totals(practice):
    programme, learning_set = practice
    _held(learning_set.id, dt.date(2025, 11, 3), 120)
    _held(learning_set.id, dt.date(2026, 3, 2), 90)
    other = sets.create_programme("Harbour", organisation="Harbour Trust")
    hours_entries.add_hours_entry(dt.date(2026, 1, 15), 45, "supervision", programme_id=other.id)
    hours_entries.add_hours_entry(dt.date(2026, 2, 1), 180, "leading", paid=False,
                                  description="Workshop")  # fmt: skip
    rows = hours_log()
    assert [r.minutes for r in rows] == [120, 45, 180, 90]
    assert rows[1].organisation == "Harbour Trust"  # the programme's, as the entry names none
    every = totals(rows)
    assert (every.minutes, every.meetings, every.paid_minutes) == (435, 2, 255)
    assert every.by_kind["coaching"] == 210 and every.by_kind["leading"] == 180
    years = totals_by_year(rows)
    assert {year: t.minutes for year, t in years.items()} == {2025: 120, 2026: 315}
    in_2026 = hours_log(HoursFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 28)))
    assert [r.minutes for r in in_2026] == [45, 180]
    assert [r.minutes for r in hours_log(HoursFilter(programme_id=programme.id))] == [120, 90]


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"minutes": 0}, "at least one minute"),
        ({"minutes": 10**9}, "longer than one entry"),
        ({"kind": "napping"}, "one kind"),
        ({"role": "boss"}, "role"),
        ({"date": dt.date(1800, 1, 1)}, "outside the dates"),
        ({"group_size": 0}, "1 to 10,000"),
        ({"programme_id": 999}, "no programme with id 999"),
    ],
)
def test_a_bad_entry_is_refused_in_a_sentence(store, values, said):
    good = {"date": dt.date(2026, 1, 1), "minutes": 60, "kind": "coaching"}
    with pytest.raises((ValidationError, NotFoundError), match=said):
        hours_entries.add_hours_entry(**{**good, **values})
    assert m.HoursEntry.select().count() == 0


# --- targets -------------------------------------------------------------------------------


def _palc() -> TargetSpec:
    return next(t for t in BUILTIN_TARGETS if t.name == "PALC")


def test_palc_says_what_is_still_missing(practice):
    _, learning_set = practice
    for week in range(3):  # three meetings over two weeks: no long-term project yet
        _held(learning_set.id, dt.date(2026, 3, 2) + dt.timedelta(weeks=week), 120)
    hours_entries.add_hours_entry(dt.date(2026, 3, 20), 60 * 60, "leading")
    found = progress(_palc(), hours_log(), today=dt.date(2026, 6, 1))
    # 66 h done of 100; 6 of the 50 coaching; 91 days of the year
    assert found.missing == (
        "34 h", "44 h of coaching", "274 more days of practice", "1 long-term project",
    )  # fmt: skip
    assert found.sentence == (
        "34 h, 44 h of coaching, 274 more days of practice and 1 long-term project to PALC"
    )


def test_every_rule_met(practice):
    _, learning_set = practice
    for week in range(4):
        _held(learning_set.id, dt.date(2025, 3, 3) + dt.timedelta(weeks=week), 60)
    hours_entries.add_hours_entry(dt.date(2025, 6, 1), 50 * 60, "coaching")
    hours_entries.add_hours_entry(dt.date(2025, 7, 1), 50 * 60, "mentoring")
    found = progress(_palc(), hours_log(), today=dt.date(2026, 3, 3))
    assert found.met and found.project == "Set Blue"
    assert found.sentence == "PALC: every requirement met"


def test_a_project_led_as_an_observer_does_not_count(practice):
    _, learning_set = practice
    for week in range(4):
        mid = _held(learning_set.id, dt.date(2025, 3, 3) + dt.timedelta(weeks=week), 60)
        hours_entries.set_meeting_practice(mid, role="observer")
    found = progress(_palc(), hours_log(), today=dt.date(2026, 3, 3))
    assert "1 long-term project" in found.missing


def test_a_renewal_counts_from_its_date_and_shows_expiry(practice):
    hours_entries.add_hours_entry(dt.date(2024, 1, 1), 600, "coaching")
    hours_entries.add_hours_entry(dt.date(2026, 2, 1), 90, "coaching")
    own = add_target(TargetSpec("ICF ACC renewal", 40 * 60, counts_from=dt.date(2026, 1, 1),
                                expires=dt.date(2026, 5, 1)))  # fmt: skip
    assert own.id is not None and list_targets()[-1] == own
    found = progress(own, hours_log(), today=dt.date(2026, 6, 1))
    assert found.minutes == 90 and found.missing == ("39 h",) and found.expired
    assert [p.target.name for p in all_progress()] == ["PALC", "SALC", "MALC", "ICF ACC renewal"]


def test_under_an_hour_short_is_said_in_minutes(store):
    hours_entries.add_hours_entry(dt.date(2026, 2, 1), 59 * 60 + 20, "coaching")
    found = progress(TargetSpec("Sixty", 60 * 60), hours_log(), today=dt.date(2026, 3, 1))
    assert found.missing == ("40 min",)


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        (TargetSpec(" ", 60), "needs a name"),
        (TargetSpec("palc", 60), "built in"),
        (TargetSpec("Big", 0), "1 to 100,000 hours"),
        (TargetSpec("Part", 60, "coaching", 120), "more hours than its total"),
        (TargetSpec("Kind", 60, "knitting", 10), "one kind"),
        (TargetSpec("Span", 60, min_span_days=-1), "0 to 100 years"),
    ],
)
def test_a_bad_target_is_refused(store, spec, said):
    with pytest.raises(ValidationError, match=said):
        add_target(spec)
