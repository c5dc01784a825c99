"""Run as a fresh process: import an archive file into a new data folder (as `alcoach archive
import` does), or only json.load it (the yardstick), and print the process's peak RSS (VmHWM),
in kB, before and after, and the seconds the work took.

    python -m benchmarks.import_probe import|json-load ARCHIVE DATA_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.memory_probe import status_kb


def main(argv: list[str]) -> int:
    mode, archive_path, data_dir = argv[0], Path(argv[1]), Path(argv[2])
    from alcoach.data.archive import import_archive_file
    from alcoach.data.store import open_store

    store = open_store(data_dir)
    before = status_kb("VmHWM")
    t0 = time.perf_counter()
    try:
        if mode == "import":
            import_archive_file(archive_path)
        else:
            import json

            json.loads(archive_path.read_bytes())
    finally:
        store.close()
    took = time.perf_counter() - t0
    print(f"import-probe ok {status_kb('VmHWM')} {before} {took:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
