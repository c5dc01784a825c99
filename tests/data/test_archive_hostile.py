"""Values the app cannot hold are refused in one sentence naming the place, with nothing written;
random valid archives round-trip exactly. Hypothesis examples: ALCOACH_HYPOTHESIS_EXAMPLES."""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from archive_support import row_counts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alcoach.data import archive
from alcoach.data.archive.checks import format_path
from alcoach.data.store import open_store
from alcoach.errors import ArchiveError
from benchmarks.generate import generate_archive

EXAMPLES = int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "20"))
_TIME_KEYS = re.compile(r"(_at|^at|^start|^end)$")
HOSTILE_NUMBERS: list[Any] = [10**30, -(10**30), 10**5000 - 1, float("inf"), float("-inf"),
                              float("nan")]  # fmt: skip
HOSTILE_TEXTS = ["\ud800", "a\udfffb", "x" * 1_000_001]
OVERFLOWING_TIMES = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:30:00-01:00"]


def _version_2(seed: int, texts: list[str]) -> dict[str, Any]:
    return copy.deepcopy(_made(seed, tuple(texts)))


@functools.lru_cache(maxsize=64)
def _made(seed: int, texts: tuple[str, ...]) -> dict[str, Any]:
    """A random small archive, made version 2 by a trip through a database."""
    doc = generate_archive(sets=1, meetings_per_set=2, interventions_per_meeting=4,
                           tallies_per_meeting=2, questions=8, seed=seed)  # fmt: skip
    notes = [mt for mt in doc["meetings"]]
    for i, text in enumerate(texts):
        meeting = notes[i % len(notes)]
        meeting["interventions"][i % len(meeting["interventions"])]["text"] = text
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        try:
            archive.import_archive(doc)
            return archive.export_archive()
        finally:
            store.close()


def _leaves(value: Any, path: list[str | int]) -> list[tuple[list[str | int], Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, [*path, k])]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, [*path, i])]
    return [(path, value)]


def _put(doc: dict[str, Any], path: list[str | int], value: Any) -> None:
    node: Any = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _without_times(doc: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    out.pop("exported_at")
    out["questions"] = [q for q in out["questions"] if not q["builtin"]]
    out["agenda_templates"] = [t for t in out["agenda_templates"] if not t["builtin_key"]]
    return out


_settings = settings(
    max_examples=EXAMPLES, derandomize=True, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip


@_settings
@given(seed=st.integers(0, 10_000), texts=st.lists(st.text(max_size=40), max_size=4))
def test_random_valid_archives_round_trip_exactly(seed, texts):
    doc = _version_2(seed, texts)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        try:
            archive.import_archive(copy.deepcopy(doc))
            again = archive.export_archive()
        finally:
            store.close()
    assert _without_times(again) == _without_times(doc)


@_settings
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10**9), data=st.data())
def test_any_value_replaced_by_a_hostile_one_is_refused_naming_the_place(seed, pick, data):
    doc = _version_2(seed, [])
    leaves = _leaves(doc, [])
    path, _ = leaves[pick % len(leaves)]
    choices = HOSTILE_NUMBERS + HOSTILE_TEXTS
    if isinstance(path[-1], str) and _TIME_KEYS.search(path[-1]):
        choices = choices + OVERFLOWING_TIMES
    hostile = data.draw(st.sampled_from(choices))
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        try:
            archive.import_archive(copy.deepcopy(doc))  # the database holds it: a merge
            before = row_counts()
            _put(doc, path, hostile)
            with pytest.raises(ArchiveError) as refused:
                archive.import_archive(doc)
            assert row_counts() == before
            on_file = None
            if not (isinstance(hostile, int) and hostile > 10**4000):  # json.dumps cannot
                file = Path(folder) / "hostile.json"
                file.write_text(json.dumps(doc), encoding="utf-8")  # \ud800, Infinity, NaN
                with pytest.raises(ArchiveError) as on_file:
                    archive.import_archive_file(file)
                assert row_counts() == before
        finally:
            store.close()
    place = format_path(path)
    header = path[0] in ("format", "version")
    for caught in (refused, on_file):
        if caught is None:
            continue
        message = str(caught.value)
        assert "\n" not in message and len(message) < 400, message
        assert f"{place}: " in message or (header and "archive" in message), (place, message)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("1" + "0" * 30, "the number is outside the range alcoach can keep."),
        ("9" * 5000, "the number is outside the range alcoach can keep."),
        ("1e999", "the number is outside the range alcoach can keep."),
        ('"\\ud800"', "the text holds a lone surrogate"),
    ],
)
def test_a_file_with_a_hostile_value_names_the_place(tmp_path, raw, says):
    doc = _version_2(7, [])
    store = open_store(tmp_path / "data")
    meeting = doc["meetings"][1]
    field = "text" if raw.startswith('"') else "offset_seconds"
    meeting["interventions"][2][field] = "@@HERE@@"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc).replace('"@@HERE@@"', raw), encoding="utf-8")
    before = row_counts()
    try:
        with pytest.raises(ArchiveError) as refused:
            archive.import_archive_file(path)
        assert row_counts() == before
    finally:
        store.close()
    assert str(refused.value).startswith(f"{path}: meetings[1].interventions[2].{field}: {says}")


def test_a_date_that_overflows_in_utc_and_an_over_long_id_are_refused(tmp_path):
    doc = _version_2(3, [])
    store = open_store(tmp_path / "data")
    doc["meetings"][0]["started_at"] = "0001-01-01T00:00:00+05:00"
    with pytest.raises(ArchiveError) as refused:
        archive.import_archive(copy.deepcopy(doc))
    assert str(refused.value) == (
        "meetings[0].started_at: '0001-01-01T00:00:00+05:00' leaves the years alcoach can keep "
        "(1 to 9999) once converted to UTC"
    )
    doc = _version_2(3, [])
    doc["sets"][0]["id"] = "s" * 100_000
    with pytest.raises(ArchiveError) as refused:
        archive.import_archive(doc)
    store.close()
    message = str(refused.value)
    assert message.startswith("sets[0].id: 'sssss") and "…" in message and len(message) < 200


def test_a_text_of_a_million_characters_is_kept(tmp_path):
    doc = _version_2(2, [])
    doc["meetings"][0]["coach_notes"] = "é" * 1_000_000
    store = open_store(tmp_path / "data")
    try:
        archive.import_archive(doc)
        notes = archive.export_archive()["meetings"][0]["coach_notes"]
    finally:
        store.close()
    assert notes == "é" * 1_000_000
