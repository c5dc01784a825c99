"""5. Search over all notes (alcoach.data.search.search_notes): words, parts of words, other
scripts, one- and two-character queries, accents typed or not; and what the search index costs
in file size (schema 4's note_text, note_trigram and note_grams against the file without them)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.common import Bench, Result

NAME = "search"
GOAL_MS = 30.0

# What a coach types into the search box: whole words, the start and the middle of words as they
# type, several words, names, words that are nowhere in the notes.
QUERIES = (
    "budget",
    "bud",
    "morale",
    "turnover",
    "turn",
    "supplier",
    "supp",
    "deadlines",
    "listened",
    "list",
    "energy",
    "real issue",
    "changed the room",
    "empty homes",
    "waiting",
    "wait",
    "merger",
    "assume",
    "constraints",
    "success",
    "statements",
    "Dana",
    "Kofi",
    "Okafor",
    "team",
    "Привет",
    "مرحبا",
    "the set kept",
    "xylophone",
    "zzz",
    "Kofi Okafor",
    "Amara Nakamura",
    "Noor Silva",
    "Привет Kofi",
    "eeting",
    "ppli",
)
# Chinese, Japanese and Korean: whole runs, words inside a longer run, and with other words.
CJK = ("你好", "日本語", "本語", "日本", "한국어", "국어", "你好 budget", "日本語 Kofi", "承运商")
# One or two characters, alone or beside a longer word: the gram index answers these.
SHORT = ("q", "IT", "th", "Li", "ok", "zq", "x", "é", "你", "IT budget", "Li Chen", "zq budget")
# Accents typed or left out, both ways, and letters NFKD leaves whole.
ACCENTED = ("Tomás", "tomas", "TOMAS", "Kalimera", "καλημερα", "Καλημέρα", "Tomás Novak", "łi")


def _timed(search, queries: tuple[str, ...], rounds: int) -> tuple[list[float], int]:
    samples: list[float] = []
    hits = 0
    for _ in range(rounds):
        for query in queries:
            t0 = time.perf_counter()
            found = search(query)
            samples.append((time.perf_counter() - t0) * 1000)
            hits += len(found)
    return samples, hits


SEARCH_TABLES = ("note_text", "note_trigram", "note_grams")


def _size_without_search(db_file: Path, work: Path) -> tuple[int, int, dict[str, int]]:
    """(bytes of the file vacuumed, bytes vacuumed after dropping the search tables, the bytes
    of each search table with its shadow tables)."""
    copy = work / "sized.db"
    shutil.copy2(db_file, copy)
    conn = sqlite3.connect(copy)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # so VACUUM rewrites the file itself
        conn.execute("VACUUM")
        with_index = copy.stat().st_size
        parts = {
            table: conn.execute(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ? OR name LIKE ?",
                (table, f"{table}_%"),
            ).fetchone()[0]
            for table in SEARCH_TABLES
        }
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search%'"
                " OR name LIKE 'note_text_%'"
            )
        ]
        for name in names:
            conn.execute(f'DROP TRIGGER "{name}"')
        for table in reversed(SEARCH_TABLES):
            conn.execute(f'DROP TABLE "{table}"')
        conn.commit()
        conn.execute("VACUUM")
        return with_index, copy.stat().st_size, parts
    finally:
        conn.close()
        copy.unlink(missing_ok=True)


def _drop_file_cache(data_dir: Path) -> None:
    """Drop the operating system's cached pages of the database's own files only (never the
    whole machine's caches on a shared machine): posix_fadvise(DONTNEED), pages being clean."""
    for name in ("alcoach.db", "alcoach.db-wal", "alcoach.db-shm"):
        path = data_dir / name
        if path.exists():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _cold_first_searches(data_dir: Path, rounds: int) -> Result:
    """A coach's first search after opening the laptop: a fresh open (SQLite's page cache
    empty), the database's pages dropped from the OS cache after the open, then one query."""
    from alcoach.data.search import search_notes
    from alcoach.data.store import open_store

    samples = []
    for n in range(rounds):
        store = open_store(data_dir)
        try:
            _drop_file_cache(data_dir)
            t0 = time.perf_counter()
            search_notes(QUERIES[n % len(QUERIES)])
            samples.append((time.perf_counter() - t0) * 1000)
        finally:
            store.close()
    return Result.of(
        NAME,
        "search notes: first query after a cold open",
        samples,
        "ms",
        note=f"{rounds} opens, one query each; the database's pages dropped from the OS cache "
        "(posix_fadvise DONTNEED) after each open, SQLite's cache empty",
    )


def measure(bench: Bench) -> list[Result]:
    from alcoach.data.search import search_notes
    from alcoach.data.store import open_store

    rounds = bench.reps(full=5, quick=2)
    rows: list[Result] = []
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            search_notes("warm")  # first query loads the index pages: not what a coach repeats
            for name, queries in (
                ("search notes (service)", QUERIES),
                ("search Chinese/Japanese/Korean", CJK),
                ("search 1-2 characters", SHORT),
                ("search accents either way", ACCENTED),
            ):
                samples, hits = _timed(search_notes, queries, rounds)
                rows.append(
                    Result.of(
                        NAME,
                        name,
                        samples,
                        "ms",
                        goal=GOAL_MS,
                        note=f"warm: after a warm-up query, {len(queries)} queries x {rounds} "
                        f"rounds, up to 50 hits each ({hits} in all)",
                    )
                )
        finally:
            store.close()
        rows.append(_cold_first_searches(data_dir, bench.reps(full=12, quick=3)))
        with_index, without, parts = _size_without_search(data_dir / "alcoach.db", data_dir)
    growth = with_index - without
    each = ", ".join(
        f"{table} {size:,} bytes ({size / 1e6:.1f} MB, {100 * size / without:.1f} %)"
        for table, size in parts.items()
    )
    rows.append(
        Result(
            NAME,
            "search index: file size",
            "MB",
            with_index / 1e6,
            with_index / 1e6,
            1,
            note=f"{with_index:,} bytes with the search tables, {without:,} without: "
            f"+{growth:,} bytes ({growth / 1e6:.1f} MB, +{100 * growth / without:.1f} %): {each}",
            extra={
                "bytes_with": with_index,
                "bytes_without": without,
                "growth_bytes": growth,
                **{f"bytes_{table}": size for table, size in parts.items()},
            },
        )
    )
    return rows
