"""Writing without a Save button: guarded service calls and debounced text fields."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer

from alcoach.errors import AlcoachError
from alcoach.ui.kit.context import ChangeBus

log = logging.getLogger(__name__)
T = TypeVar("T")

SAVE_DELAY_MS = 400  # under the half second the design promises


def guarded_write(bus: ChangeBus, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run a data service that writes; report success or the error on the bus.

    Returns the service's result, or None when it failed (the caller keeps what was typed).
    """
    try:
        result = fn(*args, **kwargs)
    except AlcoachError as exc:
        bus.save_failed.emit(str(exc))
        return None
    except Exception as exc:  # disk full, locked file, ...: never lose the window over it
        log.exception("write failed")
        bus.save_failed.emit(f"Not saved: {_why(exc)}. What you typed is still on screen.")
        return None
    bus.saved.emit()
    return result


def _why(exc: Exception) -> str:
    """What stopped the write, said as the data layer says it (a full disk says the disk is full,
    a read-only file says so), without its final full stop."""
    from alcoach.data.db import bound_path
    from alcoach.data.storage_errors import is_storage_error, storage_error

    path = bound_path()
    if path is None or not is_storage_error(exc):
        return str(exc)
    return str(storage_error(exc, path)).rstrip(".")


class DebouncedSaver(QObject):
    """Calls `save()` SAVE_DELAY_MS after the last edit, and at once when focus leaves a field.

    Usage: `saver = DebouncedSaver(self._save, parent=self)`; connect each field's textChanged to
    `saver.touch` and `saver.watch(field)` for the focus-out flush.
    """

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._pending = False

    def touch(self, *_: object) -> None:
        self._pending = True
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._pending

    def flush(self) -> None:
        self._timer.stop()
        if self._pending:
            self._pending = False
            self._save()

    def cancel(self) -> None:
        self._timer.stop()
        self._pending = False

    def watch(self, widget: QObject) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


class OwnChange:
    """Tells a panel's own announcements on the bus from everyone else's.

    A panel that wrote something announces it (`announce(bus.x_changed, meeting_id)`) so the
    other panels reload; its own handler of the same signal skips the reload while `active`,
    since it already shows what it wrote.
    """

    def __init__(self) -> None:
        self.active = False

    def announce(self, signal: Any, *args: Any) -> None:
        self.active = True
        try:
            signal.emit(*args)
        finally:
            self.active = False
