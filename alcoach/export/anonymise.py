"""Members become "Member A", "Member B", ... consistently across a whole document.

The mapping comes from the roster (in roster order). Every string in the report is rewritten:
names in name fields and any mention of a member's full name, first name or last name in text the
coach typed. The coach's own name stays.
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any, TypeVar

T = TypeVar("T")
_KEEP_FIELDS = frozenset({"coach_name", "date_style"})
_REPEATED = re.compile(r"(Member [A-Z]+)(?:[ \-]+\1(?![A-Z]))+")


def member_label(index: int) -> str:
    """A, B, ..., Z, then AA, AB, ..."""
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return f"Member {label}"


def _spaced(name: str) -> bool:
    """Scripts that separate words with spaces (a name inside CJK text has no word boundary)."""
    return all(ord(c) < 0x2E80 for c in name)


class Anonymiser:
    def __init__(self, roster: tuple[str, ...]):
        self.labels: dict[str, str] = {}
        for name in roster:
            if name not in self.labels:
                self.labels[name] = member_label(len(self.labels))
        replacements: dict[str, str] = {}
        for name, label in self.labels.items():
            replacements.setdefault(name.strip(), label)
        for name, label in self.labels.items():
            words = [w.strip(".,;:()[]\"'“”‘’") for w in name.split()]
            for part in [*words, *re.findall(r"\w+", name)]:
                # a part of a name stands for the member unless it is too short to be a name
                if len(part) >= 2 and not part[0].islower() and part not in replacements:
                    replacements[part] = label
        self._replacements = replacements
        keys = sorted((k for k in replacements if k), key=len, reverse=True)
        spaced = [re.escape(k) for k in keys if _spaced(k)]
        unspaced = [re.escape(k) for k in keys if not _spaced(k)]
        patterns = []
        if spaced:
            patterns.append(rf"(?<!\w)(?:{'|'.join(spaced)})(?!\w)")
        if unspaced:
            patterns.append("|".join(unspaced))
        self._pattern = re.compile("|".join(patterns)) if patterns else None

    def text(self, value: str) -> str:
        if not value or self._pattern is None:
            return value
        replaced = self._pattern.sub(lambda m: self._replacements[m.group(0)], value)
        # "Li Ming" or "Jean-Luc" matched part by part reads "Member C Member C": say it once
        return _REPEATED.sub(r"\1", replaced)

    def apply(self, report: T) -> T:
        return self._walk(report)

    def _walk(self, value: Any, field_name: str = "") -> Any:
        if isinstance(value, str):
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
