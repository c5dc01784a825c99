"""Keeps the main window on its screen: never wider or taller than the screen's free area.

On show, on a move to another screen, when the screen's free area changes, and whenever the
window's layout asks for more room, the window is checked: if what its widgets need is wider
than the screen, the side panes fold away (navigator first, then the question bank; each comes
back with its key), and the window's frame is clamped into the free area. A pane the coach has
just brought back by its key folds last; if even then it does not fit beside the notes, it
floats over the window instead of widening it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


def free_area(window: QWidget) -> QRect:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def _frame_extra(window: QWidget) -> tuple[int, int]:
    frame, inner = window.frameGeometry(), window.geometry()
    return frame.width() - inner.width(), frame.height() - inner.height()


def fold_until_fits(window: QMainWindow, panes: Sequence[QWidget], area: QRect) -> list[QWidget]:
    """Hide panes in the order given while the window's minimum is wider than `area`."""
    extra_w, _ = _frame_extra(window)
    folded = []
    for pane in panes:
        if window.minimumSizeHint().width() + extra_w <= area.width():
            break
        if pane.isVisible():
            pane.hide()
            folded.append(pane)
    return folded


def float_inside(pane: QDockWidget, area: QRect) -> None:
    """Float the pane at the right of `area`, as tall as most of it."""
    pane.setFloating(True)
    width = min(max(pane.minimumSizeHint().width(), 300), area.width())
    height = area.height() * 4 // 5
    pane.setGeometry(area.right() + 1 - width, area.top() + area.height() // 10, width, height)
    pane.show()
    pane.raise_()


def clamp_to(window: QWidget, area: QRect) -> None:
    """Resize and move the window so its frame lies inside `area` (a maximised one is left)."""
    if window.isMaximized() or window.isFullScreen():
        return
    extra_w, extra_h = _frame_extra(window)
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)


class ScreenFit(QObject):
    """Installed on the main window by `install_screen_fit`; `check()` runs the whole fit."""

    def __init__(self, window: QMainWindow, panes: Sequence[QWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._panes = list(panes)
        self._screen: QScreen | None = None
        self._pending = False
        self._last_shown: QWidget | None = None
        for pane in self._panes:
            if isinstance(pane, QDockWidget):
                pane.visibilityChanged.connect(lambda shown, p=pane: self._shown(p, shown))
        window.installEventFilter(self)

    def _shown(self, pane: QWidget, shown: bool) -> None:
        if shown and self._window.isVisible():
            self._last_shown = pane

    def check(self) -> None:
        self._pending = False
        window = self._window
        if not window.isVisible():
            return
        area = free_area(window)
        wanted = self._last_shown
        order = [p for p in self._panes if p is not wanted] + ([wanted] if wanted else [])
        folded = fold_until_fits(window, order, area)
        if wanted is not None and wanted in folded and isinstance(wanted, QDockWidget):
            float_inside(wanted, area)  # asked for by its key: over the window, not widening it
        self._last_shown = None
        if window.layout() is not None:
            window.layout().activate()  # the window's minimum as it is now, not before folding
        clamp_to(window, area)

    def _soon(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.check)  # dropped if the window goes first

    def _follow_screen(self) -> None:
        handle = self._window.windowHandle()
        if handle is None:
            return
        if self._screen is None:
            handle.screenChanged.connect(lambda _screen: self._follow_screen())
        screen = handle.screen()
        if screen is self._screen:
            return
        if self._screen is not None:
            self._screen.availableGeometryChanged.disconnect(self._soon)
        self._screen = screen
        if screen is not None:
            screen.availableGeometryChanged.connect(self._soon)
        self._soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._follow_screen()
            self._soon()
        elif kind in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self._soon()
        return False


def install_screen_fit(window: QMainWindow, panes: Sequence[QWidget]) -> ScreenFit:
    """`panes`: the docks that may fold away when the screen is too narrow, in folding order."""
    return ScreenFit(window, panes)
