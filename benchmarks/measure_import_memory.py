"""11. Peak memory (RSS) of an archive import, as a multiple of the archive file's size.

Each run is a fresh process (benchmarks/import_probe.py) that opens a new data folder, imports
the file as `alcoach archive import` does and reads its own VmHWM. Two archives: the generated
ten years (version 1) and their export (version 2, with a uid and a time on every record). The
yardstick in the same run: a process that only json.load-s the version-2 file, what any import
that parses the whole document first must pay.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Bench, Result

NAME = "import_memory"
GOAL_RATIO = 5.0
_LINE = re.compile(r"import-probe ok (\d+) (\d+) ([\d.]+)")


def _probe(bench: Bench, mode: str, archive: Path) -> tuple[float, float]:
    """(peak RSS / file size, seconds) of one fresh process."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    folder = Path(tempfile.mkdtemp(prefix="import-memory-", dir=bench.work_root))
    try:
        command = [sys.executable, "-m", "benchmarks.import_probe", mode, str(archive),
                   str(folder / "data")]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=root,
                              timeout=600)  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    found = _LINE.search(done.stdout)
    if found is None:
        raise RuntimeError(f"the import probe failed: {done.stdout} {done.stderr[-400:]}")
    return int(found.group(1)) * 1024 / archive.stat().st_size, float(found.group(3))


def measure(bench: Bench) -> list[Result]:
    from alcoach.data.archive import export_archive_file
    from alcoach.data.store import open_store

    reps = bench.reps(full=3, quick=1)
    version_2 = bench.work_root / "ten-years-v2.json"
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            export_archive_file(version_2)
        finally:
            store.close()
    rows = []
    for label, archive in (("version 1", bench.archive_path), ("version 2", version_2)):
        runs = [_probe(bench, "import", archive) for _ in range(reps)]
        size = archive.stat().st_size / 1e6
        rows.append(Result.of(
            NAME, f"archive import peak RSS, {label}", [r[0] for r in runs], "x",
            goal=GOAL_RATIO, judged_on="max",
            note=f"VmHWM / file size, {size:.0f} MB file; import {min(r[1] for r in runs):.1f} s",
        ))  # fmt: skip
    loads = [_probe(bench, "json-load", version_2)[0] for _ in range(reps)]
    rows.append(Result.of(NAME, "json.load alone, version 2 (yardstick)", loads, "x",
                          note="what parsing the whole document first costs"))  # fmt: skip
    version_2.unlink(missing_ok=True)
    return rows
