"""5. Full-text search over all notes (alcoach.data.search.search_notes), words and prefixes."""

from __future__ import annotations

import time

from benchmarks.common import Bench, Result

NAME = "search"
GOAL_MS = 30.0

# What a coach types into the search box: whole words, prefixes as they type, two-word phrases,
# other scripts, words that are nowhere in the notes, and names (few enough matches to be ranked).
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
    "IT",
    "merger",
    "assume",
    "constraints",
    "success",
    "statements",
    "Dana",
    "Kofi",
    "Okafor",
    "team",
    "你好",
    "Привет",
    "مرحبا",
    "q",
    "th",
    "the set kept",
    "xylophone",
    "zzz",
    # narrower queries (at most RANKED_MATCHES notes match): ranked by relevance
    "Kofi Okafor",
    "Amara Nakamura",
    "Noor Silva",
    "Привет Kofi",
    "你好 budget",
)


def measure(bench: Bench) -> list[Result]:
    from alcoach.data.search import search_notes
    from alcoach.data.store import open_store

    rounds = bench.reps(full=5, quick=2)
    samples: list[float] = []
    hits = 0
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            search_notes("warm")  # first query loads the index pages: not what a coach repeats
            for _ in range(rounds):
                for query in QUERIES:
                    t0 = time.perf_counter()
                    found = search_notes(query)
                    samples.append((time.perf_counter() - t0) * 1000)
                    hits += len(found)
        finally:
            store.close()
    return [
        Result.of(
            NAME,
            "search notes (service)",
            samples,
            "ms",
            goal=GOAL_MS,
            note=f"{len(QUERIES)} queries x {rounds} rounds, up to 50 hits each ({hits} in all)",
        )
    ]
