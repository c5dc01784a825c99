"""Search every note for what the coach typed: any part of a word, in any script, accents and
case ignored (schema version 4: alcoach/data/schema/v004_search_tables.sql).

Each word typed (split at spaces, folded as the notes are: alcoach.data.search_fold) must occur
in the note. Words of three characters or more are looked up in the trigram index, shorter ones
in the gram index (a token per character and per pair of characters); both only narrow, and
every candidate's folded text is checked for every word, so a hit always holds them all.
Up to SORTED_MATCHES hits are listed by their meeting's date, newest first; a broader query lists
the notes last written first (the indexes' order, which stops after `limit`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from alcoach.data import models as m
from alcoach.data.records import SearchHit
from alcoach.data.search_fold import fold, gram_token
from alcoach.data.search_snippet import make_snippet

SORTED_MATCHES = 200
# A short word with at most this many notes holding it leads the search; else the long words do.
SHORT_WORD_LEAD = 5000
_TRIGRAMS_PER_WORD = 6
_MAX_TERMS = 48
_MAX_QUERY = 1000  # characters of a query looked at: a pasted page is not a search

# Source code (rowid % 8) -> (table, the note's text as SQL), as the triggers fold it.
NOTE_TEXT = {
    1: ("intervention", "text || char(10) || response"),
    2: ("problem_statement", "text"),
    3: (
        "feedback",
        "skill || char(10) || strengths || char(10) || suggestions || char(10) "
        "|| self_assessment || char(10) || coach_notes",
    ),
    4: ("action", "text || char(10) || report_back"),
    5: ("learning", "text || char(10) || application"),
    6: ("meeting", "title || char(10) || location || char(10) || coach_notes"),
}


def _strip_punctuation(word: str) -> str:
    """A word without the punctuation around it ("(budget)," -> "budget"); a word that is all
    punctuation stays as typed, so '*' or '"' can be searched for."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end] or word


def query_words(text: str) -> list[str]:
    """The folded words of a query, longest first, without one that another word contains."""
    words = {_strip_punctuation(w) for w in fold(text[:_MAX_QUERY]).split()}
    kept: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        if not any(word in longer for longer in kept):
            kept.append(word)
    return kept


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _trigram_query(words: list[str]) -> str:
    terms: list[str] = []
    for word in words:
        count = len(word) - 2
        step = max(1, -(-count // _TRIGRAMS_PER_WORD))
        picks = list(range(0, count, step))
        if picks[-1] != count - 1:
            picks.append(count - 1)  # the first and the last trigram, and some between
        for at in picks:
            term = _quoted(word[at : at + 3])
            if term not in terms:
                terms.append(term)
    return " AND ".join(terms[:_MAX_TERMS])


def _gram_query(words: list[str]) -> str:
    return " AND ".join(_quoted(gram_token(w)) for w in words)


_SQL_CHECKED = 32  # words checked by SQLite's instr(); any further ones in Python


def _checks(words: list[str]) -> tuple[str, list[str]]:
    """SQL conditions that the folded text holds each word, and their parameters."""
    checked = words[:_SQL_CHECKED]
    return "".join(" AND instr(n.folded, ?) > 0" for _ in checked), checked


def _candidates(long_words: list[str], short_words: list[str], enough: int) -> list[tuple]:
    """(rowid, meeting id, folded text) of up to `enough` notes holding (the first
    _SQL_CHECKED of) the words, last written first."""
    db = m.database_proxy
    if not long_words:  # the gram index is exact for one or two characters
        return db.execute_sql(
            "SELECT g.rowid, n.meeting_id, n.folded FROM note_grams AS g "
            "JOIN note_text AS n ON n.id = g.rowid "
            "WHERE note_grams MATCH ? ORDER BY g.rowid DESC LIMIT ?",
            (_gram_query(short_words), enough),
        ).fetchall()
    checks, params = _checks(long_words + short_words)
    if short_words:
        lead = db.execute_sql(
            "SELECT rowid FROM note_grams WHERE note_grams MATCH ? ORDER BY rowid DESC LIMIT ?",
            (_gram_query(short_words), SHORT_WORD_LEAD + 1),
        ).fetchall()
        if len(lead) <= SHORT_WORD_LEAD:  # a rare short word: its notes are few to check
            found: list[tuple] = []
            for at in range(0, len(lead), 500):
                chunk = [r for (r,) in lead[at : at + 500]]
                found += db.execute_sql(
                    "SELECT n.id, n.meeting_id, n.folded FROM note_text AS n "
                    f"WHERE n.id IN ({', '.join('?' * len(chunk))}){checks} ORDER BY n.id DESC",
                    [*chunk, *params],
                ).fetchall()
                if len(found) >= enough:
                    break
            return found[:enough]
    return db.execute_sql(
        "SELECT t.rowid, n.meeting_id, n.folded FROM note_trigram AS t "
        "JOIN note_text AS n ON n.id = t.rowid "
        f"WHERE note_trigram MATCH ?{checks} ORDER BY t.rowid DESC LIMIT ?",
        (_trigram_query(long_words), *params, enough),
    ).fetchall()


def _matching(words: list[str], enough: int) -> list[tuple[int, int]]:
    """(rowid, meeting id) of up to `enough` notes holding every word, last written first."""
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    rest = words[_SQL_CHECKED:]
    while True:
        rows = _candidates(long_words, short_words, enough)
        found = [(r, mid) for r, mid, folded in rows if all(w in folded for w in rest)]
        if len(found) >= enough or len(rows) < enough or not rest:
            return found[:enough]
        enough *= 4  # words past the SQL's checks turned some down: look further


def search_notes(text: str, *, limit: int = 50) -> list[SearchHit]:
    """Notes holding every word typed (any part of a word, accents and case ignored), the
    newest meeting's first, each with the text around its first match marked."""
    words = query_words(text or "")
    if not words or limit <= 0:
        return []
    found = _matching(words, SORTED_MATCHES + 1)
    meetings = _meetings({meeting_id for _, meeting_id in found})
    if len(found) <= SORTED_MATCHES:
        found.sort(key=lambda hit: (meetings[hit[1]][0], hit[1], hit[0]), reverse=True)
    chosen = found[:limit]
    texts = _note_texts(rowid for rowid, _ in chosen)
    hits = []
    for rowid, meeting_id in chosen:
        date, title, set_name = meetings[meeting_id]
        snippet, marks = make_snippet(texts.get(rowid, ""), words)
        hits.append(
            SearchHit(
                meeting_id=int(meeting_id),
                source=NOTE_SOURCES[rowid % 8],
                source_id=rowid // 8,
                snippet=snippet,
                meeting_label=str(date) + (f" — {title}" if title else ""),
                set_name=set_name,
                marks=marks,
                meeting_date=dt.date.fromisoformat(str(date)[:10]),
            )
        )
    return hits


NOTE_SOURCES = {
    1: "intervention",
    2: "problem",
    3: "feedback",
    4: "action",
    5: "learning",
    6: "meeting",
}


def _meetings(ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """Meeting id -> (date, title, set name)."""
    found: dict[int, tuple[str, str, str]] = {}
    listed = list(ids)
    for at in range(0, len(listed), 500):
        chunk = listed[at : at + 500]
        marks = ", ".join("?" * len(chunk))
        for meeting_id, date, title, set_name in m.database_proxy.execute_sql(
            "SELECT mt.id, mt.date, mt.title, s.name FROM meeting AS mt "
            f"JOIN learning_set AS s ON s.id = mt.learning_set_id WHERE mt.id IN ({marks})",
            chunk,
        ):
            found[meeting_id] = (str(date), title or "", set_name)
    return found


def _note_texts(rowids: Iterable[int]) -> dict[int, str]:
    """rowid -> the note's original text, read from its own table."""
    by_source: dict[int, list[int]] = {}
    for rowid in rowids:
        by_source.setdefault(rowid % 8, []).append(rowid // 8)
    texts: dict[int, str] = {}
    for code, ids in by_source.items():
        table, body = NOTE_TEXT[code]
        marks = ", ".join("?" * len(ids))
        for row_id, text in m.database_proxy.execute_sql(
            f'SELECT id, {body} FROM "{table}" WHERE id IN ({marks})', ids
        ):
            texts[row_id * 8 + code] = text or ""
    return texts
