"""The meeting clock: wall-clock steps, sleep, kills and reboots, on a fake clock moved by hand."""

from __future__ import annotations

import datetime as dt
import sys
import time

import pytest
from fake_clock import FakeClock

from alcoach.data import interventions, meetings, sets, settings, tallies
from alcoach.data.boot_clock import LINUX_BOOT_ID, SystemTimeSource
from alcoach.data.clock import ANCHOR_KEY, MeetingClock, last_stamp, stored_anchor
from alcoach.data.timer import compute_timer

T0 = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def source() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def clock(source) -> MeetingClock:
    return MeetingClock(source)


@pytest.fixture
def meeting(store):
    learning_set = sets.create_set("Set")
    sets.add_member(learning_set.id, "Ann")
    return meetings.create_meeting(
        learning_set.id, T0.date(), phases=[("Opening", 5), ("Questioning", 30), ("Closing", 10)]
    )


def elapsed(clock: MeetingClock, meeting_id: int) -> float:
    return compute_timer(meetings.meeting_timing(meeting_id), clock.now(meeting_id)).elapsed_seconds


def note(clock: MeetingClock, meeting_id: int, text: str = "What do you notice?"):
    return interventions.log_intervention(meeting_id, text, clock=clock)


def test_a_wall_step_back_an_hour_changes_nothing_in_the_meeting(meeting, source, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=3)
    first = note(clock, meeting.id)
    source.advance(minutes=1)
    source.step_wall(hours=-1)  # an NTP correction mid-meeting
    assert elapsed(clock, meeting.id) == 4 * 60  # the held time did not move
    second = note(clock, meeting.id)
    meetings.next_phase(meeting.id, clock=clock)
    assert first.offset_seconds == 180
    assert second.offset_seconds == 240
    assert second.at == T0 + dt.timedelta(minutes=4)  # the meeting's own time, not the wall's
    opening = meetings.meeting_timing(meeting.id).phases[0]
    assert opening.ended_at - opening.started_at == dt.timedelta(minutes=4)


def test_a_wall_step_forward_does_not_add_time(meeting, source, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=10)
    source.step_wall(hours=2)
    assert elapsed(clock, meeting.id) == 10 * 60
    assert note(clock, meeting.id).offset_seconds == 10 * 60
    meetings.end_meeting(meeting.id, clock=clock)
    assert meetings.meeting_timing(meeting.id).ended_at == T0 + dt.timedelta(minutes=10)


def test_the_time_a_laptop_sleeps_counts(meeting, source, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=20)  # the lid closed: the boot clock counts on
    assert elapsed(clock, meeting.id) == 20 * 60
    assert note(clock, meeting.id).offset_seconds == 20 * 60


def test_the_anchor_is_stored_with_the_boot_and_reading_writes_nothing(store, meeting, clock):
    key = ANCHOR_KEY.format(meeting.id)
    clock.now(meeting.id)
    assert settings.get_setting(key) is None  # the timer shows, it does not write
    changes = store.db.connection().total_changes
    clock.now(meeting.id)
    assert store.db.connection().total_changes == changes
    meetings.start_meeting(meeting.id, clock=clock)
    assert stored_anchor(meeting.id) == (T0, "boot-1", 3_600 * 10**9)


def test_kill_and_restart_in_the_same_boot_is_exact(meeting, source, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=7)
    note(clock, meeting.id)
    source.advance(minutes=5)  # killed here; started again a little later
    source.step_wall(hours=-1)  # and the wall clock went back meanwhile
    restarted = MeetingClock(source)
    assert elapsed(restarted, meeting.id) == 12 * 60
    assert note(restarted, meeting.id).offset_seconds == 12 * 60


def test_after_a_reboot_with_the_wall_behind_the_clock_waits_at_the_last_stamp(
    meeting, source, clock
):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=15)
    last = note(clock, meeting.id)
    source.reboot(minutes=2)
    source.step_wall(hours=-1)  # the machine came back with a clock an hour behind
    after = MeetingClock(source)
    assert after.now(meeting.id) == last.at
    held = note(after, meeting.id)
    assert held.at == last.at
    assert held.offset_seconds == last.offset_seconds
    source.advance(minutes=5)  # from the new anchor the meeting's clock runs on
    assert note(after, meeting.id).offset_seconds == last.offset_seconds + 5 * 60
    assert stored_anchor(meeting.id).boot_id == "boot-2"


def test_after_a_reboot_with_a_sound_wall_the_time_off_counts(meeting, source, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=15)
    note(clock, meeting.id)
    source.reboot(minutes=4)
    after = MeetingClock(source)
    assert elapsed(after, meeting.id) == 19 * 60
    assert note(after, meeting.id).offset_seconds == 19 * 60


def test_the_anchor_the_timer_showed_is_the_one_stored(meeting, source, clock):
    """A meeting from before a reboot: the timer's reading and the next stamp agree."""
    meetings.start_meeting(meeting.id, now=T0)  # history: no anchor
    source.advance(minutes=30)
    shown = clock.now(meeting.id)
    source.step_wall(minutes=-20)
    source.advance(minutes=1)
    assert note(clock, meeting.id).at == shown + dt.timedelta(minutes=1)


def test_pauses_tallies_and_reopen_follow_the_meeting_clock(meeting, source, clock):
    member = sets.list_members(meeting.set_id)[0]
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=2)
    meetings.pause_meeting(meeting.id, clock=clock)
    source.step_wall(hours=-3)
    source.advance(minutes=4)
    meetings.resume_meeting(meeting.id, clock=clock)
    source.advance(minutes=1)
    mark = tallies.record_tally(meeting.id, member.id, "question", clock=clock)
    assert mark.at == T0 + dt.timedelta(minutes=7)
    meetings.end_meeting(meeting.id, clock=clock)
    source.step_wall(hours=5)
    source.advance(minutes=1)
    meetings.reopen_meeting(meeting.id, clock=clock)
    timing = meetings.meeting_timing(meeting.id)
    assert [(p.end - p.start) for p in timing.pauses] == [
        dt.timedelta(minutes=4),
        dt.timedelta(minutes=1),
    ]
    assert elapsed(clock, meeting.id) == 3 * 60


def test_a_given_time_is_stored_as_given(meeting, clock):
    meetings.start_meeting(meeting.id, now=T0)
    earlier = interventions.log_intervention(meeting.id, "history", now=T0 - dt.timedelta(hours=1))
    assert earlier.at == T0 - dt.timedelta(hours=1)


def test_the_last_stamp_covers_every_event(meeting, clock, source):
    member = sets.list_members(meeting.set_id)[0]
    assert last_stamp(meeting.id) is None
    meetings.start_meeting(meeting.id, now=T0)
    assert last_stamp(meeting.id) == T0
    tallies.record_tally(meeting.id, member.id, "skill", now=T0 + dt.timedelta(seconds=1.5))
    assert last_stamp(meeting.id) == T0 + dt.timedelta(seconds=1.5)
    meetings.pause_meeting(meeting.id, now=T0 + dt.timedelta(minutes=2))
    meetings.resume_meeting(meeting.id, now=T0 + dt.timedelta(minutes=3))
    assert last_stamp(meeting.id) == T0 + dt.timedelta(minutes=3)
    interventions.log_intervention(meeting.id, "late", now=T0 + dt.timedelta(minutes=4))
    meetings.next_phase(meeting.id, now=T0 + dt.timedelta(minutes=5))
    assert last_stamp(meeting.id) == T0 + dt.timedelta(minutes=5)


def test_an_unreadable_anchor_is_left_aside(meeting, source, clock):
    unreadable = (
        "garbage",
        {"wall": "2026-11-02T09:30:00", "boot_id": "boot-1", "boot_ns": 1},  # no time zone
        {"wall": "not a time", "boot_id": "b", "boot_ns": 0},
        {"boot_ns": "x"},
        {"wall": "2026-11-02T09:30:00+00:00", "boot_id": "boot-1", "boot_ns": -(10**30)},
    )
    for value in unreadable:
        settings.set_setting(ANCHOR_KEY.format(meeting.id), value)
        assert stored_anchor(meeting.id) is None
    meetings.start_meeting(meeting.id, clock=clock)
    assert stored_anchor(meeting.id).wall == T0


def test_a_deleted_meetings_anchor_goes_with_it(meeting, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    meetings.delete_meeting(meeting.id)
    assert settings.get_setting(ANCHOR_KEY.format(meeting.id)) is None
    settings.set_setting(ANCHOR_KEY.format(meeting.id + 1), {"left": "by an older alcoach"})
    again = meetings.create_meeting(meeting.set_id, T0.date(), phases=[("Q", 5)])
    assert settings.get_setting(ANCHOR_KEY.format(again.id)) is None


def test_fake_time_only_passes_forward(source):
    with pytest.raises(ValueError):
        source.advance(minutes=-1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CLOCK_BOOTTIME is Linux's")
def test_on_linux_the_boot_clock_is_clock_boottime_and_the_boot_id_the_kernels():
    source = SystemTimeSource()
    before = time.clock_gettime_ns(time.CLOCK_BOOTTIME)
    boot_id, reading = source.boot()
    after = time.clock_gettime_ns(time.CLOCK_BOOTTIME)
    assert before <= reading <= after
    assert boot_id == LINUX_BOOT_ID.read_text().strip()
    wall = source.wall()
    assert wall.tzinfo is not None
    assert abs((wall - dt.datetime.now(dt.UTC)).total_seconds()) < 5


def test_after_a_reboot_a_kill_before_the_next_stamp_shows_the_same_time(meeting, source, clock):
    """Found by hypothesis: the window keeps the anchor it shows, not only the next stamp."""
    meetings.start_meeting(meeting.id, clock=clock)
    source.reboot(seconds=0)
    source.step_wall(seconds=-1)
    window = MeetingClock(source)
    window.keep(meeting.id)  # as the timer panel does when it shows a running meeting
    source.advance(seconds=1)
    shown = elapsed(window, meeting.id)
    assert elapsed(MeetingClock(source), meeting.id) == shown == 1


def test_a_note_after_the_end_and_one_after_a_reopen_keep_their_order(meeting, source, clock):
    meetings.start_meeting(meeting.id, clock=clock)
    source.advance(minutes=10)
    meetings.end_meeting(meeting.id, clock=clock)
    source.advance(minutes=5)
    afterwards = note(clock, meeting.id, "added afterwards")
    source.advance(minutes=5)
    meetings.reopen_meeting(meeting.id, clock=clock)
    source.advance(minutes=1)
    later = note(clock, meeting.id, "after the reopen")
    assert afterwards.added_afterwards and afterwards.offset_seconds == 10 * 60
    assert later.offset_seconds == 11 * 60


def test_a_meeting_starts_on_the_wall_clock_of_its_start_not_of_its_opening(meeting, source, clock):
    clock.now(meeting.id)  # the window shows the meeting before it starts
    source.advance(minutes=1)
    source.step_wall(hours=-1)  # the clock is corrected before F5
    meetings.start_meeting(meeting.id, clock=clock)
    assert meetings.meeting_timing(meeting.id).started_at == source.wall()
    source.advance(minutes=1)
    assert elapsed(clock, meeting.id) == 60  # and it runs from there at once


def test_without_a_boot_id_each_process_counts_as_a_boot(monkeypatch, meeting):
    """Windows and other systems: a stored anchor is trusted only by the process that made it."""
    from alcoach.data import boot_clock

    monkeypatch.setattr(boot_clock, "_system_boot_clock", lambda: (None, time.monotonic_ns))
    first, second = SystemTimeSource(), SystemTimeSource()
    assert first.boot().boot_id.startswith("process-")
    assert first.boot().boot_id != second.boot().boot_id
    MeetingClock(first).stamp(meeting.id)
    anchor = stored_anchor(meeting.id)
    assert not anchor.holds_for(*second.boot())
    assert anchor.holds_for(*first.boot())


def test_an_anchor_kept_in_memory_stays_with_its_data_folder(tmp_path, source):
    """One process opening another data folder (a restore, a test): ids there are other meetings."""
    from alcoach.data.store import open_store

    clock = MeetingClock(source)
    ids = []
    for name in ("first", "second"):
        store = open_store(tmp_path / name)
        try:
            learning_set = sets.create_set("Set")
            meeting = meetings.create_meeting(learning_set.id, T0.date(), phases=[("Q", 5)])
            meetings.start_meeting(meeting.id, now=source.wall())  # history: no anchor
            clock.now(meeting.id)  # shown in the first folder: an anchor kept in memory
            ids.append(meeting.id)
            if name == "second":
                assert note(clock, meeting.id).at == source.wall()
        finally:
            store.close()
        source.advance(minutes=1)
        source.step_wall(hours=-2)
    assert ids[0] == ids[1]


@pytest.mark.parametrize("platform", ["darwin", "win32", "sunos5"])
def test_a_system_whose_clocks_cannot_be_read_here_still_gives_a_clock(monkeypatch, platform):
    """On Linux the macOS and Windows calls fail; the source falls back, it does not crash."""
    monkeypatch.setattr(sys, "platform", platform)
    source = SystemTimeSource()
    first, second = source.boot(), source.boot()
    assert second.nanoseconds >= first.nanoseconds
    assert first.boot_id == second.boot_id
