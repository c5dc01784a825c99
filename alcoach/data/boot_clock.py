"""Where "now" comes from: the wall clock, and a boot clock that never steps and counts sleep.

The meeting clock (alcoach/data/clock.py) reads time through a `TimeSource`: `wall()` is the
computer's calendar time, which NTP or a coach may set back or forward at any moment; `boot()` is
the id of this boot and a clock in nanoseconds that only ever runs forward, including while a
laptop sleeps with its lid closed, and starts again at a reboot. Which system clock that is:

- Linux: CLOCK_BOOTTIME, and the boot's id from /proc/sys/kernel/random/boot_id. (Python's
  `time.monotonic` is CLOCK_MONOTONIC there, which stops during suspend.)
- macOS: CLOCK_MONOTONIC, which on Darwin goes on counting while the system is asleep (Python's
  `time.monotonic` is `mach_absolute_time`, which does not); the boot's id is the sysctl
  `kern.bootsessionuuid`.
- Windows: GetTickCount64, milliseconds since the system started, sleep and hibernation included
  (QueryUnbiasedInterruptTime leaves those out; Python's `time.monotonic` changed from
  GetTickCount64 to QueryPerformanceCounter in 3.13, so it is called directly). Windows has no
  boot id to read cheaply, so every process counts as a boot of its own: after a kill the clock
  restarts from the wall clock, never earlier than the meeting's last stored stamp.
- Elsewhere: `time.monotonic_ns`, and a boot id of the process's own, as on Windows.

Tests move a fake source by hand (tests/support/fake_clock.py).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol

LINUX_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


class BootReading(NamedTuple):
    boot_id: str
    nanoseconds: int


class TimeSource(Protocol):
    def wall(self) -> dt.datetime: ...

    def boot(self) -> BootReading: ...


def _linux_boot_id() -> str | None:
    try:
        return LINUX_BOOT_ID.read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _macos_boot_id() -> str | None:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        size = ctypes.c_size_t(64)
        buffer = ctypes.create_string_buffer(size.value)
        if libc.sysctlbyname(b"kern.bootsessionuuid", buffer, ctypes.byref(size), None, 0) != 0:
            return None
        return buffer.value.decode("ascii", "replace") or None
    except (OSError, AttributeError):
        return None


def windows_tick_ns() -> Callable[[], int]:
    import ctypes

    tick_count = ctypes.windll.kernel32.GetTickCount64  # type: ignore[attr-defined]
    tick_count.restype = ctypes.c_uint64
    return lambda: int(tick_count()) * 1_000_000


def _system_boot_clock() -> tuple[str | None, Callable[[], int]]:
    """This platform's boot id (None where none can be read) and its sleep-counting clock."""
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return _linux_boot_id(), lambda: time.clock_gettime_ns(time.CLOCK_BOOTTIME)
    if sys.platform == "darwin":
        return _macos_boot_id(), lambda: time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    if sys.platform == "win32":
        try:
            return None, windows_tick_ns()
        except (OSError, AttributeError):
            pass
    return None, time.monotonic_ns


class SystemTimeSource:
    """The computer's clocks (see the module's docstring for which one on which system)."""

    def __init__(self) -> None:
        boot_id, self._boot_ns = _system_boot_clock()
        # without a readable boot id, a stored anchor is trusted by the process that made it only
        self.boot_id = boot_id or f"process-{os.getpid()}-{os.urandom(8).hex()}"

    def wall(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def boot(self) -> BootReading:
        return BootReading(self.boot_id, self._boot_ns())
