"""What every measure shares: a result row, percentiles, and the run's context."""

from __future__ import annotations

import math
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def p95(samples: Sequence[float]) -> float:
    """The 95th percentile by nearest rank: the smallest sample at or above 95 % of them."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Result:
    """One row of the table. `judged_on` says which figure the goal is compared with."""

    measure: str  # the measure module's name (what --only takes)
    name: str  # the row's short name
    unit: str  # "ms", "s", "MB", "x"
    median: float
    p95: float
    n: int
    goal: float | None = None  # at most this; None for a row given for information
    judged_on: str = "p95"  # "p95", "median" or "max"
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, measure: str, name: str, samples: Sequence[float], unit: str, **kw: Any) -> Result:
        if not samples:
            raise ValueError(f"{name}: no samples")
        return cls(
            measure,
            name,
            unit,
            statistics.median(samples),
            p95(samples),
            len(samples),
            extra={"max": max(samples), "min": min(samples), **kw.pop("extra", {})},
            **kw,
        )

    @property
    def judged(self) -> float:
        if self.judged_on == "median":
            return self.median
        if self.judged_on == "max":
            return float(self.extra.get("max", self.p95))
        return self.p95

    @property
    def passed(self) -> bool | None:
        return None if self.goal is None else self.judged <= self.goal

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "name": self.name,
            "unit": self.unit,
            "median": round(self.median, 4),
            "p95": round(self.p95, 4),
            "n": self.n,
            "goal": self.goal,
            "judged_on": self.judged_on,
            "passed": self.passed,
            "note": self.note,
            **{k: _rounded(v) for k, v in self.extra.items()},
        }


def _rounded(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


@dataclass
class Scale:
    """The generator's parameters (benchmarks.generate.generate_archive)."""

    sets: int
    meetings_per_set: int
    interventions_per_meeting: int
    tallies_per_meeting: int
    questions: int
    seed: int = 0
    long_set_meetings: int = 0  # one more set of this many meetings, the newest
    long_meeting: tuple[int, int, int] = (0, 0, 0)  # its last: notes, tallies, minutes

    def as_kwargs(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def describe(self) -> str:
        meetings = self.sets * self.meetings_per_set
        notes, marks, minutes = self.long_meeting
        long = ""
        if self.long_set_meetings:
            long = (
                f"; and a set of {self.long_set_meetings} meetings whose last is the "
                f"longest: {notes:,} interventions, {marks:,} tallies, {minutes // 60} h "
                f"{minutes % 60:02d}"
            )
        return (
            f"{self.sets} sets x {self.meetings_per_set} meetings = {meetings} meetings, "
            f"{meetings * self.interventions_per_meeting:,} interventions, "
            f"{meetings * self.tallies_per_meeting:,} tallies, {self.questions:,} questions{long}"
        )


FULL = Scale(
    sets=40,
    meetings_per_set=20,
    interventions_per_meeting=100,
    tallies_per_meeting=50,
    questions=2000,
    long_set_meetings=60,
    long_meeting=(600, 300, 180),
)
QUICK = Scale(
    sets=2,
    meetings_per_set=5,
    interventions_per_meeting=20,
    tallies_per_meeting=10,
    questions=200,
    long_set_meetings=6,
    long_meeting=(60, 30, 180),
)


@dataclass
class Bench:
    """The run's context: the built (cached) data folder and how many repetitions to make."""

    scale: Scale
    quick: bool
    cache_data_dir: Path  # never written by a measure: use work_copy()
    archive_path: Path  # the generated archive the data folder was imported from
    work_root: Path
    log: Callable[[str], None] = print

    def reps(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    @contextmanager
    def work_copy(self) -> Iterator[Path]:
        """A fresh copy of the built data folder, removed afterwards (measures may write)."""
        folder = Path(tempfile.mkdtemp(prefix="data-", dir=self.work_root))
        try:
            shutil.copy2(self.cache_data_dir / "alcoach.db", folder / "alcoach.db")
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0
