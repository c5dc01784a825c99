"""Members become "Member A", "Member B", ... consistently across a whole document.

The mapping comes from the roster (in roster order). Every string in the report is rewritten:
names in name fields and any mention of a member's full name, first name or last name in text the
coach typed, as whole words only ("Ann" is replaced, "Annual" and "Joanna" are not); members'
roles are left out, since a role names a person as surely as a name does. The coach's own name
stays. This runs on the plain report data, before any text is escaped for the PDF, so markup the
export writes (`&amp;`, `<br/>`) is never touched. "Member" and its letter are joined by a
no-break space (U+00A0; the bundled DejaVu font has it, and text extraction after NFKC reads a
plain space), so a line never ends between them.
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any, TypeVar

T = TypeVar("T")
LABEL_SPACE = "\u00a0"
_KEEP_FIELDS = frozenset({"coach_name", "date_style"})
_DROP_FIELDS = frozenset({"role"})  # AttendeeLine.role, FeedbackSheet.role
_REPEATED = re.compile(rf"(Member{LABEL_SPACE}[A-Z]+)(?:[ \-]+\1(?![A-Z]))+")
_QUOTES = ".,;:()[]\"'“”‘’«»"


def member_label(index: int) -> str:
    """A, B, ..., Z, then AA, AB, ..."""
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return f"Member{LABEL_SPACE}{label}"


def _joins_words(char: str) -> bool:
    """Whether `char` belongs to a script that separates words with spaces: a name that begins or
    ends with it matches only at a word boundary there. Chinese, Japanese and Korean text has no
    spaces between words, so a name in those scripts matches wherever it stands."""
    return (char.isalnum() or char == "_") and ord(char) < 0x2E80


def _pattern(key: str) -> str:
    before = r"(?<!\w)" if _joins_words(key[0]) else ""
    after = r"(?!\w)" if _joins_words(key[-1]) else ""
    return f"{before}{re.escape(key)}{after}"


def _is_name_part(part: str) -> bool:
    """A part of a name that stands for the member on its own: two letters or more, not a lower-
    case particle ("van", "de"), and not an emoji or a mark."""
    return sum(1 for c in part if c.isalpha()) >= 2 and not part[0].islower()


class Anonymiser:
    """`keep`: names left as they are (members who agreed to be named); the others are labelled
    in roster order."""

    def __init__(self, roster: tuple[str, ...], keep: tuple[str, ...] = ()):
        self.labels: dict[str, str] = {}
        kept = set(keep)
        for name in roster:
            if name not in self.labels and name not in kept:
                self.labels[name] = member_label(len(self.labels))
        replacements: dict[str, str] = {}
        for name, label in self.labels.items():
            if name.strip():
                replacements.setdefault(name.strip(), label)
        for name, label in self.labels.items():
            words = [w.strip(_QUOTES) for w in name.split()]
            for part in [*words, *re.findall(r"\w+", name)]:
                if part and _is_name_part(part) and part not in replacements:
                    replacements[part] = label
        self._replacements = replacements
        keys = sorted(replacements, key=len, reverse=True)  # the longest name wins
        self._pattern = re.compile("|".join(_pattern(k) for k in keys)) if keys else None

    def text(self, value: str) -> str:
        if not value or self._pattern is None:
            return value

        def label(match: re.Match[str]) -> str:
            start, end = match.span()
            if value[start - 1 : start] == "&" and value[end : end + 1] == ";":
                return match.group(0)  # an entity typed as such, "&amp;": not a name
            return self._replacements[match.group(0)]

        replaced = self._pattern.sub(label, value)
        # "Li Ming" or "Jean-Luc" matched part by part reads "Member C Member C": say it once
        return _REPEATED.sub(r"\1", replaced)

    def apply(self, report: T) -> T:
        return self._walk(report)

    def _walk(self, value: Any, field_name: str = "") -> Any:
        if isinstance(value, str):
            if field_name in _DROP_FIELDS:
                return ""
            return value if field_name in _KEEP_FIELDS else self.text(value)
        if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record (named tuple)
            return value._replace(
                **{name: self._walk(getattr(value, name), name) for name in value._fields}
            )
        if isinstance(value, tuple):
            return tuple(self._walk(v, field_name) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self._walk(getattr(value, f.name), f.name)
                for f in dataclasses.fields(value)
            }
            return dataclasses.replace(value, **changes)
        return value


def anonymise(report: T, roster: tuple[str, ...]) -> T:
    return Anonymiser(roster).apply(report)
