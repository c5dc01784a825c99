"""Run as a fresh process: the app's window on a data folder with one meeting shown, then print
the process's peak RSS (VmHWM) and current RSS from /proc/self/status, in kB.

    python -m benchmarks.memory_probe DATA_DIR MEETING_ID
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def main(argv: list[str]) -> int:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from alcoach.data.store import open_store

    data_dir, meeting_id = Path(argv[0]), int(argv[1])
    app = QApplication(["alcoach"])
    store = open_store(data_dir)
    from alcoach.ui.kit.context import AppContext
    from alcoach.ui.shell.main_window import MainWindow

    ctx = AppContext(data_dir=store.data_dir, db_path=store.db_path)
    window = MainWindow(ctx)
    window.restore_or_open_latest()
    window.open_meeting(meeting_id)
    window.show()
    QTest.qWaitForWindowExposed(window, 5000)
    QTest.qWait(500)  # let every panel lay out and paint the meeting
    if window.current_meeting_id != meeting_id:
        print(f"memory-probe failed: meeting {window.current_meeting_id} is shown", flush=True)
        return 2
    print(f"memory-probe ok {status_kb('VmHWM')} {status_kb('VmRSS')}", flush=True)
    window.close()
    store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
