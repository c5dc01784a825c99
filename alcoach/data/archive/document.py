"""Building the version-1 archive document from the database (read in one snapshot)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import alcoach
from alcoach.data import models as m
from alcoach.data.archive.checks import FORMAT, VERSION
from alcoach.data.settings import coach_profile


def iso_time(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with 'Z'; microseconds only when there are some."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def _num(value: float | int) -> float | int:
    """Whole numbers as integers, so 60 reads as 60, not 60.0 (equal either way in JSON)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _grouped(query: Any, key_index: int = 0) -> dict[int, list[tuple[Any, ...]]]:
    groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in query.tuples():
        groups[row[key_index]].append(row)
    return groups


def _questions() -> list[dict[str, Any]]:
    q = m.Question
    rows = q.select(q.id, q.text, q.category, q.tags, q.favourite, q.builtin, q.archived, q.uses)
    return [
        {
            "id": f"q-{qid}",
            "text": text,
            "category": category,
            "tags": [t for t in tags.split("\n") if t],
            "favourite": bool(favourite),
            "builtin": bool(builtin),
            "archived": bool(archived),
            "uses": uses,
        }
        for qid, text, category, tags, favourite, builtin, archived, uses in rows.order_by(
            q.id
        ).tuples()
    ]


def _templates() -> list[dict[str, Any]]:
    t = m.AgendaTemplate
    out = []
    for tid, name, phases in t.select(t.id, t.name, t.phases).order_by(t.id).tuples():
        out.append(
            {
                "id": f"tpl-{tid}",
                "name": name,
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
            mem.learning_set, mem.id, mem.name, mem.role, mem.organisation,
            mem.leadership_skill, mem.active,
        ).order_by(mem.position, mem.id)
    )
    s = m.LearningSet
    out = []
    query = s.select(s.id, s.programme, s.name, s.cadence, s.ground_rules, s.archived)
    for sid, programme, name, cadence, rules, archived in query.order_by(s.id).tuples():
        out.append(
            {
                "id": f"set-{sid}",
                "programme": f"prog-{programme}" if programme is not None else None,
                "name": name,
                "cadence": cadence,
                "ground_rules": rules,
                "archived": bool(archived),
                "members": [
                    {
                        "id": f"mem-{row[1]}",
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


def _meeting_parts() -> dict[str, dict[int, list[tuple[Any, ...]]]]:
    """Every child table, read once and grouped by meeting (or by intervention)."""
    ph, pa, at = m.Phase, m.Pause, m.Attendance
    ps, pp, iv = m.ProblemStatement, m.ProblemPoll, m.Intervention
    im, ra, ta = m.InterventionMember, m.Rating, m.Tally
    fb, ac, le = m.Feedback, m.Action, m.Learning
    return {
        "phases": _grouped(
            ph.select(ph.meeting, ph.id, ph.name, ph.planned_minutes, ph.started_at, ph.ended_at)
            .order_by(ph.meeting, ph.position, ph.id)
        ),
        "pauses": _grouped(pa.select(pa.meeting, pa.start, pa.end).order_by(pa.id)),
        "attendance": _grouped(
            at.select(at.meeting, at.member, at.attended, at.presenter).order_by(at.id)
        ),
        "statements": _grouped(
            ps.select(ps.meeting, ps.kind, ps.member, ps.round, ps.text, ps.created_at)
            .order_by(ps.id)
        ),
        "polls": _grouped(pp.select(pp.meeting, pp.round, pp.member, pp.vote).order_by(pp.id)),
        "interventions": _grouped(
            iv.select(
                iv.meeting, iv.id, iv.at, iv.offset_seconds, iv.phase, iv.category, iv.text,
                iv.question, iv.response,
            ).order_by(iv.id)
        ),
        "addressed": _grouped(im.select(im.intervention, im.member).order_by(im.id)),
        "ratings": _grouped(ra.select(ra.intervention, ra.member, ra.score).order_by(ra.id)),
        "tallies": _grouped(
            ta.select(ta.meeting, ta.member, ta.kind, ta.at, ta.note).order_by(ta.id)
        ),
        "feedback": _grouped(
            fb.select(
                fb.meeting, fb.member, fb.skill, fb.strengths, fb.suggestions,
                fb.self_assessment, fb.coach_notes,
            ).order_by(fb.id)
        ),
        "actions": _grouped(
            ac.select(
                ac.meeting, ac.id, ac.owner, ac.text, ac.due, ac.status, ac.report_back,
                ac.reported_in,
            ).order_by(ac.id)
        ),
        "learnings": _grouped(
            le.select(le.meeting, le.level, le.member, le.text, le.application).order_by(le.id)
        ),
    }


def _meetings() -> list[dict[str, Any]]:
    parts = _meeting_parts()
    mt = m.Meeting
    query = mt.select(
        mt.id, mt.learning_set, mt.date, mt.title, mt.location, mt.planned_minutes,
        mt.started_at, mt.ended_at, mt.coach_notes,
    ).order_by(mt.id)
    out = []
    for mid, sid, date, title, location, planned, started, ended, notes in query.tuples():
        phases = parts["phases"].get(mid, [])
        phase_index = {row[1]: i for i, row in enumerate(phases)}
        attendance = parts["attendance"].get(mid, [])
        meeting: dict[str, Any] = {
            "id": f"mtg-{mid}",
            "set": f"set-{sid}",
            "date": date.isoformat(),
            "title": title,
            "location": location,
        }
        if planned is not None and planned > 0:
            meeting["planned_minutes"] = _num(planned)
        meeting.update(
            {
                "started_at": iso_time(started),
                "ended_at": iso_time(ended),
                "pauses": [
                    {"start": iso_time(start), "end": iso_time(end)}
                    for _, start, end in parts["pauses"].get(mid, [])
                ],
                "attendees": [_member(r[1]) for r in attendance if r[2]],
                "presenters": [_member(r[1]) for r in attendance if r[3]],
                "coach_notes": notes,
                "phases": [
                    {
                        "name": name,
                        "planned_minutes": _num(minutes),
                        "started_at": iso_time(p_start),
                        "ended_at": iso_time(p_end),
                    }
                    for _, _, name, minutes, p_start, p_end in phases
                ],
                "problem_statements": [
                    {
                        "kind": kind,
                        "member": _member(member),
                        "round": rnd,
                        "text": text,
                        "created_at": iso_time(created),
                    }
                    for _, kind, member, rnd, text, created in parts["statements"].get(mid, [])
                ],
                "problem_polls": [
                    {"round": rnd, "member": _member(member), "vote": vote}
                    for _, rnd, member, vote in parts["polls"].get(mid, [])
                ],
                "interventions": [
                    _intervention(row, phase_index, parts)
                    for row in parts["interventions"].get(mid, [])
                ],
                "tallies": [
                    {"member": _member(member), "kind": kind, "at": iso_time(at), "note": note}
                    for _, member, kind, at, note in parts["tallies"].get(mid, [])
                ],
                "feedback": [
                    {
                        "member": _member(row[1]),
                        "skill": row[2],
                        "strengths": row[3],
                        "suggestions": row[4],
                        "self_assessment": row[5],
                        "coach_notes": row[6],
                    }
                    for row in parts["feedback"].get(mid, [])
                ],
                "actions": [
                    {
                        "id": f"act-{aid}",
                        "owner": _member(owner),
                        "text": text,
                        "due": due.isoformat() if due is not None else None,
                        "status": status,
                        "report_back": report,
                        "reported_in": f"mtg-{reported}" if reported is not None else None,
                    }
                    for _, aid, owner, text, due, status, report, reported in parts[
                        "actions"
                    ].get(mid, [])
                ],
                "learnings": [
                    {"level": level, "member": _member(member), "text": text, "application": app}
                    for _, level, member, text, app in parts["learnings"].get(mid, [])
                ],
            }
        )
        out.append(meeting)
    return out


def _intervention(
    row: tuple[Any, ...], phase_index: dict[int, int], parts: dict[str, Any]
) -> dict[str, Any]:
    _, iid, at, offset, phase, category, text, question, response = row
    return {
        "at": iso_time(at),
        "offset_seconds": _num(max(0.0, offset or 0.0)),
        "phase": phase_index.get(phase) if phase is not None else None,
        "category": category,
        "text": text,
        "question": f"q-{question}" if question is not None else None,
        "members": [_member(r[1]) for r in parts["addressed"].get(iid, [])],
        "response": response,
        "ratings": [
            {"member": _member(member), "score": score}
            for _, member, score in parts["ratings"].get(iid, [])
        ],
    }


def build_archive() -> dict[str, Any]:
    """The whole database as one version-1 archive document."""
    with m.database_proxy.atomic():  # one consistent snapshot of every table
        p = m.Programme
        programmes = [
            {"id": f"prog-{pid}", "name": name, "sponsor": sponsor, "notes": notes}
            for pid, name, sponsor, notes in p.select(p.id, p.name, p.sponsor, p.notes)
            .order_by(p.id)
            .tuples()
        ]
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": iso_time(m.utc_now()),
            "app_version": alcoach.__version__,
            "coach": {k: v if isinstance(v, str) else "" for k, v in coach_profile().items()},
            "programmes": programmes,
            "sets": _sets(),
            "questions": _questions(),
            "agenda_templates": _templates(),
            "meetings": _meetings(),
        }
