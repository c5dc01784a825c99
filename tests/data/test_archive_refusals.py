"""A bad archive is refused with a message naming the place, and nothing is written."""

from __future__ import annotations

import copy
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from archive_support import SAMPLE, as_version_2, as_version_3, row_counts

from alcoach.data import archive
from alcoach.data.archive.checks import _item_validator
from alcoach.data.archive.quick_checks import QUICK
from alcoach.errors import ArchiveError
from benchmarks.generate import generate_archive

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
# Two sets of six members ("s0m0".."s0m5", "s1m0"..), four meetings each:
# meetings[0..3] are "s0mt0".."s0mt3" in set "s0", meetings[4..7] are in set "s1".
BASE = generate_archive(sets=2, meetings_per_set=4, interventions_per_meeting=30, seed=2)


def _first(kind: str, where: Callable[[dict[str, Any]], bool] = lambda item: True) -> tuple:
    """(meeting index, item index) of the first item of `kind` in set s0 that passes `where`."""
    for i, meeting in enumerate(BASE["meetings"][:4]):
        for j, item in enumerate(meeting[kind]):
            if where(item):
                return i, j
    raise AssertionError(f"the generated archive has no {kind}")


def _refused(store, doc: Any, message: str) -> None:
    before = row_counts()
    with pytest.raises(ArchiveError) as caught:
        archive.import_archive(doc)
    assert str(caught.value) == message
    assert row_counts() == before


def _case(mutate: Callable[[dict[str, Any]], str]) -> Callable[[Any], None]:
    def run(store) -> None:
        doc = copy.deepcopy(BASE)
        message = mutate(doc)
        _refused(store, doc, message)

    return run


def _set_programme(doc):
    doc["sets"][1]["programme"] = "p9"
    return 'sets[1].programme: no programme "p9"'


def _meeting_set(doc):
    doc["meetings"][5]["set"] = "s9"
    return 'meetings[5].set: no set "s9"'


def _attendee(doc):
    doc["meetings"][1]["attendees"][0] = "s1m0"
    return 'meetings[1].attendees[0]: no member "s1m0" in set "s0"'


def _presenter(doc):
    doc["meetings"][2]["presenters"][0] = "s1m2"
    return 'meetings[2].presenters[0]: no member "s1m2" in set "s0"'


def _action_owner(doc):
    doc["meetings"][3]["actions"][0]["owner"] = "s0m9"
    return 'meetings[3].actions[0].owner: no member "s0m9" in set "s0"'


def _tally(doc):
    doc["meetings"][0]["tallies"][2]["member"] = "s1m1"
    return 'meetings[0].tallies[2].member: no member "s1m1" in set "s0"'


def _feedback(doc):
    i, j = _first("feedback")
    doc["meetings"][i]["feedback"][j]["member"] = "nobody"
    return f'meetings[{i}].feedback[{j}].member: no member "nobody" in set "s0"'


def _poll(doc):
    doc["meetings"][1]["problem_polls"][0]["member"] = "s1m3"
    return 'meetings[1].problem_polls[0].member: no member "s1m3" in set "s0"'


def _rating(doc):
    i, j = _first("interventions", lambda item: bool(item["ratings"]))
    doc["meetings"][i]["interventions"][j]["ratings"][0]["member"] = "s1m4"
    return f'meetings[{i}].interventions[{j}].ratings[0].member: no member "s1m4" in set "s0"'


def _addressed(doc):
    members = doc["meetings"][0]["interventions"][4]["members"]
    members.append("s1m5")
    return f'meetings[0].interventions[4].members[{len(members) - 1}]: no member "s1m5" in set "s0"'


def _statement(doc):
    doc["meetings"][2]["problem_statements"][0]["member"] = "s1m0"
    return 'meetings[2].problem_statements[0].member: no member "s1m0" in set "s0"'


def _learning(doc):
    doc["meetings"][0]["learnings"][0]["member"] = "s1m0"
    return 'meetings[0].learnings[0].member: no member "s1m0" in set "s0"'


def _phase(doc):
    phases = len(doc["meetings"][1]["phases"])
    doc["meetings"][1]["interventions"][3]["phase"] = phases
    return (
        f'meetings[1].interventions[3].phase: no phase {phases} in meeting "s0mt1" '
        f"(it has {phases} phases)"
    )


def _question(doc):
    doc["meetings"][0]["interventions"][0]["question"] = "q999"
    return 'meetings[0].interventions[0].question: no question "q999"'


def _reported_in_other_set(doc):
    doc["meetings"][0]["actions"][0]["reported_in"] = "s1mt1"
    return 'meetings[0].actions[0].reported_in: no meeting "s1mt1" in set "s0"'


def _reported_in_unknown(doc):
    doc["meetings"][4]["actions"][0]["reported_in"] = "gone"
    return 'meetings[4].actions[0].reported_in: no meeting "gone" in set "s1"'


def _duplicate_set(doc):
    doc["sets"][1]["id"] = "s0"
    return 'sets[1].id: the set id "s0" is used twice'


def _duplicate_member(doc):
    doc["sets"][1]["members"][2]["id"] = "s0m4"
    return 'sets[1].members[2].id: the member id "s0m4" is used twice'


def _duplicate_programme(doc):
    doc["programmes"].append({"id": "p0", "name": "Another"})
    return f'programmes[{len(doc["programmes"]) - 1}].id: the programme id "p0" is used twice'


def _duplicate_question(doc):
    doc["questions"][7]["id"] = "q3"
    return 'questions[7].id: the question id "q3" is used twice'


def _duplicate_template(doc):
    doc["agenda_templates"][1]["id"] = "t0"
    return 'agenda_templates[1].id: the agenda template id "t0" is used twice'


def _duplicate_meeting(doc):
    doc["meetings"][6]["id"] = "s0mt2"
    return 'meetings[6].id: the meeting id "s0mt2" is used twice'


def _duplicate_action(doc):
    doc["meetings"][5]["actions"][0]["id"] = doc["meetings"][1]["actions"][0]["id"]
    return (
        f'meetings[5].actions[0].id: the action id "{doc["meetings"][1]["actions"][0]["id"]}"'
        " is used twice"
    )


def _double_vote(doc):
    polls = doc["meetings"][0]["problem_polls"]
    polls.append(dict(polls[0]))
    return (
        f'meetings[0].problem_polls[{len(polls) - 1}].member: member "{polls[0]["member"]}" '
        f"already voted in round {polls[0]['round']}"
    )


def _double_rating(doc):
    i, j = _first("interventions", lambda item: bool(item["ratings"]))
    ratings = doc["meetings"][i]["interventions"][j]["ratings"]
    ratings.append({"member": ratings[0]["member"], "score": 2})
    return (
        f"meetings[{i}].interventions[{j}].ratings[{len(ratings) - 1}].member: "
        f'member "{ratings[0]["member"]}" already rated this intervention'
    )


def _double_feedback(doc):
    i, j = _first("feedback")
    items = doc["meetings"][i]["feedback"]
    items.append(dict(items[j]))
    return (
        f"meetings[{i}].feedback[{len(items) - 1}].member: a second feedback for member "
        f'"{items[j]["member"]}"'
    )


CASES = [
    _set_programme,
    _meeting_set,
    _attendee,
    _presenter,
    _action_owner,
    _tally,
    _feedback,
    _poll,
    _rating,
    _addressed,
    _statement,
    _learning,
    _phase,
    _question,
    _reported_in_other_set,
    _reported_in_unknown,
    _duplicate_set,
    _duplicate_member,
    _duplicate_programme,
    _duplicate_question,
    _duplicate_template,
    _duplicate_meeting,
    _duplicate_action,
    _double_vote,
    _double_rating,
    _double_feedback,
]


@pytest.mark.parametrize("mutate", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_broken_link_is_refused_with_its_place(store, mutate):
    _case(mutate)(store)


def test_the_unbroken_base_archive_imports(store):
    assert archive.import_archive(copy.deepcopy(BASE)) == (
        "8 meetings added, 0 already here, 0 updated; 2 sets added, 25 questions added"
    )


def test_a_later_version_is_refused_in_a_sentence(store, tmp_path):
    doc = copy.deepcopy(BASE)
    doc["version"] = 5
    newer = (
        "is an archive of version 5, newer than this alcoach reads (up to version 4): "
        "please update alcoach to import it."
    )
    _refused(store, doc, f"This {newer}")
    path = tmp_path / "future.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        archive.import_archive_file(path)
    assert str(caught.value) == f"{path} {newer}"


def test_another_format_is_refused(store):
    doc = copy.deepcopy(BASE)
    doc["format"] = "someone-else"
    _refused(store, doc, 'This is not an alcoach archive (it has format "someone-else").')
    del doc["format"]
    _refused(store, doc, "This is not an alcoach archive (it has no format).")


def test_not_an_object_is_refused(store):
    _refused(store, [BASE], "This is not an alcoach archive (it holds a list, not an object).")
    _refused(store, "text", "This is not an alcoach archive (it holds a string, not an object).")


def test_a_file_that_is_not_json_is_refused(store, tmp_path):
    path = tmp_path / "notes.json"
    path.write_text('{"format": "alcoach-archive",\n  version: 1}', encoding="utf-8")
    before = row_counts()
    with pytest.raises(ArchiveError) as caught:
        archive.import_archive_file(path)
    assert str(caught.value) == (
        f"{path} is not a JSON file (a syntax error after format: "
        "lexical error: invalid char in json text.)."
    )
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(ArchiveError, match="is not a JSON file"):
        archive.import_archive_file(binary)
    nan = tmp_path / "nan.json"
    nan.write_text(SAMPLE_TEXT.replace('"offset_seconds": 1320', '"offset_seconds": NaN'))
    with pytest.raises(ArchiveError, match=r"is not a JSON file \(a syntax error after .*offset"):
        archive.import_archive_file(nan)
    with pytest.raises(ArchiveError, match="cannot be read"):
        archive.import_archive_file(tmp_path / "absent.json")
    assert row_counts() == before


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["meetings"][0].update(date="2026-13-45"),
            "meetings[0].date: '2026-13-45' is not a 'date'",
        ),
        (lambda d: d["meetings"][2].update(date="x"), "meetings[2].date: 'x' is not a 'date'"),
        (
            lambda d: d["meetings"][1].update(started_at="yesterday 9am"),
            "meetings[1].started_at: 'yesterday 9am' is not a 'date-time'",
        ),
        (
            lambda d: d["meetings"][0]["interventions"][5].update(at="2026-10-23T09:00:00"),
            "meetings[0].interventions[5].at: '2026-10-23T09:00:00' is not a 'date-time'",
        ),
        (
            lambda d: d["meetings"][3]["tallies"][1].update(at="2026-02-30T09:00:00Z"),
            "meetings[3].tallies[1].at: '2026-02-30T09:00:00Z' is not a 'date-time'",
        ),
        (
            lambda d: d["meetings"][0]["interventions"][2].update(offset_seconds=-1),
            "meetings[0].interventions[2].offset_seconds: -1 is less than the minimum of 0",
        ),
        (
            lambda d: d["meetings"][4]["interventions"][0].update(
                ratings=[{"member": "s1m0", "score": 11}]
            ),
            "meetings[4].interventions[0].ratings[0].score: 11 is greater than the maximum of 10",
        ),
        (lambda d: d.pop("sets"), "archive: 'sets' is a required property"),
        (lambda d: d["questions"][0].update(text=""), "questions[0].text: '' should be non-empty"),
    ],
)
def test_schema_errors_name_their_place(store, mutate, message):
    doc = copy.deepcopy(BASE)
    mutate(doc)
    _refused(store, doc, message)


def test_a_broken_file_writes_nothing_even_late_in_the_file(store, tmp_path):
    doc = copy.deepcopy(BASE)
    doc["meetings"][-1]["learnings"][-1]["member"] = "s0m0"
    path = tmp_path / "late.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = row_counts()
    last = len(doc["meetings"]) - 1
    learning = len(doc["meetings"][-1]["learnings"]) - 1
    with pytest.raises(
        ArchiveError,
        match=re.escape(
            f'meetings[{last}].learnings[{learning}].member: no member "s0m0" in set "s1"'
        ),
    ):
        archive.import_archive_file(path)
    assert row_counts() == before


_ODD_VALUES = [
    None,
    True,
    0,
    1,
    1.5,
    -1,
    11,
    float("nan"),
    "",
    "x",
    "2026-02-30",
    "2026-01-01",
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00",
    [],
    [1],
    {},
    "a" * 201,
]


def _exported(doc: dict[str, Any]) -> dict[str, Any]:
    """The generated (version 1) archive imported and exported again: the latest version."""
    from alcoach.data.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        try:
            archive.import_archive(copy.deepcopy(doc))
            return archive.export_archive()
        finally:
            store.close()


BASE_V4 = _exported(BASE)
BASE_V3 = as_version_3(BASE_V4)
BASE_V2 = as_version_2(BASE_V3)


@pytest.mark.parametrize(
    ("version", "kind"), [(v, kind) for v in sorted(QUICK) for kind in sorted(QUICK[v])]
)
def test_quick_checks_never_accept_what_the_schema_refuses(version, kind):
    validator = _item_validator(version, kind)
    base = {1: BASE, 2: BASE_V2, 3: BASE_V3, 4: BASE_V4}[version]
    samples = [item for meeting in base["meetings"] for item in meeting[kind]][:3]
    assert samples
    accepted = 0
    for sample in samples:
        variants = [{k: v for k, v in sample.items() if k != key} for key in sample]
        variants.append({**sample, "unknown": 1})
        variants += [{**sample, key: odd} for key in sample for odd in _ODD_VALUES]
        for variant in [sample, *variants]:
            if QUICK[version][kind](variant):
                accepted += 1
                assert list(validator.iter_errors(variant)) == [], (kind, variant)
    assert accepted > len(samples)  # the quick path does take the common case
