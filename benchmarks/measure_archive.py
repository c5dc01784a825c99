"""8. Archive import of the whole ten years into a fresh data folder, and export of all of it.

Import is `import_archive_file` on the generated archive (read, parse, check, write in one
transaction), as `alcoach archive import` runs it; export is `export_archive_file` from the built
database (read in one snapshot, write atomically with fsync).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import Bench, Result

NAME = "archive"
IMPORT_GOAL_S = 30.0
EXPORT_GOAL_S = 10.0


def _import_once(bench: Bench) -> float:
    from alcoach.data.archive import import_archive_file
    from alcoach.data.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="import-", dir=bench.work_root))
    try:
        store = open_store(folder)
        try:
            t0 = time.perf_counter()
            import_archive_file(bench.archive_path)
            return time.perf_counter() - t0
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(bench: Bench) -> list[Result]:
    from alcoach.data.archive import export_archive_file
    from alcoach.data.store import open_store

    reps = bench.reps(full=3, quick=2)
    imports = [_import_once(bench) for _ in range(reps)]
    exports = []
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            for i in range(reps):
                out = bench.work_root / f"export-{i}.json"
                t0 = time.perf_counter()
                export_archive_file(out)
                exports.append(time.perf_counter() - t0)
                size = out.stat().st_size / 1e6
                out.unlink()
        finally:
            store.close()
    source = bench.archive_path.stat().st_size / 1e6
    return [
        Result.of(NAME, "archive import, everything", imports, "s", goal=IMPORT_GOAL_S,
                  judged_on="median", note=f"{source:.0f} MB file into a fresh data folder"),
        Result.of(NAME, "archive export, everything", exports, "s", goal=EXPORT_GOAL_S,
                  judged_on="median", note=f"{size:.0f} MB written"),
    ]  # fmt: skip
