"""The meeting's bar charts: participation per member, planned against actual minutes per phase.

Horizontal bars, one group per member or phase (top to bottom in the order of the table below
the chart), each bar labelled with its value at its end. The chart spans the given width: the
names on the left, the plot up to the right edge, scaled so the longest bar's label still fits.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.lib import colors

from alcoach.data.reports import ParticipationLine, PhaseLine
from alcoach.export.chart_kit import (
    ASCENT,
    BAR,
    GRID,
    INK,
    LEADING,
    MUTED,
    NAME_SIZE,
    TICK_SIZE,
    TITLE_SIZE,
    VALUE_SIZE,
    BarStyle,
    LegendEntry,
    bar_rect,
    baseline_for_middle,
    fit_lines,
    label,
    label_width,
    legend,
    nice_step,
    shapes,
    tick_text,
)

GROUP_GAP = 6.0
NAME_GAP = 4.0  # between a name's right end and the plot
BOTTOM = 22.0  # room under the plot for the tick labels and the axis title
NAME_SHARE = 0.3  # the most of the width the names may take

PARTICIPATION_STYLES = (
    BarStyle(colors.black),
    BarStyle(colors.Color(0.45, 0.45, 0.45)),
    BarStyle(colors.Color(0.8, 0.8, 0.8)),
    BarStyle(colors.white),
)
PLANNED = BarStyle(colors.white)  # the plan as an outline, what happened filled in
ACTUAL = BarStyle(colors.Color(0.35, 0.35, 0.35))


def _scale(values: Sequence[float | None], texts: Sequence[str], plot_width: float) -> float:
    """Points per unit, the largest that leaves every bar's label inside the plot."""
    scale = math.inf
    for value, text in zip(values, texts, strict=True):
        if value is not None and value > 0:
            scale = min(scale, (plot_width - 3 - label_width(text, VALUE_SIZE)) / value)
    if scale is math.inf:
        scale = plot_width / 5  # nothing above zero: an axis up to 5
    return max(scale, 1e-6)


def _value_axis(
    group: shapes.Group, x0: float, right: float, bottom: float, top: float, scale: float
) -> None:
    step = nice_step((right - x0) / scale, 5)
    count = int((right - x0) / scale / step + 1e-9)
    for index in range(count + 1):
        x = x0 + index * step * scale
        if index:
            group.add(shapes.Line(x, bottom, x, top, strokeColor=GRID, strokeWidth=0.4))
        group.add(shapes.Line(x, bottom, x, bottom - 3, strokeColor=INK, strokeWidth=0.5))
        text = tick_text(index * step)
        if x + label_width(text, TICK_SIZE) / 2 <= right:
            group.add(label(x, bottom - 4 - ASCENT * TICK_SIZE, text, TICK_SIZE, "middle"))
    group.add(shapes.Line(x0, bottom, right, bottom, strokeColor=INK, strokeWidth=0.6))
    group.add(shapes.Line(x0, bottom, x0, top, strokeColor=INK, strokeWidth=0.6))


def _name(
    group: shapes.Group, name: str, right: float, middle: float, room: float, pitch: float
) -> None:
    """A category's name, right-aligned before the plot, wrapped into its group's height."""
    leading = NAME_SIZE * LEADING
    lines = fit_lines(name, room, NAME_SIZE, max(1, math.floor(pitch / leading)))
    first = baseline_for_middle(middle + (len(lines) - 1) * leading / 2, NAME_SIZE)
    for index, line in enumerate(lines):
        group.add(label(right, first - index * leading, line, NAME_SIZE, "end"))


def bar_chart(
    width: float,
    categories: Sequence[str],
    series: Sequence[Sequence[float | None]],
    styles: Sequence[BarStyle],
    names: Sequence[str],
    *,
    value_text: Callable[[float], str],
    value_title: str,
    category_title: str,
    missing: str = "",
) -> shapes.Drawing:
    """Grouped horizontal bars; `series[s][c]` is series s at category c (None: no bar, the
    `missing` text instead). Named groups: `series0`… hold the bars, `legend0`… the legend."""
    widest = max((label_width(c, NAME_SIZE) for c in categories), default=0)
    room = min(max(widest, label_width(category_title, TITLE_SIZE)), NAME_SHARE * width)
    x0 = 2 + room + NAME_GAP
    pitch = BAR * len(series) + GROUP_GAP
    plot_height = pitch * max(len(categories), 1)
    entries = [LegendEntry(n, bar=s) for n, s in zip(names, styles, strict=True)]
    legend_groups, legend_height = legend(entries, x0, width, 0, align_right=True)
    top = BOTTOM + plot_height
    height = top + 4 + legend_height
    drawing = shapes.Drawing(width, height)

    values = [v for row in series for v in row]
    texts = ["" if v is None else value_text(v) for v in values]
    scale = _scale(values, texts, width - x0)
    axis = shapes.Group()
    _value_axis(axis, x0, width, BOTTOM, top, scale)
    axis.add(
        label(
            (x0 + width) / 2, 0.24 * TITLE_SIZE + 1, value_title, TITLE_SIZE, "middle", color=MUTED
        )
    )
    axis.add(
        label(
            x0 - NAME_GAP,
            height - legend_height + 3,
            category_title,
            TITLE_SIZE,
            "end",
            color=MUTED,
        )
    )
    drawing.add(axis, name="axis")

    category_names = shapes.Group()
    for index, name in enumerate(categories):
        middle = top - index * pitch - pitch / 2
        _name(category_names, name, x0 - NAME_GAP, middle, room, pitch)
    drawing.add(category_names, name="categories")

    for number, (row, style) in enumerate(zip(series, styles, strict=True)):
        bars = shapes.Group()
        for index, value in enumerate(row):
            y = top - index * pitch - GROUP_GAP / 2 - (number + 1) * BAR
            baseline = baseline_for_middle(y + BAR / 2, VALUE_SIZE)
            if value is None:
                bars.add(label(x0 + 2, baseline, missing, VALUE_SIZE, color=MUTED))
                continue
            length = max(value, 0) * scale
            if length > 0:
                bars.add(bar_rect(style, x0, y, length, BAR))
            bars.add(label(x0 + length + 2, baseline, value_text(value), VALUE_SIZE))
        drawing.add(bars, name=f"series{number}")

    for number, group in enumerate(legend_groups):
        group.translate(0, height)
        drawing.add(group, name=f"legend{number}")
    return drawing


def participation_chart(lines: Sequence[ParticipationLine], width: float) -> shapes.Drawing:
    """Questions, insightful questions, statements and skill seen, per member."""
    return bar_chart(
        width,
        [line.member for line in lines],
        [
            [line.question for line in lines],
            [line.insightful for line in lines],
            [line.statement for line in lines],
            [line.skill for line in lines],
        ],
        PARTICIPATION_STYLES,
        ["Questions", "Insightful questions", "Statements", "Skill seen"],
        value_text=lambda v: f"{v:.0f}",
        value_title="Count",
        category_title="Member",
    )


def agenda_chart(phases: Sequence[PhaseLine], width: float) -> shapes.Drawing:
    """Planned against actual minutes per phase (a phase that never ran says so)."""
    return bar_chart(
        width,
        [p.name for p in phases],
        [[p.planned_minutes for p in phases], [p.actual_minutes for p in phases]],
        (PLANNED, ACTUAL),
        ["Planned", "Actual"],
        value_text=lambda v: f"{round(v, 1):g}",
        value_title="Minutes",
        category_title="Phase",
        missing="not run",
    )
