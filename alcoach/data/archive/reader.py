"""Reading an archive record by record: from a parsed document, or streamed from a file.

A file is never loaded whole (json.load of a coach's ten years takes 7.6 times the file's size in
memory): ijson's C parser reads it in 64 kB chunks and each record of a list section (one set, one
meeting) is built on its own, checked and written before the next one is read.

The C parser turns a lone surrogate escape (`"\\ud800"`) into "?" without a word, so the raw bytes
are scanned for such escapes as they are read; a file that has one is read again with ijson's
pure-Python parser, which keeps them, so the check can refuse them naming the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from alcoach.errors import ArchiveError

# The list sections, in the order the checks and the merge need them: deletions first (they are
# counted before anything is written), then parents before children.
SECTIONS = (
    "tombstones", "programmes", "sets", "erasures", "consents", "hours_entries", "targets",
    "questions",
    "agenda_templates", "meetings", "conflicts",
)  # fmt: skip
_MEETINGS_AT = SECTIONS.index("meetings")
_CHUNK = 1 << 16
# An escaped backslash, a surrogate pair, or a lone surrogate escape (the last one is the find).
_ESCAPES = re.compile(
    rb"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})"
)


class Event:
    """One thing read from an archive: a top-level `field` (key, value), or one `item` of a list
    section with its index."""

    __slots__ = ("index", "key", "kind", "value")

    def __init__(self, kind: str, key: str, value: Any, index: int = -1) -> None:
        self.kind, self.key, self.value, self.index = kind, key, value, index


def events_of_document(doc: dict[str, Any]) -> Iterator[Event]:
    """A parsed document's fields first, then its list sections in SECTIONS order."""
    for key, value in doc.items():
        if key not in SECTIONS or not isinstance(value, list):
            yield Event("field", key, value)
    for key in SECTIONS:
        value = doc.get(key)
        if isinstance(value, list):
            yield Event("field", key, [])
            for index, item in enumerate(value):
                yield Event("item", key, item, index)


class _SurrogateWatch:
    """A binary file wrapper that notes whether a lone surrogate escape went past. The last
    bytes of each chunk wait for the next one, so a pair split between chunks is seen whole."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.tail = b""
        self.found = False

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        if not self.found:
            window = self.tail + data
            at_end = not data
            cut = len(window) if at_end else max(0, len(window) - 12)
            for match in _ESCAPES.finditer(window):
                if match.start() >= cut:
                    break
                if match.group(1):
                    self.found = True
                    break
                cut = max(cut, match.end())
            while 0 < cut < len(window) and window[cut - 1 : cut] == b"\\":
                cut -= 1
            self.tail = window[cut:]
        return data


def _path_in(builder: Any, open_containers: int) -> list[str | int]:
    """Where a half-built value stopped: down the open containers, then the pending key."""
    path: list[str | int] = []
    node = builder.value if hasattr(builder, "value") else None
    for _ in range(open_containers):
        if isinstance(node, dict) and node:
            key = next(reversed(node))
            path.append(key)
            node = node[key]
        elif isinstance(node, list) and node:
            path.append(len(node) - 1)
            node = node[-1]
        else:
            break
    if isinstance(node, dict):
        path.append(getattr(builder, "key", "?"))
    elif isinstance(node, list):
        path.append(len(node))
    return path


def _build(first: tuple[str, Any], events: Iterator[tuple[str, Any]], where: list) -> Any:
    from ijson.common import ObjectBuilder

    builder = ObjectBuilder()
    event, value = first
    builder.event(event, value)
    depth = 1 if event in _STARTS else 0
    where[:] = [builder, lambda: depth]
    while depth:
        event, value = next(events)
        builder.event(event, value)
        if event in _STARTS:
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep()
        elif event in ("end_map", "end_array"):
            depth -= 1
    where[:] = []
    return builder.value


def _events_of_stream(fh: Any, backend: Any, skip: str = "") -> Iterator[Event]:
    """Events in file order, each record built on its own; the items of the section `skip`
    are passed over (only a marker for the section is given). ijson's basic events carry no
    path (a path per event costs the square of the nesting: a file of 100,000 "[" took
    gigabytes), so the depth is counted here and a file nested deeper than any archive is
    refused as soon as it is seen."""
    events = backend.basic_parse(fh, use_float=True)
    key = ""
    where: list[Any] = []
    section, index = "", -1
    try:
        event, value = next(events)
        if event != "start_map":
            yield Event("field", "", _build((event, value), events, where))
            return
        for event, value in events:
            if event == "map_key":
                key = value
            elif event == "end_map":  # the document's own end
                break
            elif event == "start_array" and key == skip:
                yield Event("skipped", key, [])
                _pass_over(events)
            elif event == "start_array" and key in SECTIONS:
                yield Event("field", key, [])
                section, index = key, -1
                for event, value in events:
                    if event == "end_array":  # each item is built whole: this is the section's
                        break
                    index += 1
                    yield Event("item", key, _build((event, value), events, where), index)
                section = ""
            else:
                yield Event("field", key, _build((event, value), events, where))
    except (ArchiveError, _TooDeep):
        raise
    except Exception as exc:  # ijson's parse errors, ValueError for a 5,000-digit number
        raise _StreamError(exc, _place(section, index, key, where)) from exc


def _pass_over(events: Iterator[tuple[str, Any]]) -> None:
    """Read on to the end of the array just started, building nothing."""
    depth = 1
    for event, _ in events:
        if event in _STARTS:
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep()
        elif event in _ENDS:
            depth -= 1
            if not depth:
                return


# No record of alcoach's format nests more than a few levels (a rating sits five deep); deeper is
# a hostile file, refused before its values are built (each level costs memory as it is built).
MAX_DEPTH = 8
_STARTS = frozenset(("start_map", "start_array"))
_ENDS = frozenset(("end_map", "end_array"))


_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)  # fmt: skip


def refuse_other_encoding(path: Path | str, head: bytes) -> None:
    """A JSON file in UTF-16 or UTF-32 (as some Windows editors save it) is named as such."""
    name = next((name for mark, name in _OTHER_ENCODINGS if head.startswith(mark)), None)
    if name is None and len(head) >= 2 and b"\x00" in head[:4]:
        name = "UTF-32" if head[:4].count(b"\x00") == 3 else "UTF-16"
    if name is not None:
        raise ArchiveError(
            f"{path} is a text file in {name}, and an alcoach archive is UTF-8: save it as "
            "UTF-8 (or export it again from alcoach) and import that."
        )


class _TooDeep(Exception):
    def __init__(self, prefix: str = "") -> None:
        super().__init__(prefix)
        self.prefix = prefix


def too_deep(path: Path | str) -> ArchiveError:
    return ArchiveError(
        f"{path} is nested deeper than an alcoach archive can be (at most {MAX_DEPTH} levels); "
        "nothing was imported."
    )


class _StreamError(Exception):
    def __init__(self, cause: Exception, place: list[str | int]) -> None:
        super().__init__(str(cause))
        self.cause, self.place = cause, place


def _place(section: str, index: int, key: str, where: list[Any]) -> list[str | int]:
    head: list[str | int] = [section, index] if section else [key] if key else []
    if not where:
        return head
    builder, depth = where
    return [*head, *_path_in(builder, depth() - 1)]


def stream_events(path: Path) -> Iterator[Event]:
    """The file's events in file order; ArchiveError naming the place for what no JSON parser
    here can hold (a number beyond SQLite's range, 1e999, a lone surrogate, broken JSON)."""
    try:
        yield from _stream_file(path)
    except _TooDeep as exc:
        raise too_deep(path) from exc
    except OSError as exc:
        raise ArchiveError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def _stream_file(path: Path) -> Iterator[Event]:
    """Two passes: the header and the small sections, built by the Python loop here (it knows
    the place of any error), then the meetings, each built by ijson's C code (ten times faster).
    Events come in SECTIONS order whatever the file's: the header, tombstones (a version-1 or 2
    file lists them last), the small sections, the meetings, then conflicts."""
    import ijson

    with open(path, "rb") as raw:
        refuse_other_encoding(path, raw.read(4))
        raw.seek(0)
        if raw.read(3) != b"\xef\xbb\xbf":  # a UTF-8 byte-order mark, which some editors write
            raw.seek(0)
        start = raw.tell()
        watch = _SurrogateWatch(raw)
        meetings, early, late = 0, [], []
        try:
            for event in _events_of_stream(watch, ijson, skip="meetings"):
                if watch.found:
                    break
                if event.kind == "skipped":
                    meetings += 1
                    continue
                rank = SECTIONS.index(event.key) if event.key in SECTIONS else -1
                if event.kind == "field" and event.key in SECTIONS and event.value != []:
                    rank = -1  # a section that is not a list: the checks refuse it as a field
                (late if rank > _MEETINGS_AT else early).append((rank, event))
        except _StreamError as exc:
            if exc.place[:1] != ["meetings"]:
                raise _parse_refusal(path, exc) from exc.cause
            raise _located(path, raw, start, ijson) from exc.cause
        if watch.found:
            raw.seek(start)
            raise _surrogate_refusal(path, _events_of_stream(raw, ijson.get_backend("python")))
        early.sort(key=lambda ranked: ranked[0])  # stable: a section's items stay in order
        for _, event in early:
            yield event
        for _ in range(meetings):
            yield Event("field", "meetings", [])
        if meetings == 1:
            raw.seek(start)
            try:
                for index, item in enumerate(ijson.items(raw, "meetings.item", use_float=True)):
                    yield Event("item", "meetings", item, index)
            except Exception as exc:  # the first pass read the same bytes: not expected
                raise _located(path, raw, start, ijson) from exc
        for _, event in late:
            yield event


def _located(path: Path, raw: IO[bytes], start: int, backend: Any) -> ArchiveError:
    """The refusal for a parse error inside the meetings, found again by the slower loop that
    knows where it is."""
    raw.seek(start)
    try:
        for _ in _events_of_stream(raw, backend):
            pass
    except _StreamError as exc:
        return _parse_refusal(path, exc)
    return ArchiveError(f"{path} is not a JSON file (it could not be read to its end).")


def _surrogate_refusal(path: Path, events: Iterator[Event]) -> ArchiveError:
    from alcoach.data.archive.values import LONE_SURROGATE, find_surrogate, format_path

    try:
        for event in events:
            found = find_surrogate(event.value)
            if found is not None:
                head = [event.key, event.index] if event.kind == "item" else [event.key]
                place = format_path([*head, *found])
                return ArchiveError(f"{path}: {place}: the text holds {LONE_SURROGATE}.")
    except _StreamError as exc:
        return _parse_refusal(path, exc)
    return ArchiveError(f"{path}: a text holds {LONE_SURROGATE}.")


def _parse_refusal(path: Path, exc: _StreamError) -> ArchiveError:
    from alcoach.data.archive.values import format_path

    text = str(exc.cause).strip().splitlines()[0] if str(exc.cause).strip() else ""
    place = format_path(exc.place)
    if "overflow" in text or "Exceeds the limit" in text or "digits" in text:
        return ArchiveError(f"{path}: {place}: the number is outside the range alcoach can keep.")
    if "Incomplete" in type(exc.cause).__name__ and not text:
        return ArchiveError(f"{path} is not a JSON file (it ends too early, at {place}).")
    shown = re.sub(r"\s+", " ", text)[:120]
    return ArchiveError(f"{path} is not a JSON file (a syntax error after {place}: {shown}).")
