"""A set's cadence as an interval, and the next meeting date it gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from alcoach.data.cadence import Cadence, cadence_text, next_meeting_date, parse_cadence


def test_what_coaches_type_is_understood():
    assert parse_cadence("Monthly") == Cadence(1, "month")
    assert parse_cadence("fortnightly") == Cadence(2, "week")
    assert parse_cadence("every 6 weeks") == Cadence(6, "week")
    assert parse_cadence("Every six weeks") == Cadence(6, "week")
    assert parse_cadence("every other month") == Cadence(2, "month")
    assert parse_cadence("quarterly") == Cadence(3, "month")
    assert parse_cadence("half a day") is None
    assert parse_cadence("") is None and parse_cadence(None) is None
    assert parse_cadence("every 0 weeks") is None and parse_cadence("every 99 weeks") is None


@given(st.integers(1, 52), st.sampled_from(["week", "month"]))
def test_the_canonical_text_reads_back(every, unit):
    assert parse_cadence(cadence_text(Cadence(every, unit))) == Cadence(every, unit)


def test_the_next_date_from_the_last_meeting():
    today = dt.date(2026, 12, 1)
    assert next_meeting_date(dt.date(2026, 11, 24), Cadence(4, "week"), today) == dt.date(
        2026, 12, 22
    )
    assert next_meeting_date(dt.date(2026, 1, 31), Cadence(1, "month"), dt.date(2026, 2, 1)) == (
        dt.date(2026, 2, 28)
    )
    # meetings were missed: the next date on the schedule that is not in the past
    assert next_meeting_date(dt.date(2026, 6, 2), Cadence(1, "month"), today) == dt.date(
        2026, 12, 2
    )
    assert next_meeting_date(None, Cadence(1, "month"), today) == today
    assert next_meeting_date(dt.date(2026, 11, 3), None, today) == today


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9990, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9990, 12, 31)),
    st.integers(1, 52),
    st.sampled_from(["week", "month"]),
)
def test_the_next_date_is_never_in_the_past_nor_a_crash(last, today, every, unit):
    date = next_meeting_date(last, Cadence(every, unit), today)
    assert date >= today
