"""A deterministic, valid archive of a coach's years, for tests and the benchmark.

Plain English text with a sprinkling of hostile strings (markup, emoji, right-to-left and CJK
scripts, format sequences), so every layer that reads an archive meets them. The built-in question
bank and agenda templates come first, as an exported database would list them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

from alcoach.data.models import CATEGORIES
from alcoach.resources import load_builtin_questions, load_builtin_templates, load_leadership_skills

HOSTILE = (
    "<b>&amp;<img src=x>",
    "🙂🎯",
    "مرحبا",
    "שלום",
    "你好 日本語 한국어",
    "Καλημέρα",
    "Привет",
    "%s {0} %(name)s {{}}",
    "' OR 1=1; --",
    "tab\there\r\nline",
)
FIRST = (
    "Dana",
    "Kofi",
    "Ines",
    "Ravi",
    "Amara",
    "Tomás",
    "Yuki",
    "Leila",
    "Sam",
    "Noor",
    "Grace",
    "Bogdan",
    "Aoife",
    "Chen",
    "Priya",
    "Olu",
    "Marta",
    "Jonas",
    "Fatima",
    "Eli",
)
LAST = (
    "Whitfield",
    "Mensah",
    "Duarte",
    "Patel",
    "Okafor",
    "Nakamura",
    "Haddad",
    "Kowalski",
    "Byrne",
    "Li",
    "Sharma",
    "Adeyemi",
    "Novak",
    "Berg",
    "Rahman",
    "Cohen",
    "Silva",
    "Moreau",
)
ROLES = (
    "Housing team lead",
    "Finance partner",
    "Library services manager",
    "IT service owner",
    "Ward manager",
    "Head of procurement",
    "School business manager",
    "Project director",
)
ORGS = ("Riverside Council", "North Valley NHS Trust", "Harbour Housing", "Greenfield Academy")
COLOURS = ("Blue", "Amber", "Green", "Indigo", "Coral", "Slate", "Teal", "Rose")
TOPICS = (
    "empty homes",
    "waiting lists",
    "staff turnover",
    "a delayed IT system",
    "budget cuts",
    "a merger of two teams",
    "missed deadlines",
    "low morale",
    "supplier contracts",
)
STEMS = (
    "What would success look like for {t}?",
    "Who else cares about {t}?",
    "What have you already tried with {t}?",
    "What is stopping you acting on {t}?",
    "How would your team describe {t}?",
    "What do you assume about {t}?",
    "What would you do about {t} if you had no constraints?",
)
SENTENCES = (
    "The set kept returning to {t}.",
    "Questions became statements when {t} came up.",
    "{n} named the real issue behind {t}.",
    "Energy dropped while we discussed {t}.",
    "We slowed down and listened to {n}.",
    "{n} asked a question that changed the room.",
)


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def spice(self, text: str) -> str:
        if self.rng.random() < 0.12:
            return f"{text} {self.rng.choice(HOSTILE)}"
        return text

    def sentence(self, name: str = "Dana") -> str:
        pattern = self.rng.choice(SENTENCES)
        return self.spice(pattern.format(t=self.rng.choice(TOPICS), n=name))

    def paragraph(self, name: str = "Dana", count: int = 2) -> str:
        return " ".join(self.sentence(name) for _ in range(count))

    def long(self, name: str) -> str:
        parts: list[str] = []
        size = 0
        while size < 20_000:
            part = f"{self.paragraph(name, 4)} {self.rng.choice(HOSTILE)}\n"
            parts.append(part)
            size += len(part)
        return "".join(parts)[:20_000]


def _iso(value: dt.datetime) -> str:
    return value.replace(tzinfo=None).isoformat() + "Z"


def _questions(rng: random.Random, w: _Writer, total: int) -> list[dict[str, Any]]:
    bank = load_builtin_questions()
    n_builtin = min(len(bank), total // 2)
    out: list[dict[str, Any]] = []
    for q in bank[:n_builtin]:
        out.append(
            {
                "id": f"q{len(out)}",
                "text": q.text,
                "category": q.category,
                "tags": list(q.tags),
                "favourite": rng.random() < 0.2,
                "builtin": True,
                "archived": rng.random() < 0.05,
                "uses": rng.randrange(0, 40),
            }
        )
    while len(out) < total:
        text = w.spice(rng.choice(STEMS).format(t=rng.choice(TOPICS)))
        out.append(
            {
                "id": f"q{len(out)}",
                "text": f"{text} ({len(out)})",
                "category": rng.choice(CATEGORIES),
                "tags": rng.sample(
                    ["own", "WIAL", "energy", "closing", "تجربة"], rng.randrange(0, 3)
                ),
                "favourite": rng.random() < 0.3,
                "builtin": False,
                "archived": rng.random() < 0.1,
                "uses": rng.randrange(0, 15),
            }
        )
    return out


def _templates(w: _Writer) -> list[dict[str, Any]]:
    out = [
        {
            "id": f"t{i}",
            "name": t.name,
            "phases": [{"name": n, "minutes": minutes} for n, minutes in t.phases],
        }
        for i, t in enumerate(load_builtin_templates())
    ]
    out.append(
        {
            "id": f"t{len(out)}",
            "name": w.spice("My short session"),
            "phases": [
                {"name": "Check-in", "minutes": 5},
                {"name": "Questions", "minutes": 30.5},
                {"name": "Reflection", "minutes": 10},
            ],
        }
    )
    return out


def generate_archive(
    *,
    sets: int = 2,
    meetings_per_set: int = 3,
    interventions_per_meeting: int = 10,
    tallies_per_meeting: int = 5,
    questions: int = 50,
    members_per_set: int = 6,
    seed: int = 0,
    long_text: bool = False,
    long_set_meetings: int = 0,
    long_meeting: tuple[int, int, int] = (0, 0, 0),
) -> dict[str, Any]:
    """A valid version-1 archive; the same arguments always give the same document.

    `long_set_meetings`: one more set, of that many meetings, whose last meeting is the newest
    of all and, with `long_meeting` (notes, tallies, minutes), the longest."""
    rng = random.Random(seed)
    w = _Writer(rng)
    skills = [s.name for s in load_leadership_skills()]
    bank_questions = _questions(rng, w, questions)
    templates = _templates(w)
    programmes = [
        {
            "id": f"p{i}",
            "name": w.spice(f"{rng.choice(ORGS)} leadership programme {i + 1}"),
            "sponsor": rng.choice(("Head of People", "Chief Executive", "")),
            "notes": w.sentence(),
        }
        for i in range(max(1, sets // 3))
    ]
    doc: dict[str, Any] = {
        "format": "alcoach-archive",
        "version": 1,
        "exported_at": "2026-11-20T17:05:00Z",
        "app_version": "generated",
        "coach": {"name": "Morgan Ellis", "credentials": "Action Learning coach 🎯"},
        "programmes": programmes,
        "sets": [],
        "questions": bank_questions,
        "agenda_templates": templates,
        "meetings": [],
    }
    long_set = sets if long_set_meetings else None
    for s in range(sets + (1 if long_set_meetings else 0)):
        members = []
        for j in range(members_per_set):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            members.append(
                {
                    "id": f"s{s}m{j}",
                    "name": w.spice(name),
                    "role": rng.choice(ROLES),
                    "organisation": rng.choice(ORGS),
                    "leadership_skill": rng.choice(skills),
                    "active": rng.random() > 0.1,
                }
            )
        doc["sets"].append(
            {
                "id": f"s{s}",
                "programme": rng.choice([p["id"] for p in programmes] + [None]),
                "name": w.spice(f"Set {rng.choice(COLOURS)} {s + 1}"),
                "cadence": rng.choice(("monthly", "every four weeks", "every six weeks")),
                "ground_rules": w.paragraph(),
                "archived": s < sets // 4,
                "members": members,
            }
        )
        first_day = dt.date(2020, 1, 6) + dt.timedelta(days=rng.randrange(0, 900))
        count = meetings_per_set
        if s == long_set:  # the long set: it ends before any other (the newest stays usual)
            count = long_set_meetings
            first_day = dt.date(2021, 3, 1) - dt.timedelta(days=28 * (count - 1))
        meetings = []
        for k in range(count):
            longest = s == long_set and k == count - 1 and long_meeting[0] > 0
            notes, marks, minutes = long_meeting if longest else (
                interventions_per_meeting, tallies_per_meeting, 0)  # fmt: skip
            meetings.append(_meeting(
                rng, w, s, k, first_day + dt.timedelta(days=28 * k), members, templates,
                bank_questions, notes, marks, long_text, minutes or None,
            ))  # fmt: skip
        for earlier, later in itertools.pairwise(meetings):
            for action in earlier["actions"]:
                action["reported_in"] = later["id"]
                action["status"] = rng.choice(("done", "partly", "not_done", "dropped"))
                action["report_back"] = w.sentence()
        doc["meetings"].extend(meetings)
    return doc


def _meeting(
    rng: random.Random,
    w: _Writer,
    s: int,
    k: int,
    day: dt.date,
    members: list[dict[str, Any]],
    templates: list[dict[str, Any]],
    questions: list[dict[str, Any]],
    n_interventions: int,
    n_tallies: int,
    long_text: bool,
    length_minutes: float | None = None,
) -> dict[str, Any]:
    template = rng.choice(templates)
    planned = sum(p["minutes"] for p in template["phases"]) or 1
    start = dt.datetime.combine(day, dt.time(9, rng.randrange(0, 30)))
    if rng.random() < 0.3:
        start = start.replace(second=rng.randrange(60), microsecond=rng.randrange(1, 999_999))
    phases, clock = [], start
    for p in template["phases"]:
        if length_minutes:  # a meeting of this length exactly, its phases in proportion
            length = dt.timedelta(minutes=p["minutes"] * length_minutes / planned)
        else:
            length = dt.timedelta(minutes=p["minutes"] * rng.uniform(0.8, 1.3))
        phases.append(
            {
                "name": p["name"],
                "planned_minutes": p["minutes"],
                "started_at": _iso(clock),
                "ended_at": _iso(clock + length),
            }
        )
        clock += length
    total = (clock - start).total_seconds()
    attendees = [m["id"] for m in members if m["active"] and rng.random() > 0.1] or [
        members[0]["id"]
    ]
    names = {m["id"]: m["name"] for m in members}
    chosen = rng.sample(attendees, min(len(attendees), rng.choice((1, 1, 2))))
    presenters = [a for a in attendees if a in chosen]
    others = [a for a in attendees if a not in presenters] or attendees
    pauses = []
    if rng.random() < 0.4:
        p_start = start + dt.timedelta(seconds=total / 2)
        pauses.append({"start": _iso(p_start), "end": _iso(p_start + dt.timedelta(minutes=3))})

    def at(fraction: float) -> tuple[str, float, int]:
        offset = round(total * fraction, 3)
        index = min(len(phases) - 1, int(fraction * len(phases)))
        return _iso(start + dt.timedelta(seconds=offset)), offset, index

    meeting_id = f"s{s}mt{k}"
    statements = [
        {
            "kind": "presenter",
            "member": presenters[0],
            "round": 1,
            "text": w.sentence(names[presenters[0]]),
            "created_at": at(0.2)[0],
        }
    ]
    polls = []
    for member in others:
        statements.append(
            {
                "kind": "member",
                "member": member,
                "round": 1,
                "text": w.sentence(names[member]),
                "created_at": at(0.6)[0],
            }
        )
        polls.append({"round": 1, "member": member, "vote": rng.choice(("yes", "no", "close"))})
    statements.append(
        {
            "kind": "agreed",
            "member": None,
            "round": 2,
            "text": w.sentence(),
            "created_at": at(0.7)[0],
        }
    )
    polls.extend({"round": 2, "member": member, "vote": "yes"} for member in others)
    interventions = []
    for i in range(n_interventions):
        when, offset, index = at((i + 0.5) / max(1, n_interventions))
        question = rng.choice(questions) if questions and rng.random() < 0.5 else None
        ratings = []
        if rng.random() < 0.1:
            ratings = [{"member": a, "score": rng.randint(1, 10)} for a in attendees]
        interventions.append(
            {
                "at": when,
                "offset_seconds": offset,
                "phase": index,
                "category": question["category"] if question else rng.choice(CATEGORIES),
                "text": question["text"] if question else w.sentence(names[rng.choice(attendees)]),
                "question": question["id"] if question else None,
                "members": rng.sample(attendees, min(len(attendees), rng.randrange(0, 3))),
                "response": w.sentence() if rng.random() < 0.6 else "",
                "ratings": ratings,
            }
        )
    tallies = []
    for i in range(n_tallies):
        kind = rng.choice(("question", "question", "statement", "insightful", "skill"))
        tallies.append(
            {
                "member": rng.choice(attendees),
                "kind": kind,
                "at": at((i + 0.5) / max(1, n_tallies))[0],
                "note": w.sentence() if kind == "skill" else "",
            }
        )
    feedback = [
        {
            "member": a,
            "skill": w.spice("Listening"),
            "strengths": w.sentence(names[a]),
            "suggestions": w.sentence(names[a]),
            "self_assessment": w.sentence(names[a]),
            "coach_notes": w.long(names[a]) if long_text and i == 0 else w.sentence(names[a]),
        }
        for i, a in enumerate(attendees)
        if rng.random() < 0.7
    ]
    actions = [
        {
            "id": f"{meeting_id}a{i}",
            "owner": p,
            "text": w.sentence(names.get(p, "We")),
            "due": (day + dt.timedelta(days=28)).isoformat(),
            "status": "committed",
            "report_back": "",
            "reported_in": None,
        }
        for i, p in enumerate(presenters + ([None] if rng.random() < 0.2 else []))
    ]
    learnings = [
        {
            "level": "individual",
            "member": presenters[0],
            "text": w.sentence(),
            "application": w.sentence(),
        },
        {"level": "team", "member": None, "text": w.sentence(), "application": ""},
        {
            "level": "organisation",
            "member": None,
            "text": w.sentence(),
            "application": w.sentence(),
        },
    ]
    return {
        "id": meeting_id,
        "set": f"s{s}",
        "date": day.isoformat(),
        "title": w.spice(f"{rng.choice(TOPICS).capitalize()} ({k + 1})"),
        "location": rng.choice(("Civic Centre, room 2", "Online", "Board room")),
        "planned_minutes": sum(p["minutes"] for p in template["phases"]),
        "started_at": _iso(start),
        "ended_at": _iso(clock),
        "pauses": pauses,
        "attendees": attendees,
        "presenters": presenters,
        "coach_notes": w.long("the set") if long_text else w.paragraph(),
        "phases": phases,
        "problem_statements": statements,
        "problem_polls": polls,
        "interventions": interventions,
        "tallies": tallies,
        "feedback": feedback,
        "actions": actions,
        "learnings": learnings,
    }
