"""Several copies of a coach's data, each its own data folder, that meet only through real archive
files (export, then import), with a wall clock per copy that may be hours off."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from alcoach.data import archive, hlc
from alcoach.data.store import Store, open_store

HOUR_US = 3_600_000_000
_REAL_WALL = hlc.wall_micros


class Copies:
    def __init__(self, root: Path, count: int) -> None:
        self.root = root
        self.count = count
        self.skew = [0] * count  # microseconds each copy's clock is off
        self.current: int | None = None
        self.store: Store | None = None
        self.exports = 0

    def use(self, i: int) -> None:
        if self.current == i:
            return
        self.close()
        hlc.wall_micros = lambda: _REAL_WALL() + self.skew[i]
        self.store = open_store(self.root / f"copy{i}")
        self.current = i

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store, self.current = None, None
        hlc.wall_micros = _REAL_WALL

    def export(self, i: int) -> Path:
        self.use(i)
        self.exports += 1
        path = self.root / f"from{i}-{self.exports}.json"
        archive.export_archive_file(path)
        return path

    def swap(self, into: int, source: int) -> str:
        """Copy `into` imports `source`'s latest archive (exported now)."""
        path = self.export(source)
        self.use(into)
        return archive.import_archive_file(path, allow_mass_delete=True)

    def sync_all(self, rounds: int = 3) -> None:
        """Every copy imports every other's latest archive, round after round."""
        for _ in range(rounds):
            for into in range(self.count):
                for source in range(self.count):
                    if into != source:
                        self.swap(into, source)

    def contents(self, i: int) -> dict[str, Any]:
        self.use(i)
        return comparable(archive.export_archive())


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    """An export with the archive's own ids replaced by uids and every list in uid order: two
    copies that hold the same records give the same value."""
    doc = copy.deepcopy(doc)
    for key in ("exported_at", "app_version"):
        doc.pop(key, None)
    ids: dict[str, str] = {}
    for p in doc["programmes"]:
        ids[p["id"]] = p["uid"]
    for s in doc["sets"]:
        ids[s["id"]] = s["uid"]
        for member in s["members"]:
            ids[member["id"]] = member["uid"]
    for q in doc["questions"]:
        ids[q["id"]] = q["uid"]
    for t in doc["agenda_templates"]:
        ids[t["id"]] = t["uid"]
    for mt in doc["meetings"]:
        ids[mt["id"]] = mt["uid"]
        for action in mt["actions"]:
            ids[action["id"]] = action["uid"]

    def named(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: named(v) for k, v in value.items() if k != "id"}
        if isinstance(value, list):
            return sorted((named(v) for v in value), key=_order)
        if isinstance(value, str):
            return ids.get(value, value)
        return value

    return named(doc)


def _order(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("uid", "")) + repr(sorted(value.items(), key=lambda kv: kv[0]))
    return repr(value)
