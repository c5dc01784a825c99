"""Quick checks for the many small items inside meetings, mirroring the archive schemas.

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
    """RFC 3339 date-time with an offset (jsonschema has no checker without extra packages),
    that stays within years 1 to 9999 once converted to UTC (as it is stored)."""
    if not isinstance(value, str):
        return True
    if not _RFC3339.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value.upper().replace(" ", "T")).astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return False
    return True


MAX_TEXT = 1_000_000  # characters in one text field (archive-v2.schema.json says the same)
MAX_MINUTES = 1_000_000
MAX_OFFSET_SECONDS = 1_000_000_000
MAX_ROUND = 1_000_000


def _text(value: object) -> bool:
    return type(value) is str and len(value) <= MAX_TEXT


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


def _int_at_least(minimum: int, maximum: int = MAX_ROUND) -> Check:
    return lambda value: type(value) is int and minimum <= value <= maximum


def _number_at_least(minimum: float, maximum: float) -> Check:
    return lambda value: (
        (type(value) is int or (type(value) is float and math.isfinite(value)))
        and minimum <= value <= maximum
    )


def _score(value: object) -> bool:
    return type(value) is int and 1 <= value <= 10


_Spec = tuple[tuple[str, ...], dict[str, Check]]


def _object(required: tuple[str, ...], **checks: Check) -> Check:
    def check(item: object) -> bool:
        if type(item) is not dict or any(key not in item for key in required):
            return False
        for key, value in item.items():
            test = checks.get(key)
            if test is None or not test(value):
                return False
        return True

    check.spec = (required, checks)  # type: ignore[attr-defined]
    return check


def _list_of(check: Check) -> Check:
    def each(value: object) -> bool:
        return type(value) is list and all(check(v) for v in value)

    each.item = check  # type: ignore[attr-defined]
    return each


def _v1_checks() -> dict[str, Check]:
    return {
        "phases": _object(
            ("name", "planned_minutes"), name=_text,
            planned_minutes=_number_at_least(0, MAX_MINUTES), started_at=_opt_time,
            ended_at=_opt_time,
        ),
        "problem_statements": _object(
            ("kind", "text"), kind=_one_of(STATEMENT_KINDS), member=_opt_id, text=_text,
            created_at=_time, round=_int_at_least(1),
        ),
        "problem_polls": _object(
            ("round", "member", "vote"), round=_int_at_least(1), member=_id,
            vote=_one_of(POLL_VOTES),
        ),
        "interventions": _object(
            ("at", "text"), at=_time, offset_seconds=_number_at_least(0, MAX_OFFSET_SECONDS),
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
    }  # fmt: skip


def _stamped(check: _Spec) -> _Spec:
    required, checks = check
    return ("uid", "updated_at", *required), {**checks, "uid": _id, "updated_at": _time}


def _v2_checks() -> dict[str, Check]:
    specs = {kind: check.spec for kind, check in _v1_checks().items()}  # type: ignore[attr-defined]
    out = {}
    for kind, spec in specs.items():
        required, checks = _stamped(spec)
        if kind == "interventions":
            rating = _from_spec(_stamped((("member", "score"), {"member": _id, "score": _score})))
            checks = {**checks, "ratings": _list_of(rating)}
        out[kind] = _object(required, **checks)
    out["pauses"] = _from_spec(_stamped((("start",), {"start": _time, "end": _opt_time})))
    out["attendance"] = _from_spec(
        _stamped((("member",), {"member": _id, "attended": _bool, "presenter": _bool}))
    )
    return out


def _from_spec(spec: _Spec) -> Check:
    return _object(spec[0], **spec[1])


def _bool(value: object) -> bool:
    return type(value) is bool


_HLC = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z-[0-9a-f]{4}-[0-9a-z]{1,64}", re.ASCII
)


def is_stamp(value: object) -> bool:
    return type(value) is str and len(value) <= 120 and _HLC.fullmatch(value) is not None


def _opt_stamp(value: object) -> bool:
    return value is None or is_stamp(value)


def _v3_spec(spec: _Spec) -> _Spec:
    required, checks = spec
    return (*required, "hlc"), {**checks, "hlc": is_stamp, "base": _opt_stamp}


def _v3_checks() -> dict[str, Check]:
    out = {}
    for kind, check in _v2_checks().items():
        required, checks = _v3_spec(check.spec)  # type: ignore[attr-defined]
        if kind == "interventions":
            rating = _from_spec(_v3_spec(checks["ratings"].item.spec))  # type: ignore[attr-defined]
            rating.spec[1]["score"] = lambda v: v is None or _score(v)  # type: ignore[attr-defined]
            checks = {**checks, "ratings": _list_of(rating)}
        if kind == "problem_polls":
            checks = {**checks, "vote": lambda v: v is None or _one_of(POLL_VOTES)(v)}
        out[kind] = _object(required, **checks)
    return out


QUICK: dict[int, dict[str, Check]] = {1: _v1_checks(), 2: _v2_checks(), 3: _v3_checks()}
QUICK[4] = QUICK[3]  # version 4 adds fields to meetings themselves, not to their items


def _question_spec() -> _Spec:
    return ("id", "text", "category"), {
        "id": _id, "text": lambda v: _text(v) and v != "", "category": _one_of(CATEGORIES),
        "tags": _list_of(_text), "favourite": _bool, "builtin": _bool, "archived": _bool,
        "uses": _int_at_least(0, 1_000_000_000),
    }  # fmt: skip


_V2_QUESTION = _stamped(_question_spec())
_V2_QUESTION[1]["builtin_key"] = lambda v: v is None or (type(v) is str and len(v) <= 200)
# The many records of a list section (a coach's own bank holds thousands of questions).
QUICK_RECORDS: dict[int, dict[str, Check]] = {
    1: {"questions": _from_spec(_question_spec())},
    2: {"questions": _from_spec(_V2_QUESTION)},
    3: {"questions": _from_spec(_v3_spec(_V2_QUESTION))},
}
QUICK_RECORDS[4] = QUICK_RECORDS[3]
