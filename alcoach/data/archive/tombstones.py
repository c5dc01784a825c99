"""An archive's tombstones, merged before any record (README, "How a merge decides").

Of a tombstone here and one in the archive, the later stamp wins (a deletion, or the put-back
that lifted it); on equal stamps the deletion wins. A tombstone must name a record of its own
kind. Deletions are counted before they are kept: one that would delete a set, a programme, or
more than a tenth of a kind (at least 100 records) needs the coach's word first.
"""

from __future__ import annotations

from typing import Any

from alcoach.data import models as m
from alcoach.data.archive.converge import Converge
from alcoach.data.hlc import MIGRATED_COPY, stamp_of_time
from alcoach.data.record_spec import BY_NAME, KINDS
from alcoach.errors import ArchiveError

MASS_SHARE = 0.10
MASS_LEAST = 100
_WORDS = {
    "programme": ("programme", "programmes"), "set": ("set", "sets"),
    "member": ("member", "members"), "question": ("question", "questions"),
    "agenda_template": ("agenda template", "agenda templates"),
    "meeting": ("meeting", "meetings"), "intervention": ("note", "notes"),
    "action": ("action", "actions"), "learning": ("learning", "learnings"),
    "feedback": ("feedback", "feedback"), "tally": ("tally", "tallies"),
    "problem_statement": ("problem statement", "problem statements"),
    "hours_entry": ("hours entry", "hours entries"), "target": ("target", "targets"),
    "consent": ("consent record", "consent records"),
}  # fmt: skip


class MassDeletion(ArchiveError):
    """The archive would delete a set, a programme or a large share of a kind: the coach decides
    (the window asks; the command line needs --allow-mass-delete). Nothing was written."""


def words(kind: str, count: int) -> str:
    one, many = _WORDS.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
    return f"{count:,} {one if count == 1 else many}"


def _table_counts() -> dict[str, int]:
    return {
        kind.name: m.database_proxy.execute_sql(f'SELECT count(*) FROM "{kind.table}"').fetchone()[
            0
        ]
        for kind in KINDS
    }


def _kind_here(uid: str) -> str | None:
    for kind in KINDS:
        row = m.database_proxy.execute_sql(
            f'SELECT 1 FROM "{kind.table}" WHERE uid = ?', (uid,)
        ).fetchone()
        if row is not None:
            return kind.name
    return None


def merge_tombstones(
    converge: Converge, tombstones: list[dict[str, Any]], *, allow_mass_delete: bool
) -> str:
    """Merge the archive's tombstones; every uid deleted here afterwards goes into
    `converge.blocked`. Returns what was deleted ("" when nothing), e.g. "1 set with 3
    meetings and 51 notes deleted"."""
    here = {
        uid: (kind, hlc, bool(lifted))
        for uid, kind, hlc, lifted in m.database_proxy.execute_sql(
            "SELECT uid, kind, hlc, lifted FROM tombstone"
        )
    }
    converge.blocked.update(uid for uid, (_, _, lifted) in here.items() if not lifted)
    order = {kind.name: i for i, kind in enumerate(KINDS)}
    to_delete: list[tuple[str, str]] = []
    for t in sorted(tombstones, key=lambda t: -order.get(t["kind"], 0)):  # children first
        uid, kind = t["uid"], t["kind"]
        hlc = t.get("hlc") or stamp_of_time(_time(t["deleted_at"]), MIGRATED_COPY)
        lifted = bool(t.get("lifted", False))
        if hlc > converge.latest:
            converge.latest = hlc
        local = here.get(uid)
        if local is not None and local[1] == hlc and local[0] == kind:  # the same, already here
            if not local[2]:
                converge.blocked.add(uid)
            continue
        if local is not None and local[0] != kind:
            raise ArchiveError(
                f'The archive\'s tombstone "{uid}" names a {kind}, but here it was a {local[0]}; '
                "nothing was imported."
            )
        record_kind = _kind_here(uid)
        if record_kind is not None and record_kind != kind:
            raise ArchiveError(
                f'The archive\'s tombstone "{uid}" names a {kind}, but here it is a '
                f"{record_kind}; nothing was imported."
            )
        if local is None or (hlc, not lifted) > (local[1] or "", not local[2]):
            m.Tombstone.insert(
                uid=uid, kind=kind, deleted_at=_time(t["deleted_at"]), hlc=hlc, lifted=lifted
            ).on_conflict_replace().execute()
            here[uid] = (kind, hlc, lifted)
        if here[uid][2]:
            converge.blocked.discard(uid)  # put back: the record comes with the archive
        else:
            converge.blocked.add(uid)
            if record_kind is not None:
                to_delete.append((kind, uid))
    if not to_delete:
        return ""
    return _delete(converge, to_delete, allow_mass_delete)


def _delete(converge: Converge, to_delete: list[tuple[str, str]], allow_mass_delete: bool) -> str:
    """Delete what the tombstones name, with what belongs to it; refuse a mass deletion (by
    raising, so the caller's transaction puts everything back) unless allowed."""
    before = _table_counts()
    named: dict[str, int] = {}
    order = {kind.name: i for i, kind in enumerate(KINDS)}
    # parents first: what went with its parent is counted with it, not named
    for kind, uid in sorted(to_delete, key=lambda pair: order[pair[0]]):
        table = BY_NAME[kind].table
        gone = m.database_proxy.execute_sql(f'DELETE FROM "{table}" WHERE uid = ?', (uid,))
        if gone.rowcount:
            named[kind] = named.get(kind, 0) + 1
            converge.changes.deleted.add((kind, uid))
    after = _table_counts()
    deleted = {kind: before[kind] - after[kind] for kind in before if before[kind] > after[kind]}
    converge.changes.deleted_kinds.update(deleted)
    said = _sentence(named, deleted)
    if not allow_mass_delete:
        big = [
            kind
            for kind, count in deleted.items()
            if count >= MASS_LEAST and count > MASS_SHARE * before[kind]
        ]
        if "set" in deleted or "programme" in deleted or big:
            raise MassDeletion(
                f"The archive would delete a lot here ({said}); nothing was imported. Import it "
                "again and confirm, if that is what you want."
            )
    return said


def _sentence(named: dict[str, int], deleted: dict[str, int]) -> str:
    """ "1 set with 3 meetings and 51 notes deleted": what the tombstones named, with the
    meetings and notes that went with it."""
    heads = [words(kind, count) for kind, count in named.items()]
    children = []
    for kind in ("meeting", "intervention"):
        extra = deleted.get(kind, 0) - named.get(kind, 0)
        if extra > 0:
            children.append(words(kind, extra))
    text = ", ".join(heads) if heads else words("record", sum(deleted.values()))
    if children:
        text += " with " + " and ".join(children)
    return text + " deleted"


def _time(value: str) -> Any:
    from alcoach.data.archive.writer import parse_time

    return parse_time(value)
