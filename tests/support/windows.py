"""Opening the whole main window in a widget test, as the app does."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def build_window(qtbot, ctx):
    from alcoach.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.restore_or_open_latest()
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window
