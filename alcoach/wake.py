"""Noticing that the computer has slept: Qt has no wake signal, so alcoach compares a clock that
counts sleep with one that does not. When the first has run on much further than the second
since the last look, the computer was asleep in between.

- Linux: CLOCK_BOOTTIME counts sleep, CLOCK_MONOTONIC (Python's `time.monotonic`) does not.
- macOS: CLOCK_MONOTONIC counts sleep, `time.monotonic` (mach_absolute_time) does not.
- Windows: GetTickCount64 counts sleep, QueryUnbiasedInterruptTime does not (Python's own
  monotonic clock counts sleep there from 3.13 on).
- Elsewhere nothing is noticed. The macOS and Windows paths are written but tested on Linux only.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

NsClock = Callable[[], int]


def _windows_awake_ns() -> NsClock:
    import ctypes

    unbiased = ctypes.c_ulonglong()
    query = ctypes.windll.kernel32.QueryUnbiasedInterruptTime  # type: ignore[attr-defined]

    def read() -> int:
        query(ctypes.byref(unbiased))
        return int(unbiased.value) * 100  # 100-nanosecond units

    return read


def system_clocks() -> tuple[NsClock, NsClock] | None:
    """(a clock that counts sleep, one that does not), or None where they cannot be told apart."""
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return (
            lambda: time.clock_gettime_ns(time.CLOCK_BOOTTIME),
            lambda: time.clock_gettime_ns(time.CLOCK_MONOTONIC),
        )
    if sys.platform == "darwin":
        return lambda: time.clock_gettime_ns(time.CLOCK_MONOTONIC), time.monotonic_ns
    if sys.platform == "win32":
        try:
            from alcoach.data.boot_clock import windows_tick_ns

            return windows_tick_ns(), _windows_awake_ns()
        except (OSError, AttributeError):
            return None
    return None


class SleepWatch:
    """`slept()` is True once after the computer slept for at least `threshold_s` seconds."""

    def __init__(self, clocks: tuple[NsClock, NsClock] | None, threshold_s: float = 20.0) -> None:
        self.clocks = clocks
        self.threshold_ns = int(threshold_s * 1e9)
        self._last = self._read()

    def _read(self) -> tuple[int, int] | None:
        if self.clocks is None:
            return None
        with_sleep, without = self.clocks
        return with_sleep(), without()

    def slept(self) -> bool:
        now = self._read()
        last, self._last = self._last, now
        if now is None or last is None:
            return False
        return (now[0] - last[0]) - (now[1] - last[1]) >= self.threshold_ns
