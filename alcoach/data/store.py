"""One call that makes a data folder ready to use: open, migrate, seed the built-in content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from alcoach.data.content import seed_builtin_content
from alcoach.data.db import close_database, database_path, open_database


@dataclass
class Store:
    data_dir: Path
    db_path: Path
    db: pw.SqliteDatabase

    def close(self) -> None:
        close_database(self.db)


def open_store(data_dir: Path) -> Store:
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    db = open_database(path)
    seed_builtin_content()
    return Store(data_dir=data_dir, db_path=path, db=db)
