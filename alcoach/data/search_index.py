"""The notes an archive import writes, indexed for search after the import instead of one by one.

Each note table's insert and update triggers fold the note and index it as it is written (see
schema/v004_search_triggers.sql). An import of ten years writes 90,000 notes; folding each in a
trigger, with the statement it is written in, took about 11 s of a 30 s import on a small laptop.
`indexing_after` swaps those triggers, for the transaction, for ones that only mark the note, and
at the end folds the marked notes in batches and writes them into note_text and its two indexes
(a statement a batch, not a trigger a note). Deletions keep their triggers. If the import fails,
the transaction's rollback puts everything back as it was, the triggers too (SQLite's schema
changes are transactional).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw

from alcoach.data.migrations import V4_NOTES
from alcoach.data.search_fold import fold, grams

_BATCH = 5_000


@contextmanager
def indexing_after(db: pw.SqliteDatabase) -> Iterator[None]:
    """Inside a transaction: notes written meanwhile are folded and indexed on leaving."""
    if not db.in_transaction():
        raise RuntimeError("indexing_after needs a transaction: its triggers come back at its end")
    triggers = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND (name GLOB '*_search_a[iu]' OR name = 'note_text_ai')"
    ).fetchall()
    for name, _ in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    db.execute_sql("CREATE TEMP TABLE search_pending (id INTEGER PRIMARY KEY)")
    for table, code, *_ in V4_NOTES:
        for event in ("INSERT", "UPDATE"):
            db.execute_sql(
                f'CREATE TEMP TRIGGER "{table}_search_pending_{event.lower()}" AFTER {event} '
                f'ON main."{table}" BEGIN '
                f"INSERT OR IGNORE INTO search_pending (id) VALUES (new.id * 8 + {code}); END"
            )
    yield  # an exception leaves all this to the transaction's rollback
    _index_pending(db)
    for table, *_ in V4_NOTES:
        for event in ("insert", "update"):
            db.execute_sql(f'DROP TRIGGER temp."{table}_search_pending_{event}"')
    db.execute_sql("DROP TABLE temp.search_pending")
    for _, sql in triggers:
        db.execute_sql(sql)


def _index_pending(db: pw.SqliteDatabase) -> None:
    for table, code, source, body, meeting in V4_NOTES:
        last = 0
        while True:
            rows = db.execute_sql(
                # CROSS JOIN: the pending marks are the outer loop, each note found by its id
                f"SELECT p.id, t.{meeting}, {body} FROM temp.search_pending AS p "
                f'CROSS JOIN "{table}" AS t ON t.id = p.id / 8 '
                "WHERE p.id % 8 = ? AND p.id > ? ORDER BY p.id LIMIT ?",
                (code, last, _BATCH),
            ).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            cursor = db.cursor()
            # a note that was here before the import: its old entry goes (note_text's delete
            # trigger takes it out of the indexes), the new one comes
            cursor.executemany("DELETE FROM note_text WHERE id = ?", [(row[0],) for row in rows])
            notes = [(note_id, source, mid, fold(text)) for note_id, mid, text in rows]
            cursor.executemany(
                "INSERT INTO note_text (id, source, meeting_id, folded) VALUES (?, ?, ?, ?)", notes
            )
            # what note_text's insert trigger does, here for the whole batch: written from that
            # trigger, one row at a time, an import's 90,000 notes took four times as long
            cursor.executemany(
                "INSERT INTO note_trigram (rowid, folded) VALUES (?, ?)",
                [(note[0], note[3]) for note in notes],
            )
            cursor.executemany(
                "INSERT INTO note_grams (rowid, grams) VALUES (?, ?)",
                [(note[0], grams(note[3])) for note in notes],
            )
