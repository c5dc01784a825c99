"""The text search compares: accents stripped, case folded, compatibility forms unified.

`fold` works one character at a time (after NFC), so a folded text maps back onto the original
(alcoach.data.search_snippet marks matches in the original text). The stored folded column and
its indexes depend on this function: a change to what it returns needs a migration that refolds
the notes (alcoach.data.migrations). `register_search_functions` puts `alcoach_fold` and
`alcoach_grams` on every connection of a peewee database: the search triggers call them, so
every connection that writes notes must have them (alcoach.data.journal.connect does it).
"""

from __future__ import annotations

import operator
import unicodedata

# Letters NFKD leaves whole but a coach types without their stroke or as two letters.
_SPECIAL = {
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i",
    "ħ": "h", "ŧ": "t", "ŀ": "l", "ƒ": "f", "ß": "ss", "ẞ": "ss",
    "‘": "'", "’": "'", "ʼ": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-",
}  # fmt: skip
# Japanese voicing marks change the word (か/が): kept, and NFC puts them back on their kana.
_KEPT_MARKS = {"\u3099", "\u309a"}


def _fold_char(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc":
        return " "  # tabs, line breaks, NUL: a space, so words on either side stay apart
    if category == "Cf":
        return ""  # invisible format marks (soft hyphen, zero-width joiners, direction marks)
    text = unicodedata.normalize("NFKD", char).casefold()
    text = unicodedata.normalize("NFKD", text)
    kept = "".join(
        _SPECIAL.get(c, c) for c in text if c in _KEPT_MARKS or not unicodedata.combining(c)
    )
    return unicodedata.normalize("NFC", kept.casefold())


class _FoldTable(dict[int, str]):
    """str.translate's table, filled as characters are first met."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold_pieces(text: str) -> list[str]:
    """What each character of NFC(text) folds to (one piece per character, maybe empty)."""
    table = _TABLE
    return [table[ord(c)] for c in unicodedata.normalize("NFC", text)]


def fold(text: str | None) -> str:
    """The text as search compares it: NFKD, combining marks stripped, case folded, ß/ø/ł and
    typographic quotes and dashes made plain, control characters made spaces."""
    if not text:
        return ""
    if text.isascii():
        return text.translate(_TABLE)
    return unicodedata.normalize("NFC", text).translate(_TABLE)


# The gram index's tokens, for FTS5's `ascii` tokenizer, which keeps every character beyond
# ASCII whole and splits at ASCII's spaces and punctuation: those 33 characters stand in a token
# as characters a folded text never holds (C1 controls become spaces, the soft hyphen goes), one
# for one, so a token is "u" + a character or "b" + a pair of neighbouring characters.
_SPECIALS = [c for c in range(0x20, 0x7F) if not chr(c).isalnum()]
_STAND_INS = [*range(0x80, 0xA0), 0xAD]
_GRAM_TABLE = dict(zip(_SPECIALS, map(chr, _STAND_INS), strict=True))


def gram_token(gram: str) -> str:
    """The token of a one- or two-character (folded) string in the gram index."""
    return ("u" if len(gram) == 1 else "b") + gram.translate(_GRAM_TABLE)


def grams(folded: str | None) -> str:
    """The tokens of every character and every pair of neighbouring characters of a folded
    text, for the gram index that answers queries shorter than a trigram."""
    if not folded:
        return ""
    text = folded.translate(_GRAM_TABLE)
    singles = "u" + " u".join(set(text))
    if len(text) < 2:
        return singles
    # map(add) pairs each character with the next at C speed: a fifth faster than slicing, and
    # this runs once per note written (an archive import of ten years folds 90,000)
    return singles + " b" + " b".join(set(map(operator.add, text, text[1:])))


def register_search_functions(db) -> None:  # a peewee SqliteDatabase
    """`alcoach_fold(text)` and `alcoach_grams(folded)` on this and every later connection."""
    db.register_function(fold, "alcoach_fold", 1, deterministic=True)
    db.register_function(grams, "alcoach_grams", 1, deterministic=True)
