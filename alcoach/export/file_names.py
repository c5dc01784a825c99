"""File names for the PDFs: proposed names, one file per member, and the no-overwrite check.

Names keep every script the coach typed (a set called "学习小组" stays so) and are safe on every
file system alcoach runs on: no characters Windows, macOS or FAT refuse, no reserved device names,
no trailing dot or space, and at most MAX_NAME_BYTES bytes in UTF-8 (ext4 and most others allow
255 bytes, so one long title cannot make a name the system refuses).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from alcoach.errors import ExportError

MAX_NAME_BYTES = 200  # a whole file name, ".pdf" included
PART_BYTES = 60  # one part of a proposed name: the set's name, the meeting's title
_REFUSED = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")


def _cut(text: str, max_bytes: int) -> str:
    """`text` cut at a character boundary to at most `max_bytes` bytes of UTF-8."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")


def safe_file_name(text: str, fallback: str = "member", max_bytes: int = PART_BYTES * 2) -> str:
    """A file-name part from the coach's text: letters of any script kept, refused ones dropped."""
    cleaned = _REFUSED.sub(" ", unicodedata.normalize("NFC", text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    cleaned = _cut(cleaned, max_bytes).rstrip(" .")
    if not cleaned:
        return fallback
    return f"_{cleaned}" if _RESERVED.fullmatch(cleaned) else cleaned


def default_file_name(what: str, set_name: str, day: dt.date | None, title: str = "") -> str:
    """The name proposed for a document: "2026-11-02 Set Blue - Empty homes - meeting summary.pdf".

    The date comes first and as digits so a folder of exports sorts by date.
    """
    parts = [day.isoformat() if day else "", safe_file_name(set_name, "", PART_BYTES)]
    stem = " ".join(p for p in parts if p)
    named = [stem, safe_file_name(title, "", PART_BYTES), what]
    return safe_file_name(" - ".join(p for p in named if p), what, MAX_NAME_BYTES - 4) + ".pdf"


def member_file_paths(target: Path, names: Sequence[str]) -> list[Path]:
    """Where each member's file goes: a folder gets '<member>.pdf'; 'sheet-{member}.pdf' is a
    pattern; any other file name 'name.pdf' becomes 'name - <member>.pdf'. Names made unique."""
    target = Path(target)
    seen: dict[str, int] = {}
    unique = []
    for name in (safe_file_name(n, max_bytes=PART_BYTES) for n in names):
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
        count = seen[name.casefold()]
        unique.append(name if count == 1 else f"{name} ({count})")
    if target.is_dir():
        return [target / f"{name}.pdf" for name in unique]
    if "{member}" in target.name:
        return [target.with_name(target.name.replace("{member}", name)) for name in unique]
    suffix = target.suffix or ".pdf"
    stem = _cut(target.stem, MAX_NAME_BYTES - PART_BYTES - 20)
    return [target.with_name(f"{stem} - {name}{suffix}") for name in unique]


def no_viewer_sentence(target: Path) -> str:
    """What the coach reads when "open when done" finds no program to open the file with."""
    if target.is_dir():
        return f"No program to open folders was found on this computer; the files are in {target}."
    return f"No program to open PDFs was found on this computer; the PDF is saved as {target}."


def existing_files(paths: Sequence[Path]) -> list[Path]:
    return [p for p in paths if p.exists()]


def refuse_existing(paths: Sequence[Path], how_to_replace: str) -> None:
    """ExportError naming the file(s) already there; `how_to_replace` ends the sentence."""
    there = existing_files(paths)
    if not there:
        return
    if len(there) == 1:
        raise ExportError(f"{there[0]} already exists; {how_to_replace}.")
    raise ExportError(
        f"{len(there)} of the files already exist (the first is {there[0]}); {how_to_replace}."
    )
