"""Right-to-left order and Arabic shaping for one line of text, and one-line labels.

reportlab lays text out left to right in the order typed. This module turns one line (already
broken off a paragraph, or a one-line label) into the runs to draw from left to right:

1. the Unicode bidirectional algorithm resolves each character's embedding level (python-bidi's
   implementation of rules X1 to I2, and rule N0 for brackets here) against the line's base
   direction;
2. trailing white space takes the base level (L1), and runs are reversed from the highest level
   down to the lowest odd one (L2);
3. a right-to-left run with Arabic letters is shaped by HarfBuzz (joined letter forms, in visual
   order), and so is a run of emoji sequences (a family, a flag: one glyph each); other
   right-to-left runs are reversed character cluster by cluster (a combining mark stays after
   its base) with brackets mirrored.

Only lines holding a right-to-left character or an emoji sequence take this path; others are
drawn as they are, so long Latin text costs two regular-expression searches per line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from alcoach.export.fonts import (
    BOLD,
    CJK,
    CJK_BOLD,
    EMOJI,
    FAKE_BOLD_STROKE,
    REGULAR,
    is_private,
    remember_private_text,
    runs,
)

if TYPE_CHECKING:
    from reportlab.graphics.shapes import String
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended, the Hebrew and
# Arabic presentation forms, the right-to-left marks and embeddings, and right-to-left scripts
# beyond the BMP: where any of these occurs, a line needs reordering.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Letters HarfBuzz must join (Arabic and its extensions, Syriac, NKo).
_JOINING = re.compile("[\u0600-\u07ff\u0860-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
# What makes emoji a sequence the emoji font draws as one glyph: the zero-width joiner (families,
# professions), regional indicators (flags), the keycap mark and tag characters.
_EMOJI_SEQUENCE = re.compile("[\u200d\u20e3\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]")
# A character that continues the emoji cluster before it.
_EMOJI_CONTINUES = re.compile("[\u200d\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def needs_visual_form(text: str) -> bool:
    """Whether a line of `text` is drawn otherwise than as stored: right to left or joined."""
    return _RTL.search(text) is not None or _EMOJI_SEQUENCE.search(text) is not None


def base_level(text: str) -> int:
    """1 if the first strong character of `text` is right-to-left (rules P2, P3), else 0."""
    from bidi import get_base_level

    return get_base_level(text) if has_rtl(text) else 0


def resolved_levels(text: str, base: int) -> list[int]:
    """Each character's embedding level after rules X1 to I2, with L1 applied for one line."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    uba.get_embedding_levels(text, storage)
    for char in storage["chars"]:
        if not char["type"]:  # a code point this Python's Unicode has not assigned yet
            char["type"] = char["orig"] = "L"  # Unicode's default class for most of them
    chars = list(storage["chars"])  # X9 removes controls from storage; they keep a level here
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    _resolve_paired_brackets(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    kept = {id(c) for c in storage["chars"]}
    levels: list[int] = []
    for char in chars:
        removed = id(char) not in kept
        levels.append((levels[-1] if levels else base) if removed else char["level"])
    # L1: segment separators and trailing white space take the base level
    trailing = True
    for index in range(len(chars) - 1, -1, -1):
        kind = chars[index]["orig"]
        if kind in ("S", "B"):
            levels[index] = base
            trailing = True
        elif trailing and kind in ("WS", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"):
            levels[index] = base
        else:
            trailing = False
    return levels


def _strong(bidi_type: str) -> str | None:
    """L or R for a strong type (numbers count as R in rule N0), else None."""
    if bidi_type == "L":
        return "L"
    return "R" if bidi_type in ("R", "AL", "EN", "AN") else None


def _resolve_paired_brackets(storage: dict) -> None:
    """Rule N0 (which python-bidi's Python algorithm lacks): a bracket pair takes one direction.

    Without it, "Dana: אבג (דהו) ok" shows the closing bracket outside the Hebrew words.
    Pairs are found as in BD16 (a stack of at most 63 openings; brackets matched through their
    mirrored glyph); each pair takes the embedding direction if a strong character of it is
    inside, else the direction of the strong character inside if the text before agrees.
    """
    from bidi.mirror import MIRRORED

    for run in storage["runs"]:
        chars = storage["chars"][run["start"] : run["start"] + run["length"]]
        if not chars:
            continue
        openings: list[tuple[str | None, int]] = []
        pairs = []
        for index, char in enumerate(chars):
            if char["type"] != "ON":
                continue
            category = unicodedata.category(char["ch"])
            if category == "Ps":
                if len(openings) == 63:
                    break
                openings.append((MIRRORED.get(char["ch"]), index))
            elif category == "Pe":
                for depth in range(len(openings) - 1, -1, -1):
                    if openings[depth][0] == char["ch"]:
                        pairs.append((openings[depth][1], index))
                        del openings[depth:]
                        break
        embedding = "LR"[chars[0]["level"] % 2]
        for opening, closing in sorted(pairs):
            inside = {_strong(c["type"]) for c in chars[opening + 1 : closing]} - {None}
            if not inside:
                continue
            direction = embedding
            if embedding not in inside:
                direction = run["sor"]
                for char in reversed(chars[:opening]):
                    if _strong(char["type"]):
                        direction = _strong(char["type"])
                        break
            for index in (opening, closing):
                chars[index]["type"] = direction
                following = index + 1
                while following < len(chars) and chars[following]["orig"] == "NSM":
                    chars[following]["type"] = direction
                    following += 1


def visual_runs(texts: Sequence[str], base: int) -> list[tuple[int, int, int, int]]:
    """The line made of `texts` as (piece index, start, end, level) runs in drawing order.

    A run is a stretch of one piece at one level; start and end index into that piece.
    """
    line = "".join(texts)
    levels = resolved_levels(line, base)
    logical: list[tuple[int, int, int, int]] = []
    offset = 0
    for piece, text in enumerate(texts):
        start = 0
        for index in range(1, len(text) + 1):
            if index == len(text) or levels[offset + index] != levels[offset + start]:
                logical.append((piece, start, index, levels[offset + start]))
                start = index
        offset += len(text)
    if not logical:
        return []
    highest = max(run[3] for run in logical)
    lowest_odd = min((run[3] for run in logical if run[3] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # L2
        index = 0
        while index < len(logical):
            if logical[index][3] < level:
                index += 1
                continue
            end = index
            while end < len(logical) and logical[end][3] >= level:
                end += 1
            logical[index:end] = logical[index:end][::-1]
            index = end
    return logical


def _clusters_reversed(text: str) -> str:
    """Characters in reverse order, each combining mark kept after its base, brackets mirrored."""
    from bidi.mirror import MIRRORED

    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.category(char).startswith("M"):
            clusters[-1] += char
        else:
            clusters.append(MIRRORED.get(char, char))
    return "".join(reversed(clusters))


def _emoji_reversed(text: str) -> str:
    """Emoji in reverse order, each sequence kept whole (and a flag's two letters together)."""
    clusters: list[str] = []
    for char in text:
        joined = clusters and (
            _EMOJI_CONTINUES.match(char)
            or clusters[-1].endswith("\u200d")
            or (_is_flag_letter(char) and len(clusters[-1]) == 1 and _is_flag_letter(clusters[-1]))
        )
        if joined:
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(reversed(clusters))


def _is_flag_letter(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _shaped(text: str, font: str, size: float) -> str:
    """`text` shaped by HarfBuzz (a ShapedStr, in visual order), its private glyphs remembered.

    reportlab gives a glyph without a character of its own (a ligature, a mark pair, an emoji
    sequence) a private-use code; the text of its cluster is remembered for the PDF's ToUnicode
    map, so that copying the text gives back what was typed.
    """
    from reportlab.pdfbase.ttfonts import shapeStr

    shaped = shapeStr(text, font, size)
    data = getattr(shaped, "__shapeData__", None)
    if data is None:
        return shaped
    starts = sorted({glyph.cluster for glyph in data if 0 <= glyph.cluster <= len(text)})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    glyphs: dict[int, list[str]] = {}
    for char, glyph in zip(shaped, data, strict=True):
        glyphs.setdefault(glyph.cluster, []).append(char)
    for cluster, chars in glyphs.items():
        private = [c for c in chars if is_private(ord(c)) and c not in text]
        if not private or cluster not in ends:
            continue
        rest = text[cluster : ends[cluster]]
        for char in chars:
            if char not in private:
                for part in unicodedata.normalize("NFKC", char):
                    rest = rest.replace(part, "", 1)
        remember_private_text(font, ord(private[0]), rest)
    return shaped


def visual_text(text: str, level: int, font: str, size: float) -> str:
    """One run as drawn: shaped if Arabic or an emoji sequence, reversed if right-to-left.

    A shaped run is reportlab's ShapedStr (the glyphs with HarfBuzz's advances and offsets).
    """
    if font == EMOJI and _EMOJI_SEQUENCE.search(text):
        return _shaped(_emoji_reversed(text) if level % 2 else text, font, size)
    if level % 2 == 0:
        return text
    if _JOINING.search(text):
        return _shaped(text, font, size)
    return _clusters_reversed(text)


def drawn_width(text: str, font: str, size: float) -> float:
    """The advance of a run as `visual_text` made it (HarfBuzz's for a shaped run)."""
    shape_data = getattr(text, "__shapeData__", None)
    if shape_data is not None:
        return sum(glyph.x_advance for glyph in shape_data) * size / 1000
    return stringWidth(text, font, size)


def line_runs(
    text: str, size: float, bold: bool = False, base: int | None = None
) -> list[tuple[str, str]]:
    """One line as (font, drawn text) pairs from left to right, fonts falling back per character.

    Line breaks and runs of white space become single spaces. `base` is the line's direction
    (0 left-to-right, 1 right-to-left); by default that of its first strong character.
    """
    text = " ".join(text.split())
    pieces = [(_bold_font(font) if bold else font, run) for font, run in runs(text)]
    if not needs_visual_form(text):
        return pieces
    if base is None:
        base = base_level(text)
    order = visual_runs([run for _, run in pieces], base)
    return [
        (
            pieces[piece][0],
            visual_text(pieces[piece][1][start:end], level, pieces[piece][0], size),
        )
        for piece, start, end, level in order
    ]


def _bold_font(font: str) -> str:
    return {REGULAR: BOLD, CJK: CJK_BOLD}.get(font, font)


def line_width(text: str, size: float, bold: bool = False) -> float:
    """The width `label_shapes` draws `text` in."""
    return sum(drawn_width(run, font, size) for font, run in line_runs(text, size, bold))


def label_shapes(
    text: str,
    x: float,
    y: float,
    size: float,
    anchor: str = "start",
    bold: bool = False,
    color: Color | None = None,
) -> list[String]:
    """One line of text at baseline (x, y) for a chart: one String per font run, side by side.

    The runs are in visual order (right-to-left text reordered and shaped), each measured in its
    own font; `anchor` ("start", "middle", "end") places the whole line. Bold CJK runs are drawn
    filled and stroked, as in paragraphs.
    """
    from reportlab.graphics.shapes import String
    from reportlab.lib.colors import black

    color = black if color is None else color
    pieces = line_runs(text, size, bold)
    widths = [drawn_width(run, font, size) for font, run in pieces]
    cursor = x - {"start": 0.0, "middle": sum(widths) / 2, "end": sum(widths)}[anchor]
    shapes = []
    for (font, run), width in zip(pieces, widths, strict=True):
        extra = {}
        if font == CJK_BOLD:
            extra = {
                "textRenderMode": 2,
                "strokeColor": color,
                "strokeWidth": size * FAKE_BOLD_STROKE,
            }
        shapes.append(
            String(cursor, y, run, fontName=font, fontSize=size, fillColor=color, **extra)
        )
        cursor += width
    return shapes


def draw_line(canvas: Canvas, x: float, y: float, text: str, size: float) -> float:
    """Draw one line on a canvas from x (footers), fonts per character, right-to-left in order.

    Returns the width drawn.
    """
    start = x
    for font, run in line_runs(text, size):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += drawn_width(run, font, size)
    return x - start
