"""The archive: everything a coach keeps, as one versioned JSON document (archive-v4.schema.json;
version 1 to 3 archives still import).

Export reads the database in one snapshot and writes the file atomically. Import reads a file
record by record (reader.py), checks each one (checks.py) and merges it into the
database (merge.py) in one transaction: a bad file is refused with a message naming the
place and nothing is written; importing the same archive again adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from alcoach.data import models as m
from alcoach.data.archive.checks import (
    SCHEMA_PATH,
    SCHEMA_PATHS,
    ArchiveCheck,
    OutOfOrder,
    load_schema,
)
from alcoach.data.archive.document import build_archive
from alcoach.data.archive.reader import Event, events_of_document, stream_events
from alcoach.data.archive.tombstones import MassDeletion
from alcoach.data.op_changes import OpChanges
from alcoach.errors import ArchiveError
from alcoach.fileio import write_atomically

__all__ = [
    "SCHEMA_PATH",
    "SCHEMA_PATHS",
    "CheckedArchive",
    "MassDeletion",
    "check_archive_file",
    "export_archive",
    "export_archive_file",
    "import_archive",
    "import_archive_file",
    "load_schema",
    "read_archive_file",
    "summarize",
    "write_checked_archive",
]


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def _counted(sets: int, meetings: int, interventions: int) -> str:
    return ", ".join(
        (_plural(sets, "set"), _plural(meetings, "meeting"), _plural(interventions, "intervention"))
    )


def summarize(doc: dict[str, Any]) -> str:
    """A short count of what an archive holds, e.g. "3 sets, 12 meetings, 480 interventions"."""
    meetings = doc.get("meetings", [])
    interventions = sum(len(mt.get("interventions", [])) for mt in meetings)
    return _counted(len(doc.get("sets", [])), len(meetings), interventions)


def export_archive() -> dict[str, Any]:
    """The whole database as an archive document of the latest version."""
    return build_archive()


def export_archive_file(path: Path) -> str:
    """Write the archive to `path` atomically; return a summary of what it holds.

    The file appears complete or not at all: a failure (a full disk, a missing folder) leaves
    whatever was at `path` before, and no temporary file behind.
    """
    path = Path(path)
    doc = build_archive()
    payload = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    write_atomically(path, payload, what="archive")
    return summarize(doc)


class CheckedArchive(NamedTuple):
    """An archive file that passed every check; `holds` says what it holds."""

    path: Path
    version: int
    holds: str


def _run(
    events: Iterable[Event], name: str, *, write: bool, surrogates: bool, ordered: bool,
    allow_mass_delete: bool = False, changes: OpChanges | None = None,
):  # fmt: skip
    """Check (and with `write`, merge) every record as it arrives; returns the check, and what
    the merge did (one sentence) when it wrote, adding the records it changed to `changes`."""
    from alcoach.data.archive.merge import ArchiveMerge

    check = ArchiveCheck(name, surrogates=surrogates, ordered=ordered)
    merge = None
    for event in events:
        if check.feed(event) and write:
            if merge is None:
                assert check.version is not None
                merge = ArchiveMerge(
                    check.version, check.fields, allow_mass_delete=allow_mass_delete
                )
            merge.add(event.key, event.value)
    check.finish()
    if not write:
        return check, None
    if merge is None:
        assert check.version is not None
        merge = ArchiveMerge(check.version, check.fields, allow_mass_delete=allow_mass_delete)
    said = merge.finish(check.fields)
    if changes is not None:
        changes.update(merge.changes)
    return check, said


def _run_file(
    path: Path, *, write: bool, allow_mass_delete: bool = False,
    changes: OpChanges | None = None,
):  # fmt: skip
    try:
        if not write:
            return _run(stream_events(path), str(path), write=False, surrogates=False,
                        ordered=False)  # fmt: skip
        with m.database_proxy.atomic():  # a savepoint: undone if the file must be read again
            return _run(stream_events(path), str(path), write=True, surrogates=False,
                        ordered=False, allow_mass_delete=allow_mass_delete,
                        changes=changes)  # fmt: skip
    except OutOfOrder:
        # Sections in another order than alcoach writes them: read the file whole instead.
        doc = read_archive_file(path)
        return _run(events_of_document(doc), str(path), write=write, surrogates=True, ordered=True,
                    allow_mass_delete=allow_mass_delete, changes=changes)  # fmt: skip


def _in_transaction(work):
    import peewee as pw

    from alcoach.data.search_index import indexing_after

    try:
        with m.database_proxy.atomic(), indexing_after(m.database_proxy.obj):
            return work()
    except pw.IntegrityError as exc:  # a record that clashes with one here in a way not foreseen
        raise ArchiveError(
            f"The archive could not be merged with this database ({exc}); nothing was imported."
        ) from exc


def import_archive(
    doc: Any, *, source: str = "This", allow_mass_delete: bool = False,
    changes: OpChanges | None = None,
) -> str:  # fmt: skip
    """Check a parsed archive and merge it into the database in one transaction; returns what
    happened, e.g. "12 meetings added, 40 already here, 2 updated", and adds the records it
    added, updated or deleted to `changes`.

    `source` names the document in messages (a file path, or "This").
    """
    events = events_of_document(doc) if isinstance(doc, dict) else [Event("field", "", doc)]

    def work() -> str:
        return _run(
            events, source, write=True, surrogates=True, ordered=True,
            allow_mass_delete=allow_mass_delete, changes=changes,
        )[1]  # fmt: skip

    return _in_transaction(work)


def read_archive_file(path: Path) -> Any:
    """The parsed JSON of an archive file, read whole, not yet checked; ArchiveError if it is
    not JSON. (Imports stream the file instead; this is for files in an unusual order.)"""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    from alcoach.data.archive.reader import refuse_other_encoding

    refuse_other_encoding(path, raw[:4])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchiveError(f"{path} is not a JSON file (it is not UTF-8 text).") from exc

    def refuse_constant(name: str) -> None:
        raise ArchiveError(f"{path} is not a JSON file ({name} is not a JSON number).")

    try:
        doc = json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            f"{path} is not a JSON file (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    except RecursionError as exc:
        raise ArchiveError(f"{path} is not a JSON file (it is nested too deeply).") from exc
    except ValueError as exc:  # a whole number of more than 4,300 digits
        raise ArchiveError(f"{path}: a number is outside the range alcoach can keep.") from exc
    return doc


def check_archive_file(path: Path) -> CheckedArchive:
    """Read and check an archive file completely, writing nothing and holding no lock (so the
    window keeps writing meanwhile); ArchiveError naming the place if it is bad."""
    path = Path(path)
    check, _ = _run_file(path, write=False)
    assert check.version is not None
    counts = check.counts
    holds = _counted(counts["sets"], counts["meetings"], counts["interventions"])
    return CheckedArchive(path, check.version, holds)


def write_checked_archive(
    checked: CheckedArchive, *, allow_mass_delete: bool = False,
    changes: OpChanges | None = None,
) -> str:  # fmt: skip
    """Merge an archive that `check_archive_file` accepted, in one transaction (it is checked
    again as it is read: the file may have changed since); returns what happened, and adds the
    records it changed to `changes`. A mass deletion raises MassDeletion (nothing written)
    unless `allow_mass_delete`."""
    return _in_transaction(
        lambda: _run_file(
            checked.path, write=True, allow_mass_delete=allow_mass_delete, changes=changes
        )[1]
    )


def import_archive_file(
    path: Path, *, allow_mass_delete: bool = False, changes: OpChanges | None = None
) -> str:
    """Read, check and merge an archive file in one transaction; returns what happened.
    ArchiveError (nothing written) if it is bad; MassDeletion if it would delete a set, a
    programme or a large share of a kind, unless `allow_mass_delete`."""
    return _in_transaction(
        lambda: _run_file(
            Path(path), write=True, allow_mass_delete=allow_mass_delete, changes=changes
        )[1]
    )
