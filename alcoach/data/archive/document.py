"""Building the archive document (the latest version) from the database (read in one snapshot).

Every record carries its uid, updated_at, hlc and base; deletions are listed first, as
tombstones; texts that lost a merge come last, as conflicts."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import peewee as pw

import alcoach
from alcoach.data import models as m
from alcoach.data.archive.checks import FORMAT, LATEST_VERSION
from alcoach.data.archive.practice_sections import export_sections
from alcoach.data.settings import coach_profile


def iso_time(value: dt.datetime | str | None) -> str | None:
    """ISO 8601 in UTC with 'Z'; microseconds only when there are some. A time as the file
    holds it (naive UTC text) is rewritten without parsing it: exports read 400,000 of them."""
    if value is None:
        return None
    if isinstance(value, str):
        day, _, clock = value.replace("T", " ").partition(" ")
        seconds, _, fraction = clock.partition(".")
        fraction = (fraction + "000000")[:6]
        return f"{day}T{seconds}{'' if fraction == '000000' else '.' + fraction}Z"
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def _num(value: float | int) -> float | int:
    """Whole numbers as integers, so 60 reads as 60, not 60.0 (equal either way in JSON)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _grouped(query: Any, key_index: int = 0) -> dict[int, list[tuple[Any, ...]]]:
    """The rows as SQLite gives them (times as text, flags as 0 or 1), grouped by one column:
    peewee's conversion of each value took most of an export's time."""
    groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    sql, params = query.sql()
    for row in m.database_proxy.execute_sql(sql, params):
        groups[row[key_index]].append(row)
    return groups


def _questions() -> list[dict[str, Any]]:
    q = m.Question
    rows = q.select(
        q.id,
        q.uid,
        _packed(q),
        q.text,
        q.category,
        q.tags,
        q.favourite,
        q.builtin,
        q.builtin_key,
        q.archived,
        q.uses,
    )
    return [
        {
            "id": f"q-{qid}",
            "uid": uid,
            **_stamp_fields(updated),
            "text": text,
            "category": category,
            "tags": [t for t in tags.split("\n") if t],
            "favourite": bool(favourite),
            "builtin": bool(builtin),
            "builtin_key": key,
            "archived": bool(archived),
            "uses": uses,
        }
        for (
            qid, uid, updated, text, category, tags, favourite, builtin, key, archived, uses,
        ) in rows.order_by(q.id).tuples()
    ]  # fmt: skip


def _templates() -> list[dict[str, Any]]:
    t = m.AgendaTemplate
    out = []
    query = t.select(t.id, t.uid, _packed(t), t.name, t.phases, t.builtin_key)
    for tid, uid, updated, name, phases, key in query.order_by(t.id).tuples():
        out.append(
            {
                "id": f"tpl-{tid}",
                "uid": uid,
                **_stamp_fields(updated),
                "name": name,
                "builtin_key": key,
                "phases": [
                    {"name": p["name"], "minutes": _num(p["minutes"])} for p in json.loads(phases)
                ],
            }
        )
    return out


def _sets() -> list[dict[str, Any]]:
    mem = m.Member
    members = _grouped(
        mem.select(
            mem.learning_set,
            mem.id,
            mem.name,
            mem.role,
            mem.organisation,
            mem.leadership_skill,
            mem.active,
            mem.uid,
            _packed(mem),
        ).order_by(mem.position, mem.id)
    )
    s = m.LearningSet
    out = []
    brief = (s.brief_context, s.brief_matters, s.brief_tried, s.brief_expected, s.brief_success,
             s.brief_sponsor)  # fmt: skip
    query = s.select(
        s.id, s.uid, _packed(s), s.programme, s.name, s.cadence, s.ground_rules, s.archived, *brief
    )
    for sid, uid, updated, programme, name, cadence, rules, archived, *texts in query.order_by(
        s.id
    ).tuples():
        out.append(
            {
                "id": f"set-{sid}",
                "uid": uid,
                **_stamp_fields(updated),
                "programme": f"prog-{programme}" if programme is not None else None,
                "name": name,
                "cadence": cadence,
                "ground_rules": rules,
                "archived": bool(archived),
                **{field.name: text for field, text in zip(brief, texts, strict=True)},
                "members": [
                    {
                        "id": f"mem-{row[1]}",
                        "uid": row[7],
                        **_stamp_fields(row[8]),
                        "name": row[2],
                        "role": row[3],
                        "organisation": row[4],
                        "leadership_skill": row[5],
                        "active": bool(row[6]),
                    }
                    for row in members.get(sid, [])
                ],
            }
        )
    return out


def _member(member_id: int | None) -> str | None:
    return None if member_id is None else f"mem-{member_id}"


def _packed(model: Any) -> Any:
    """A record's updated_at, hlc and base in one column ("time|hlc|base"): every select here
    reads them beside its fields."""
    packed = pw.fn.printf("%s|%s|%s", model.updated_at, model.hlc, pw.fn.coalesce(model.base, ""))
    return packed.coerce(False)


def _stamp_fields(packed: str) -> dict[str, Any]:
    """updated_at is the stamp's time (the two are one), hlc and base as kept."""
    updated, hlc, base = packed.split("|")
    when = hlc[:26] if hlc else updated
    return {"updated_at": iso_time(when), "hlc": hlc, "base": base or None}


def _stamped(uid: str, updated: str, **fields: Any) -> dict[str, Any]:
    return {"uid": uid, **_stamp_fields(updated), **fields}


def _meeting_parts() -> dict[str, dict[int, list[tuple[Any, ...]]]]:
    """Every child table, read once and grouped by meeting (or by intervention); each row ends
    with the record's uid and updated_at."""
    ph, pa, at = m.Phase, m.Pause, m.Attendance
    ps, pp, iv = m.ProblemStatement, m.ProblemPoll, m.Intervention
    im, ra, ta = m.InterventionMember, m.Rating, m.Tally
    fb, ac, le = m.Feedback, m.Action, m.Learning
    return {
        "phases": _grouped(
            ph.select(
                ph.meeting, ph.id, ph.name, ph.planned_minutes, ph.started_at, ph.ended_at,
                ph.uid, _packed(ph),
            ).order_by(ph.meeting, ph.position, ph.id)
        ),
        "pauses": _grouped(
            pa.select(pa.meeting, pa.start, pa.end, pa.uid, _packed(pa)).order_by(pa.id)
        ),
        "attendance": _grouped(
            at.select(
                at.meeting, at.member, at.attended, at.presenter, at.uid, _packed(at)
            ).order_by(at.id)
        ),
        "statements": _grouped(
            ps.select(
                ps.meeting, ps.kind, ps.member, ps.round, ps.text, ps.created_at, ps.uid,
                _packed(ps),
            ).order_by(ps.id)
        ),
        "polls": _grouped(
            pp.select(
                pp.meeting, pp.round, pp.member, pp.vote, pp.uid, _packed(pp)
            ).order_by(pp.id)
        ),
        "interventions": _grouped(
            iv.select(
                iv.meeting, iv.id, iv.at, iv.offset_seconds, iv.phase, iv.category, iv.text,
                iv.question, iv.response, iv.uid, _packed(iv),
            ).order_by(iv.id)
        ),
        "addressed": _grouped(im.select(im.intervention, im.member).order_by(im.id)),
        "ratings": _grouped(
            ra.select(ra.intervention, ra.member, ra.score, ra.uid, _packed(ra)).order_by(ra.id)
        ),
        "tallies": _grouped(
            ta.select(
                ta.meeting, ta.member, ta.kind, ta.at, ta.note, ta.uid, _packed(ta)
            ).order_by(ta.id)
        ),
        "feedback": _grouped(
            fb.select(
                fb.meeting, fb.member, fb.skill, fb.strengths, fb.suggestions,
                fb.self_assessment, fb.coach_notes, fb.uid, _packed(fb),
            ).order_by(fb.id)
        ),
        "actions": _grouped(
            ac.select(
                ac.meeting, ac.id, ac.owner, ac.text, ac.due, ac.status, ac.report_back,
                ac.reported_in, ac.uid, _packed(ac),
            ).order_by(ac.id)
        ),
        "learnings": _grouped(
            le.select(
                le.meeting, le.level, le.member, le.text, le.application, le.uid, _packed(le)
            ).order_by(le.id)
        ),
    }  # fmt: skip


def _children(mid: int, parts: dict[str, Any]) -> dict[str, Any]:
    """A meeting's records, as the archive lists them."""
    phases = parts["phases"].get(mid, [])
    phase_index = {row[1]: i for i, row in enumerate(phases)}
    return {
        "pauses": [
            _stamped(uid, updated, start=iso_time(start), end=iso_time(end))
            for _, start, end, uid, updated in parts["pauses"].get(mid, [])
        ],
        "attendance": [
            _stamped(
                uid, updated, member=_member(member), attended=bool(came),
                presenter=bool(presented),
            )
            for _, member, came, presented, uid, updated in parts["attendance"].get(mid, [])
        ],
        "phases": [
            _stamped(
                uid, updated, name=name, planned_minutes=_num(minutes),
                started_at=iso_time(p_start), ended_at=iso_time(p_end),
            )
            for _, _, name, minutes, p_start, p_end, uid, updated in phases
        ],
        "problem_statements": [
            _stamped(
                uid, updated, kind=kind, member=_member(member), round=rnd, text=text,
                created_at=iso_time(created),
            )
            for _, kind, member, rnd, text, created, uid, updated in parts["statements"].get(
                mid, []
            )
        ],
        "problem_polls": [
            _stamped(uid, updated, round=rnd, member=_member(member), vote=vote)
            for _, rnd, member, vote, uid, updated in parts["polls"].get(mid, [])
        ],
        "interventions": [
            _intervention(row, phase_index, parts) for row in parts["interventions"].get(mid, [])
        ],
        "tallies": [
            _stamped(uid, updated, member=_member(member), kind=kind, at=iso_time(at), note=note)
            for _, member, kind, at, note, uid, updated in parts["tallies"].get(mid, [])
        ],
        "feedback": [
            _stamped(
                row[7], row[8], member=_member(row[1]), skill=row[2], strengths=row[3],
                suggestions=row[4], self_assessment=row[5], coach_notes=row[6],
            )
            for row in parts["feedback"].get(mid, [])
        ],
        "actions": [
            _stamped(
                uid, updated, id=f"act-{aid}", owner=_member(owner), text=text,
                due=str(due) if due is not None else None, status=status,
                report_back=report,
                reported_in=f"mtg-{reported}" if reported is not None else None,
            )
            for _, aid, owner, text, due, status, report, reported, uid, updated in parts[
                "actions"
            ].get(mid, [])
        ],
        "learnings": [
            _stamped(
                uid, updated, level=level, member=_member(member), text=text, application=app
            )
            for _, level, member, text, app, uid, updated in parts["learnings"].get(mid, [])
        ],
    }  # fmt: skip


def _meetings() -> list[dict[str, Any]]:
    parts = _meeting_parts()
    mt = m.Meeting
    query = mt.select(
        mt.id, mt.uid, _packed(mt), mt.learning_set, mt.date, mt.title, mt.location,
        mt.planned_minutes, mt.started_at, mt.ended_at, mt.coach_notes, mt.coach_role, mt.paid,
    ).order_by(mt.id)  # fmt: skip
    out = []
    for row in query.tuples():
        mid, uid, updated, sid, date, title, location, planned, started, ended, notes = row[:11]
        role, paid = row[11:]
        meeting: dict[str, Any] = {
            "id": f"mtg-{mid}",
            "uid": uid,
            **_stamp_fields(updated),
            "set": f"set-{sid}",
            "date": date.isoformat(),
            "title": title,
            "location": location,
        }
        if planned is not None and planned > 0:
            meeting["planned_minutes"] = _num(planned)
        meeting["started_at"] = iso_time(started)
        meeting["ended_at"] = iso_time(ended)
        meeting["coach_notes"] = notes
        meeting["coach_role"] = role
        meeting["paid"] = None if paid is None else bool(paid)
        meeting.update(_children(mid, parts))
        out.append(meeting)
    return out


def _intervention(
    row: tuple[Any, ...], phase_index: dict[int, int], parts: dict[str, Any]
) -> dict[str, Any]:
    _, iid, at, offset, phase, category, text, question, response, uid, updated = row
    return _stamped(
        uid,
        updated,
        at=iso_time(at),
        offset_seconds=_num(max(0.0, offset or 0.0)),
        phase=phase_index.get(phase) if phase is not None else None,
        category=category,
        text=text,
        question=f"q-{question}" if question is not None else None,
        members=[_member(r[1]) for r in parts["addressed"].get(iid, [])],
        response=response,
        ratings=[
            _stamped(r_uid, r_updated, member=_member(member), score=score)
            for _, member, score, r_uid, r_updated in parts["ratings"].get(iid, [])
        ],
    )


def _tombstones() -> list[dict[str, Any]]:
    t = m.Tombstone
    query = t.select(t.uid, t.kind, t.deleted_at, t.hlc, t.lifted).order_by(t.hlc, t.uid)
    sql, params = query.sql()
    return [
        {"uid": uid, "kind": kind, "deleted_at": iso_time(deleted), "hlc": hlc,
         "lifted": bool(lifted)}
        for uid, kind, deleted, hlc, lifted in m.database_proxy.execute_sql(sql, params)
    ]  # fmt: skip


def _conflicts() -> list[dict[str, Any]]:
    c = m.Conflict
    query = c.select(
        c.uid, _packed(c), c.record_kind, c.record_uid, c.kept_hlc, c.lost_hlc, c.kept, c.lost,
        c.resolution,
    ).order_by(c.id)  # fmt: skip
    return [
        _stamped(
            uid, packed, record_kind=kind, record_uid=record, kept_hlc=kept_hlc,
            lost_hlc=lost_hlc, kept=json.loads(kept), lost=json.loads(lost), resolution=resolution,
        )
        for uid, packed, kind, record, kept_hlc, lost_hlc, kept, lost, resolution in query.tuples()
    ]  # fmt: skip


def build_archive() -> dict[str, Any]:
    """The whole database as one archive document of the latest version."""
    with m.database_proxy.atomic():  # one consistent snapshot of every table
        p = m.Programme
        programmes = [
            {
                "id": f"prog-{pid}",
                "uid": uid,
                **_stamp_fields(updated),
                "name": name,
                "sponsor": sponsor,
                "notes": notes,
                "organisation": organisation,
                "paid": bool(paid),
            }
            for pid, uid, updated, name, sponsor, notes, organisation, paid in p.select(
                p.id, p.uid, _packed(p), p.name, p.sponsor, p.notes, p.organisation, p.paid
            )
            .order_by(p.id)
            .tuples()
        ]
        return {
            "format": FORMAT,
            "version": LATEST_VERSION,
            "exported_at": iso_time(m.utc_now()),
            "app_version": alcoach.__version__,
            "coach": {k: v if isinstance(v, str) else "" for k, v in coach_profile().items()},
            "tombstones": _tombstones(),
            "programmes": programmes,
            "sets": _sets(),
            **export_sections(_stamped, _packed, iso_time),
            "questions": _questions(),
            "agenda_templates": _templates(),
            "meetings": _meetings(),
            "conflicts": _conflicts(),
        }
