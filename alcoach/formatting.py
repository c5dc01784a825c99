"""How dates and times read, in the printed documents and (later) the window: one place, no Qt.

- Dates: one style throughout a document, chosen in Preferences (`DATE_STYLES`); month names are
  English whatever the machine's locale, since the documents are written in English.
- Times come in two kinds. Offsets and clock readings (how far into the meeting) read m:ss under
  an hour and h:mm:ss past one; whole seconds passed, as a clock shows them. Durations (a phase's
  length, a meeting's total, a difference from the plan) read h:mm, to the nearest minute.
- Negative values get a real minus sign (U+2212), differences a plus sign too.
"""

from __future__ import annotations

import datetime as dt
import math

MINUS = "\u2212"
NO_VALUE = "–"  # shown for a time that is missing or not a number
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# key stored in the settings -> how 3 October 2026 reads (the Preferences list shows these)
DATE_STYLES = {
    "d_mon_yyyy": "3 Oct 2026",
    "d_month_yyyy": "3 October 2026",
    "mon_d_yyyy": "Oct 3, 2026",
    "dd/mm/yyyy": "03/10/2026",
    "mm/dd/yyyy": "10/03/2026",
    "iso": "2026-10-03",
}
DATE_STYLE_HINTS = {"dd/mm/yyyy": "day/month", "mm/dd/yyyy": "month/day"}  # for the choice
DEFAULT_DATE_STYLE = "d_mon_yyyy"
DATE_STYLE_SETTING = "documents.date_style"


def date_style_or_default(style: object) -> str:
    """`style` if it is a known date style, else the default (a stored value may be anything)."""
    return style if isinstance(style, str) and style in DATE_STYLES else DEFAULT_DATE_STYLE


def format_date(day: dt.date | None, style: str = DEFAULT_DATE_STYLE) -> str:
    """`day` in `style` (see DATE_STYLES); "" for no date."""
    if day is None:
        return ""
    month = MONTHS[day.month - 1]
    style = date_style_or_default(style)
    if style == "d_month_yyyy":
        return f"{day.day} {month} {day.year}"
    if style == "mon_d_yyyy":
        return f"{month[:3]} {day.day}, {day.year}"
    if style == "dd/mm/yyyy":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if style == "mm/dd/yyyy":
        return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"
    if style == "iso":
        return day.isoformat()
    return f"{day.day} {month[:3]} {day.year}"


def format_day_month(day: dt.date, style: str = DEFAULT_DATE_STYLE) -> str:
    """The day and month alone, in the order and manner of `style`, for a column too narrow for a
    whole date (the year goes on a line of its own there): "3 Oct", "Oct 3", "03/10", "10-03"."""
    month = MONTHS[day.month - 1][:3]
    style = date_style_or_default(style)
    if style == "mon_d_yyyy":
        return f"{month} {day.day}"
    if style == "dd/mm/yyyy":
        return f"{day.day:02d}/{day.month:02d}"
    if style == "mm/dd/yyyy":
        return f"{day.month:02d}/{day.day:02d}"
    if style == "iso":
        return f"{day.month:02d}-{day.day:02d}"
    return f"{day.day} {month}"


def format_time_of_day(when: dt.datetime | dt.time | None) -> str:
    """A wall-clock time, 24-hour: "14:05"."""
    return "" if when is None else f"{when.hour:02d}:{when.minute:02d}"


def _sign(negative: bool, plus: bool = False) -> str:
    return MINUS if negative else ("+" if plus else "")


def format_offset(seconds: float | None) -> str:
    """An offset or clock reading: "4:07", "1:02:05", "−0:30" (whole seconds passed)."""
    if seconds is None or not math.isfinite(seconds):
        return NO_VALUE
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    mins, secs = divmod(rest, 60)
    sign = _sign(seconds < 0 and whole > 0)
    return f"{sign}{hours}:{mins:02d}:{secs:02d}" if hours else f"{sign}{mins}:{secs:02d}"


def _hours_minutes(seconds: float, plus: bool) -> str:
    whole_minutes = round(abs(seconds) / 60)
    hours, mins = divmod(whole_minutes, 60)
    return f"{_sign(seconds < 0 and whole_minutes > 0, plus)}{hours}:{mins:02d}"


def format_duration(seconds: float | None) -> str:
    """A length of time or a sum of them, h:mm to the nearest minute: "0:30", "2:05"."""
    if seconds is None or not math.isfinite(seconds):
        return NO_VALUE
    return _hours_minutes(seconds, plus=False)


def format_difference(seconds: float | None) -> str:
    """Actual minus planned, h:mm with its sign: "+0:03", "−0:02"; "on time" within a minute."""
    if seconds is None or not math.isfinite(seconds):
        return NO_VALUE
    if round(abs(seconds) / 60) == 0:
        return "on time"
    return _hours_minutes(seconds, plus=True)


def questions_per_statement(questions: int, statements: int) -> str:
    """Q : S as a coach reads it, the same on screen and on paper: one decimal with halves
    rounded up (9 per 4 is 2.3; a float's round-half-even printed 2.2), "all Q" for questions
    without a statement, "–" for neither."""
    if statements == 0:
        return "all Q" if questions else "–"
    from decimal import ROUND_HALF_UP, Decimal  # here: not on the start-up's path

    value = Decimal(questions) / Decimal(statements)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
