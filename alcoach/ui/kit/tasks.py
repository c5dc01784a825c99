"""Long work off the UI thread: one serial background executor with success/failure callbacks.

    run_in_background(fn, on_success=cb, on_failure=cb, progress=label)

Callbacks run on the UI thread. The work function must not touch widgets.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None

# While background work runs Python (a PDF's layout, an archive's rows), the UI thread waits for
# the interpreter lock at every call back into Python: by default up to 5 ms each time, which
# added up to 50-70 ms pauses of the window during the first export. 1 ms bounds each wait at a
# fifth (worst pause 13-27 ms); the set report's export time did not change measurably.
UI_SWITCH_INTERVAL_S = 0.001


def _serial_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        if sys.getswitchinterval() > UI_SWITCH_INTERVAL_S:
            sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    return _pool


class ProgressRelay(QObject):
    """Carries background work's progress (done, total) to the window's thread: connect
    `moved` on the UI thread, hand `moved.emit` to the work (a queued signal)."""

    moved = Signal(int, int)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # reported to the UI thread, never swallowed
            log.exception("background task failed")
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


_live: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    relay = _Relay()
    _live.add(relay)

    def done_ok(result: object) -> None:
        _live.discard(relay)
        if on_success:
            on_success(result)

    def done_err(exc: object) -> None:
        _live.discard(relay)
        if on_failure:
            on_failure(exc)  # type: ignore[arg-type]

    relay.succeeded.connect(done_ok)
    relay.failed.connect(done_err)
    _serial_pool().start(_Job(fn, relay))


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Block until queued background work is done (for closing the app and for tests)."""
    return _serial_pool().waitForDone(timeout_ms)
