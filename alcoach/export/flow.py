"""Small flowable builders shared by the documents: paragraphs, headings, tables, empty sections."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from alcoach.export.fonts import REGULAR, runs
from alcoach.export.paragraph import ScriptParagraph
from alcoach.export.scripts import has_rtl
from alcoach.export.styles import RULE, SHADE, stylesheet
from alcoach.export.text import NONE_RECORDED, markup

Cell = str | Flowable | list


class CachedParagraph(ScriptParagraph):
    """A Paragraph that remembers its last wrap.

    A long table that splits over pages wraps every remaining cell again for each page; the
    cells' text and width do not change, so the line breaking is done once.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):
        if self._wrapped_at == availWidth:
            return self.width, self.height
        result = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return result

    def split(self, availWidth, availHeight):
        self._wrapped_at = None
        return super().split(availWidth, availHeight)


def para(text: str | None, style: str = "body") -> Paragraph:
    """A paragraph of text exactly as typed (escaped; never parsed as markup)."""
    return CachedParagraph(markup(text), stylesheet()[style])


def stacked(main: str | None, notes: Sequence[str] = (), style: str = "cell") -> Paragraph:
    """One paragraph: the main text, then muted lines (one paragraph is faster than several)."""
    parts = [markup(main)]
    for note in notes:
        if note:
            parts.append(f'<font color="#555555" size="7.5">{markup(note)}</font>')
    return CachedParagraph("<br/>".join(p for p in parts if p), stylesheet()[style])


KEEP_WHOLE_UP_TO = 0.45  # of a frame's height: more would leave half a page empty


def _unsplittable(flowable: Flowable) -> bool:
    """A chart or picture: it moves to the next page whole rather than split."""
    return type(flowable).split is Flowable.split


class KeepWithNext(CachedParagraph):
    """A heading or label that goes to the next page unless room is left below it.

    The room it wants below itself: the flowables of `keep` whole when they take under half a
    frame (a "None recorded" line, a member's first field); otherwise what follows it in the
    story (see `link_followers`): a chart whole, a heading or label with the room that one
    wants, the first lines (`room_below`) of a paragraph or table. When that room is not left
    it claims the whole remaining height, so the frame moves it on, and refuses to be split
    there. At the top of a frame it always takes its own height (and splits like a paragraph if
    it is taller than the frame), so it can never stop the layout, as reportlab's KeepTogether
    did ("Splitting error") when a member refused to split.
    """

    follower: Flowable | None = None

    def __init__(
        self, text, style, room_below: float = 0.0, keep: Sequence[Flowable] = (), **kwargs
    ):
        super().__init__(text, style, **kwargs)  # reportlab's split calls it with frags=
        self.room_below = room_below
        self.keep = tuple(keep)
        self._moved = False

    def _at_top(self) -> bool:
        frame = self._doctemplateAttr("frame")
        return frame is None or bool(getattr(frame, "_atTop", 1))

    def room_after(self, width: float, frame_height: float, depth: int = 0) -> float:
        if self.keep:
            kept = sum(_height(f, width, frame_height) for f in self.keep)
            if kept <= frame_height * KEEP_WHOLE_UP_TO:
                return kept
        follower = self.follower
        if follower is None:
            return min(self.room_below, frame_height / 3)
        if isinstance(follower, KeepWithNext) and depth < 3:
            own = _height(follower, width, frame_height) + follower.style.spaceAfter
            return own + follower.room_after(width, frame_height, depth + 1)
        if _unsplittable(follower):
            return min(_height(follower, width, frame_height), frame_height * 0.9)
        if isinstance(follower, Paragraph):  # wrapping a (cached) paragraph is cheap
            return min(self.room_below, _height(follower, width, frame_height))
        return min(self.room_below, frame_height / 3)

    def wrap(self, availWidth, availHeight):
        width, height = super().wrap(availWidth, availHeight)
        self._moved = False
        if self._at_top():
            return width, height
        frame = self._doctemplateAttr("frame")
        frame_height = getattr(frame, "_height", availHeight)
        wanted = height + self.style.spaceAfter + self.room_after(availWidth, frame_height)
        if availHeight < wanted:
            self._moved = True
            return width, availHeight + 1
        return width, height

    def split(self, availWidth, availHeight):
        if self._moved or not self._at_top():
            return []  # the frame moves it to the next one, where it fits
        return super().split(availWidth, availHeight)


def _height(flowable: Flowable, width: float, frame_height: float) -> float:
    height = flowable.wrap(width, frame_height)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def link_followers(story: Sequence[Flowable]) -> None:
    """Tell each heading and label what follows it (the room it keeps is measured on that)."""
    for flowable, following in itertools.pairwise(story):
        if isinstance(flowable, KeepWithNext):
            flowable.follower = following


def heading(text: str, level: int = 1, keep: Sequence[Flowable] = ()) -> KeepWithNext:
    """A section heading that stays with the start of its section.

    `keep`: the flowables that must not be parted from the heading if they are short (a
    "None recorded" line, a member's first field, a chart); longer ones keep only the first
    lines.
    """
    style = stylesheet()["h1" if level == 1 else "h2"]
    heading_flowable = KeepWithNext(markup(text), style, 60 if level == 1 else 40, keep)
    heading_flowable.outline_level = level - 1
    heading_flowable.outline_text = text
    return heading_flowable


def label(text: str) -> KeepWithNext:
    """A field label above its text, kept with the text's first two lines."""
    return KeepWithNext(markup(text), stylesheet()["label"], 26)


def none_recorded(what: str = "") -> Paragraph:
    return para(f"{what}: {NONE_RECORDED.lower()}." if what else f"{NONE_RECORDED}.", "muted")


def empty_section(title: str, level: int = 1) -> list[Flowable]:
    """A heading and its "None recorded" line, never parted."""
    empty = none_recorded()
    return [heading(title, level, keep=[empty]), empty]


def _cell(value: Cell, style: str) -> Flowable | list:
    if isinstance(value, Flowable | list):
        return value  # a list of flowables stacks in the cell
    return para(value, style)


class FlowingTable(Table):
    """A table whose repeated header row stands only at the top of a page.

    reportlab splits a long table by rows, then tries the rest (the header repeated above it)
    in the space left on the same page and splits the next row across the page break, so the
    header appeared a second time in the middle of the page above half a row. Here the rest
    of a table splits inside a row only at the top of a page; elsewhere it moves on.
    """

    continued = False

    def split(self, availWidth, availHeight):
        frame = self._doctemplateAttr("frame")
        at_top = frame is None or bool(getattr(frame, "_atTop", 1))
        split_in_row = self.splitInRow
        if self.continued and not at_top:
            self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = split_in_row
        for part in parts[1:]:
            part.continued = True
        return parts


PLAIN_SIZE = 8.5
PADDING = 3


def _fits_plain(text: str, width: float) -> bool:
    """Whether a cell can be drawn as a plain string: short, in the main font, one line.

    Plain table strings are never parsed as markup and are many times faster than a Paragraph;
    anything that would need wrapping, a fallback font or right-to-left order stays a Paragraph.
    """
    if len(text) > 60 or "\n" in text or "\r" in text:
        return False
    if runs(text) != [(REGULAR, text)] or has_rtl(text):
        return False
    return stringWidth(text, REGULAR, PLAIN_SIZE) <= width - 2 * PADDING - 1


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    right_columns: Sequence[int] = (),
    plain_columns: Sequence[int] = (),
    zebra: bool = True,
) -> Table:
    """A table whose header row repeats on every page it flows onto.

    `plain_columns` hold short values alcoach itself writes (numbers, dates, times): drawn as
    plain strings, which is much faster than a Paragraph and needs no escaping.
    """
    right = set(right_columns)
    plain = set(plain_columns)
    data = [
        [para(h, "head_right" if i in right else "head") for i, h in enumerate(header)],
        *(
            [
                v
                if isinstance(v, str) and (i in plain or _fits_plain(v, widths[i]))
                else _cell(v, "cell_right" if i in right else "cell")
                for i, v in enumerate(row)
            ]
            for row in rows
        ),
    ]
    commands = [
        ("FONT", (0, 1), (-1, -1), REGULAR, PLAIN_SIZE, 10.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    for column in right:
        commands.append(("ALIGN", (column, 1), (column, -1), "RIGHT"))
    if zebra:
        commands.append(("LINEBELOW", (0, 1), (-1, -2), 0.25, RULE))
    return FlowingTable(
        data,
        colWidths=list(widths),
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="LEFT",
        splitInRow=1,  # a cell taller than a page flows on to the next page
    )


def key_values(pairs: Sequence[tuple[str, str]], width: float, key_width: float = 90) -> Table:
    """Label and value side by side (for the document header); empty values are left out."""
    data = [[para(k, "label"), para(v)] for k, v in pairs if v]
    if not data:
        data = [[para("", "label"), para("")]]
    return Table(
        data,
        colWidths=[key_width, width - key_width],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        hAlign="LEFT",
        splitInRow=1,  # a value taller than a page (a very long role) flows on
    )
