"""The set report's participation over time: questions and statements per member and meeting.

Two panels one above the other on one scale: questions (insightful ones included) on top,
statements below, so a reader sees both how often each member asks and how often they tell, and
which of the two grows. Each member keeps one line style (grey, dash and marker) in both panels
and in the legend above them. A gap in a line is a meeting the member missed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from alcoach.data.reports import ParticipationLine, ParticipationSeries
from alcoach.export.chart_kit import (
    ASCENT,
    GRID,
    INK,
    LEGEND_GAP,
    LINE_SAMPLE,
    MUTED,
    NAME_SIZE,
    TICK_SIZE,
    TITLE_SIZE,
    LegendEntry,
    LineStyle,
    label,
    label_width,
    legend,
    line_style,
    marker,
    nice_step,
    one_line,
    polyline,
    shapes,
    tick_text,
)

PANEL_GAP = 10.0
TITLE_ROW = 14.0  # a panel's title above its plot
AXIS_TITLE_X = TITLE_SIZE + 0.5  # baseline of the turned "Count" (a full em from the edge)
INSET = 4.0  # between the plot's sides and the first and last meeting: a marker's half and more
DATE_WIDTH = 70.0  # the most a date label may take
SIN45 = math.sqrt(0.5)
PANELS = (
    ("Questions (insightful included)", lambda c: c.question + c.insightful),
    ("Statements", lambda c: c.statement),
)


class _DateAxis:
    """Where the meetings sit along the x axis and how their dates are labelled: level when
    they fit side by side, turned 45° when they do not, and only every k-th when even turned
    labels would touch."""

    def __init__(self, dates: Sequence[str], count: int, left: float, right: float):
        self.texts = [one_line(d, DATE_WIDTH, TICK_SIZE) for d in dates]
        widest = max((label_width(t, TICK_SIZE) for t in self.texts), default=0)
        self.turned = False
        self.every = 1
        step = (right - left - 2 * INSET) / max(count, 1)
        if step < widest + 4:
            self.turned = True
            # the turned labels stick out to the left of their tick: make room for the first
            left = max(left, SIN45 * widest + 0.6 * TICK_SIZE + 1)
            step = (right - left - 2 * INSET) / max(count, 1)
            self.every = max(1, math.ceil((TICK_SIZE + 1) / SIN45 / step))
        self.left, self.step = left, step
        self.depth = (SIN45 * widest + 1.3 * TICK_SIZE) if self.turned else TICK_SIZE + 1
        self.depth += 4

    def x(self, index: int) -> float:
        return self.left + INSET + self.step * (index + 0.5)

    def draw(self, group: shapes.Group, bottom: float) -> None:
        for index, text in enumerate(self.texts):
            x = self.x(index)
            group.add(shapes.Line(x, bottom, x, bottom - 3, strokeColor=INK, strokeWidth=0.5))
            if index % self.every:
                continue
            if self.turned:
                y = bottom - 4 - 0.54 * TICK_SIZE
                group.add(label(x + 0.17 * TICK_SIZE, y, text, TICK_SIZE, "end", angle=45))
            else:
                group.add(label(x, bottom - 4 - ASCENT * TICK_SIZE, text, TICK_SIZE, "middle"))


def _values(cells: Sequence[ParticipationLine | None], pick) -> list[int | None]:
    return [None if cell is None else pick(cell) for cell in cells]


def panel_height(members: int) -> float:
    """Taller panels for more members, so their lines spread out."""
    return 80.0 + 7.0 * min(members, 8)


def _panel_axes(
    group: shapes.Group,
    left: float,
    right: float,
    bottom: float,
    plot_height: float,
    top_value: float,
    step: float,
) -> None:
    scale = plot_height / top_value
    for index in range(round(top_value / step) + 1):
        y = bottom + index * step * scale
        if index:
            group.add(shapes.Line(left, y, right, y, strokeColor=GRID, strokeWidth=0.4))
        group.add(shapes.Line(left - 3, y, left, y, strokeColor=INK, strokeWidth=0.5))
        text = tick_text(index * step)
        group.add(label(left - 4, y - (ASCENT - 0.5) * TICK_SIZE, text, TICK_SIZE, "end"))
    top = bottom + plot_height
    group.add(shapes.Line(left, bottom, right, bottom, strokeColor=INK, strokeWidth=0.6))
    group.add(shapes.Line(left, bottom, left, top, strokeColor=INK, strokeWidth=0.6))
    middle = bottom + plot_height / 2
    group.add(label(AXIS_TITLE_X, middle, "Count", TITLE_SIZE, "middle", angle=90, color=MUTED))


def _member_lines(
    group: shapes.Group,
    values: Sequence[int | None],
    style: LineStyle,
    xs: Sequence[float],
    bottom: float,
    scale: float,
) -> None:
    points: list[tuple[float, float]] = []
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, values, strict=False):
        if value is None:
            runs.append([])  # not at this meeting: the line breaks
            continue
        point = (x, bottom + max(value, 0) * scale)
        points.append(point)
        runs[-1].append(point)
    for run in runs:
        if len(run) > 1:
            group.add(polyline(style, [c for point in run for c in point]))
    for x, y in points:
        group.add(marker(style, x, y))


def _legend_columns(names: Sequence[str], width: float) -> int:
    """As many legend columns (up to 4) as leave every name whole; a name too long even for
    two columns is cut wherever it stands, so it does not decide."""

    def room(columns: int) -> float:
        return width / columns - LINE_SAMPLE - 4 - LEGEND_GAP

    widths = [label_width(n, NAME_SIZE) for n in names]
    widest = max((w for w in widths if w <= room(2)), default=0)
    return next((columns for columns in (4, 3) if room(columns) >= widest), 2)


def trend_chart(
    series: Sequence[ParticipationSeries], dates: Sequence[str], width: float
) -> shapes.Drawing:
    """Questions and statements per member and meeting, in two panels over the meetings' dates.

    Named groups: `series0`… hold each member's lines and markers, `legend0`… the legend."""
    count = max([len(dates), *(len(s.per_meeting) for s in series)])
    columns = _legend_columns([s.member for s in series], width)
    entries = [LegendEntry(s.member, line=line_style(i)) for i, s in enumerate(series)]
    legend_groups, legend_height = legend(entries, 0, width, 0, columns=columns)

    top_value = max(
        (v or 0 for s in series for _, pick in PANELS for v in _values(s.per_meeting, pick)),
        default=0,
    )
    step = nice_step(max(top_value, 1), 5)
    top_value = max(math.ceil(top_value / step) * step, 4)
    step = nice_step(top_value, 5)
    widest_tick = max(label_width(tick_text(v), TICK_SIZE) for v in (0, top_value))
    axis = _DateAxis(dates, count, AXIS_TITLE_X + 4 + widest_tick + 4, width - 0.5)
    left = axis.left

    plot_height = panel_height(len(series))
    panel_block = TITLE_ROW + plot_height + axis.depth
    x_title_row = 11.0
    height = x_title_row + 2 * panel_block + PANEL_GAP + 4 + legend_height + 4
    drawing = shapes.Drawing(width, height)
    frame = shapes.Group()
    bottoms = []
    for number, (title, _) in enumerate(PANELS):
        bottom = x_title_row + axis.depth + (1 - number) * (panel_block + PANEL_GAP)
        bottoms.append(bottom)
        _panel_axes(frame, left, width - 0.5, bottom, plot_height, top_value, step)
        axis.draw(frame, bottom)
        frame.add(label(left, bottom + plot_height + 7, title, TITLE_SIZE))
    frame.add(
        label(
            (left + width) / 2,
            0.24 * TITLE_SIZE + 1,
            "Meeting date",
            TITLE_SIZE,
            "middle",
            color=MUTED,
        )
    )
    drawing.add(frame, name="axes")

    scale = plot_height / top_value
    dodge = min(3.5, axis.step * 0.4 / max(len(series), 1))  # side by side, not hidden
    for index, member in enumerate(series):
        style = line_style(index)
        offset = (index - (len(series) - 1) / 2) * dodge
        xs = [axis.x(i) + offset for i in range(count)]
        lines = shapes.Group()
        for (_, pick), bottom in zip(PANELS, bottoms, strict=True):
            _member_lines(lines, _values(member.per_meeting, pick), style, xs, bottom, scale)
        drawing.add(lines, name=f"series{index}")

    for index, group in enumerate(legend_groups):
        group.translate(0, height - 4)
        drawing.add(group, name=f"legend{index}")
    return drawing
