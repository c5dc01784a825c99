"""One call that makes a data folder ready to use: open, migrate, seed the built-in content."""

from __future__ import annotations

from pathlib import Path

import peewee as pw

from alcoach.data import migrations
from alcoach.data.content import changed_fingerprint, seed_if_changed
from alcoach.data.db import (
    close_database,
    database_path,
    integrity_pending,
    integrity_problem,
    open_database,
    refuse_writes,
)
from alcoach.errors import CorruptDatabaseError


class Store:
    """An open database: its folder, its file and the peewee connection."""

    def __init__(self, data_dir: Path, db_path: Path, db: pw.SqliteDatabase) -> None:
        self.data_dir = data_dir
        self.db_path = db_path
        self.db = db

    def __repr__(self) -> str:
        return f"Store({self.db_path})"

    @property
    def integrity_pending(self) -> bool:
        """The full integrity check was deferred and is still to run (`integrity_problem`)."""
        return integrity_pending(self.db)

    def refuse_writes(self) -> None:
        """The file failed its integrity check: stop every write from now on."""
        refuse_writes(self.db)

    def close(self) -> None:
        close_database(self.db)


def open_store(
    data_dir: Path, *, defer_check: bool = False, progress: migrations.Progress | None = None
) -> Store:
    """`defer_check`: see alcoach.data.db.open_database (the window uses it to start sooner);
    `progress` hears how far a migration has got, when one runs."""
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    db = open_database(path, defer_check=defer_check, progress=progress)
    fingerprint = changed_fingerprint()
    if fingerprint is not None:
        # New built-in content is a write: on a file not checked yet, the full check comes first.
        problem = integrity_problem(path) if integrity_pending(db) else None
        if problem is not None:
            refuse_writes(db)
            close_database(db)
            raise CorruptDatabaseError(problem)
        seed_if_changed(fingerprint)
    return Store(data_dir=data_dir, db_path=path, db=db)
