"""Merging an archive into the database, inside the caller's transaction: each section's records
are turned into records of the kinds in alcoach.data.record_spec (links by uid) and merged one by
one by alcoach.data.archive.converge, after the archive's tombstones (tombstones.py).

How a merge decides (README, "How a merge decides"):
- A record of a version-2 or 3 archive is the database's record with the same uid; built-in
  content and records that exist once per member take uids derived from what they belong to,
  whatever uid an older archive gave them. A version-1 record has no uid and no stamp, so it is
  matched by content: a programme or set by its name, a member by name in its set, a question by
  its text and category, an agenda template by its name and phases, and a meeting as a whole by
  its set's name, its date and its start (or, when it never started, its title); what is found
  that way is left as it is here.
- Of two versions the one changed last wins, by the hybrid logical clock's stamp (`hlc`); a
  version-2 record's stamp is made from its `updated_at`, a version-1 record's from the archive's
  export time. Equal stamps with different contents: the larger content wins, on every copy.
- A deletion wins over any edit; the later of a deletion and a put-back wins.
- A text changed on both sides since they last agreed: the losing version is kept as a conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from alcoach.data import models as m
from alcoach.data.archive import practice_sections
from alcoach.data.archive.converge import Converge
from alcoach.data.archive.tombstones import merge_tombstones, words
from alcoach.data.archive.v1_match import V1Match
from alcoach.data.archive.writer import parse_time
from alcoach.data.brief import BRIEF_FIELDS
from alcoach.data.hlc import (
    MIGRATED_COPY,
    clamp_limit,
    clock_of,
    is_too_far_ahead,
    remember_clock,
    stamp_of_time,
)
from alcoach.data.op_changes import OpChanges
from alcoach.data.record_spec import builtin_uid, one_per_uid
from alcoach.data.settings import coach_profile, set_setting
from alcoach.errors import ArchiveError

_CHANGED = ("added", "updated")
_STAMP_TIME = 26  # "2026-12-07T17:07:14.123456" at the start of a stamp, then "Z"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


class ArchiveMerge:
    """Fed an archive's checked records in section order; call inside one transaction."""

    def __init__(
        self, version: int, fields: dict[str, Any], *, allow_mass_delete: bool = False
    ) -> None:
        self.version = version
        self.allow_mass_delete = allow_mass_delete
        self.counts: Counter[str] = Counter()
        self.c = Converge(self.counts)
        self.v1 = V1Match() if version < 2 else None
        self.tombstones: list[dict[str, Any]] = []
        self.deleted = ""
        self._tombstones_done = False
        self.programmes: dict[str, str | None] = {}
        self.sets: dict[str, str | None] = {}
        self.members: dict[str, str | None] = {}
        self.questions: dict[str, str | None] = {}
        self.meetings: dict[str, str | None] = {}
        self.meeting_status: dict[str, str] = {}
        self.later_actions: list[tuple[str, dict[str, Any]]] = []
        from alcoach.data.retention import horizon

        self.horizon = horizon()
        self.member_names: dict[str, set[str]] = {}  # uid -> names the archive gives
        self.not_ahead = clamp_limit()  # a day after now, as a stamp's time: "...T12:00:00.000000Z"

    # --- shared -----------------------------------------------------------------------------

    def stamp(self, record: dict[str, Any], what: str) -> tuple[str, str | None]:
        if self.version >= 3:
            hlc, base = record["hlc"], record.get("base")
        elif self.version == 2:
            hlc, base = stamp_of_time(parse_time(record["updated_at"]), MIGRATED_COPY), None
        else:  # no stamp: the record is made here, now, by this import
            return clock_of(m.database_proxy.obj).stamp(), None
        # Stamps compare as text (fixed width, checked): one no later than a day after the merge
        # began is not too far ahead, without parsing 190,000 stamps (strptime: a quarter of a
        # merge of the ten years); an impossible date is still refused by the parse.
        try:
            dt.datetime.fromisoformat(hlc[:_STAMP_TIME])
        except ValueError:
            raise ArchiveError(
                f'The archive\'s {what} "{record.get("uid", "")}" has a stamp with an impossible '
                f"date ({hlc[:_STAMP_TIME]}); nothing was imported."
            ) from None
        if hlc[: _STAMP_TIME + 1] > self.not_ahead and is_too_far_ahead(hlc):
            raise ArchiveError(
                f'The archive\'s {what} "{record.get("uid", "")}" was changed at {hlc[:19]} UTC, '
                "more than a day ahead of this computer's clock (is the other computer's date "
                "right?); nothing was imported."
            )
        return hlc, base

    def uid(self, record: dict[str, Any]) -> str:
        return record["uid"] if self.version >= 2 else m.new_uid()

    def put(
        self, kind: str, record: dict[str, Any], values: dict[str, Any], uid: str | None = None
    ):
        hlc, base = self.stamp(record, kind.replace("_", " "))
        return self.c.put(kind, uid or self.uid(record), hlc, base, values)

    # --- sections -----------------------------------------------------------------------------

    def add(self, section: str, record: dict[str, Any]) -> None:
        if section == "tombstones":
            self.tombstones.append(record)
            return
        self._merge_tombstones()
        getattr(self, f"_{section}")(record)

    def _merge_tombstones(self) -> None:
        if not self._tombstones_done:
            self._tombstones_done = True
            self.deleted = merge_tombstones(
                self.c, self.tombstones, allow_mass_delete=self.allow_mass_delete
            )

    def _programmes(self, p: dict[str, Any]) -> None:
        if self.v1 is not None and (found := self.v1.programme(p["name"])) is not None:
            self.programmes[p["id"]] = found
            return
        uid = self.uid(p)
        values = {
            "name": p["name"], "sponsor": p.get("sponsor", ""), "notes": p.get("notes", ""),
            "organisation": p.get("organisation", ""), "paid": p.get("paid", True),
        }  # fmt: skip
        status = self.put("programme", p, values, uid)
        self.programmes[p["id"]] = uid if status is not None else None

    def _sets(self, s: dict[str, Any]) -> None:
        found = self.v1.set(s["name"]) if self.v1 is not None else None
        uid = found or self.uid(s)
        status = "same"
        if found is None:
            programme = s.get("programme")
            values = {
                "programme": self.programmes.get(programme) if programme is not None else None,
                "name": s["name"], "cadence": s.get("cadence", ""),
                "ground_rules": s.get("ground_rules", ""), "archived": s.get("archived", False),
                **{name: s.get(name, "") for name in BRIEF_FIELDS},
            }  # fmt: skip
            status = self.put("set", s, values, uid)
            if status == "added":
                self.counts["set added"] += 1
        if status is None:
            self.sets[s["id"]] = None
            for member in s["members"]:
                self.members[member["id"]] = None
            return
        self.sets[s["id"]] = uid
        for member in s["members"]:
            known = self.v1.member(uid, member["name"]) if self.v1 is not None else None
            if known is not None:
                self.members[member["id"]] = known
                continue
            if self.v1 is not None and self.v1.erased(uid, member["name"]):
                self.members[member["id"]] = None  # erased here: not brought back by name
                self.counts["member left out"] += 1
                continue
            member_uid = self.uid(member)
            self.member_names.setdefault(member_uid, set()).add(member["name"])
            values = {
                "learning_set": uid, "name": member["name"], "role": member.get("role", ""),
                "organisation": member.get("organisation", ""),
                "leadership_skill": member.get("leadership_skill", ""),
                "active": member.get("active", True),
            }  # fmt: skip
            done = self.put("member", member, values, member_uid)
            self.members[member["id"]] = member_uid if done is not None else None

    def _questions(self, q: dict[str, Any]) -> None:
        key = q.get("builtin_key") if q.get("builtin") else None
        if self.v1 is not None and (found := self.v1.question(q, key)) is not None:
            # what the coach did is never lowered: a favourite stays one, uses take the larger
            if self.v1.raise_question(found, q.get("favourite", False), q.get("uses", 0)):
                self.c.forget("question")
                self.c.changes.changed.add(("question", found))
            self.questions[q["id"]] = found
            return
        uid = builtin_uid("question", key) if key else self.uid(q)
        values = {
            "text": q["text"], "category": q["category"], "tags": "\n".join(q.get("tags", [])),
            "favourite": q.get("favourite", False), "builtin": bool(q.get("builtin")),
            "builtin_key": key, "archived": q.get("archived", False), "uses": q.get("uses", 0),
        }  # fmt: skip
        status = self.put("question", q, values, uid)
        if status == "added":
            self.counts["question added"] += 1
        self.questions[q["id"]] = uid if status is not None else None

    def _agenda_templates(self, t: dict[str, Any]) -> None:
        phases = [{"name": p["name"], "minutes": float(p["minutes"])} for p in t["phases"]]
        key = t.get("builtin_key")
        if self.v1 is not None and self.v1.template(t["name"], phases, key):
            return
        values = {"name": t["name"], "phases": json.dumps(phases, ensure_ascii=False),
                  "builtin_key": key}  # fmt: skip
        self.put("agenda_template", t, values, builtin_uid("agenda_template", key) if key else None)

    def _erasures(self, e: dict[str, Any]) -> None:
        practice_sections.merge_erasure(self, e)

    def _consents(self, c: dict[str, Any]) -> None:
        practice_sections.merge_consent(self, c)

    def _hours_entries(self, e: dict[str, Any]) -> None:
        practice_sections.merge_hours_entry(self, e)

    def _targets(self, t: dict[str, Any]) -> None:
        practice_sections.merge_target(self, t)

    def _conflicts(self, c: dict[str, Any]) -> None:
        values = {
            "record_kind": c["record_kind"], "record_uid": c["record_uid"],
            "kept_hlc": c["kept_hlc"], "lost_hlc": c["lost_hlc"],
            "kept": json.dumps(c["kept"], ensure_ascii=False),
            "lost": json.dumps(c["lost"], ensure_ascii=False),
            "resolution": c.get("resolution", ""),
        }  # fmt: skip
        self.put("conflict", c, values)

    def _meetings(self, mt: dict[str, Any]) -> None:
        from alcoach.data.archive.meeting_records import meeting_records

        set_uid = self.sets.get(mt["set"])
        if set_uid is None:
            self.meetings[mt["id"]] = None
            self.counts["meeting left out"] += 1
            return
        date = dt.date.fromisoformat(mt["date"])
        if self.horizon is not None and date < self.horizon:  # past the coach's horizon
            self.meetings[mt["id"]] = None
            self.counts["meeting past the horizon"] += 1
            return
        if self.v1 is not None:
            found = self.v1.meeting(set_uid, date, parse_time(mt.get("started_at")),
                                    mt.get("title", ""))  # fmt: skip
            if found is not None:
                self.meetings[mt["id"]] = found
                self.counts["meeting already here"] += 1
                return
        uid = self.uid(mt)
        values = {
            "learning_set": set_uid, "date": date, "title": mt.get("title", ""),
            "location": mt.get("location", ""), "planned_minutes": mt.get("planned_minutes"),
            "started_at": parse_time(mt.get("started_at")),
            "ended_at": parse_time(mt.get("ended_at")), "coach_notes": mt.get("coach_notes", ""),
            "coach_role": mt.get("coach_role", "coach"), "paid": mt.get("paid"),
        }  # fmt: skip
        status = self.put("meeting", mt, values, uid)
        if status is None:
            self.meetings[mt["id"]] = None
            self.counts["meeting left out"] += 1
            return
        self.meetings[mt["id"]] = uid
        changed = status in _CHANGED
        for kind, record, values, child_uid in meeting_records(self, mt, uid, status == "added"):
            if kind == "action" and values.pop("reported_later", False):
                self.later_actions.append((uid, record))
                continue
            changed |= self.put(kind, record, values, child_uid) in _CHANGED
        if changed:
            self.c.changes.meetings.add(uid)
        if status == "added":
            self.meeting_status[uid] = "meeting added"
        else:
            self.meeting_status[uid] = "meeting updated" if changed else "meeting already here"

    def one_per(self, kind: str, parent_uid: str, values: dict[str, Any], record: dict) -> str:
        """The uid of a once-per-member record: a version-3 archive carries it already (alcoach
        derives it when the record is made: one that does not would clash with the record here
        on the member, and the import is refused); an older one's is derived here."""
        if self.version >= 3:
            return record["uid"]
        return one_per_uid(kind, parent_uid, values)

    # --- the end --------------------------------------------------------------------------------

    @property
    def changes(self) -> OpChanges:
        """What the merge added, updated and deleted, by kind and uid."""
        return self.c.changes

    def finish(self, fields: dict[str, Any]) -> str:
        from alcoach.data.archive.meeting_records import action_values

        self._merge_tombstones()
        for meeting_uid, action in self.later_actions:  # reported in a later meeting
            values = action_values(self, action, meeting_uid)
            values.pop("reported_later", None)
            changed = self.put("action", action, values) in _CHANGED
            if changed:
                self.c.changes.meetings.add(meeting_uid)
            if changed and self.meeting_status.get(meeting_uid) == "meeting already here":
                self.meeting_status[meeting_uid] = "meeting updated"
        self.c.flush()
        from alcoach.data.erasure import apply_erasures

        if apply_erasures(self.member_names):  # an erased member's name or notes came back: gone
            self.counts["erased again"] += 1
        self.counts.update(self.meeting_status.values())
        coach = fields.get("coach") or {}
        current = coach_profile()
        if coach and not (current.get("name") or current.get("credentials")):
            set_setting("coach.name", coach.get("name", ""))
            set_setting("coach.credentials", coach.get("credentials", ""))
        db = m.database_proxy.obj
        if self.c.latest:
            clock_of(db).observe(self.c.latest)  # an edit made after this import wins over it
        remember_clock(db)
        return self.sentence()

    def sentence(self) -> str:
        """What happened, e.g. "12 meetings added, 40 already here, 2 updated"."""
        c = self.counts
        parts = [
            _plural(c["meeting added"], "meeting") + " added",
            f"{c['meeting already here']:,} already here",
            f"{c['meeting updated']:,} updated",
        ]
        if c["meeting left out"]:
            parts.append(f"{c['meeting left out']:,} left out (deleted here)")
        extras = []
        if c["meeting past the horizon"]:
            extras.append(
                _plural(c["meeting past the horizon"], "meeting")
                + " left out (older than you keep meetings)"
            )
        if c["member left out"]:
            extras.append(_plural(c["member left out"], "member") + " left out (erased here)")
        if c["set added"]:
            extras.append(_plural(c["set added"], "set") + " added")
        if c["question added"]:
            extras.append(_plural(c["question added"], "question") + " added")
        if self.deleted:
            extras.append(self.deleted + " as in the archive")
        if self.c.conflicts:
            extras.append(
                f"{words('text', self.c.conflicts)} changed on both sides kept as "
                f"{'a conflict' if self.c.conflicts == 1 else 'conflicts'} (Data > Conflicts)"
            )
        return ", ".join(parts) + ("; " + ", ".join(extras) if extras else "")
