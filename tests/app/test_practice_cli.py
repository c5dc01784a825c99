"""The practice records' commands in new processes: `alcoach hours` beside an open window,
`alcoach list members`, `alcoach export csv` of every table, refusals in one sentence."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from test_data_cli import assert_one_sentence_failure, run

from alcoach.data.lock import hold_folder, release_folder
from alcoach.data.tables import TABLE_KINDS


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("practice") / "data"
    assert run(data_dir, "demo").returncode == 0
    return data_dir


def test_hours_prints_the_log_totals_and_targets_beside_an_open_window(demo):
    hold_folder(demo)  # as an open window does: a reading command still works
    try:
        done = run(demo, "hours")
        as_json = run(demo, "hours", "--json", "--from", "2026-11-01")
    finally:
        release_folder(demo)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum(1 for line in lines if "\tCoaching\tCoach\tpaid\t" in line) == 3
    assert any(line.startswith("Total: 4:36") for line in lines), done.stdout
    assert any(line.endswith("to PALC") for line in lines)
    doc = json.loads(as_json.stdout)
    assert [e["date"] for e in doc["entries"]] == ["2026-11-07", "2026-12-05"]
    assert doc["total_minutes"] == sum(e["minutes"] for e in doc["entries"])
    assert {t["name"] for t in doc["targets"]} == {"PALC", "SALC", "MALC"}


def test_hours_refuses_what_it_cannot_read(demo):
    said = assert_one_sentence_failure(run(demo, "hours", "--programme", "999"))
    assert "no programme with id 999" in said
    said = assert_one_sentence_failure(run(demo, "hours", "--from", "2026-12-01",
                                           "--to", "2026-01-01"))  # fmt: skip
    assert "after the --to date" in said


def test_list_members_gives_the_ids_erasure_takes(demo):
    done = run(demo, "list", "members", "--json")
    members = json.loads(done.stdout)
    assert len(members) == 6 and {"id", "set_id", "set", "name", "active"} <= set(members[0])
    plain = run(demo, "list", "members", "--set", str(members[0]["set_id"]))
    assert plain.stdout.splitlines()[0].split("\t")[0] == str(members[0]["id"])
    said = assert_one_sentence_failure(run(demo, "list", "members", "--set", "999"))
    assert "no set with id 999" in said


def test_every_table_exports_and_reads_back(demo, tmp_path):
    for kind in TABLE_KINDS:
        out = tmp_path / f"{kind}.csv"
        done = run(demo, "export", "csv", kind, "--out", str(out), "--delimiter", "semicolon")
        assert done.returncode == 0, done.stderr
        assert out.stat().st_mode & 0o777 == 0o600
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
        assert f"({len(rows) - 1:,} rows)" in done.stdout
        assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
    hours = list(csv.DictReader((tmp_path / "hours.csv").read_text("utf-8-sig").splitlines(),
                                delimiter=";"))  # fmt: skip
    assert {"date", "set", "programme", "organisation", "group_size", "hours", "minutes", "kind",
            "role", "paid"} <= set(hours[0])  # fmt: skip
    assert all(row["minutes"].isdigit() for row in hours)


def test_an_existing_file_needs_force_and_options_apply_where_they_mean_something(demo, tmp_path):
    out = tmp_path / "t.csv"
    out.write_text("keep me", encoding="utf-8")
    said = assert_one_sentence_failure(run(demo, "export", "csv", "tallies", "--out", str(out)))
    assert "already exists" in said and out.read_text(encoding="utf-8") == "keep me"
    assert run(demo, "export", "csv", "tallies", "--out", str(out), "--force").returncode == 0
    said = assert_one_sentence_failure(
        run(demo, "export", "csv", "tallies", "--out", str(out), "--force", "--from", "2026-01-01")
    )
    assert "hours table only" in said
    anonymised = tmp_path / "anon.csv"
    done = run(demo, "export", "csv", "actions", "--out", str(anonymised), "--anonymise")
    assert done.returncode == 0
    assert "Amara" not in anonymised.read_text(encoding="utf-8") and "Member A" in (
        anonymised.read_text(encoding="utf-8")
    )
    help_text = run(demo, "export", "csv", "--help").stdout
    assert "--anonymise" in help_text and "Of the PDF exports' options" in help_text


def test_feedback_sheets_leave_out_who_withdrew_and_say_so(tmp_path):
    from alcoach.data import consent, meetings, sets
    from alcoach.data.store import open_store

    folder = tmp_path / "data"
    assert run(folder, "demo").returncode == 0
    store = open_store(folder)
    try:
        (learning_set,) = sets.list_sets()
        first = sets.list_members(learning_set.id)[0]
        consent.record_consent(first.id, "feedback_sheet", False, how="email")
        meeting = meetings.list_meetings(learning_set.id)[0].id
    finally:
        store.close()
    out = tmp_path / "sheets"
    out.mkdir()
    done = run(folder, "export", "feedback", str(meeting), "--per-member", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"No feedback sheet for {first.name}: no consent to receive one" in done.stdout
    assert not any(first.name in p.name for p in out.iterdir()) and any(out.iterdir())
    summary = tmp_path / "summary.pdf"
    done = run(folder, "export", "meeting", str(meeting), "--out", str(summary),
               "--anonymise", "without-consent")  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_retention_from_the_command_line(tmp_path):
    from alcoach.data import meetings, sets
    from alcoach.data.store import open_store

    folder = tmp_path / "data"
    assert run(folder, "demo").returncode == 0
    store = open_store(folder)
    try:
        meetings.create_meeting(sets.list_sets()[0].id, dt.date(2012, 1, 9), title="Long ago")
    finally:
        store.close()
    assert "kept for always" in run(folder, "retention").stdout
    said = run(folder, "retention", "--years", "5").stdout
    assert "kept for 5 years: 1 dated before" in said
    refused = assert_one_sentence_failure(run(folder, "retention", "--remove"))
    assert "asks before it removes" in refused
    keep = tmp_path / "everything.json"
    done = run(folder, "retention", "--remove", "--yes", "--archive", str(keep))
    assert done.returncode == 0 and "Removed 1 meeting older than 5 years" in done.stdout
    assert "Long ago" in keep.read_text(encoding="utf-8")
    assert "Long ago" not in run(folder, "list", "meetings").stdout
