"""Reading an archive file record by record: any key order, escapes split between chunks, and
the place of a syntax error deep in the meetings."""

from __future__ import annotations

import json

import pytest
from archive_support import SAMPLE, row_counts

from alcoach.data import archive
from alcoach.data.archive.reader import stream_events
from alcoach.errors import ArchiveError


def test_sections_in_another_order_import_the_same(store, tmp_path):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    upside_down = dict(reversed(list(doc.items())))  # meetings first, format last
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(upside_down, ensure_ascii=False), encoding="utf-8")
    assert archive.import_archive_file(path).startswith("2 meetings added, 0 already here")
    assert archive.import_archive_file(SAMPLE) == "0 meetings added, 2 already here, 0 updated"


def test_surrogate_pairs_split_between_chunks_are_not_mistaken_for_lone_ones(store, tmp_path):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["meetings"][0]["coach_notes"] = "🙂\\" * 40_000  # escaped pairs and backslashes, 480 kB
    path = tmp_path / "ascii.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    for shift in range(12):  # move the chunk boundaries through every byte of an escape
        doc["meetings"][0]["title"] = "x" * shift
        path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
        events = list(stream_events(path))
        notes = next(e.value for e in events if e.kind == "item" and e.key == "meetings")[
            "coach_notes"
        ]
        assert notes == "🙂\\" * 40_000


def test_an_escaped_backslash_before_u_is_text(store, tmp_path):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["meetings"][0]["coach_notes"] = "C:\\ud800 is a folder"
    path = tmp_path / "folder.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    archive.import_archive_file(path)
    exported = archive.export_archive()
    assert exported["meetings"][0]["coach_notes"] == "C:\\ud800 is a folder"


def test_a_syntax_error_deep_in_the_meetings_names_its_place(store, tmp_path):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["meetings"][0]["learnings"][2]["text"] = "@@HERE@@"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc).replace('"@@HERE@@"', "tru"), encoding="utf-8")
    before = row_counts()
    with pytest.raises(ArchiveError) as refused:
        archive.import_archive_file(path)
    assert str(refused.value).startswith(
        f"{path} is not a JSON file (a syntax error after meetings[0].learnings[2].text: "
    )
    assert row_counts() == before
