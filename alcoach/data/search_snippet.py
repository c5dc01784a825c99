"""The context shown for a search hit: the original text around the first match, with every
match of every word marked, found in the folded text and mapped back character by character."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from alcoach.data.search_fold import fold, fold_pieces

BEFORE = 50  # characters of context before the first match
WIDTH = 220  # characters of the snippet at most (before the ellipses)
_SPACES = re.compile(r"\s+")


def _folded_with_origins(text: str) -> tuple[str, str, Sequence[int]]:
    """NFC(text), its folded form, and for each folded character the index it came from."""
    original = unicodedata.normalize("NFC", text)
    if original.isascii():  # ASCII folds one character to one
        return original, fold(original), range(len(original))
    pieces = fold_pieces(original)
    folded = "".join(pieces)
    if len(folded) == len(original) and all(len(p) == 1 for p in pieces):
        return original, folded, range(len(original))
    origins: list[int] = []
    for index, piece in enumerate(pieces):
        origins.extend([index] * len(piece))
    return original, "".join(pieces), origins


def _spans(folded: str, origins: Sequence[int], words: list[str]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for word in words:
        at = folded.find(word)
        while at >= 0 and len(found) < 500:
            found.append((origins[at], origins[at + len(word) - 1] + 1))
            at = folded.find(word, at + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, words: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(snippet, marks): up to WIDTH characters of `text` around the first match of the folded
    `words`, whitespace made single spaces, "…" where it was cut; marks index the snippet."""
    original, folded, origins = _folded_with_origins(text or "")
    spans = _spans(folded, origins, [w for w in words if w])
    first = spans[0][0] if spans else 0
    start = max(0, first - BEFORE)
    if start:
        space = original.rfind(" ", start - 15, first)  # begin at a word where one is near
        start = space + 1 if space >= start - 15 and space >= 0 else start
    end = min(len(original), start + WIDTH)
    if end < len(original):
        space = original.rfind(" ", end - 20, end)
        end = space if space > first else end
    pieces: list[tuple[str, bool]] = []
    at = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces += [(original[at:span_start], False), (original[span_start:span_end], True)]
        at = span_end
    pieces.append((original[at:end], False))
    snippet = "…" if start else ""
    marks = []
    for piece, is_match in pieces:
        piece = _SPACES.sub(" ", piece)
        if not snippet or snippet == "…":
            piece = piece.lstrip() if not is_match else piece
        if is_match:
            marks.append((len(snippet), len(snippet) + len(piece)))
        snippet += piece
    snippet = snippet.rstrip()
    if end < len(original):
        snippet += "…"
    return snippet, tuple(marks)
