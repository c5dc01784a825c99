"""alcoach.formatting: dates in the chosen style, offsets, durations and differences."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alcoach.formatting import (
    DATE_STYLES,
    DEFAULT_DATE_STYLE,
    MINUS,
    MONTHS,
    date_style_or_default,
    format_date,
    format_day_month,
    format_difference,
    format_duration,
    format_offset,
    format_time_of_day,
)

EXAMPLES = int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "300"))
bounded = settings(derandomize=True, max_examples=EXAMPLES, deadline=None)
any_seconds = st.floats(allow_nan=True, allow_infinity=True) | st.integers(
    min_value=-(10**30), max_value=10**30
)
OFFSET = re.compile(rf"^{MINUS}?(?:(\d+):([0-5]\d):([0-5]\d)|([1-5]?\d):([0-5]\d))$")
HOURS_MINUTES = re.compile(rf"^[+{MINUS}]?(\d+):([0-5]\d)$")


def test_the_date_styles_read_as_their_names_say():
    day = dt.date(2026, 10, 3)
    assert {style: format_date(day, style) for style in DATE_STYLES} == DATE_STYLES
    assert format_date(day) == "3 Oct 2026" == DATE_STYLES[DEFAULT_DATE_STYLE]
    assert format_date(None) == ""
    assert format_date(day, "no such style") == "3 Oct 2026"
    assert date_style_or_default(42) == DEFAULT_DATE_STYLE
    narrow = {style: format_day_month(day, style) for style in DATE_STYLES}
    assert list(narrow.values()) == ["3 Oct", "3 Oct", "Oct 3", "03/10", "10/03", "10-03"]


def test_times_read_as_coaches_expect():
    assert format_offset(0) == "0:00"
    assert format_offset(247.9) == "4:07"  # whole seconds passed, as a clock shows them
    assert format_offset(3725) == "1:02:05"
    assert format_offset(-30) == f"{MINUS}0:30"
    assert format_offset(-0.4) == "0:00"  # no minus on a zero
    assert format_duration(30 * 60) == "0:30"
    assert format_duration(125 * 60 + 29) == "2:05"
    assert format_difference(3 * 60) == "+0:03"
    assert format_difference(-2 * 60) == f"{MINUS}0:02"
    assert format_difference(20) == "on time"
    assert format_difference(-75 * 60) == f"{MINUS}1:15"
    assert format_offset(None) == format_duration(float("nan")) == "–"
    assert format_time_of_day(dt.datetime(2026, 10, 3, 9, 5, 59)) == "09:05"
    assert format_time_of_day(None) == ""


@bounded
@given(day=st.dates(), style=st.sampled_from(sorted(DATE_STYLES)))
def test_any_date_in_any_style_names_its_day_month_and_year(day, style):
    text = format_date(day, style)
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    assert day.year in numbers and day.day in numbers
    month = MONTHS[day.month - 1]
    assert day.month in numbers or month[:3] in text
    assert "\n" not in text and text == text.strip()
    narrow = format_day_month(day, style)
    assert narrow in text  # the narrow form reads as the start (or end) of the whole date


@bounded
@given(seconds=any_seconds)
def test_any_offset_is_m_ss_or_h_mm_ss_with_a_real_minus(seconds):
    text = format_offset(seconds)
    if isinstance(seconds, float) and not (seconds == seconds and abs(seconds) != float("inf")):
        assert text == "–"
        return
    match = OFFSET.fullmatch(text)
    assert match, text
    hours, mins, secs, short_mins, short_secs = match.groups()
    total = (
        int(hours) * 3600 + int(mins) * 60 + int(secs)
        if hours is not None
        else int(short_mins) * 60 + int(short_secs)
    )
    assert hours is None or int(hours) >= 1  # h:mm:ss only past an hour
    assert total == int(abs(seconds))
    assert text.startswith(MINUS) == (total > 0 and seconds < 0)
    assert "-" not in text


@bounded
@given(seconds=any_seconds)
def test_any_duration_and_difference_is_h_mm_to_the_nearest_minute(seconds):
    duration, difference = format_duration(seconds), format_difference(seconds)
    if isinstance(seconds, float) and not (seconds == seconds and abs(seconds) != float("inf")):
        assert duration == difference == "–"
        return
    match = HOURS_MINUTES.fullmatch(duration)
    assert match, duration
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    assert abs(minutes - abs(seconds) / 60) <= 0.5 + abs(seconds) * sys.float_info.epsilon
    assert duration.startswith(MINUS) == (minutes > 0 and seconds < 0)
    if minutes == 0:
        assert difference == "on time"
    else:
        assert difference == ("+" + duration if seconds > 0 else duration)


@pytest.mark.parametrize("style", sorted(DATE_STYLES))
def test_the_chosen_style_is_used_throughout_a_document(store, sample_set, style):
    from pypdf import PdfReader

    from alcoach.data import settings as stored
    from alcoach.data.report_builder import build_meeting_report, build_set_report
    from alcoach.export import render_meeting_summary, render_set_report

    stored.set_document_date_style(style)
    expected = format_date(dt.date(2026, 11, 2), style)
    for data, render in (
        (build_meeting_report(sample_set["meeting"].id), render_meeting_summary),
        (build_set_report(sample_set["set"].id), render_set_report),
    ):
        reader = PdfReader(io.BytesIO(render(data)))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert expected in " ".join(text.split())
        others = {format_date(dt.date(2026, 11, 2), s) for s in DATE_STYLES} - {expected}
        assert not [o for o in others if o in text and o not in expected], style
        if render is render_meeting_summary:
            assert expected in reader.metadata.title


def test_an_unknown_date_style_is_refused(store):
    from alcoach.data import settings as stored
    from alcoach.errors import ValidationError

    with pytest.raises(ValidationError):
        stored.set_document_date_style("dd.mm.yy")
    stored.set_setting("documents.date_style", "dd.mm.yy")  # e.g. from a newer alcoach
    assert stored.document_date_style() == DEFAULT_DATE_STYLE
