"""The yardstick for start-up: a bare PySide6 script that shows an empty QMainWindow and quits.

Prints `bare-window ok <ms>`: milliseconds from the process's start until the window shows and
has painted, measured the way `alcoach --startup-check` measures its own: from /proc/self/stat,
once the platform has exposed the window (Qt paints it as it is exposed).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_IMPORTED_AT = time.perf_counter()


def ms_since_process_start() -> int:
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / os.sysconf(
            "SC_CLK_TCK"
        )
        if 0 <= elapsed < 600:
            return round(elapsed * 1000)
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return round((time.perf_counter() - _IMPORTED_AT) * 1000)


def peak_rss_kb() -> int:
    """Peak resident memory so far (VmHWM), read from inside: see alcoach.app.peak_rss_kb."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def report_when_painted(app, window, word: str) -> None:
    """Print `<word> ok <ms>` and the peak RSS once the window is exposed (Qt has painted it by
    then), as `alcoach --startup-check` does; then close it and end the event loop."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        handle = window.windowHandle()
        if not window.isVisible() or handle is None or not handle.isExposed():
            QTimer.singleShot(0, check)
            return
        print(f"{word} ok {ms_since_process_start()}", flush=True)
        print(f"startup-peak-rss-kb {peak_rss_kb()}", flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, check)


def main() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(800, 600)
    window.show()
    report_when_painted(app, window, "bare-window")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
