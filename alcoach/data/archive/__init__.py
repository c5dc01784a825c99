"""The archive: everything a coach keeps, as one versioned JSON document (archive-v1.schema.json).

Export reads the database in one snapshot and writes the file atomically; import refuses a bad
file with a message naming the place and writes nothing, and adds a good one in one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alcoach.data.archive.checks import SCHEMA_PATH, check_archive, load_schema
from alcoach.data.archive.document import build_archive
from alcoach.data.archive.writer import write_archive
from alcoach.errors import ArchiveError
from alcoach.fileio import write_atomically

__all__ = [
    "SCHEMA_PATH",
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
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summarize(doc: dict[str, Any]) -> str:
    """A short count of what an archive holds, e.g. "3 sets, 12 meetings, 480 interventions"."""
    meetings = doc.get("meetings", [])
    interventions = sum(len(mt.get("interventions", [])) for mt in meetings)
    return ", ".join(
        (
            _plural(len(doc.get("sets", [])), "set"),
            _plural(len(meetings), "meeting"),
            _plural(interventions, "intervention"),
        )
    )


def export_archive() -> dict[str, Any]:
    """The whole database as a version-1 archive document."""
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


def import_archive(doc: Any, *, source: str = "This") -> str:
    """Check a parsed archive completely, then add its content in one transaction.

    `source` names the document in messages (a file path, or "This").
    """
    checked = check_archive(doc, source)
    write_archive(checked)
    return summarize(checked)


def read_archive_file(path: Path) -> Any:
    """The parsed JSON of an archive file, not yet checked; ArchiveError if it is not JSON."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
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
    return doc


def check_archive_file(path: Path) -> dict[str, Any]:
    """Read and check an archive file completely, writing nothing and holding no lock (so the
    window keeps writing meanwhile); ArchiveError naming the place if it is bad."""
    return check_archive(read_archive_file(path), str(path))


def write_checked_archive(checked: dict[str, Any]) -> str:
    """Add an archive that `check_archive_file` accepted, in one transaction; return a summary."""
    write_archive(checked)
    return summarize(checked)


def import_archive_file(path: Path) -> str:
    """Read, check and import an archive file; ArchiveError (nothing written) if it is bad."""
    return import_archive(read_archive_file(path), source=str(path))
