"""The real main window on a data folder, offscreen, as the measures drive it."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def qt_app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(["alcoach-benchmark"])
        app.setApplicationName("alcoach")
    return app


def settle(ms: int = 0) -> None:
    """Let the window run its queued work (layouts, repaints, zero-time timers)."""
    from PySide6.QtTest import QTest

    qt_app().processEvents()
    if ms:
        QTest.qWait(ms)


@dataclass
class OpenWindow:
    window: object  # alcoach.ui.shell.main_window.MainWindow
    ctx: object  # alcoach.ui.kit.context.AppContext
    store: object  # alcoach.data.store.Store
    meeting_id: int

    def panel(self, key: str):
        return self.window.workspace.panels[key]  # type: ignore[attr-defined]


@contextmanager
def open_window(
    data_dir: Path, meeting_id: int, *, running: bool = False, ask=None
) -> Iterator[OpenWindow]:
    """A shown, active MainWindow on `data_dir` with `meeting_id` open.

    `running`: reopen the meeting first (setup, not measured), so entries take the live path of a
    meeting in progress (current phase, offset) rather than the "added afterwards" one.
    """
    from PySide6.QtTest import QTest

    from alcoach.data.meetings import reopen_meeting
    from alcoach.data.store import open_store
    from alcoach.ui.kit.context import AppContext
    from alcoach.ui.kit.tasks import wait_for_background
    from alcoach.ui.shell.main_window import MainWindow

    app = qt_app()
    store = open_store(data_dir, ask=ask)  # ask: an encrypted folder's passphrase
    window = None
    try:
        if running:
            reopen_meeting(meeting_id)
        ctx = AppContext(data_dir=store.data_dir, db_path=store.db_path)
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.open_meeting(meeting_id)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window, 5000)
        window.windowHandle().requestActivate()  # offscreen activates only when asked
        window.workspace.focus_entry()  # where the cursor sits all meeting
        QTest.qWaitForWindowActive(window, 5000)
        settle(50)
        gc.freeze()  # as alcoach.app does after the first paint: start-up's heap left alone
        yield OpenWindow(window, ctx, store, meeting_id)
    finally:
        gc.unfreeze()
        if window is not None:
            window.close()
            wait_for_background()
            window.deleteLater()
            app.processEvents()
        store.close()
