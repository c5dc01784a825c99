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

# The list sections, in the order the checks and the merge need them (parents before children).
SECTIONS = ("programmes", "sets", "questions", "agenda_templates", "meetings", "tombstones")
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


def _build(first: tuple[str, Any], events: Iterator[tuple[str, str, Any]], where: list) -> Any:
    from ijson.common import ObjectBuilder

    builder = ObjectBuilder()
    event, value = first
    builder.event(event, value)
    depth = 1 if event in ("start_map", "start_array") else 0
    where[:] = [builder, lambda: depth]
    while depth:
        _, event, value = next(events)
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
    where[:] = []
    return builder.value


def _events_of_stream(fh: Any, backend: Any, skip: str = "") -> Iterator[Event]:
    """Events in file order, each record built on its own; the items of the section `skip`
    are passed over (only a marker for the section is given)."""
    events = backend.parse(fh, use_float=True)
    key = ""
    where: list[Any] = []
    section, index = "", -1
    try:
        prefix, event, value = next(events)
        if event != "start_map":
            yield Event("field", "", _build((event, value), events, where))
            return
        for prefix, event, value in events:
            if prefix == "":
                if event == "map_key":
                    key = value
                continue
            if event == "start_array" and key == skip:
                yield Event("skipped", key, [])
                for prefix, _, _ in events:
                    if prefix == key:  # only the section's own end has its bare name
                        break
            elif event == "start_array" and key in SECTIONS:
                yield Event("field", key, [])
                section, index = key, -1
                for prefix, event, value in events:
                    if prefix == key and event == "end_array":
                        break
                    index += 1
                    yield Event("item", key, _build((event, value), events, where), index)
                section = ""
            else:
                yield Event("field", key, _build((event, value), events, where))
    except ArchiveError:
        raise
    except Exception as exc:  # ijson's parse errors, ValueError for a 5,000-digit number
        raise _StreamError(exc, _place(section, index, key, where)) from exc


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
    except OSError as exc:
        raise ArchiveError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def _stream_file(path: Path) -> Iterator[Event]:
    """Two passes: the header and the small sections, built by the Python loop here (it knows
    the place of any error), then the meetings, each built by ijson's C code (ten times faster);
    tombstones, if any, come last."""
    import ijson

    with open(path, "rb") as raw:
        if raw.read(3) != b"\xef\xbb\xbf":  # a UTF-8 byte-order mark, which some editors write
            raw.seek(0)
        start = raw.tell()
        watch = _SurrogateWatch(raw)
        meetings, tombstones = 0, []
        try:
            for event in _events_of_stream(watch, ijson, skip="meetings"):
                if watch.found:
                    break
                if event.kind == "skipped":
                    meetings += 1
                elif (event.key == "tombstones" and event.kind != "field") or (
                    event.key == "tombstones" and event.value == []
                ):
                    tombstones.append(event)
                else:
                    yield event
        except _StreamError as exc:
            if exc.place[:1] != ["meetings"]:
                raise _parse_refusal(path, exc) from exc.cause
            raise _located(path, raw, start, ijson) from exc.cause
        if watch.found:
            raw.seek(start)
            raise _surrogate_refusal(path, _events_of_stream(raw, ijson.get_backend("python")))
        for _ in range(meetings):
            yield Event("field", "meetings", [])
        if meetings == 1:
            raw.seek(start)
            try:
                for index, item in enumerate(ijson.items(raw, "meetings.item", use_float=True)):
                    yield Event("item", "meetings", item, index)
            except Exception as exc:  # the first pass read the same bytes: not expected
                raise _located(path, raw, start, ijson) from exc
        yield from tombstones


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
