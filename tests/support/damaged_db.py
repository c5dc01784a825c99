"""A database with some content, and damage in the middle of its file."""

from __future__ import annotations

import os
from pathlib import Path

from alcoach.data import sets
from alcoach.data.store import open_store


def _filled_database(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "data")
    programme = sets.create_programme("Riverside")
    for n in range(30):
        learning_set = sets.create_set(f"Set {n} «ü» 🌿", programme_id=programme.id)
        for k in range(6):
            sets.add_member(learning_set.id, f"Member {n}-{k} " + "x" * 200)
    store.close()
    return store.db_path


def _damage_a_page(path: Path) -> None:
    """Garbage over pages in the middle of the file; the header and the length stay right."""
    page = 4096
    data = bytearray(path.read_bytes())
    assert len(data) >= 8 * page
    middle = (len(data) // page // 2) * page
    data[middle : middle + 2 * page] = os.urandom(2 * page)
    path.write_bytes(bytes(data))
