"""Refusing a bad archive before anything is kept: header, values, JSON Schema, then every link.

Each refusal is an ArchiveError whose message names the place, e.g.
`meetings[3].actions[0].owner: no member "s0m9" in set "s0"`.

The archive is checked record by record as it is read (reader.py), so a file is never held
whole: each record of a list section goes through the value checks (values.py) and its
own part of the schema (Draft 2020-12, jsonschema); the many small items inside meetings first go
through quick checks (quick_checks.py) that accept only what the schema surely accepts. Links
are checked as records arrive (parents come before children); an action reported in a later
meeting is checked at the end.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema

from alcoach.data.archive.links import Links
from alcoach.data.archive.quick_checks import QUICK, QUICK_RECORDS, is_datetime
from alcoach.data.archive.reader import SECTIONS, Event
from alcoach.data.archive.values import BadValue, check_values, format_path
from alcoach.errors import ArchiveError

_HERE = Path(__file__).resolve().parent
SCHEMA_PATHS = {v: _HERE / f"archive-v{v}.schema.json" for v in (1, 2, 3, 4)}
LATEST_VERSION = 4
SCHEMA_PATH = SCHEMA_PATHS[LATEST_VERSION]
FORMAT = "alcoach-archive"
# The schema's definition each list section's items follow.
_ITEM_DEFS = {
    "programmes": "programme",
    "sets": "set",
    "questions": "question",
    "agenda_templates": "agenda_template",
    "meetings": "meeting",
    "tombstones": "tombstone",
    "erasures": "erasure",
    "consents": "consent",
    "hours_entries": "hours_entry",
    "targets": "target",
    "conflicts": "conflict",
}

__all__ = ["ArchiveCheck", "format_path", "is_datetime", "load_schema"]


class OutOfOrder(Exception):
    """The file lists its sections in another order than the one they are checked in."""


@functools.cache
def load_schema(version: int = LATEST_VERSION) -> dict[str, Any]:
    return json.loads(SCHEMA_PATHS[version].read_text(encoding="utf-8"))


@functools.cache
def _validator(version: int) -> jsonschema.Draft202012Validator:
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(is_datetime)
    return jsonschema.Draft202012Validator(load_schema(version), format_checker=checker)


@functools.cache
def _record_validator(version: int, name: str) -> jsonschema.Draft202012Validator:
    schema = {**load_schema(version), "$ref": f"#/$defs/{name}"}
    schema.pop("properties"), schema.pop("required")
    return _validator(version).evolve(schema=schema)


@functools.cache
def _item_validator(version: int, kind: str) -> jsonschema.Draft202012Validator:
    items = load_schema(version)["$defs"]["meeting"]["properties"][kind]["items"]
    return _validator(version).evolve(schema={**load_schema(version), **items})


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message, with a long value quoted cut short."""
    shown = repr(error.instance)
    overflowing = isinstance(error.instance, str) and _beyond_utc(error.instance)
    if error.validator == "format" and overflowing:
        return (
            f"{_short(shown)} leaves the years alcoach can keep (1 to 9999) once converted to UTC"
        )
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return (
            f"{_short(shown)} is {len(error.instance):,} characters long, longer than the "
            f"{error.validator_value:,} allowed here"
        )
    message = error.message
    if len(shown) > 60:
        message = message.replace(shown, _short(shown))
    return _short(message, 300)


def _beyond_utc(text: str) -> bool:
    """A well-formed date and time that overflows when converted to UTC (year 1 at +05:00)."""
    import datetime as dt

    try:
        parsed = dt.datetime.fromisoformat(text.upper().replace(" ", "T"))
    except ValueError:
        return False
    try:
        parsed.astimezone(dt.UTC)
    except OverflowError:
        return True
    return False


def _first_error(errors: Iterable[jsonschema.ValidationError], prefix: list[str | int]) -> None:
    for error in errors:
        raise ArchiveError(f"{format_path([*prefix, *error.absolute_path])}: {_message(error)}")


def _values(value: Any, place: list[str | int], surrogates: bool) -> None:
    try:
        check_values(value, place, surrogates=surrogates)
    except BadValue as bad:
        raise ArchiveError(f"{format_path(bad.place)}: {bad.problem}") from None


def _describe(doc: object) -> str:
    return {list: "a list", str: "a string"}.get(type(doc), "a single value")


class ArchiveCheck:
    """Checks one archive as its events arrive (reader.Event); `version` is known once
    the first list section starts. `surrogates`: whether texts may hold lone surrogates (a file
    read by ijson's C parser cannot)."""

    def __init__(self, name: str, *, surrogates: bool = True, ordered: bool = True) -> None:
        self.name = name
        self.ordered = ordered  # events come fields first, then sections in SECTIONS order
        self.surrogates = surrogates
        self.version: int | None = None
        self.fields: dict[str, Any] = {}
        self.sections: list[str] = []
        self.links: Links | None = None
        self.counts = {"sets": 0, "meetings": 0, "interventions": 0}

    # --- the header ---------------------------------------------------------------------------

    def field(self, key: str, value: Any) -> None:
        if key == "" and not isinstance(value, dict):
            raise ArchiveError(
                f"{self.name} is not an alcoach archive (it holds {_describe(value)}, "
                "not an object)."
            )
        if key in SECTIONS and value == []:
            self._section(key)
            return
        if key in self.fields or (key in SECTIONS and key in self.sections):
            raise ArchiveError(f'{self.name} has the key "{_short(key)}" twice.')
        if self.version is not None and key in ("format", "version"):
            raise OutOfOrder(key)  # (a parsed document lists its fields first: never here)
        self.fields[key] = value

    def _section(self, key: str) -> None:
        if key in self.sections:
            raise ArchiveError(f'{self.name} has the key "{key}" twice.')
        if self.sections and SECTIONS.index(key) < SECTIONS.index(self.sections[-1]):
            raise OutOfOrder(key)
        self.sections.append(key)
        if self.version is None:
            self._header()
        if self.ordered:  # a section that comes before this one, and is not there, is missing
            for required in ("sets", "questions"):
                if SECTIONS.index(required) < SECTIONS.index(key) and (
                    required not in self.sections
                ):
                    raise ArchiveError(f"archive: '{required}' is a required property")

    def _header(self, *, final: bool = False) -> None:
        """Format and version, before the first record (or at the end, when there is none)."""
        complete = "format" in self.fields and "version" in self.fields
        if not (final or self.ordered or complete):
            raise OutOfOrder("format")
        _values(self.fields, [], self.surrogates)
        fmt = self.fields.get("format")
        if fmt != FORMAT:
            shown = "no format" if fmt is None else f"format {_short(json.dumps(fmt))}"
            raise ArchiveError(f"{self.name} is not an alcoach archive (it has {shown}).")
        version = self.fields.get("version")
        if "version" not in self.fields:
            raise ArchiveError("archive: 'version' is a required property")
        if isinstance(version, int) and not isinstance(version, bool):
            if version > LATEST_VERSION:
                raise ArchiveError(
                    f"{self.name} is an archive of version {version:,}, newer than this alcoach "
                    f"reads (up to version {LATEST_VERSION}): please update alcoach to import it."
                )
            if version in SCHEMA_PATHS:
                self.version = version
        if self.version is None:
            raise ArchiveError(
                f"{format_path(['version'])}: {_short(repr(version))} is not an archive version "
                f"alcoach knows (1 to {LATEST_VERSION})."
            )
        self._top_level(required=False)
        self.links = Links(self.version)

    def _top_level(self, *, required: bool) -> None:
        assert self.version is not None
        _values(self.fields, [], self.surrogates)
        light = {**self.fields, **{key: [] for key in self.sections}}
        if not required:
            light.update({key: [] for key in ("sets", "meetings", "questions") if key not in light})
        _first_error(_validator(self.version).iter_errors(light), [])

    # --- records --------------------------------------------------------------------------------

    def item(self, section: str, index: int, item: Any) -> None:
        assert self.version is not None and self.links is not None
        place: list[str | int] = [section, index]
        quick = QUICK_RECORDS[self.version].get(section)
        if section == "meetings" and type(item) is dict:
            self._meeting(place, item)
        elif quick is not None and quick(item):
            if self.surrogates:
                _values(item, place, True)
        else:
            _values(item, place, self.surrogates)
            validator = _record_validator(self.version, _ITEM_DEFS[section])
            _first_error(validator.iter_errors(item), place)
        self.links.add(section, index, item)
        if section == "sets":
            self.counts["sets"] += 1

    def _meeting(self, place: list[str | int], meeting: dict[str, Any]) -> None:
        assert self.version is not None
        quick = QUICK[self.version]
        light = dict(meeting)
        heavy = []
        for kind, check in quick.items():
            items = meeting.get(kind)
            if type(items) is list:
                heavy.append((kind, check, items))
                light[kind] = []
        _values(light, place, self.surrogates)
        _first_error(_record_validator(self.version, "meeting").iter_errors(light), place)
        for kind, check, items in heavy:
            for j, child in enumerate(items):
                if check(child):
                    if self.surrogates:
                        _values(child, [*place, kind, j], True)
                    continue
                _values(child, [*place, kind, j], self.surrogates)
                _first_error(
                    _item_validator(self.version, kind).iter_errors(child), [*place, kind, j]
                )
        self.counts["meetings"] += 1
        self.counts["interventions"] += len(meeting.get("interventions", ()))

    def finish(self) -> None:
        if self.version is None:
            self._header(final=True)
        self._top_level(required=True)
        assert self.links is not None
        self.links.finish()

    def feed(self, event: Event) -> bool:
        """Check one event; True when it is a record (an item) that passed. A section later
        versions added, in an older version's archive, is ignored, as unknown keys are."""
        if event.kind == "field":
            self.field(event.key, event.value)
            return False
        assert self.version is not None
        if event.key not in load_schema(self.version)["properties"]:
            return False
        self.item(event.key, event.index, event.value)
        return True
