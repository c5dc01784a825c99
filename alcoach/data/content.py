"""Loading the built-in question bank and agenda templates into a database.

Each built-in item carries a stable key. Seeding inserts only keys the database has never had, so
an upgrade adds new questions but never overwrites or resurrects what the coach edited or archived.
"""

from __future__ import annotations

import json

from alcoach.data import models as m
from alcoach.resources import load_builtin_questions, load_builtin_templates


def seed_builtin_content() -> int:
    """Insert the built-in items this database has not seen; return how many were added."""
    added = 0
    with m.database_proxy.atomic():
        known_q = {
            k
            for (k,) in m.Question.select(m.Question.builtin_key)
            .where(m.Question.builtin_key.is_null(False))
            .tuples()
        }
        new_questions = [
            {
                "text": q.text,
                "category": q.category,
                "tags": "\n".join(q.tags),
                "builtin": True,
                "builtin_key": q.key,
            }
            for q in load_builtin_questions()
            if q.key not in known_q
        ]
        for start in range(0, len(new_questions), 100):
            m.Question.insert_many(new_questions[start : start + 100]).execute()
        added += len(new_questions)
        known_t = {
            k
            for (k,) in m.AgendaTemplate.select(m.AgendaTemplate.builtin_key)
            .where(m.AgendaTemplate.builtin_key.is_null(False))
            .tuples()
        }
        for template in load_builtin_templates():
            if template.key in known_t:
                continue
            phases = [
                {"name": name, "minutes": float(minutes)} for name, minutes in template.phases
            ]
            m.AgendaTemplate.create(
                name=template.name,
                phases=json.dumps(phases, ensure_ascii=False),
                builtin_key=template.key,
            )
            added += 1
    return added
