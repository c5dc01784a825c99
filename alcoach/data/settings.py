"""Small key/value settings kept in the database (coach profile, last meeting, UI choices)."""

from __future__ import annotations

import json
from typing import Any

from alcoach.data import models as m
from alcoach.errors import ValidationError

LOCK_ON_WAKE_KEY = "security.lock_on_wake"  # lock the window after a sleep (an encrypted folder)


def get_setting(key: str, default: Any = None) -> Any:
    # read by most panels as they open: a plain statement, about a tenth of a model query
    row = m.database_proxy.execute_sql("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return default


def set_setting(key: str, value: Any) -> None:
    payload = json.dumps(value, ensure_ascii=False)
    m.Setting.insert(key=key, value=payload).on_conflict_replace().execute()


def delete_setting(key: str) -> None:
    m.Setting.delete().where(m.Setting.key == key).execute()


def coach_profile() -> dict[str, str]:
    return {
        "name": get_setting("coach.name", ""),
        "credentials": get_setting("coach.credentials", ""),
    }


def set_coach_profile(name: str, credentials: str = "") -> None:
    with m.database_proxy.atomic():
        set_setting("coach.name", name)
        set_setting("coach.credentials", credentials)


def document_date_style() -> str:
    """How the printed documents write dates (Preferences); the default if none or unknown."""
    from alcoach.formatting import DATE_STYLE_SETTING, date_style_or_default  # not at start-up

    return date_style_or_default(get_setting(DATE_STYLE_SETTING))


def set_document_date_style(style: str) -> None:
    from alcoach.formatting import DATE_STYLE_SETTING, DATE_STYLES

    if style not in DATE_STYLES:
        raise ValidationError(f"{style!r} is not one of the date styles.")
    set_setting(DATE_STYLE_SETTING, style)
