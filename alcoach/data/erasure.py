"""Erasing a member at their request (README, "Your practice records").

The member is pseudonymised in place ("Former member 3"): the set's counts, ratings, attendance
and meetings keep their history, since deleting the member would cascade to them. Their
feedback, the coach's private notes about them, their tally notes and their consents go; their
name inside any note is replaced by the pseudonym, found by alcoach.data.name_match (any
script, affixes); words that only look like the name are listed for the coach to decide.

The erasure is a record of its own (`erasure`): it fixes the pseudonym every copy shows and
travels in archives, where it wins like a deletion (alcoach.data.archive applies it again after
any import that brought the name back). It keeps an HMAC-SHA256 of the folded name under a key
of its own, random and kept beside it, so a version-1 archive, which matches members by name,
cannot bring the person back. After the transaction the search index is optimised and the file
vacuumed and checkpointed, so no free page, index segment or `-wal` frame keeps the name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise
from alcoach.data.name_match import Match, NameMatcher
from alcoach.data.search_fold import fold
from alcoach.errors import ValidationError

PSEUDONYM = "Former member {n}"
Progress = Callable[[str, int, int], None]
# The note index's sources (alcoach.data.migrations.V4_NOTES): code -> (table, text fields)
_INDEXED = {
    1: ("intervention", ("text", "response")),
    2: ("problem_statement", ("text",)),
    3: ("feedback", ("skill", "strengths", "suggestions", "self_assessment", "coach_notes")),
    4: ("action", ("text", "report_back")),
    5: ("learning", ("text", "application")),
    6: ("meeting", ("title", "location", "coach_notes")),
}
# Texts outside the note index: read whole (few rows)
_OTHERS = (
    ("tally", ("note",)),
    ("hours_entry", ("description",)),
    ("learning_set", ("ground_rules", "brief_context", "brief_matters", "brief_tried",
                      "brief_expected", "brief_success", "brief_sponsor")),
    ("programme", ("sponsor", "notes")),
    ("member", ("role", "organisation", "leadership_skill")),
    ("question", ("text",)),
)  # fmt: skip


@dataclass(frozen=True)
class Review:
    """A word that looks like the name: how often it stands, and one place it stands in."""

    word: str
    count: int
    example: str


@dataclass(frozen=True)
class ErasurePlan:
    member_id: int
    name: str
    set_name: str
    pseudonym: str
    feedback: int  # feedback records about them (removed)
    consents: int  # consent records (removed)
    tally_notes: int  # notes on their tallies (cleared; the tallies stay)
    notes: int  # texts that name them (the name replaced)
    review: tuple[Review, ...]


def name_hash(salt: str, name: str) -> str:
    return hmac.new(bytes.fromhex(salt), fold(name).strip().encode(), hashlib.sha256).hexdigest()


def is_erased_name(set_id: int, name: str) -> bool:
    """Whether a member of this name was erased from the set (a version-1 archive's member)."""
    e = m.Erasure
    query = e.select(e.name_salt, e.name_hash).where(e.learning_set == set_id).tuples()
    return any(hmac.compare_digest(name_hash(salt, name), digest) for salt, digest in query)


def _next_pseudonym(set_id: int) -> str:
    taken = {p for (p,) in m.Erasure.select(m.Erasure.pseudonym)
             .where(m.Erasure.learning_set == set_id).tuples()}  # fmt: skip
    n = 1
    while PSEUDONYM.format(n=n) in taken:
        n += 1
    return PSEUDONYM.format(n=n)


_CHUNK = 500


def _rows(table: str, fields: tuple[str, ...], where: str, params: list) -> list[tuple]:
    columns = ", ".join(f'"{f}"' for f in fields)
    sql = f'SELECT id, {columns} FROM "{table}" WHERE {where}'
    return m.database_proxy.execute_sql(sql, params).fetchall()


def _candidates(matcher: NameMatcher, member_id: int) -> list[tuple[str, int, dict[str, str]]]:
    """(table, row id, its texts) of every text that may hold the name, read in bulk: the
    notes the search index finds holding a stem of it, and the few other texts (those that
    hold a stem). The member's own row and feedback are left out: they go whole."""
    found: list[tuple[str, int, dict[str, str]]] = []
    stems = matcher.folded_stems
    if stems:
        where = " OR ".join("instr(folded, ?) > 0" for _ in stems)
        ids: dict[int, list[int]] = {}
        for (note_id,) in m.database_proxy.execute_sql(
            f"SELECT id FROM note_text WHERE {where}", stems
        ).fetchall():
            ids.setdefault(note_id % 8, []).append(note_id // 8)
        for code, row_ids in ids.items():
            table, fields = _INDEXED[code]
            for start in range(0, len(row_ids), _CHUNK):
                chunk = row_ids[start : start + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                found += [(table, row[0], dict(zip(fields, row[1:], strict=True)))
                          for row in _rows(table, fields, f"id IN ({marks})", chunk)]  # fmt: skip
    for table, fields in (*_OTHERS, ("conflict", ("kept", "lost"))):
        where = " OR ".join(f"\"{f}\" != ''" for f in fields)
        for row in _rows(table, fields, where, []):
            texts = dict(zip(fields, row[1:], strict=True))
            if matcher.could_hold(fold(" ".join(v or "" for v in texts.values()))):
                found.append((table, row[0], texts))
    own_feedback = _feedback_of(member_id)
    return [
        (table, row_id, texts) for table, row_id, texts in found
        if not (table == "feedback" and row_id in own_feedback)
        and not (table == "member" and row_id == member_id)
    ]  # fmt: skip


def _scrub_value(value: str, table: str, matcher: NameMatcher, label: str,
                 also: frozenset[str]) -> str:  # fmt: skip
    if table == "conflict":  # JSON of a record's texts
        texts = json.loads(value)
        return json.dumps({k: matcher.replace(v or "", label, also) for k, v in texts.items()},
                          ensure_ascii=False)  # fmt: skip
    return matcher.replace(value, label, also)


def _matches(value: str, table: str, matcher: NameMatcher) -> list[Match]:
    if table == "conflict":
        return [x for v in json.loads(value).values() for x in matcher.find(v or "")]
    return matcher.find(value)


def _feedback_of(member_id: int) -> set[int]:
    return {r.id for r in m.Feedback.select(m.Feedback.id).where(m.Feedback.member == member_id)}


def plan_erasure(member_id: int) -> ErasurePlan:
    """What erasing the member would do, for the coach to confirm first."""
    member = get_or_raise(m.Member, member_id, "member")
    if m.Erasure.get_or_none(m.Erasure.member == member_id) is not None:
        raise ValidationError(f"{member.name} was erased already.")
    matcher = NameMatcher(member.name)
    notes, review, examples = 0, {}, {}
    for table, _row_id, texts in _candidates(matcher, member_id):
        named = False
        for value in texts.values():
            for match in _matches(value or "", table, matcher):
                if match.sure:
                    named = True
                else:
                    review[match.text] = review.get(match.text, 0) + 1
                    examples.setdefault(match.text, _snippet(value, match))
        notes += named
    tallies = m.Tally.select().where(m.Tally.member == member_id, m.Tally.note != "").count()
    consents = m.Consent.select().where(m.Consent.member == member_id).count()
    return ErasurePlan(
        member_id, member.name, member.learning_set.name, _next_pseudonym(member.learning_set_id),
        len(_feedback_of(member_id)), consents, tallies, notes,
        tuple(Review(w, n, examples[w]) for w, n in sorted(review.items(), key=lambda x: -x[1])),
    )  # fmt: skip


def _snippet(value: str, match: Match, around: int = 30) -> str:
    if value.startswith("{"):
        return match.text
    start, end = max(0, match.start - around), min(len(value), match.end + around)
    return ("…" if start else "") + value[start:end].replace("\n", " ") + (
        "…" if end < len(value) else "")  # fmt: skip


def erase_member(
    member_id: int, *, also: Iterable[str] = (), progress: Progress | None = None,
    pseudonym: str | None = None,
) -> str:  # fmt: skip
    """Erase the member in one transaction (then purge_traces); returns the pseudonym.
    `also`: words of the review list the coach chose to replace too."""
    with m.database_proxy.atomic():
        member = get_or_raise(m.Member, member_id, "member")
        if m.Erasure.get_or_none(m.Erasure.member == member_id) is not None:
            raise ValidationError(f"{member.name} was erased already.")
        return _erase(member, [member.name], frozenset(also), progress, pseudonym, record=True)


def _scrub_all(matcher: NameMatcher, member_id: int, label: str, also: frozenset[str],
               progress: Progress | None) -> None:  # fmt: skip
    found = _candidates(matcher, member_id)
    total = len(found)
    for done, (table, row_id, texts) in enumerate(found):
        if progress is not None and done % 200 == 0:
            progress("Taking the name out of the notes", done, total)
        changed = {
            f: new for f, v in texts.items()
            if v and (new := _scrub_value(v, table, matcher, label, also)) != v
        }  # fmt: skip
        if changed:
            model = m.model_of(m.BY_TABLE[table].name)
            model.update(**changed).where(model.id == row_id).execute()
    if progress is not None:
        progress("Taking the name out of the notes", total, total)


def _erase(member: m.Member, names: Iterable[str], also: frozenset[str],
           progress: Progress | None, pseudonym: str | None, *, record: bool) -> str:  # fmt: skip
    member_id, set_id, name = member.id, member.learning_set_id, member.name
    label = pseudonym or _next_pseudonym(set_id)
    for known in dict.fromkeys(names):
        if known and known != label:
            _scrub_all(NameMatcher(known), member_id, label, also, progress)
    c = m.Conflict  # versions of the member's own record that lost a merge: their name is in them
    c.delete().where(c.record_kind == "member", c.record_uid == member.uid).execute()
    m.Feedback.delete().where(m.Feedback.member == member_id).execute()
    m.Consent.delete().where(m.Consent.member == member_id).execute()
    m.Tally.update(note="").where(m.Tally.member == member_id, m.Tally.note != "").execute()
    if (member.name, member.role, member.organisation, member.leadership_skill) != (
        label,
        "",
        "",
        "",
    ) or member.active:
        member.name, member.role, member.organisation, member.leadership_skill = label, "", "", ""
        member.active = False
        member.save()
    if record:
        salt = os.urandom(16).hex()
        m.Erasure.create(learning_set=set_id, member=member_id, pseudonym=label, name_salt=salt,
                         name_hash=name_hash(salt, name), erased_at=m.utc_now())  # fmt: skip
    return label


def apply_erasures(names_seen: dict[str, set[str]] | None = None) -> int:
    """Erase again, here, members an import brought back (their name, a feedback, a consent, a
    tally note, a note naming them), with the pseudonym their erasure fixed; how many were.
    `names_seen`: the names the import gave each member (by uid): notes it brought may hold
    them, though the member here kept the pseudonym."""
    names_seen = names_seen or {}
    again = 0
    for erasure in m.Erasure.select().where(m.Erasure.member.is_null(False)):
        member, label = erasure.member, erasure.pseudonym
        names = {n for n in (member.name, *names_seen.get(member.uid, ())) if n != label}
        left = bool(names) or (member.role, member.organisation, member.leadership_skill,
                               bool(member.active)) != ("", "", "", False)  # fmt: skip
        left = left or m.Feedback.select().where(m.Feedback.member == member.id).exists()
        left = left or m.Consent.select().where(m.Consent.member == member.id).exists()
        left = left or m.Tally.select().where(m.Tally.member == member.id,
                                              m.Tally.note != "").exists()  # fmt: skip
        if left:
            _erase(member, sorted(names), frozenset(), None, label, record=False)
            again += 1
    return again


def purge_traces() -> None:
    """After an erasure: no index segment, free page or `-wal` frame keeps the old texts."""
    db = m.database_proxy
    for table in ("note_trigram", "note_grams"):
        db.execute_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    db.execute_sql("VACUUM")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def scrub_log_files(data_dir: Path, name: str, label: str) -> int:
    """The log never quotes what a coach typed (alcoach.logfile); if a name got in all the same,
    it goes from every log file too. How many files changed."""
    from alcoach.fileio import write_atomically
    from alcoach.logfile import BACKUP_COUNT, LOG_FILE_NAME

    matcher = NameMatcher(name)
    changed = 0
    for path in [data_dir / LOG_FILE_NAME] + [
        data_dir / f"{LOG_FILE_NAME}.{n}" for n in range(1, BACKUP_COUNT + 1)
    ]:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        scrubbed = matcher.replace(text, label) if matcher.could_hold(fold(text)) else text
        if scrubbed != text:
            write_atomically(path, scrubbed.encode("utf-8"), what="log")
            changed += 1
    return changed


def backups_before(db_path: Path) -> list[Path]:
    """The backups made before now: they still hold an erased member's name."""
    from alcoach.data.backup import backup_dir_for, list_backups

    return list_backups(backup_dir_for(db_path))


def remove_backups(paths: Iterable[Path]) -> int:
    """Remove backups the coach chose to remove (an erased name in them); how many went."""
    removed = 0
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
    return removed
