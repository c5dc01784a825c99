"""Finding a version-1 archive's records here by what they hold (version 1 has no uids): a
programme or set by its name, a member by name in its set, a question by its text and category
(a built-in one by its key first), an agenda template by its name and phases, a meeting as a
whole by its set, date and start (or its title, when it never started). What is found is left as
it is here; its uid links the archive's other records to it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from alcoach.data import models as m


def _first(query: Any) -> str | None:
    row = query.first()
    return None if row is None else row.uid


class V1Match:
    def __init__(self) -> None:
        self._meetings: dict[tuple, str] | None = None
        self._questions: dict[str, dict[Any, str]] | None = None

    def programme(self, name: str) -> str | None:
        P = m.Programme
        return _first(P.select(P.uid).where(P.name == name).order_by(P.id))

    def set(self, name: str) -> str | None:
        S = m.LearningSet
        return _first(S.select(S.uid).where(S.name == name).order_by(S.id))

    def member(self, set_uid: str, name: str) -> str | None:
        M, S = m.Member, m.LearningSet
        query = M.select(M.uid).join(S).where(S.uid == set_uid, M.name == name).order_by(M.id)
        return _first(query)

    def erased(self, set_uid: str, name: str) -> bool:
        """Whether a member of this name was erased from the set here (keyed hash)."""
        from alcoach.data.erasure import is_erased_name

        found = m.LearningSet.get_or_none(m.LearningSet.uid == set_uid)
        return found is not None and is_erased_name(found.id, name)

    def question(self, q: dict[str, Any], key: str | None) -> str | None:
        if self._questions is None:
            index: dict[str, dict[Any, str]] = {"keys": {}, "builtin": {}, "any": {}}
            Q = m.Question
            query = Q.select(Q.uid, Q.text, Q.category, Q.builtin, Q.builtin_key)
            for uid, text, category, builtin, builtin_key in query.order_by(
                Q.builtin, Q.id.desc()
            ).tuples():
                if builtin_key is not None:
                    index["keys"][builtin_key] = uid
                if builtin:
                    index["builtin"].setdefault((text, category), uid)
                index["any"][(text, category)] = uid  # built-in ones win the key
            self._questions = index
        found = self._questions
        text_key = (q["text"], q["category"])
        if q.get("builtin"):
            return found["keys"].get(key) or found["builtin"].get(text_key)
        return found["any"].get(text_key)

    def raise_question(self, uid: str, favourite: bool, uses: int) -> bool:
        """Raise a question found here to what the archive says; True when it changed."""
        Q = m.Question
        row = Q.select(Q.favourite, Q.uses).where(Q.uid == uid).dicts().get()
        raised = {"favourite": row["favourite"] or favourite, "uses": max(row["uses"], uses)}
        if raised == row:
            return False
        Q.update(**raised).where(Q.uid == uid).execute()
        return True

    def template(self, name: str, phases: list[dict[str, Any]], key: str | None) -> bool:
        T = m.AgendaTemplate
        if key and T.select().where(T.builtin_key == key).exists():
            return True
        wanted = [(p["name"], float(p["minutes"])) for p in phases]
        for (stored,) in T.select(T.phases).where(T.name == name).tuples():
            if [(p["name"], float(p["minutes"])) for p in json.loads(stored)] == wanted:
                return True
        return False

    def meeting(
        self, set_uid: str, date: dt.date, started: dt.datetime | None, title: str
    ) -> str | None:
        if self._meetings is None:
            mt, s = m.Meeting, m.LearningSet
            query = mt.select(mt.uid, s.uid, mt.date, mt.started_at, mt.title).join(s)
            self._meetings = {}
            for uid, set_of, day, start, name in query.order_by(mt.id).tuples():
                self._meetings.setdefault(_key(set_of, day, start, name), uid)
        return self._meetings.get(_key(set_uid, date, started, title))


def _key(set_uid: str, date: dt.date, started: dt.datetime | None, title: str) -> tuple:
    return (set_uid, date, started) if started is not None else (set_uid, date, None, title)
