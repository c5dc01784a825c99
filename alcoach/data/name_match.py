"""Finding a person's name inside what a coach typed, in any script and with its affixes.

A name is split into its parts (at spaces and hyphens, brackets and quotes dropped; a part needs
two letters and does not start with a lower-case particle such as "van"). Text is split into
words by Unicode category (letters, marks and digits belong to a word), so a Devanagari vowel
sign or a Thai tone mark never cuts a word, and a name is never found inside a longer word.
Words are compared folded (alcoach.data.search_fold.fold: accents and case ignored).

A word is *surely* the name when it is a part, or a part with the affixes its script inflects
names with: Arabic's attached prepositions and article (لفاطمة, والفاطمة), Hebrew's prefixed
letters (ולדני), Cyrillic and Greek case endings on the part's stem (Екатерины, Αλέξανδρου). In
Chinese, Japanese and Thai, which write words without spaces, a part is found wherever it
stands. A word that only *looks like* the name (a part followed by a few letters in a script
that does not inflect names that way: "Markets" for Mark) goes to the review list, for the coach
to decide. Neighbouring sure words (a first and a last name) are one match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from alcoach.data.search_fold import fold

_ARABIC_PREFIXES = ("و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "فال", "كال", "ولل", "وب",
                    "ول", "فب", "فل")  # fmt: skip
_HEBREW_PREFIXES = ("ו", "ה", "ב", "כ", "ל", "מ", "ש", "וה", "וב", "וכ", "ול", "ומ", "וש", "שה",
                    "שב", "של", "שמ", "כש", "מה", "לכ")  # fmt: skip
_STEM_VOWELS = set("аеёиоуыэюяйαεηιουωςє")
_MAX_ENDING = 3
_JOINERS = {"\u200c", "\u200d"}
_GAP = re.compile(r"[\s\-‐‑]+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    sure: bool  # False: it only looks like the name (the review list)


def _script(char: str) -> str:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return ""
    for script in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "DEVANAGARI", "CJK",
                   "HIRAGANA", "KATAKANA", "HANGUL", "THAI"):  # fmt: skip
        if name.startswith(script):
            return script
    return "OTHER"


_UNSPACED = {"CJK", "HIRAGANA", "KATAKANA", "THAI"}


def _in_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN" or char in _JOINERS


def words(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every word of `text`."""
    spans = []
    start = None
    for i, char in enumerate(text):
        if _in_word(char):
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


_PUNCT = "()[]{}\"'“”‘’«».,;:"


def name_parts(name: str) -> list[str]:
    """The parts of a name that stand for the person on their own ("Jean-Pierre O'Neil":
    Jean-Pierre, Jean, Pierre, O'Neil, Neil; "李明 (Li Ming)": 李明, Li, Ming)."""
    parts: list[str] = []

    def add(part: str) -> None:
        letters = sum(1 for c in part if c.isalpha())
        unspaced = bool(part) and _script(part[0]) in _UNSPACED
        if part and (letters >= 2 or unspaced) and not part[0].islower() and part not in parts:
            parts.append(part)

    for chunk in name.split():
        piece = chunk.strip(_PUNCT)
        add(piece)
        for sub in re.split(r"[-‐‑]", piece):
            add(sub.strip(_PUNCT))
        for start, end in words(piece):
            if sum(1 for c in piece[start:end] if c.isalpha()) >= 3:
                add(piece[start:end])
    return parts


class _Part:
    def __init__(self, part: str) -> None:
        self.part = part
        self.folded = fold(part)
        self.script = _script(part[0])
        stem = self.folded
        if self.script == "GREEK" and stem.endswith("σ"):  # -ος, -ας, -ης: the ending goes
            stem = stem[:-1]
        while len(stem) > 4 and stem[-1] in _STEM_VOWELS:
            stem = stem[:-1]
        self.stem = stem if self.script in ("CYRILLIC", "GREEK") and len(stem) >= 4 else ""

    def judge(self, word: str) -> bool | None:
        """True: surely the name; False: it looks like it (review); None: not it."""
        folded = fold(word)
        if folded == self.folded:
            return True
        if self.script == "ARABIC" and any(folded == p + self.folded for p in _ARABIC_PREFIXES):
            return True
        if self.script == "HEBREW" and any(folded == p + self.folded for p in _HEBREW_PREFIXES):
            return True
        if self.stem and folded.startswith(self.stem):
            ending = folded[len(self.stem) :]
            if len(ending) <= _MAX_ENDING and all(c.isalpha() for c in ending):
                return True
        if len(self.folded) >= 3 and folded.startswith(self.folded):
            ending = folded[len(self.folded) :]
            if 0 < len(ending) <= _MAX_ENDING:
                return False
        if (
            self.script in ("ARABIC", "HEBREW")
            and len(self.folded) >= 3
            and folded.endswith(self.folded)
            and len(folded) - len(self.folded) <= _MAX_ENDING
        ):
            return False  # a prefix this list does not know
        return None


class NameMatcher:
    """Every place a name stands in a text, sure or to review."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parts = [_Part(p) for p in name_parts(name)]
        self.folded_stems = sorted(
            {(p.stem or p.folded)[:4] for p in self.parts if p.folded}, key=len
        )

    def could_hold(self, folded_text: str) -> bool:
        """A quick look at a folded text: whether it may hold the name at all."""
        return any(stem in folded_text for stem in self.folded_stems)

    def find(self, text: str) -> list[Match]:
        if not text or not self.parts:
            return []
        found: list[Match] = []
        folded_text = fold(text)
        for part in self.parts:  # parts that are more than one word ("O'Neil", "Jean-Pierre")
            if len(words(part.part)) > 1 and len(folded_text) == len(text):
                for hit in re.finditer(re.escape(part.folded), folded_text):
                    a, b = hit.span()
                    if (a == 0 or not _in_word(text[a - 1])) and (
                        b == len(text) or not _in_word(text[b])
                    ):
                        found.append(Match(a, b, text[a:b], True))
        taken = [(m.start, m.end) for m in found]
        for start, end in words(text):
            if any(a <= start and end <= b for a, b in taken):
                continue
            word = text[start:end]
            verdict = None
            for part in self.parts:
                if part.script in _UNSPACED:
                    for hit in re.finditer(re.escape(part.part), word):
                        found.append(Match(start + hit.start(), start + hit.end(), hit.group(),
                                           True))  # fmt: skip
                    continue
                judged = part.judge(word)
                if judged is True:
                    verdict = True
                    break
                if judged is False:
                    verdict = False
            if verdict is not None:
                found.append(Match(start, end, word, verdict))
        found.sort(key=lambda m: (m.start, -m.end))
        return _joined(text, found)

    def replace(self, text: str, label: str, also: frozenset[str] = frozenset()) -> str:
        """The text with every sure match, and every reviewed one whose word is in `also`,
        replaced by `label`."""
        out, at = [], 0
        for match in self.find(text):
            if match.sure or match.text in also:
                out.append(text[at : match.start])
                out.append(label)
                at = match.end
        out.append(text[at:])
        return "".join(out)


def _joined(text: str, found: list[Match]) -> list[Match]:
    """Sure matches next to each other (only spaces or hyphens between) become one."""
    out: list[Match] = []
    for match in found:
        if (
            out
            and out[-1].sure
            and match.sure
            and match.start >= out[-1].end
            and _GAP.fullmatch(text[out[-1].end : match.start])
        ):
            last = out.pop()
            match = Match(last.start, match.end, text[last.start : match.end], True)
        elif out and match.start < out[-1].end:
            continue  # overlapping (two parts found in one unspaced word): the first stands
        out.append(match)
    return out
