"""The guard against shiboken6 6.12's leak of references to True (see alcoach/ui/kit/qt_compat.py):
every emission of an argument-less signal to a Python slot takes one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    {guard}
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Bus(QObject):
        saved = Signal()  # argument-less, like the window's bus.saved and sets_changed

    app = QCoreApplication([])
    bus = Bus()
    bus.saved.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range({emits}):
        bus.saved.emit()
    print("survived", before - sys.getrefcount(True), flush=True)
    """
)


def _run(guard: str, emits: int) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = SCRIPT.format(guard=guard, emits=emits)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_many_argument_less_signals_do_not_abort_the_app():
    result = _run("import alcoach.ui", emits=50_000)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_the_bool_guard_is_idempotent():
    from alcoach.ui.kit.qt_compat import protect_bool_refcounts

    protect_bool_refcounts()  # already applied when alcoach.ui was imported
    assert protect_bool_refcounts() is False
