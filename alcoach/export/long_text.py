"""Long text laid out in bounded time: cut into paragraphs before layout, kept out of table cells.

reportlab wraps a whole Paragraph again each time it splits it over a page, so one long paragraph
costs about the square of its length: a 1,000,000-character coach's note as one Paragraph took
about 260 s, the same text in paragraphs of a few hundred words about 1 s. A table row cannot be
cut like that, so a text too long for a cell shows its start in the table and follows the table
in full.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from alcoach.export.flow import CachedParagraph, heading, label, para
from alcoach.export.styles import stylesheet
from alcoach.export.text import clean, markup

PIECE = 2_000  # characters per Paragraph (a few hundred words)
CELL_LIMIT = 1_000  # a longer text shows only its start in a table cell
CELL_START = 300  # how much of it the cell shows
_SENTENCE_END = re.compile(r"[.!?;:؟।](?=\s)|[。！？]")  # CJK writes no space after
_JOINERS = frozenset("\u200d\u200c\u034f\u2060")


def _clusters_apart(text: str, cut: int) -> bool:
    """Whether cutting before text[cut] keeps every letter with its marks and joiners."""
    after, before = text[cut], text[cut - 1]
    if unicodedata.combining(after) or after in _JOINERS or before in _JOINERS:
        return False
    return not ("\ufe00" <= after <= "\ufe0f" or "\U0001f3fb" <= after <= "\U0001f3ff")


def _cut(text: str, start: int, limit: int) -> tuple[int, int]:
    """Where the piece starting at `start` ends, and where the next one starts.

    At the last line break in the second half of the window, else after a sentence's end, else
    at a space, else (one long word) between two characters.
    """
    window = text[start : start + limit]
    half = limit // 2
    line_break = window.rfind("\n", half)
    if line_break >= 0:
        return start + line_break, start + line_break + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(window, half)]
    if ends:
        end = start + ends[-1]
        return end, end + 1 if text[end : end + 1].isspace() else end
    space = max(window.rfind(" ", half), window.rfind("\u3000", half))
    if space >= 0:
        return start + space, start + space + 1
    cut = start + limit
    while cut > start + half and not _clusters_apart(text, cut):
        cut -= 1
    return cut, cut


def pieces(text: str | None, limit: int = PIECE) -> list[str]:
    """`text` (cleaned) in pieces of at most `limit` characters; only the space or line break
    at each cut is left out."""
    text = clean(text or "")
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end, following = _cut(text, start, limit)
        out.append(text[start:end])
        start = following
    out.append(text[start:])
    return [p for p in out if p.strip()]


@functools.cache
def _joined_style(name: str, first: bool, last: bool) -> ParagraphStyle:
    """The style of one piece: no space between pieces, the style's own space around them."""
    base = stylesheet()[name]
    return ParagraphStyle(
        f"{name}-piece-{first:d}{last:d}",
        parent=base,
        spaceBefore=base.spaceBefore if first else 0,
        spaceAfter=base.spaceAfter if last else 0,
    )


def paras(text: str | None, style: str = "note") -> list[Paragraph]:
    """Text as typed, in paragraphs of at most PIECE characters that read as one."""
    parts = pieces(text)
    if len(parts) <= 1:
        return [para(text, style)]
    last = len(parts) - 1
    return [
        CachedParagraph(markup(part), _joined_style(style, i == 0, i == last))
        for i, part in enumerate(parts)
    ]


def start_of(text: str, limit: int = CELL_START) -> str:
    """The first piece of `text` (cut as `pieces` cuts)."""
    text = clean(text)
    if len(text) <= limit:
        return text
    return text[: _cut(text, 0, limit)[0]]


class Overflow:
    """Texts too long for a table cell: the cell shows the start and a reference number, and
    the texts follow the table in full under `title`."""

    def __init__(self, title: str):
        self.title = title
        self._texts: list[tuple[str, str]] = []

    def cell(self, text: str, where: str) -> str:
        """What a cell shows of `text`; `where` says in the continuation what the text is."""
        if len(text) <= CELL_LIMIT:
            return text
        self._texts.append((where, text))
        return f"{start_of(text)} … (continued below the table, [{len(self._texts)}])"

    def flowables(self) -> list[Flowable]:
        if not self._texts:
            return []
        story: list[Flowable] = [heading(self.title, 2)]
        for number, (where, text) in enumerate(self._texts, 1):
            story.append(label(f"[{number}] {where}"))
            story.extend(paras(text, "note"))
        return story
