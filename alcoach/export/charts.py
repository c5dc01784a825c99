"""Bar and line charts that read in black and white: greys, outlines, dashes and direct labels."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab import rl_config

# Attribute validation is a development aid that costs a third of a chart's drawing time; it is
# read when reportlab.graphics is first imported, so it is switched off before that import.
rl_config.shapeChecking = 0

from reportlab.graphics.charts.barcharts import HorizontalBarChart  # noqa: E402
from reportlab.graphics.charts.linecharts import HorizontalLineChart  # noqa: E402
from reportlab.graphics.shapes import Drawing, Line, Rect, String  # noqa: E402
from reportlab.graphics.widgets.markers import makeMarker  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from alcoach.data.reports import ParticipationLine, ParticipationSeries, PhaseLine  # noqa: E402
from alcoach.export.fonts import REGULAR, font_for, register_fonts  # noqa: E402

FILLS = (
    colors.black,
    colors.Color(0.45, 0.45, 0.45),
    colors.Color(0.78, 0.78, 0.78),
    colors.white,
)
DASHES = (None, (4, 2), (1, 2), (6, 2, 1, 2), (2, 2), (8, 3))
MARKERS = ("FilledCircle", "FilledSquare", "FilledTriangle", "Circle", "Square", "Diamond")
SIZE = 7.5


def _short(text: str, width: float, font: str) -> str:
    if stringWidth(text, font, SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, SIZE) > width:
        text = text[:-1]
    return text + "…"


def _legend(drawing: Drawing, x: float, y: float, names: Sequence[str]) -> None:
    """A swatch legend in one line: the boxes have the bars' fills and outlines."""
    for index, name in enumerate(names):
        drawing.add(
            Rect(
                x,
                y,
                8,
                8,
                fillColor=FILLS[index % len(FILLS)],
                strokeColor=colors.black,
                strokeWidth=0.5,
            )
        )
        drawing.add(String(x + 11, y + 1, name, fontName=REGULAR, fontSize=SIZE))
        x += 11 + stringWidth(name, REGULAR, SIZE) + 14


def _bars(
    width: float,
    categories: Sequence[str],
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    label_format: str,
) -> Drawing:
    register_fonts()
    font = font_for("".join(categories))
    label_width = min(
        max((stringWidth(c, font, SIZE) for c in categories), default=40) + 8, width * 0.38
    )
    bar = 6.5 if len(series) > 2 else 6
    group = bar * len(series) + (7 if len(series) > 2 else 5)
    plot_height = max(group * len(categories), 24)
    height = plot_height + 40
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 18
    chart.width = width - label_width - 34
    chart.height = plot_height
    # the first category at the top, as in the table below it, and within each group the first
    # series on top, in the legend's order (reportlab draws both from the bottom up)
    chart.data = [list(reversed(s)) for s in reversed(series)]
    chart.categoryAxis.categoryNames = [
        _short(c, label_width - 8, font) for c in reversed(categories)
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    top = max((v for s in series for v in s), default=0)
    chart.valueAxis.valueMax = max(top * 1.12, 1)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barWidth = bar
    chart.groupSpacing = group - bar * len(series)
    chart.barSpacing = 0
    chart.barLabelFormat = label_format
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = SIZE - 0.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    for index in range(len(series)):
        fill = len(series) - 1 - index
        chart.bars[index].fillColor = FILLS[fill % len(FILLS)]
        chart.bars[index].strokeColor = colors.black
        chart.bars[index].strokeWidth = 0.5
    drawing.add(chart)
    _legend(drawing, label_width, height - 12, names)
    return drawing


def participation_chart(lines: Sequence[ParticipationLine], width: float) -> Drawing:
    """Questions, insightful questions, statements and skill seen, per member."""
    return _bars(
        width,
        [line.member for line in lines],
        [
            [line.question for line in lines],
            [line.insightful for line in lines],
            [line.statement for line in lines],
            [line.skill for line in lines],
        ],
        ["Questions", "Insightful questions", "Statements", "Skill seen"],
        "%d",
    )


def agenda_chart(phases: Sequence[PhaseLine], width: float) -> Drawing:
    """Planned against actual minutes per phase (a phase that never ran shows no actual bar)."""
    return _bars(
        width,
        [p.name for p in phases],
        [
            [p.planned_minutes for p in phases],
            [p.actual_minutes or 0 for p in phases],
        ],
        ["Planned minutes", "Actual minutes"],
        "%.0f",
    )


def _line_legend(
    drawing: Drawing,
    chart: HorizontalLineChart,
    names: Sequence[str],
    font: str,
    width: float,
    rows: int,
) -> None:
    """Three columns; each entry shows its line's dash pattern and marker, then the name."""
    column = (width - 40) / 3
    for index, name in enumerate(names):
        x = 28 + (index // rows) * column if rows else 28
        y = (rows - 1 - index % rows) * 12 + 4
        style = chart.lines[index]
        drawing.add(
            Line(
                x,
                y + 3,
                x + 22,
                y + 3,
                strokeColor=style.strokeColor,
                strokeWidth=1,
                strokeDashArray=style.strokeDashArray,
            )
        )
        marker = makeMarker(MARKERS[index % len(MARKERS)], size=5)
        marker.x, marker.y = x + 11, y + 3
        drawing.add(marker)
        drawing.add(
            String(x + 27, y, _short(name, column - 32, font), fontName=font, fontSize=SIZE)
        )


def trend_chart(
    series: Sequence[ParticipationSeries], dates: Sequence[str], width: float
) -> Drawing:
    """Each member's questions (insightful included) and statements per meeting, as lines."""
    register_fonts()
    names = [s.member for s in series]
    font = font_for("".join(names))
    legend_rows = (len(names) + 2) // 3
    rotated = len(dates) > 8
    axis_labels = 34 if rotated else 16  # room for the dates under the plot
    height = 146 + axis_labels + legend_rows * 12
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x = 28
    chart.y = 8 + axis_labels + legend_rows * 12
    chart.width = width - 40
    chart.height = 130
    chart.data = [
        [
            None if cell is None else cell.question + cell.insightful + cell.statement
            for cell in s.per_meeting
        ]
        for s in series
    ] or [[0]]
    chart.categoryAxis.categoryNames = list(dates) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = SIZE - 0.5
    if rotated:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    top = max((v for row in chart.data for v in row if v is not None), default=0)
    chart.valueAxis.valueMax = max(top * 1.1, 4)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.joinedLines = 1
    for index in range(len(series)):
        line = chart.lines[index]
        line.strokeColor = colors.black if index % 2 == 0 else colors.Color(0.4, 0.4, 0.4)
        line.strokeWidth = 1
        line.strokeDashArray = DASHES[index % len(DASHES)]
        line.symbol = makeMarker(MARKERS[index % len(MARKERS)], size=5)
    drawing.add(chart)
    _line_legend(drawing, chart, names, font, width, legend_rows)
    return drawing
