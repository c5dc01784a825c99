"""Values an archive may hold but the app cannot: refused before anything is written.

The JSON Schemas say what shape a record has; these checks add what SQLite and the app can keep:
whole numbers within SQLite's 64-bit range, finite numbers, each field's own range, texts of at
most MAX_TEXT characters and without lone surrogates (half of a UTF-16 pair, which no file can
encode). Dates that leave years 1 to 9999 once converted to UTC are refused by the date-time
format check (quick_checks.is_datetime).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from alcoach.data.archive.quick_checks import MAX_MINUTES, MAX_OFFSET_SECONDS, MAX_ROUND, MAX_TEXT

SQLITE_MAX = 2**63 - 1
MAX_USES = 1_000_000_000
# Numbers with a range of their own, by field name (the same names mean the same in every record).
FIELD_MAXIMUM: dict[str, float] = {
    "planned_minutes": MAX_MINUTES,
    "minutes": MAX_MINUTES,
    "offset_seconds": MAX_OFFSET_SECONDS,
    "round": MAX_ROUND,
    "phase": MAX_ROUND,
    "uses": MAX_USES,
}
LONE_SURROGATE = "a lone surrogate (an escape such as \\ud800 that is half of a character)"


class BadValue(Exception):
    """A value the app cannot keep: `place` (a list of keys and indexes) and what is wrong."""

    def __init__(self, place: list[str | int], problem: str) -> None:
        super().__init__(problem)
        self.place, self.problem = place, problem


def has_surrogate(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def find_surrogate(value: Any) -> list[str | int] | None:
    """Where the first text with a lone surrogate is inside `value`, or None."""
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if has_surrogate(item):
                return where
        elif isinstance(item, dict):
            stack.extend((v, [*where, k]) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((v, [*where, i]) for i, v in reversed(list(enumerate(item))))
    return None


MAX_DEPTH = 8  # levels below a record; alcoach's own records nest at most five


def check_values(value: Any, place: list[str | int], *, surrogates: bool = True) -> None:
    """Raise BadValue for the first value inside `value` the app cannot keep. `surrogates`: look
    for lone surrogates too (a file read by ijson's C parser cannot hold any)."""
    stack: list[tuple[Any, list[str | int], str]] = [(value, place, "")]
    deepest = len(place) + MAX_DEPTH
    while stack:
        item, where, key = stack.pop()
        kind = type(item)
        if (kind is dict or kind is list) and len(where) >= deepest:
            raise BadValue(
                where[:deepest],
                f"the values are nested deeper than an alcoach archive can be (at most "
                f"{MAX_DEPTH} levels)",
            )
        if kind is str:
            if len(item) > MAX_TEXT:
                raise BadValue(
                    where,
                    f"the text is {len(item):,} characters long, and alcoach keeps at most "
                    f"{MAX_TEXT:,} in one field",
                )
            if surrogates and has_surrogate(item):
                raise BadValue(where, f"the text holds {LONE_SURROGATE}")
        elif kind is dict:
            stack.extend((v, [*where, k], k) for k, v in reversed(item.items()))
        elif kind is list:
            stack.extend((v, [*where, i], key) for i, v in reversed(list(enumerate(item))))
        elif kind is int or kind is float:
            _check_number(item, where, key)


def _check_number(number: float, where: list[str | int], key: str) -> None:
    if type(number) is float and not math.isfinite(number):
        raise BadValue(where, "the number is infinite or not a number, which alcoach cannot keep")
    if abs(number) > SQLITE_MAX:
        raise BadValue(where, "the number is outside the range alcoach can keep")
    limit = FIELD_MAXIMUM.get(key)
    if limit is not None and number > limit:
        raise BadValue(where, f"the number is larger than this field holds (at most {limit:,})")


def format_path(parts: Iterable[str | int]) -> str:
    """Where a value is in an archive, as messages name it: `meetings[3].actions[0].owner`."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "archive"
