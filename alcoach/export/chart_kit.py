"""What every chart shares: its one label function, the series styles, markers, ticks, legends.

Every piece of text a chart draws goes through `label()`, which sets each run of the text in the
font that has its characters (a Chinese name does not switch the other names to the CJK font).
The series styles are made for paper printed in black and white: members' lines differ in grey
level, dash and marker at once, bars in fill.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab import rl_config

# Attribute validation is a development aid that costs a third of a chart's drawing time; it is
# read when reportlab.graphics is first imported, so it is switched off before that import. The
# chart modules take the shape classes from here (`chart_kit.shapes`) for the same reason.
rl_config.shapeChecking = 0

from reportlab.graphics import shapes  # noqa: E402
from reportlab.lib import colors  # noqa: E402

from alcoach.export.fonts import register_fonts  # noqa: E402
from alcoach.export.scripts import label_shapes, line_width  # noqa: E402

INK = colors.black
MUTED = colors.Color(0.33, 0.33, 0.33)
GRID = colors.Color(0.85, 0.85, 0.85)
WHITE = colors.white

NAME_SIZE = 7.5  # category names and legend entries
TICK_SIZE = 7  # axis tick labels
VALUE_SIZE = 6.5  # value labels at the end of bars
TITLE_SIZE = 7.5  # axis and panel titles
ASCENT = 0.76  # DejaVu Sans and WenQuanYi Micro Hei, in em: a label's box is one em tall
LEADING = 1.15  # line pitch of wrapped names, in em
ELLIPSIS = "…"

__all__ = ["shapes"]


def _plain(text: str) -> str:
    """One line: newlines, tabs and runs of spaces become single spaces."""
    return " ".join(text.split())


def label_width(text: str, size: float) -> float:
    """The width `label()` draws `text` in: each font run measured in its own font."""
    return line_width(_plain(text), size)


def label(
    x: float,
    y: float,
    text: str,
    size: float,
    anchor: str = "start",
    *,
    angle: float = 0,
    color: colors.Color = INK,
) -> shapes.Group:
    """One line of text at baseline (x, y): one String per font run, side by side.

    `anchor` is "start", "middle" or "end" (of the whole line); `angle` turns the line about
    (x, y), counter-clockwise in degrees. Right-to-left runs are reordered and shaped
    (alcoach.export.scripts.label_shapes).
    """
    register_fonts()
    group = shapes.Group(*label_shapes(_plain(text), 0, 0, size, anchor, color=color))
    group.translate(x, y)
    if angle:
        group.rotate(angle)
    return group


def baseline_for_middle(middle: float, size: float) -> float:
    """The baseline that centres a label's one-em box on `middle`."""
    return middle - (ASCENT - 0.5) * size


def fit_lines(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """`text` broken into at most `max_lines` lines of at most `width` (words wrap; a word too
    long for a line is broken; what does not fit ends in an ellipsis)."""
    most = max(1, max_lines)
    lines: list[str] = []
    current = ""
    for word in _plain(text).split(" "):
        if len(lines) > most:
            break  # the rest is cut off anyway
        candidate = f"{current} {word}" if current else word
        if label_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        for char in word:
            if current and label_width(current + char, size) > width:
                lines.append(current)
                current = ""
                if len(lines) > most:
                    break
            current += char
    lines.append(current)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and label_width(last + ELLIPSIS, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return lines


def one_line(text: str, width: float, size: float) -> str:
    return fit_lines(text, width, size, 1)[0]


@dataclass(frozen=True)
class LineStyle:
    """How one member's line is drawn: grey level, dash and marker."""

    grey: float  # 0 black … 1 white
    dash: tuple[float, ...] | None
    marker: str  # circle, square, triangle, diamond
    filled: bool  # filled with the line's grey, or white inside an outline

    @property
    def color(self) -> colors.Color:
        return colors.Color(self.grey, self.grey, self.grey)


SOLID = None
DASHED = (5, 2.5)
DOTTED = (1.2, 1.8)
DASH_DOT = (6, 2, 1.2, 2)
_GREYS = (0.0, 0.5)
_DASHES = (SOLID, DASHED, DOTTED, DASH_DOT)
_MARKERS = ("circle", "square", "triangle", "diamond")
# (grey, dash) pairs: all eight differ, and neighbours differ in both. Markers: eight
# shape-and-fill pairs, neighbours of different shapes. So no two series share all three, and
# series printed side by side in the legend differ in all three.
_GREY_DASH = ((0, 0), (1, 1), (0, 2), (1, 3), (0, 1), (1, 0), (0, 3), (1, 2))
LINE_STYLES = tuple(
    LineStyle(
        grey=_GREYS[g],
        dash=_DASHES[d],
        marker=_MARKERS[i % 4],
        filled=(i + i // 4) % 2 == 0,
    )
    for i, (g, d) in enumerate(_GREY_DASH)
)
LINE_WIDTH = 1.1
MARKER_SIZE = 5.5


def line_style(index: int) -> LineStyle:
    return LINE_STYLES[index % len(LINE_STYLES)]


def marker(style: LineStyle, x: float, y: float, size: float = MARKER_SIZE) -> shapes.Shape:
    """The marker of `style` centred on (x, y); the plot and the legend both draw it here."""
    fill = style.color if style.filled else WHITE
    common = {"fillColor": fill, "strokeColor": style.color, "strokeWidth": 0.8}
    half = size / 2
    if style.marker == "circle":
        return shapes.Circle(x, y, half, **common)
    if style.marker == "square":
        half *= 0.9  # a square looks bigger than a circle of the same width
        return shapes.Rect(x - half, y - half, 2 * half, 2 * half, **common)
    if style.marker == "triangle":
        half *= 1.15
        return shapes.Polygon(
            [x - half, y - half * 0.8, x + half, y - half * 0.8, x, y + half * 1.05], **common
        )
    half *= 1.2
    return shapes.Polygon([x, y - half, x + half, y, x, y + half, x - half, y], **common)


def polyline(style: LineStyle, points: Sequence[float]) -> shapes.PolyLine:
    return shapes.PolyLine(
        list(points),
        strokeColor=style.color,
        strokeWidth=LINE_WIDTH,
        strokeDashArray=style.dash,
        fillColor=None,
    )


@dataclass(frozen=True)
class BarStyle:
    fill: colors.Color
    stroke: colors.Color = INK
    stroke_width: float = 0.5


def bar_rect(style: BarStyle, x: float, y: float, width: float, height: float) -> shapes.Rect:
    return shapes.Rect(
        x,
        y,
        width,
        height,
        fillColor=style.fill,
        strokeColor=style.stroke,
        strokeWidth=style.stroke_width,
    )


def nice_step(span: float, most: int) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten, at least 1, that divides `span` into
    at most `most` parts."""
    if span <= 0:
        return 1
    step = 10 ** math.floor(math.log10(span / most))
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= most:
            return max(1, step * factor)
    return max(1, step * 10)


def tick_text(value: float) -> str:
    return f"{round(value, 1):g}".replace("-", "\u2212")


LEGEND_ROW = 12  # height of a legend row
LEGEND_GAP = 14.0  # after an entry


@dataclass(frozen=True)
class LegendEntry:
    text: str
    bar: BarStyle | None = None
    line: LineStyle | None = None


LINE_SAMPLE = 28.0  # long enough to show a whole dash-dot pattern
BAR_SAMPLE = 9.0
BAR = 7.0  # a bar's thickness (and its swatch's): more than a value label's one-em box


def _swatch(entry: LegendEntry, x: float, baseline: float) -> list[shapes.Shape]:
    """The sample drawn before the entry's text: the bar's fill, or the line and its marker."""
    middle = baseline + (ASCENT - 0.5) * NAME_SIZE
    if entry.bar is not None:
        return [bar_rect(entry.bar, x, middle - BAR / 2, BAR_SAMPLE, BAR)]
    assert entry.line is not None
    return [
        polyline(entry.line, [x, middle, x + LINE_SAMPLE, middle]),
        marker(entry.line, x + LINE_SAMPLE / 2, middle),
    ]


def legend(
    entries: Sequence[LegendEntry],
    left: float,
    right: float,
    top: float,
    *,
    columns: int = 0,
    align_right: bool = False,
) -> tuple[list[shapes.Group], float]:
    """Legend entries between `left` and `right`, rows downwards from `top`.

    With `columns`, entries sit in that many equal columns (names cut to fit); otherwise they
    follow each other and wrap, each row flush right with `align_right`. Returns one group per
    entry, in order, and the height used.
    """
    gap = LEGEND_GAP
    column_width = (right - left) / columns if columns else 0.0
    placed: list[list] = []  # [row, x, text, sample width]
    x, row = left, 0
    for index, entry in enumerate(entries):
        sample = BAR_SAMPLE if entry.bar is not None else LINE_SAMPLE
        if columns:
            row, column = divmod(index, columns)
            x = left + column * column_width
            room = column_width - sample - 4 - gap
        else:
            room = right - left - sample - 4
        text = one_line(entry.text, max(room, 1), NAME_SIZE)
        width = sample + 4 + label_width(text, NAME_SIZE)
        if not columns and x > left and x + width > right:
            x, row = left, row + 1
        placed.append([row, x, text, sample, width])
        x += width + gap
    if align_right and not columns:
        for number in {p[0] for p in placed}:
            in_row = [p for p in placed if p[0] == number]
            shift = right - (in_row[-1][1] + in_row[-1][4])
            for item in in_row:
                item[1] += shift
    groups: list[shapes.Group] = []
    for entry, (row, x, text, sample, _) in zip(entries, placed, strict=True):
        baseline = top - (row + 1) * LEGEND_ROW + 3
        group = shapes.Group()
        for shape in _swatch(entry, x, baseline):
            group.add(shape)
        group.add(label(x + sample + 4, baseline, text, NAME_SIZE))
        groups.append(group)
    rows = placed[-1][0] + 1 if placed else 0
    return groups, rows * LEGEND_ROW
