"""Facts about a data folder the measures need, read through a separate read-only connection."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def _connect(data_dir: Path) -> sqlite3.Connection:
    uri = f"{(Path(data_dir) / 'alcoach.db').resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True)


def newest_meeting(data_dir: Path) -> int:
    """The newest meeting: the one the window opens on a coach's folder (every meeting but the
    longest has the generator's usual size)."""
    with closing(_connect(data_dir)) as conn:
        return int(
            conn.execute("SELECT id FROM meeting ORDER BY date DESC, id DESC LIMIT 1").fetchone()[0]
        )


def set_of(data_dir: Path, meeting_id: int) -> tuple[int, int]:
    """(set id, its number of meetings) of the meeting's set."""
    sql = """
        SELECT mt.learning_set_id, (SELECT count(*) FROM meeting o
                                    WHERE o.learning_set_id = mt.learning_set_id)
        FROM meeting mt WHERE mt.id = ?
    """
    with closing(_connect(data_dir)) as conn:
        set_id, count = conn.execute(sql, (meeting_id,)).fetchone()
    return int(set_id), int(count)


def longest_meeting(data_dir: Path) -> int:
    """The meeting with the most interventions and tallies (the newest of equals)."""
    sql = """
        SELECT mt.id,
               (SELECT count(*) FROM intervention i WHERE i.meeting_id = mt.id)
             + (SELECT count(*) FROM tally t WHERE t.meeting_id = mt.id) AS size
        FROM meeting mt ORDER BY size DESC, mt.date DESC, mt.id DESC LIMIT 1
    """
    with closing(_connect(data_dir)) as conn:
        return int(conn.execute(sql).fetchone()[0])


def longest_set(data_dir: Path) -> tuple[int, int]:
    """(set id, its number of meetings) for the set with the most meetings."""
    sql = """
        SELECT learning_set_id, count(*) FROM meeting
        GROUP BY learning_set_id ORDER BY 2 DESC, 1 LIMIT 1
    """
    with closing(_connect(data_dir)) as conn:
        set_id, count = conn.execute(sql).fetchone()
    return int(set_id), int(count)


def count_rows(data_dir: Path, table: str, meeting_id: int | None = None) -> int:
    """Rows of a table as a second connection sees them: what has been committed."""
    if not table.isidentifier():
        raise ValueError(table)
    with closing(_connect(data_dir)) as conn:
        if meeting_id is None:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        return int(
            conn.execute(
                f"SELECT count(*) FROM {table} WHERE meeting_id = ?", (meeting_id,)
            ).fetchone()[0]
        )
