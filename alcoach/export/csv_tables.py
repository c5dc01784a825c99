"""Tables as CSV files a spreadsheet opens right: UTF-8 with a byte order mark, one header row,
ISO dates, times in ISO 8601 with their offset (the computer's local time), a chosen delimiter
(a comma, or a semicolon for locales that write decimals with a comma), and no formulas.

A text cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a
tab or a carriage return) is written with a leading `'`, so it shows as the text it is (OWASP's
advice on CSV injection); numbers stay numbers. Flags are written "yes" or "no".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from alcoach.export.anonymise import LABEL_SPACE, Anonymiser

BOM = "\ufeff"
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def cell(value: Any) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime):
        local = value.astimezone() if value.tzinfo is not None else value
        return local.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(str(value))


def csv_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ","
) -> bytes:
    """The whole file: BOM, header, rows; lines end in CRLF as RFC 4180 says."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def anonymised_rows(
    rows: Iterable[Sequence[Any]], roster: tuple[str, ...], member_columns: Sequence[int],
    text_columns: Sequence[int], keep: tuple[str, ...] = (),
) -> list[tuple[Any, ...]]:  # fmt: skip
    """Members as "Member A", "Member B" (in roster order) in their columns and inside texts;
    `keep`: the names left as they are (members who agreed to be named)."""
    names = Anonymiser(roster, keep=keep)
    out = []
    for row in rows:
        values = list(row)
        for i in (*member_columns, *text_columns):
            if isinstance(values[i], str) and values[i]:
                values[i] = names.text(values[i]).replace(LABEL_SPACE, " ")
        out.append(tuple(values))
    return out
