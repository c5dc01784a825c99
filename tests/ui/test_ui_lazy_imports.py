"""What the window does not load at start-up: the export worker, the message box helper, the busy
bars, the search's results list. The commands of File > Export and File > Data load (or make) them
when first used, the search its list at the first search."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QProgressBar
from windows import build_window

ROOT = Path(__file__).resolve().parents[2]
LATER = (
    "alcoach.ui.printing.export_worker",
    "alcoach.ui.kit.notice",
    "alcoach.ui.printing.export_dialog",
    "alcoach.ui.kit.bundled_fonts",
    "alcoach.ui.shell.search_results",  # the search's list waits for the first search
    "alcoach.data.search",
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_importing_the_main_window_leaves_the_export_worker_for_later():
    run = _run(
        f"""
        import sys
        import alcoach.ui.shell.main_window
        print(sorted(m for m in {LATER!r} if m in sys.modules))
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_building_the_main_window_leaves_the_export_worker_for_later(tmp_path):
    run = _run(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication, QProgressBar
        from alcoach.data.store import open_store
        from alcoach.ui.kit.context import AppContext
        from alcoach.ui.shell.main_window import MainWindow

        app = QApplication([])
        store = open_store(Path({str(tmp_path / "data")!r}))
        window = MainWindow(AppContext(data_dir=store.data_dir, db_path=store.db_path))
        window.restore_or_open_latest()
        print(sorted(m for m in {LATER!r} if m in sys.modules))
        print(len(window.statusBar().findChildren(QProgressBar)))
        window.close()
        store.close()
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["[]", "0"]


def test_the_kinds_and_the_request_are_still_importable_from_the_worker():
    from alcoach.ui.printing import export_actions, export_worker

    for name in ("BLANK", "FEEDBACK", "KIND_NAMES", "MEETING", "SET_REPORT"):
        assert getattr(export_worker, name) is getattr(export_actions, name)
    request = export_worker.ExportRequest(export_worker.SET_REPORT, 7, Path("r.pdf"))
    assert request.page_size == "A4" and request.password is None
    assert not (request.include_private_notes or request.per_member or request.open_when_done)
    assert request.date_from is None and request.date_to is None
    assert request.label == "set progress report"
    assert request._replace(page_size="Letter").options().page_size == "Letter"


def test_the_worker_and_the_busy_bars_are_made_on_first_use(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    export, data = window.export_actions, window.data_actions
    assert export._worker is None and data._busy is None
    assert window.statusBar().findChildren(QProgressBar) == []

    worker = export.worker
    assert export.worker is worker and worker.parent() is export.window
    busy = data.busy
    assert data.busy is busy
    bars = window.statusBar().findChildren(QProgressBar)
    assert {bar.objectName() for bar in bars} == {"export_progress", "data_progress"}
    assert not any(bar.isVisible() for bar in bars)
    assert not worker.busy and busy.running == 0


def test_the_bundled_fonts_reach_qt_after_the_first_paint(tmp_path):
    """The PDFs' fonts (CJK included) are given to Qt once the window has been drawn."""
    run = _run(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QApplication
        from alcoach.data.store import open_store
        from alcoach.ui.kit.context import AppContext
        from alcoach.ui.shell.main_window import MainWindow

        app = QApplication([])
        store = open_store(Path({str(tmp_path / "data")!r}))
        window = MainWindow(AppContext(data_dir=store.data_dir, db_path=store.db_path))
        window.restore_or_open_latest()
        print("before", "alcoach.ui.kit.bundled_fonts" in sys.modules)
        window.first_painted.connect(lambda: QTimer.singleShot(50, app.quit))
        window.show()
        QTimer.singleShot(5000, app.quit)
        app.exec()
        from alcoach.ui.kit import bundled_fonts
        print("after", "WenQuanYi Micro Hei" in (bundled_fonts._registered or []))
        print("qt", "WenQuanYi Micro Hei" in QFontDatabase.families())
        window.close()
        store.close()
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["before", "False", "after", "True", "qt", "True"]
