"""The first window answers a second alcoach on its folder; QtNetwork waits for the first paint."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from alcoach.ui.shell.single_window import WindowServer
from alcoach.window_address import server_address

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


ASK = """
    import sys
    from pathlib import Path
    from alcoach.ui.shell.single_window import ask_first_window_forward
    print(ask_first_window_forward(Path(sys.argv[1])))
"""


def test_the_address_is_per_folder_and_fits_a_local_socket(tmp_path):
    assert server_address(tmp_path) == server_address(tmp_path / "." / "")
    assert server_address(tmp_path) != server_address(tmp_path / "other")
    assert len(server_address(tmp_path).encode()) < 100  # a Unix socket path has 108 bytes


def test_a_second_process_brings_a_minimised_window_forward(qtbot, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    server = WindowServer(window, tmp_path)
    assert server.listening
    with qtbot.waitSignal(server.asked_forward, timeout=20000):
        asker = _python(ASK, str(tmp_path))
    qtbot.waitUntil(lambda: asker.poll() is not None, timeout=20000)
    assert asker.stdout.read().strip() == "True", asker.stderr.read()
    assert not window.isMinimized() and window.isVisible()


def test_nobody_listening_is_a_plain_no(tmp_path):
    asker = _python(ASK, str(tmp_path))
    out, err = asker.communicate(timeout=60)
    assert out.strip() == "False", err


def test_the_window_loads_qtnetwork_only_after_its_first_paint(tmp_path):
    run = _python(
        """
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import alcoach.app as app

        loaded = {}

        def mark(label, at_ms=None):
            loaded[label] = "PySide6.QtNetwork" in sys.modules

        def listening():
            loaded["listening"] = "PySide6.QtNetwork" in sys.modules
            qt.quit()

        app.mark = mark
        qt = QApplication([])
        QTimer.singleShot(app.SERVER_DELAY_MS + 1500, listening)
        code = app.run_app(sys.argv[1])
        print(code, loaded["show"], loaded["listening"])
        """,
        str(tmp_path / "data"),
    )
    out, err = run.communicate(timeout=120)
    assert out.strip().splitlines()[-1] == "0 False True", (out, err)
