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


# Ranking (bm25) costs time for every matching note: over ten years of notes a broad word or a
# one-letter prefix matches tens of thousands, longer than a keystroke. Up to this many matches
# are ranked by relevance; a broader query lists the newest notes first, which FTS5 reads in index
# order and stops after `limit`.
RANKED_MATCHES = 1000

_SELECT = """
    SELECT n.rowid, n.source, n.meeting_id, n.snip, mt.date, mt.title, s.name
    FROM (
        SELECT rowid, source, meeting_id, {key} AS ord,
               snippet(note_index, 0, '[', ']', '…', 12) AS snip
        FROM note_index WHERE note_index MATCH ? ORDER BY {order} LIMIT ?
    ) AS n
    JOIN meeting AS mt ON mt.id = n.meeting_id
    JOIN learning_set AS s ON s.id = mt.learning_set_id
    ORDER BY n.ord
"""


def _many_matches(query: str) -> bool:
    sql = "SELECT count(*) FROM (SELECT 1 FROM note_index WHERE note_index MATCH ? LIMIT ?)"
    (count,) = m.database_proxy.execute_sql(sql, (query, RANKED_MATCHES + 1)).fetchone()
    return count > RANKED_MATCHES


def search_notes(text: str, *, limit: int = 50) -> list[SearchHit]:
    """Notes holding every word typed (the last as a prefix): the most relevant first, or the
    newest first when more than RANKED_MATCHES notes match."""
    query = fts_query(text)
    if query is None:
        return []
    # The single-table inner query lets FTS5 sort by rank (or rowid) itself and make snippets for
    # the `limit` rows kept only; newest = highest rowid (record id * 8 + source code).
    if _many_matches(query):
        sql = _SELECT.format(key="-rowid", order="rowid DESC")
    else:
        sql = _SELECT.format(key="rank", order="rank")
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
