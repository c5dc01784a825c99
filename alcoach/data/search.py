"""Full-text search over every note (SQLite FTS5, kept current by triggers)."""

from __future__ import annotations

import re

from alcoach.data import models as m
from alcoach.data.records import SearchHit

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn what the coach typed into a safe FTS5 query: every word, the last one as a prefix."""
    words = _TOKEN.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_notes(text: str, *, limit: int = 50) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    sql = """
        SELECT n.rowid, n.source, n.meeting_id,
               snippet(note_index, 0, '[', ']', '…', 12) AS snip,
               mt.date, mt.title, s.name
        FROM note_index AS n
        JOIN meeting AS mt ON mt.id = n.meeting_id
        JOIN learning_set AS s ON s.id = mt.learning_set_id
        WHERE note_index MATCH ?
        ORDER BY rank
        LIMIT ?
    """
    hits = []
    for rowid, source, meeting_id, snip, date, title, set_name in m.database_proxy.execute_sql(
        sql, (query, limit)
    ):
        label = f"{date}" + (f" — {title}" if title else "")
        hits.append(
            SearchHit(
                meeting_id=int(meeting_id),
                source=source,
                source_id=int(rowid) // 8,
                snippet=" ".join(snip.split()),
                meeting_label=label,
                set_name=set_name,
            )
        )
    return hits
