"""Quick checks for the many small items inside meetings, mirroring archive-v1.schema.json.

jsonschema takes about 5 ms per meeting of a real archive, half a minute for a coach's years. These
checks accept only items the schema surely accepts (exact types, no unknown keys); anything else,
including items that are merely unusual, is handed to jsonschema, which gives the verdict and the
message. So a quick check can make validation faster but never more lenient.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from alcoach.data.models import (
    ACTION_STATUSES,
    CATEGORIES,
    LEARNING_LEVELS,
    POLL_VOTES,
    STATEMENT_KINDS,
    TALLY_KINDS,
)

Check = Callable[[object], bool]

_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def is_datetime(value: object) -> bool:
    """RFC 3339 date-time with an offset (jsonschema has no checker without extra packages)."""
    if not isinstance(value, str):
        return True
    if not _RFC3339.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value.upper().replace(" ", "T"))
    except ValueError:
        return False
    return True


def _text(value: object) -> bool:
    return type(value) is str


def _id(value: object) -> bool:
    return type(value) is str and 0 < len(value) <= 200


def _opt_id(value: object) -> bool:
    return value is None or _id(value)


def _time(value: object) -> bool:
    return type(value) is str and is_datetime(value)


def _opt_time(value: object) -> bool:
    return value is None or _time(value)


def _opt_date(value: object) -> bool:
    if value is None:
        return True
    if type(value) is not str or not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _one_of(values: tuple[str, ...]) -> Check:
    return lambda value: type(value) is str and value in values


def _int_at_least(minimum: int) -> Check:
    return lambda value: type(value) is int and value >= minimum


def _number_at_least(minimum: float) -> Check:
    return lambda value: type(value) in (int, float) and math.isfinite(value) and value >= minimum


def _score(value: object) -> bool:
    return type(value) is int and 1 <= value <= 10


def _object(required: tuple[str, ...], **checks: Check) -> Check:
    def check(item: object) -> bool:
        if type(item) is not dict or any(key not in item for key in required):
            return False
        for key, value in item.items():
            test = checks.get(key)
            if test is None or not test(value):
                return False
        return True

    return check


def _list_of(check: Check) -> Check:
    return lambda value: type(value) is list and all(check(v) for v in value)


QUICK: dict[str, Check] = {
    "phases": _object(
        ("name", "planned_minutes"), name=_text, planned_minutes=_number_at_least(0),
        started_at=_opt_time, ended_at=_opt_time,
    ),
    "problem_statements": _object(
        ("kind", "text"), kind=_one_of(STATEMENT_KINDS), member=_opt_id, text=_text,
        created_at=_time, round=_int_at_least(1),
    ),
    "problem_polls": _object(
        ("round", "member", "vote"), round=_int_at_least(1), member=_id, vote=_one_of(POLL_VOTES),
    ),
    "interventions": _object(
        ("at", "text"), at=_time, offset_seconds=_number_at_least(0),
        phase=lambda v: v is None or _int_at_least(0)(v), category=_one_of(CATEGORIES),
        text=_text, question=_opt_id, members=_list_of(_id), response=_text,
        ratings=_list_of(_object(("member", "score"), member=_id, score=_score)),
    ),
    "tallies": _object(
        ("member", "kind"), member=_id, kind=_one_of(TALLY_KINDS), at=_time, note=_text,
    ),
    "feedback": _object(
        ("member",), member=_id, skill=_text, strengths=_text, suggestions=_text,
        self_assessment=_text, coach_notes=_text,
    ),
    "actions": _object(
        ("id", "text", "status"), id=_id, owner=_opt_id, text=_text, due=_opt_date,
        status=_one_of(ACTION_STATUSES), report_back=_text, reported_in=_opt_id,
    ),
    "learnings": _object(
        ("level", "text"), level=_one_of(LEARNING_LEVELS), member=_opt_id, text=_text,
        application=_text,
    ),
}
