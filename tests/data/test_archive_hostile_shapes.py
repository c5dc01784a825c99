"""Hostile archives stay harmless: nesting deeper than the format's own is refused in one
sentence within bounded memory, wherever it hides; a file in another encoding is named."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from alcoach.data import archive
from alcoach.errors import ArchiveError


def _export_with_meeting(sample_set, tmp_path):
    from alcoach.data import interventions

    interventions.log_intervention(sample_set["meeting"].id, "A note")
    path = tmp_path / "good.json"
    archive.export_archive_file(path)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["coach_notes", "extra field", "a rating", "the whole file"])
def test_deep_nesting_is_refused_in_one_sentence(sample_set, tmp_path, where):
    text = _export_with_meeting(sample_set, tmp_path)
    bomb = "[" * 1000 + "]" * 1000
    if where == "coach_notes":
        text = text.replace('"coach_notes": ""', f'"coach_notes": {bomb}', 1)
    elif where == "extra field":
        text = text[:-1] + f', "extra": {bomb}}}'
    elif where == "a rating":
        text = text.replace('"ratings": []', f'"ratings": [{{"x": {bomb}}}]', 1)
    else:
        text = bomb
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    for attempt in (archive.import_archive_file, archive.check_archive_file):
        with pytest.raises(ArchiveError, match="nested deeper than an alcoach archive can be"):
            attempt(path)
    doc = (
        json.loads(text.replace(bomb, "[[[[[[[[[[[]]]]]]]]]]]"))
        if where != "the whole file"
        else None
    )
    if doc is not None:  # the same, parsed already (an archive handed over in memory)
        with pytest.raises(ArchiveError, match="nested deeper"):
            archive.import_archive(doc)


def test_a_nesting_bomb_takes_bounded_memory(tmp_path):
    """100,000 nested "[" (200 KB) once took 23.6 GB: now refused within a few MB."""
    bomb = tmp_path / "bomb.json"
    bomb.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    extra = tmp_path / "extra.json"
    extra.write_bytes(
        b'{"format": "alcoach-archive", "version": 3, "sets": [], "questions": [], '
        b'"meetings": [], "x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
    )
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        from alcoach.data.store import open_store
        from alcoach.data import archive
        from alcoach.errors import ArchiveError
        store = open_store(Path({str(tmp_path / "data")!r}))
        good = Path({str(tmp_path)!r}) / "good.json"
        archive.export_archive_file(good)
        archive.import_archive_file(good)  # every module an import needs is loaded now
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for name in ("bomb.json", "extra.json"):
            try:
                archive.import_archive_file(Path({str(tmp_path)!r}) / name)
            except ArchiveError as exc:
                print(exc)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)
        store.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all("nested deeper" in line for line in lines[:2])
    grown_kb = int(lines[2])
    assert grown_kb <= 5 * 200  # at most 5x the larger file's size (200 KB)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_file_in_another_encoding_is_named(sample_set, tmp_path, encoding):
    text = _export_with_meeting(sample_set, tmp_path)
    path = tmp_path / "wide.json"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(ArchiveError) as refused:
        archive.import_archive_file(path)
    message = str(refused.value)
    named = {"utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-32": "UTF-32"}[encoding]
    assert f"is a text file in {named}" in message
    assert "\\x" not in message and "b'" not in message
