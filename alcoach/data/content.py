"""Loading the built-in question bank and agenda templates into a database.

Each built-in item carries a stable key. Seeding inserts only keys the database has never had, so
an upgrade adds new questions but never overwrites or resurrects what the coach edited or archived.

Every open calls `seed_if_changed()`: when the packaged content files are the ones this database
was last seeded from (a fingerprint kept in its settings) it is one settings read; otherwise the
full seeding runs and the new fingerprint is kept.
"""

from __future__ import annotations

import hashlib
import json

from alcoach.data import models as m
from alcoach.data.hlc import SEED_STAMP, stamp_time
from alcoach.data.record_spec import builtin_uid
from alcoach.data.settings import get_setting, set_setting
from alcoach.resources import load_builtin_questions, load_builtin_templates, resource_path

KEY_CONTENT_FINGERPRINT = "content.fingerprint"
CONTENT_FILES = ("questions.json", "agenda_templates.json")


def content_fingerprint() -> str:
    """A hash of the packaged content files as shipped (read as bytes, not parsed)."""
    digest = hashlib.sha256()
    for name in CONTENT_FILES:
        digest.update(resource_path("content", name).read_bytes())
    return digest.hexdigest()


def changed_fingerprint() -> str | None:
    """The packaged content's fingerprint when this database was not seeded from it, else None."""
    fingerprint = content_fingerprint()
    return None if get_setting(KEY_CONTENT_FINGERPRINT) == fingerprint else fingerprint


def seed_if_changed(fingerprint: str | None = None) -> int:
    """Seed when the packaged content differs from what this database was seeded from
    (`fingerprint`: from changed_fingerprint(), when the caller asked already)."""
    fingerprint = fingerprint or changed_fingerprint()
    if fingerprint is None:
        return 0
    with m.database_proxy.atomic():
        added = seed_builtin_content()
        set_setting(KEY_CONTENT_FINGERPRINT, fingerprint)
    return added


# Built-in content as seeded carries the oldest stamp there is, the same on every laptop: two
# laptops that seeded the bank apart agree on it, and any change the coach makes wins.
SEEDED = {"hlc": SEED_STAMP, "updated_at": stamp_time(SEED_STAMP)}


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
                "uid": builtin_uid("question", q.key),  # the same on every laptop
                **SEEDED,
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
            m.AgendaTemplate.insert(
                name=template.name,
                phases=json.dumps(phases, ensure_ascii=False),
                builtin_key=template.key,
                uid=builtin_uid("agenda_template", template.key),
                **SEEDED,
            ).execute()
            added += 1
    return added
