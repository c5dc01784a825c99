"""A clock source the tests move by hand (the wall clock and the boot clock)."""

from __future__ import annotations

import datetime as dt

from alcoach.data.boot_clock import BootReading


class FakeClock:
    """A source tests move by hand.

    `advance(minutes=5)`: time passes (a laptop's sleep too: the boot clock counts it);
    `step_wall(hours=-1)`: only the wall clock is set; `reboot(minutes=3)`: time passes with the
    machine off, and the boot clock starts again under a new boot id.
    """

    def __init__(self, start: dt.datetime | None = None, boot_id: str = "boot-1") -> None:
        self.current = start or dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
        self.boot_id = boot_id
        self.boot_ns = 3_600 * 10**9  # an hour since the machine started
        self._boots = 1

    def __call__(self) -> dt.datetime:
        return self.current

    def wall(self) -> dt.datetime:
        return self.current

    def boot(self) -> BootReading:
        return BootReading(self.boot_id, self.boot_ns)

    def advance(self, **delta: float) -> dt.datetime:
        step = dt.timedelta(**delta)
        if step < dt.timedelta(0):
            raise ValueError("time passes forward; use step_wall to set the wall clock back")
        self.current += step
        self.boot_ns += step // dt.timedelta(microseconds=1) * 1000
        return self.current

    def step_wall(self, **delta: float) -> dt.datetime:
        self.current += dt.timedelta(**delta)
        return self.current

    def reboot(self, **off_for: float) -> dt.datetime:
        self.current += dt.timedelta(**off_for)
        self._boots += 1
        self.boot_id = f"boot-{self._boots}"
        self.boot_ns = 20 * 10**9  # twenty seconds after switching on
        return self.current
