"""The charts of the PDFs, built from plain data and measured from their shapes."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import unicodedata

import pytest
from chart_geometry import drawn, leaves, outside, overlapping_texts, strings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.graphics import shapes

from alcoach.data.reports import ParticipationLine, ParticipationSeries, PhaseLine
from alcoach.export.chart_kit import LINE_STYLES, label, label_width
from alcoach.export.charts import agenda_chart, participation_chart
from alcoach.export.fonts import CJK, REGULAR, runs
from alcoach.export.options import ExportOptions
from alcoach.export.page import frame_width
from alcoach.export.sections import RATIO_NOTE, participation_table, ratio
from alcoach.export.trend_chart import trend_chart

WIDTHS = [frame_width(ExportOptions(page_size=size)) for size in ("A4", "Letter")]
NAMES = ["Amara Okonkwo", "李明 (Li Ming)", "محمد العلي", "שרה לוי", "Zoë", "Aroha", "K", "Ana"]
LONG = "W" * 80


def members(count: int, values=(3, 0, 1, 2)) -> list[ParticipationLine]:
    q, s, i, k = values
    return [
        ParticipationLine(n, question=q, statement=s, insightful=i, skill=k) for n in NAMES[:count]
    ]


def phases(count: int) -> list[PhaseLine]:
    return [PhaseLine(f"Phase {n}", 5 + n, None if n == 2 else 4 + n) for n in range(count)]


def trend(count: int, meetings: int) -> tuple[list[ParticipationSeries], list[str]]:
    series = [
        ParticipationSeries(
            name,
            tuple(
                None if (m + i) % 5 == 4 else ParticipationLine(name, m % 7, (m * i) % 4, i % 2)
                for m in range(meetings)
            ),
        )
        for i, name in enumerate(NAMES[:count])
    ]
    start = dt.date(2026, 1, 5)
    dates = [(start + dt.timedelta(days=14 * m)).strftime("%d %b") for m in range(meetings)]
    return series, dates


def all_charts(width: float) -> list[shapes.Drawing]:
    series, dates = trend(8, 12)
    return [
        participation_chart(members(8), width),
        agenda_chart(phases(12), width),
        trend_chart(series, dates, width),
    ]


def assert_well_laid_out(drawing: shapes.Drawing, width: float) -> None:
    assert drawing.width == width
    assert outside(drawing) == []
    assert overlapping_texts(drawing) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_is_as_wide_as_the_text_column_and_keeps_inside_it(width):
    for drawing in all_charts(width):
        assert_well_laid_out(drawing, width)
        x1, _, x2, _ = drawing.getBounds()
        assert x1 >= -0.5 and x2 <= width + 0.5
        assert x2 > width - 3  # the plot reaches the column's right edge


def paint(shape) -> tuple:
    """How a shape is painted: kind, fill, outline and dash."""

    def rgba(color):
        return None if color is None else tuple(round(c, 4) for c in color.rgba())

    return (
        type(shape).__name__,
        rgba(getattr(shape, "fillColor", None)),
        rgba(shape.strokeColor),
        shape.strokeWidth,
        tuple(shape.strokeDashArray or ()),
    )


def extent(shape) -> list[float]:
    """A marker's size and shape, wherever it is drawn."""
    if isinstance(shape, shapes.Circle):
        return [shape.r]
    if isinstance(shape, shapes.Polygon):
        x0, y0 = shape.points[0], shape.points[1]
        return [p - (x0 if i % 2 == 0 else y0) for i, p in enumerate(shape.points)]
    return [shape.width, shape.height]


@pytest.mark.parametrize("chart", ["participation", "agenda"])
def test_bar_legend_swatches_have_their_bars_fill_and_outline(chart):
    if chart == "participation":
        drawing = participation_chart(members(5, (3, 1, 1, 2)), 500)
    else:
        drawing = agenda_chart(phases(6), 500)
    count = 4 if chart == "participation" else 2
    fills = set()
    for number in range(count):
        (swatch,) = drawn(getattr(drawing, f"legend{number}"), shapes.Rect)
        bars = drawn(getattr(drawing, f"series{number}"), shapes.Rect)
        assert bars, number
        assert {paint(bar) for bar in bars} == {paint(swatch)}
        assert {bar.height for bar in bars} == {swatch.height}
        fills.add(paint(swatch)[1])
    assert len(fills) == count  # and no two series look alike


def test_trend_legend_draws_each_member_as_the_plot_does():
    series, dates = trend(8, 6)
    drawing = trend_chart(series, dates, 500)
    looks = set()
    for number in range(8):
        entry = getattr(drawing, f"legend{number}")
        plot = getattr(drawing, f"series{number}")
        (sample,) = drawn(entry, shapes.PolyLine)
        lines = drawn(plot, shapes.PolyLine)
        assert lines
        assert {paint(line) for line in lines} == {paint(sample)}
        legend_marks = [
            s for s, _ in leaves(entry) if not isinstance(s, shapes.PolyLine | shapes.String)
        ]
        plot_marks = [s for s, _ in leaves(plot) if not isinstance(s, shapes.PolyLine)]
        assert len(legend_marks) == 1 and plot_marks
        assert {paint(m) for m in plot_marks} == {paint(legend_marks[0])}
        for mark in plot_marks:
            assert extent(mark) == pytest.approx(extent(legend_marks[0]), abs=1e-6)
        looks.add((paint(sample), paint(legend_marks[0])))
    assert len(looks) == 8


def test_eight_member_styles_differ_and_neighbours_differ_in_everything():
    assert len(LINE_STYLES) == 8
    keys = [(s.grey, s.dash, (s.marker, s.filled)) for s in LINE_STYLES]
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            assert a[2] != b[2]  # no two markers alike
            assert (a[0], a[1]) != (b[0], b[1])  # no two lines alike
    for a, b in itertools.pairwise(LINE_STYLES):
        assert a.grey != b.grey and a.dash != b.dash and a.marker != b.marker
    greys = sorted({s.grey for s in LINE_STYLES})
    assert all(b - a >= 0.4 for a, b in itertools.pairwise(greys))  # apart on paper


def test_value_labels_of_zero_and_small_bars_do_not_touch():
    lines = [*members(8, (0, 1, 0, 2)), ParticipationLine("Big", 500, 499, 498, 497)]
    drawing = participation_chart(lines, WIDTHS[0])
    assert_well_laid_out(drawing, WIDTHS[0])
    values = [s.text for s in strings(drawing.series0)]
    assert values == ["0"] * 8 + ["500"]


def test_long_names_wrap_or_end_in_an_ellipsis_inside_the_name_column():
    lines = [ParticipationLine(LONG, 2, 1), ParticipationLine("a " * 60, 1, 1)]
    drawing = participation_chart(lines, WIDTHS[1])
    assert_well_laid_out(drawing, WIDTHS[1])
    names = "".join(s.text for s in strings(drawing.categories))
    assert "…" in names and "W" * 20 in names
    plot_left = min(r.x for r in drawn(drawing.series0, shapes.Rect))
    for text in strings(drawing.categories):
        assert text.x <= 0  # right-aligned Strings inside a moved group end at its origin
    assert plot_left > 0.25 * WIDTHS[1] - 1  # the names take at most about a third


def test_a_chinese_name_does_not_switch_the_other_names_font():
    drawing = participation_chart(members(4), 500)
    fonts = {s.text: s.fontName for s in strings(drawing.categories)}
    assert fonts["Amara Okonkwo"] == REGULAR
    assert fonts["李明"] == CJK and fonts[" (Li Ming)"] == REGULAR
    # the Arabic name is shaped (its letters in their joined forms) and stays in DejaVu
    assert any(f == REGULAR and "م" in unicodedata.normalize("NFKC", t) for t, f in fonts.items())
    for drawing in all_charts(500):
        for string in strings(drawing):
            assert runs(string.text) in ([(string.fontName, string.text)], [])


def test_label_runs_sit_side_by_side_and_measure_as_a_whole():
    group = label(100, 10, "Zoë 李明 Kim", 8, "end")
    parts = strings(group)
    assert [p.fontName for p in parts] == [REGULAR, CJK, REGULAR]
    assert parts[0].x == pytest.approx(-label_width("Zoë 李明 Kim", 8))
    for a, b in itertools.pairwise(parts):
        assert b.x > a.x


def test_a_phase_that_never_ran_says_so_and_has_no_bar():
    drawing = agenda_chart([PhaseLine("Opening", 5, 4), PhaseLine("Closing", 5, None)], 500)
    assert [s.text for s in strings(drawing.series1)] == ["4", "not run"]
    assert len(drawn(drawing.series1, shapes.Rect)) == 1


def test_every_chart_names_its_axes():
    texts = ["".join(s.text for s in strings(d)) for d in all_charts(500)]
    assert "Count" in texts[0] and "Member" in texts[0]
    assert "Minutes" in texts[1] and "Phase" in texts[1]
    assert "Count" in texts[2] and "Meeting date" in texts[2]


def _markers_y(drawing, number: int) -> list[float]:
    return sorted(
        s.cy if isinstance(s, shapes.Circle) else s.y
        for s, _ in leaves(getattr(drawing, f"series{number}"))
        if isinstance(s, shapes.Circle | shapes.Rect) and not isinstance(s, shapes.PolyLine)
    )


def test_trend_shows_questions_and_statements_apart_on_one_scale():
    cells = (ParticipationLine("A", question=5, insightful=1, statement=2), ParticipationLine("A"))
    drawing = trend_chart([ParticipationSeries("A", cells)], ["1 Jan", "2 Jan"], 500)
    statements_zero, statements_two, questions_zero, questions_six = _markers_y(drawing, 0)
    assert questions_six - questions_zero == pytest.approx(3 * (statements_two - statements_zero))
    titles = "".join(s.text for s in strings(drawing.axes))
    assert "Questions (insightful included)" in titles and "Statements" in titles


def test_a_missed_meeting_breaks_the_line():
    cells = (ParticipationLine("A", 1), None, ParticipationLine("A", 2), ParticipationLine("A", 3))
    drawing = trend_chart([ParticipationSeries("A", cells)], ["a", "b", "c", "d"], 500)
    lines = drawn(drawing.series0, shapes.PolyLine)
    assert [len(line.points) for line in lines] == [4, 4]  # c to d, in each of the two panels


@pytest.mark.parametrize("meetings", [1, 12, 30, 100])
def test_many_dates_turn_then_thin_without_touching(meetings):
    series, dates = trend(8, meetings)
    drawing = trend_chart(series, dates, WIDTHS[0])
    assert_well_laid_out(drawing, WIDTHS[0])
    shown = [s.text for s in strings(drawing.axes) if s.text in dates]
    if meetings <= 12:
        assert len(shown) == 2 * meetings
    if meetings == 100:
        assert 0 < len(shown) < 2 * meetings


def test_empty_charts_still_build():
    for drawing in (
        participation_chart([], 500),
        agenda_chart([], 500),
        trend_chart([], [], 500),
        trend_chart([ParticipationSeries("A", ())], [], 500),
    ):
        assert_well_laid_out(drawing, 500)


def test_the_participation_table_says_what_q_s_means():
    flowables = participation_table(members(2), 500)
    assert any(getattr(f, "text", "") == RATIO_NOTE for f in flowables)
    assert ratio(ParticipationLine("A", question=3, insightful=1, statement=2)) == "2.0"
    assert ratio(ParticipationLine("A", question=3)) == "all Q"
    assert ratio(ParticipationLine("A")) == "–"


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80
) | st.sampled_from(["", LONG, "李" * 40, "م" * 80, "Ą" * 80])
count = st.integers(0, 500)
line = st.builds(ParticipationLine, names, count, count, count, count)
phase = st.builds(PhaseLine, names, count, st.none() | count)


@st.composite
def series_and_dates(draw):
    meetings = draw(st.integers(0, 12))
    people = draw(st.lists(names, max_size=8))
    cells = st.none() | line
    series = [
        ParticipationSeries(p, tuple(draw(st.lists(cells, min_size=meetings, max_size=meetings))))
        for p in people
    ]
    return series, [f"{d:02d} Oct" for d in range(1, meetings + 1)]


@settings(
    derandomize=True,
    max_examples=int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    lines=st.lists(line, max_size=8),
    agenda=st.lists(phase, min_size=1, max_size=12),
    trend_data=series_and_dates(),
    width=st.sampled_from(WIDTHS),
)
def test_any_participation_and_agenda_fit_without_touching_labels(lines, agenda, trend_data, width):
    for drawing in (
        participation_chart(lines, width),
        agenda_chart(agenda, width),
        trend_chart(*trend_data, width),
    ):
        assert_well_laid_out(drawing, width)


def test_a_name_of_a_million_characters_is_cut_to_its_room():
    drawing = agenda_chart([PhaseLine("x" * 1_000_000, 5, 5), PhaseLine("y " * 500_000, 5, 5)], 500)
    assert_well_laid_out(drawing, 500)
    assert sum(len(s.text) for s in strings(drawing.categories)) < 500


def test_a_negative_count_draws_no_bar_into_the_names():
    drawing = participation_chart([ParticipationLine("A", question=-3, statement=2)], 500)
    assert_well_laid_out(drawing, 500)
    assert drawn(drawing.series0, shapes.Rect) == []


def test_the_trend_dates_carry_the_year_when_the_meetings_span_two():
    from alcoach.data.reports import MeetingColumn, ReportHeader, SetProgressReport
    from alcoach.export.set_report import _chart_dates

    def report(*dates):
        return SetProgressReport(ReportHeader("S"), (), meetings=tuple(map(MeetingColumn, dates)))

    assert _chart_dates(report(dt.date(2026, 10, 3), dt.date(2026, 11, 28))) == ["3 Oct", "28 Nov"]
    spanning = report(dt.date(2026, 12, 5), dt.date(2027, 1, 9))
    assert _chart_dates(spanning) == ["5 Dec 2026", "9 Jan 2027"]


def test_the_summary_and_each_feedback_sheet_say_what_q_s_means(store):
    import io

    from export_richdata import build
    from pypdf import PdfReader

    from alcoach.data.report_builder import build_feedback_sheets, build_meeting_report
    from alcoach.export import render_feedback_sheets, render_meeting_summary

    def text(data: bytes) -> str:
        pages = PdfReader(io.BytesIO(data)).pages
        return " ".join(" ".join(p.extract_text() or "" for p in pages).split())

    meeting_id = build()["meeting_id"]
    summary = text(render_meeting_summary(build_meeting_report(meeting_id)))
    sheets = text(render_feedback_sheets(build_feedback_sheets(meeting_id)))
    note = "Q : S is questions (insightful ones included) per statement"
    assert note in summary
    assert sheets.count(note) == sheets.count("Q : S ") // 2 > 0  # under every table
    for title in ("Count", "Member", "Minutes", "Phase"):
        assert title in summary


def test_the_trend_legend_takes_as_many_columns_as_leave_names_whole():
    from alcoach.export.trend_chart import _legend_columns

    assert _legend_columns(["Ana", "Kim"], 500) == 4
    assert _legend_columns(["Ana", "Priya Raghunathan-Okonkwo"], 500) == 3
    assert _legend_columns(["Ana", "Priya Raghunathan-Okonkwo Ngata"], 500) == 2
    assert _legend_columns(["Ana", LONG], 500) == 4  # cut anyway, so it does not decide


def test_questions_per_statement_round_halves_up_on_screen_and_on_paper():
    from alcoach.data.records import TallyCounts
    from alcoach.ui.meeting.member_row import format_ratio

    line = ParticipationLine("A", question=7, insightful=2, statement=4)
    assert ratio(line) == "2.3"  # 9/4: a float's round-half-even printed 2.2
    counts = TallyCounts(member_id=1, question=7, statement=4, insightful=2)
    assert format_ratio(counts) == ratio(line)
    assert ratio(ParticipationLine("A", question=1, statement=8)) == "0.1"  # 0.125
