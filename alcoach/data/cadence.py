"""How often a set meets, as an interval ("every 4 weeks", "monthly"), and the next date it gives.

Kept in the set's cadence text in one canonical form that `cadence_text` writes and
`parse_cadence` reads; what a coach typed before (e.g. "fortnightly", "every six weeks") is
understood where it can be, and otherwise left as typed with no date proposed from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

UNITS = ("week", "month")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "other": 2}  # fmt: skip
_NAMED = {
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "biweekly": (2, "week"),
    "bi-weekly": (2, "week"),
    "monthly": (1, "month"),
    "bimonthly": (2, "month"),
    "bi-monthly": (2, "month"),
    "quarterly": (3, "month"),
}
_EVERY = re.compile(r"^every\s+(?:(\d{1,2})|([a-z]+))?\s*(week|month)s?$")


class Cadence(NamedTuple):
    every: int  # 1 to 52
    unit: str  # "week" or "month"


def parse_cadence(text: str | None) -> Cadence | None:
    """The interval in a cadence text, or None when it names none ("half a day", "")."""
    words = " ".join((text or "").lower().replace(",", " ").split())
    if words in _NAMED:
        return Cadence(*_NAMED[words])
    match = _EVERY.match(words)
    if not match:
        return None
    digits, word, unit = match.groups()
    count = int(digits) if digits else _WORDS.get(word, 0) if word else 1
    return Cadence(count, unit) if 1 <= count <= 52 else None


def cadence_text(cadence: Cadence) -> str:
    if cadence.every == 1:
        return "weekly" if cadence.unit == "week" else "monthly"
    return f"every {cadence.every} {cadence.unit}s"


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def next_meeting_date(last: dt.date | None, cadence: Cadence | None, today: dt.date) -> dt.date:
    """The set's next date by its cadence from its last meeting, not before today; today when
    the set has no meeting yet or no cadence to go by."""
    if last is None or cadence is None:
        return today
    try:
        if cadence.unit == "week":
            days = 7 * cadence.every
            steps = max(1, -(-(today - last).days // days))  # ceiling: not before today
            return last + dt.timedelta(days=days * steps)
        months = (today.year - last.year) * 12 + today.month - last.month
        steps = max(1, -(-months // cadence.every))
        date = _add_months(last, cadence.every * steps)
        return date if date >= today else _add_months(last, cadence.every * (steps + 1))
    except (OverflowError, ValueError):  # past the last date the calendar holds
        return today
