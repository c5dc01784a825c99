"""The coaching log PDF: members named only where they agreed to be named in it (otherwise
counted), every choice of the anonymise option, clients and targets, a meeting never ended."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_text import extracted

from alcoach.data import consent, hours_entries, interventions, meeting_timer, meetings, sets
from alcoach.data.coaching_log import build_coaching_log
from alcoach.data.hours import HoursFilter
from alcoach.export import api
from alcoach.export.options import ExportOptions


@pytest.fixture
def log_data(sample_set):
    dana, kofi, _, ravi = sample_set["members"]
    sets.update_programme(sample_set["programme"].id, organisation="Riverside Council")
    meeting = sample_set["meeting"].id
    start = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    meeting_timer.start_meeting(meeting, now=start)
    meeting_timer.end_meeting(meeting, now=start + dt.timedelta(minutes=90))
    meetings.set_attendance(meeting, ravi.id, attended=False)
    consent.record_consent(dana.id, "coaching_log", True)
    consent.record_consent(kofi.id, "coaching_log", True)
    consent.record_consent(kofi.id, "coaching_log", False)  # withdrawn: counted, not named
    later = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 7), title="Ines's turn")
    meetings.set_attendance(later.id, ravi.id, attended=False)
    meeting_timer.start_meeting(later.id, now=start + dt.timedelta(days=35))
    interventions.log_intervention(later.id, "note", now=start + dt.timedelta(days=35, minutes=50))
    hours_entries.add_hours_entry(dt.date(2026, 10, 1), 45, "mentoring", paid=False,
                                  description="Mentoring a new coach")  # fmt: skip
    return sample_set


def _text(log, **options) -> str:
    return extracted(api.render_coaching_log(log, ExportOptions(compress=False, **options)), None)


def test_members_are_named_only_where_they_agreed(log_data):
    log = build_coaching_log()
    text = _text(log, anonymise="without_consent")
    assert "DanaWhitfield" in text and "and2others" in text  # Kofi withdrew, Ines never agreed
    assert "Kofi" not in text and "Ines" not in text
    assert "MemberB'sturn" in text  # a name in a title too (Kofi is Member A, in roster order)
    assert "RiversideCouncil" in text and "Mentoringanewcoach" in text
    assert "*Ameetingstartedandneverended" in text.replace(" ", "")
    assert "toPALC" not in text and "1long-termproject" in text  # the targets' table
    assert api.render_coaching_log(log)[:4] == b"%PDF"  # the default names only who agreed


def test_everyone_is_counted_or_everyone_named_as_the_coach_chose(log_data):
    log = build_coaching_log()
    counted = _text(log, anonymise="everyone")
    assert "Dana" not in counted and "3members" in counted
    named = _text(log, anonymise="none")
    assert "KofiMensah" in named and "InesDuarte" in named and "Ravi" not in named  # absent


def test_the_range_and_programme_narrow_the_log(log_data):
    log = build_coaching_log(HoursFilter(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30)))
    assert [line.row.date for line in log.lines] == [dt.date(2026, 11, 2)]
    assert log.every.minutes == 90
    other = sets.create_programme("Harbour")
    empty = build_coaching_log(HoursFilter(programme_id=other.id))
    assert empty.lines == () and empty.programme_name == "Harbour"
    assert "Nonerecorded" in _text(empty).replace(" ", "") or "nohours" in _text(empty)
