"""Tables out as CSV: read back with the csv module, safe against formula injection for any text,
numbers kept numbers, names anonymised in their columns and inside notes."""

from __future__ import annotations

import csv
import datetime as dt
import io

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from alcoach.data import actions, interventions, meetings, sets, tallies
from alcoach.data.tables import TABLE_KINDS, roster, table
from alcoach.export.csv_tables import BOM, anonymised_rows, csv_bytes, safe_text


def _read(data: bytes, delimiter: str = ",") -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_that_starts_like_a_formula_is_written_as_text(start):
    hostile = f'{start}HYPERLINK("http://x","click")'
    (_header, row) = _read(csv_bytes(["text", "n"], [[hostile, -3]]))
    assert row == ["'" + hostile, "-3"]  # a number stays a number, sign and all


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.text(max_size=60), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_text_reads_back_as_written_and_never_as_a_formula(texts, delimiter):
    rows = _read(csv_bytes([f"c{i}" for i in range(len(texts))], [texts], delimiter=delimiter),
                 delimiter)  # fmt: skip
    back = rows[1]
    for written, read in zip(texts, back, strict=True):
        assert read == safe_text(written)
        assert not read.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert read.removeprefix("'") == written or read == written


def test_values_of_every_type(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    import time

    time.tzset()
    try:
        when = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
        (_, row) = _read(csv_bytes(["a"] * 6, [[when, dt.date(2026, 3, 2), True, None, 2.5, 7]]))
        assert row == ["2026-03-02T09:30:00+01:00", "2026-03-02", "yes", "", "2.5", "7"]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.fixture
def filled(store):
    learning_set = sets.create_set("Set Blue")
    dana = sets.add_member(learning_set.id, "Dana Scully")
    kofi = sets.add_member(learning_set.id, "Kofi Mensah")
    meeting = meetings.create_meeting(learning_set.id, dt.date(2026, 3, 2), title="First")
    note = interventions.log_intervention(meeting.id, "=1+1 Dana asked about the owners",
                                          member_ids=[dana.id, kofi.id])  # fmt: skip
    interventions.set_rating(note.id, dana.id, 8)
    tallies.record_tally(meeting.id, kofi.id, "question")
    actions.commit_action(meeting.id, "Kofi calls the owners", owner_id=kofi.id,
                          due=dt.date(2026, 3, 20))  # fmt: skip
    return learning_set, dana, kofi


def test_every_table_reads_back_with_its_header(filled):
    for kind in TABLE_KINDS:
        found = table(kind)
        rows = _read(csv_bytes(found.header, found.rows, delimiter=";"), ";")
        assert tuple(rows[0]) == found.header
        assert all(len(row) == len(found.header) for row in rows[1:])
    iv = table("interventions")
    ((*_, addressed, afterwards),) = iv.rows
    assert addressed == "Dana Scully; Kofi Mensah" and afterwards is False
    (_, row) = _read(csv_bytes(iv.header, iv.rows))
    assert row[7] == "'=1+1 Dana asked about the owners"
    ((*_, owner, _text, due, status, _, reported),) = table("actions").rows
    assert (owner, due, status, reported) == ("Kofi Mensah", dt.date(2026, 3, 20), "committed",
                                              None)  # fmt: skip


def test_anonymised_tables_name_nobody(filled):
    learning_set, *_ = filled
    for kind in TABLE_KINDS:
        found = table(kind, learning_set.id)
        rows = anonymised_rows(found.rows, roster(learning_set.id), found.member_columns,
                               found.text_columns)  # fmt: skip
        data = csv_bytes(found.header, rows).decode("utf-8")
        for name in ("Dana", "Scully", "Kofi", "Mensah"):
            assert name not in data, (kind, data)
    iv = table("interventions")
    (row,) = anonymised_rows(iv.rows, roster(), iv.member_columns, iv.text_columns)
    assert row[9] == "Member A; Member B" and "Member A asked" in row[7]


def test_a_set_of_its_own(filled):
    other = sets.create_set("Set Green")
    assert table("interventions", other.id).rows == []
    assert len(table("interventions", filled[0].id).rows) == 1


def test_without_consent_a_table_names_only_who_agreed(filled):
    from alcoach.data import consent
    from alcoach.data.tables import named_in_tables

    learning_set, dana, _ = filled
    consent.record_consent(dana.id, "sponsor_reports", True)
    keep = named_in_tables(learning_set.id)
    assert keep == ("Dana Scully",)
    iv = table("interventions", learning_set.id)
    (row,) = anonymised_rows(iv.rows, roster(learning_set.id), iv.member_columns,
                             iv.text_columns, keep)  # fmt: skip
    assert row[9] == "Dana Scully; Member A" and "Dana asked" in row[7]
