"""Members' consents: each grant or withdrawal is a record of its own (what was agreed, when,
how it was obtained, the wording's version), never a flag on the member, so a stale edit of a
member merged from another laptop cannot bring back a withdrawn consent. Of a member's records for
one purpose the latest (by when it was given, then by its stamp) decides; no record means not
consented: private by default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise
from alcoach.errors import ValidationError
from alcoach.vocabulary import CONSENT_PURPOSES


class ConsentRecord(NamedTuple):
    id: int
    member_id: int
    purpose: str
    granted: bool
    at: dt.datetime
    how: str
    wording: str


def record_consent(
    member_id: int, purpose: str, granted: bool, *, how: str = "", wording: str = "",
    at: dt.datetime | None = None,
) -> ConsentRecord:  # fmt: skip
    """Keep one grant (or withdrawal, `granted=False`) of a member's consent to `purpose`."""
    get_or_raise(m.Member, member_id, "member")
    if m.Erasure.get_or_none(m.Erasure.member == member_id) is not None:
        raise ValidationError("This member was erased: no consent is kept for them.")
    if purpose not in CONSENT_PURPOSES:
        raise ValidationError(f"A consent is to one of: {', '.join(CONSENT_PURPOSES)}.")
    when = at or m.utc_now()
    if when.tzinfo is None:
        raise ValidationError("A consent's time needs its offset.")
    row = m.Consent.create(
        member=member_id, purpose=purpose, granted=bool(granted), at=when, how=how.strip(),
        wording=wording.strip(),
    )  # fmt: skip
    return _record(row)


def _record(row: m.Consent) -> ConsentRecord:
    return ConsentRecord(row.id, row.member_id, row.purpose, bool(row.granted), row.at, row.how,
                         row.wording)  # fmt: skip


def consent_history(member_id: int) -> list[ConsentRecord]:
    """Every grant and withdrawal of the member's, latest first."""
    c = m.Consent
    rows = c.select().where(c.member == member_id).order_by(c.at.desc(), c.hlc.desc())
    return [_record(row) for row in rows]


def consented(purpose: str, member_ids: Iterable[int] | None = None) -> set[int]:
    """The members whose latest record for `purpose` grants it (of `member_ids`, or of all)."""
    c = m.Consent
    query = c.select(c.member, c.granted, c.at, c.hlc).where(c.purpose == purpose)
    if member_ids is not None:
        wanted = list(member_ids)
        if not wanted:
            return set()
        query = query.where(c.member.in_(wanted))
    latest: dict[int, tuple[str, str, bool]] = {}
    sql, params = query.sql()
    for member, granted, at, hlc in m.database_proxy.execute_sql(sql, params):
        key = (str(at), hlc)
        if member not in latest or key > latest[member][:2]:
            latest[member] = (*key, bool(granted))
    return {member for member, (_, _, granted) in latest.items() if granted}


def consented_names(purpose: str, members: dict[int, str]) -> tuple[str, ...]:
    """The names (of `members`, id -> name, in their order) whose owners consent to `purpose`."""
    agreed = consented(purpose, members)
    return tuple(name for member_id, name in members.items() if member_id in agreed)


def consents_of(member_id: int) -> dict[str, bool]:
    """Each purpose, and whether the member has consented to it now."""
    return {p: member_id in consented(p, [member_id]) for p in CONSENT_PURPOSES}
