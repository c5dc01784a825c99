"""`alcoach search QUERY [--json]` as a separate process, as a coach or a script runs it."""

from __future__ import annotations

import json
import os

import pytest
from test_data_cli import assert_one_sentence_failure, run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("search") / "data"
    assert run(data_dir, "demo").returncode == 0
    return data_dir


def test_plain_lines_mark_the_match(demo_dir):
    done = run(demo_dir, "search", "rafaél")  # accents typed where the notes have none
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(len(line.split("\t")) == 4 for line in lines)
    assert all("[Rafael]" in line for line in lines)


def test_json_gives_every_hit_with_its_matches(demo_dir):
    done = run(demo_dir, "search", "Rafael", "safe", "--json")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert hits and {"meeting_id", "date", "set", "kind", "id", "snippet", "matches"} <= set(
        hits[0]
    )
    for hit in hits:
        marked = {hit["snippet"][a:b].lower() for a, b in hit["matches"]}
        assert {"rafael", "safe"} <= marked


def test_nothing_found_is_an_empty_list_or_a_sentence(demo_dir):
    assert json.loads(run(demo_dir, "search", "zqxj", "--json").stdout) == []
    done = run(demo_dir, "search", "zqxj")
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.strip() == "No note holds “zqxj”."


def test_a_missing_database_is_one_sentence(tmp_path):
    line = assert_one_sentence_failure(run(tmp_path / "none", "search", "budget"))
    assert "no alcoach database" in line
    assert not (tmp_path / "none" / "alcoach.db").exists()


def test_a_corrupt_database_is_one_sentence(tmp_path):
    (tmp_path / "alcoach.db").write_bytes(os.urandom(16384))
    line = assert_one_sentence_failure(run(tmp_path, "search", "budget"))
    assert str(tmp_path / "alcoach.db") in line
