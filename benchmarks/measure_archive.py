"""8. Archive import of the whole ten years into a fresh data folder, export of all of it, and two
merges into the ten years already here.

Import is `import_archive_file` on the generated (version-1) archive and on the ten years' own
current export, each into a fresh folder (read, parse, check, write in one transaction), as
`alcoach archive import` runs it; export is `export_archive_file` from the built
database (read in one snapshot, write atomically with fsync). The merges are `import_archive_file`
into a work copy of the built database: its own version-3 export (every record already here, the
same stamp), and a small archive of one new meeting beside an existing meeting with one text
edited later on another copy.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from alcoach.data.archive.checks import LATEST_VERSION as LATEST
from benchmarks.common import Bench, Result

NAME = "archive"
IMPORT_GOAL_S = 30.0
EXPORT_GOAL_S = 10.0
MERGE_BACK_GOAL_S = 10.0
ONE_MEETING_GOAL_S = 2.0
_OTHER_COPY = "0123456789abcdef"  # the copy id of the other laptop that edited a text


def _import_once(bench: Bench, archive: Path) -> float:
    from alcoach.data.archive import import_archive_file
    from alcoach.data.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="import-", dir=bench.work_root))
    try:
        store = open_store(folder)
        try:
            t0 = time.perf_counter()
            import_archive_file(archive)
            return time.perf_counter() - t0
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _merge_once(bench: Bench, archive: Path) -> tuple[float, str]:
    """Seconds to merge `archive` into a fresh work copy of the ten years, and what it said."""
    from alcoach.data.archive import import_archive_file
    from alcoach.data.store import open_store

    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            t0 = time.perf_counter()
            said = import_archive_file(archive)
            return time.perf_counter() - t0, said
        finally:
            store.close()


def _new_uids(record: Any) -> None:
    """Every uid in a record and the records it holds, replaced by a new uuid4."""
    if isinstance(record, dict):
        if "uid" in record:
            record["uid"] = str(uuid.uuid4())
        for value in record.values():
            _new_uids(value)
    elif isinstance(record, list):
        for value in record:
            _new_uids(value)


def one_meeting_archive(doc: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A version-3 archive of the export `doc`'s programmes, sets, questions and templates with two
    meetings: a copy of one of its meetings under new uids (a new meeting), and that meeting as
    it is with one intervention's text edited later on another copy; and the edited text."""
    from alcoach.data.hlc import format_stamp, wall_micros

    meetings = doc["meetings"]
    # a meeting whose actions are reported in no other meeting (the archive holds only it)
    candidates = [
        mt for mt in meetings
        if mt.get("interventions")
        and all(a.get("reported_in") in (None, mt["id"]) for a in mt.get("actions", []))
    ] or [mt for mt in meetings if mt.get("interventions")]  # fmt: skip
    existing = copy.deepcopy(candidates[len(candidates) // 2])
    for action in existing.get("actions", []):
        if action.get("reported_in") not in (None, existing["id"]):
            action["reported_in"] = None  # not in this archive
    new = copy.deepcopy(existing)
    new["id"] = f"{existing['id']}-new"
    _new_uids(new)
    for i, action in enumerate(new.get("actions", [])):
        action["id"] = f"{action['id']}-new-{i}"
        if action.get("reported_in") == existing["id"]:
            action["reported_in"] = new["id"]
    edited = existing["interventions"][0]
    edited["base"] = edited["hlc"]  # edited from the version here
    edited["hlc"] = format_stamp(wall_micros(), 0, _OTHER_COPY)
    edited["updated_at"] = edited["hlc"][:27]
    edited["text"] = "Edited on the other laptop: " + edited["text"]
    small = {key: value for key, value in doc.items() if key not in ("meetings", "conflicts")}
    small["tombstones"] = []
    small["meetings"] = [existing, new]
    small["conflicts"] = []
    return small, edited["text"]


def _merges(bench: Bench, reps: int) -> list[Result]:
    from alcoach.data.archive import export_archive_file
    from alcoach.data.store import open_store

    own = bench.work_root / "own-export.json"
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            export_archive_file(own)
        finally:
            store.close()
    doc = json.loads(own.read_text(encoding="utf-8"))
    small_doc, _ = one_meeting_archive(doc)
    small = bench.work_root / "one-meeting.json"
    small.write_text(json.dumps(small_doc, ensure_ascii=False), encoding="utf-8")
    own_mb = own.stat().st_size / 1e6
    small_mb = small.stat().st_size / 1e6
    del doc, small_doc
    back = [_merge_once(bench, own) for _ in range(reps)]
    one = [_merge_once(bench, small) for _ in range(reps)]
    fresh = [_import_once(bench, own) for _ in range(reps)]
    own.unlink()
    small.unlink()
    return [
        Result.of(NAME, "archive import, everything (ten years' own export)",
                  fresh, "s",
                  goal=IMPORT_GOAL_S, judged_on="median",
                  note=f"{own_mb:.0f} MB export (the current format, version {LATEST}) into a "
                       f"fresh data folder, as when moving to a new laptop; {reps} runs"),
        Result.of(NAME, "archive merge back, everything already here (ten years' own export)",
                  [s for s, _ in back], "s", goal=MERGE_BACK_GOAL_S, judged_on="median",
                  note=f"{own_mb:.0f} MB export into a work copy of the same database, "
                       f"{reps} runs, a fresh copy each",
                  extra={"said": back[-1][1]}),
        Result.of(NAME, "archive merge of one meeting into the ten years", [s for s, _ in one],
                  "s", goal=ONE_MEETING_GOAL_S, judged_on="median",
                  note=f"{small_mb:.1f} MB: every programme, set, question and template, a new "
                       f"meeting and an existing one with one text edited later; {reps} runs, a "
                       "fresh copy each",
                  extra={"said": one[-1][1]}),
    ]  # fmt: skip


def measure(bench: Bench) -> list[Result]:
    from alcoach.data.archive import export_archive_file
    from alcoach.data.store import open_store

    reps = bench.reps(full=3, quick=2)
    imports = [_import_once(bench, bench.archive_path) for _ in range(reps)]
    exports = []
    with bench.work_copy() as data_dir:
        store = open_store(data_dir)
        try:
            for i in range(reps):
                out = bench.work_root / f"export-{i}.json"
                t0 = time.perf_counter()
                export_archive_file(out)
                exports.append(time.perf_counter() - t0)
                size = out.stat().st_size / 1e6
                out.unlink()
        finally:
            store.close()
    source = bench.archive_path.stat().st_size / 1e6
    return [
        Result.of(NAME, "archive import, everything (generated version-1 archive)", imports, "s",
                  goal=IMPORT_GOAL_S, judged_on="median",
                  note=f"{source:.0f} MB file into a fresh data folder; {reps} runs"),
        Result.of(NAME, "archive export, everything", exports, "s", goal=EXPORT_GOAL_S,
                  judged_on="median", note=f"{size:.0f} MB written"),
        *_merges(bench, reps),
    ]  # fmt: skip
