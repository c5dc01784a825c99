"""The guard against shiboken6 6.12's leak of references to None (alcoach/ui/kit/qt_compat.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    {guard}
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    widget = QWidget()
    for _ in range({calls}):
        widget.update()  # returns nothing: the call shiboken6 6.12 leaks a None reference on
    print("survived", flush=True)
    """
)


def _run(guard: str, calls: int) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = SCRIPT.format(guard=guard, calls=calls)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_many_void_qt_calls_do_not_abort_the_app():
    # Importing alcoach.ui applies the guard, as the app, the CLI and the tests all do.
    result = _run("import alcoach.ui", calls=200_000)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_the_guard_is_idempotent():
    from alcoach.ui.kit.qt_compat import protect_none_refcount

    protect_none_refcount()  # already applied when alcoach.ui was imported
    assert protect_none_refcount() is False


def test_pyside_s_import_scan_is_quick_and_gives_the_same_answers():
    import alcoach.data.records
    import alcoach.ui.shell.main_window

    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    assert getattr(quick, "quick", False), "alcoach.ui did not install the quick scan"
    assert quick(alcoach.ui.shell.main_window) is True
    assert quick(alcoach.data.records) is False
    assert quick(sys) is False  # built in: no source, asked of PySide6's own answer

    from alcoach.ui.kit.qt_compat import quicken_feature_scan

    assert quicken_feature_scan() is False  # once is enough


def test_the_feature_scan_patch_is_skipped_on_another_pyside(monkeypatch):
    import PySide6

    from alcoach.ui.kit import qt_compat

    feature = sys.modules["shibokensupport.feature"]
    before = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", getattr(before, "__wrapped__", before))
    original = feature._mod_uses_pyside
    for version in ((6, 13, 0, "", ""), (7, 0, 0, "", ""), (6, 11, 2, "", "")):
        monkeypatch.setattr(PySide6, "__version_info__", version)
        assert qt_compat.quicken_feature_scan() is False
        assert feature._mod_uses_pyside is original
    monkeypatch.setattr(PySide6, "__version_info__", (6, 12, 1, "", ""))
    assert qt_compat.quicken_feature_scan() is True
    assert getattr(feature._mod_uses_pyside, "quick", False)
