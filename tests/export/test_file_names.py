"""Proposed file names: the set, the meeting's title and date; any script kept; safe everywhere."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from alcoach.export.file_names import (
    MAX_NAME_BYTES,
    default_file_name,
    member_file_paths,
    safe_file_name,
)

EXAMPLES = int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "300"))
REFUSED = set('\\/:*?"<>|') | {chr(c) for c in range(32)} | {"\x7f"}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))}
RESERVED |= {f"LPT{i}" for i in range(10)}


def test_the_proposed_name_has_the_date_set_title_and_document():
    assert default_file_name(
        "meeting summary", "Set Blue", dt.date(2026, 11, 2), "Empty homes: <backlog>?"
    ) == ("2026-11-02 Set Blue - Empty homes backlog - meeting summary.pdf")
    assert default_file_name("set progress report", "学习小组 🌱", dt.date(2026, 1, 5)) == (
        "2026-01-05 学习小组 🌱 - set progress report.pdf"
    )
    assert default_file_name("blank session sheet", "...", None) == "blank session sheet.pdf"


def test_names_windows_refuses_are_mended():
    assert safe_file_name("CON") == "_CON"
    assert safe_file_name("nul.txt") == "_nul.txt"
    assert safe_file_name("Console") == "Console"
    assert safe_file_name(" trailing dots... ") == "trailing dots"
    assert safe_file_name("\x00\x1f", fallback="member") == "member"


def _safe(name: str) -> None:
    assert name and not (set(name) & REFUSED)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name == name.strip() and not name.endswith(".")
    assert name.split(".")[0].upper() not in RESERVED
    assert name == unicodedata.normalize("NFC", name)


@settings(derandomize=True, max_examples=EXAMPLES, deadline=None)
@given(
    what=st.sampled_from(["meeting summary", "feedback sheets", "set progress report"]),
    set_name=st.text(max_size=400),
    title=st.text(max_size=400),
    day=st.none() | st.dates(),
    members=st.lists(st.text(max_size=300), max_size=8),
)
def test_any_names_make_file_names_every_file_system_takes(what, set_name, title, day, members):
    name = default_file_name(what, set_name, day, title)
    _safe(name)
    assert name.endswith(f"{what}.pdf")
    if day is not None:
        assert name.startswith(day.isoformat())
    if len(set_name.encode("utf-8")) <= 40:  # short enough to be kept whole: every script stays
        assert all(c in name for c in unicodedata.normalize("NFC", set_name) if c.isalpha())
    paths = member_file_paths(Path("/x") / name, members)
    for path in paths:
        _safe(path.name)
    assert len({p.name.casefold() for p in paths}) == len(paths)  # one file each
