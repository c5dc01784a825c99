"""A label and an indeterminate bar at the right of the status bar while background work runs."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar


class BusyIndicator:
    """Shown while at least one piece of work is running; `name` names its widgets
    (`<name>_progress_label`, `<name>_progress`) for tests and style sheets."""

    def __init__(self, window: QMainWindow, name: str) -> None:
        self._running = 0
        self.label = QLabel()
        self.label.setObjectName(f"{name}_progress_label")
        # readable while the window is paused (disabled): the one thing that says what goes on
        palette = self.label.palette()
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            normal = palette.color(QPalette.ColorGroup.Active, role)
            palette.setColor(QPalette.ColorGroup.Disabled, role, normal)
        self.label.setPalette(palette)
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}_progress")
        self.bar.setRange(0, 0)  # indeterminate: the work has no steps worth counting
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        status = window.statusBar()
        status.addPermanentWidget(self.label)
        status.addPermanentWidget(self.bar)
        self._show(False)

    @property
    def running(self) -> int:
        return self._running

    def start(self, text: str) -> None:
        self._running += 1
        self.label.setText(text)
        self._show(True)

    def say(self, text: str) -> None:
        self.label.setText(text)

    def done(self) -> None:
        self._running = max(0, self._running - 1)
        self._show(self._running > 0)

    def _show(self, busy: bool) -> None:
        self.label.setVisible(busy)
        self.bar.setVisible(busy)
