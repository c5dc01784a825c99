"""The practice records in archives (version 4): they travel, merge by the rules every record
follows, and older archives still import."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from archive_support import SAMPLE, as_version_3

from alcoach.data import archive, consent, hours_entries, meetings, sets
from alcoach.data import models as m
from alcoach.data.brief import Brief, get_brief, save_brief
from alcoach.data.store import open_store
from alcoach.data.targets import TargetSpec, add_target, list_targets
from alcoach.errors import ArchiveError


def _fill() -> dict[str, int]:
    programme = sets.create_programme("Riverside", sponsor="Head of People",
                                      organisation="Riverside Council", paid=False)  # fmt: skip
    learning_set = sets.create_set("Set Blue", programme_id=programme.id)
    dana = sets.add_member(learning_set.id, "Dana")
    meeting = meetings.create_meeting(learning_set.id, dt.date(2026, 3, 2))
    hours_entries.set_meeting_practice(meeting.id, role="co_coach", paid=True)
    hours_entries.add_hours_entry(dt.date(2026, 2, 1), 90, "supervision", programme_id=programme.id,
                                  group_size=3, description="Supervision with Ana")  # fmt: skip
    add_target(TargetSpec("ICF ACC", 100 * 60, "coaching", 75 * 60, expires=dt.date(2028, 1, 31)))
    consent.record_consent(dana.id, "coaching_log", True, how="signed form", wording="v2")
    consent.record_consent(dana.id, "coaching_log", False, how="email")
    save_brief(learning_set.id, Brief("Backlog of empty homes", "Families wait", "Two pilots",
                                      "Three options", "Fewer empty homes", ""))  # fmt: skip
    return {"set": learning_set.id, "member": dana.id, "meeting": meeting.id}


def test_practice_records_travel_to_a_new_laptop(tmp_path):
    first = open_store(tmp_path / "one")
    try:
        _fill()
        path = tmp_path / "archive.json"
        archive.export_archive_file(path)
    finally:
        first.close()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 4
    assert [len(doc[k]) for k in ("consents", "hours_entries", "targets")] == [2, 1, 1]
    second = open_store(tmp_path / "two")
    try:
        archive.import_archive_file(path)
        (programme,) = sets.list_programmes()
        assert (programme.organisation, programme.paid) == ("Riverside Council", False)
        (learning_set,) = sets.list_sets()
        brief = get_brief(learning_set.id)
        assert brief.context == "Backlog of empty homes"
        assert brief.sponsor == "Head of People"  # the programme's, as the brief names none
        (meeting,) = meetings.list_meetings()
        practice = hours_entries.meeting_practice(meeting.id)
        assert (practice.role, practice.paid, practice.programme_paid) == ("co_coach", True, False)
        (entry,) = m.HoursEntry.select()
        assert (entry.minutes, entry.kind, entry.group_size, entry.programme_id) == (
            90, "supervision", 3, programme.id,
        )  # fmt: skip
        assert list_targets()[-1].expires == dt.date(2028, 1, 31)
        (dana,) = sets.list_members(learning_set.id)
        assert [c.granted for c in consent.consent_history(dana.id)] == [False, True]
        assert consent.consents_of(dana.id)["coaching_log"] is False
        # the same archive again adds nothing
        before = archive.export_archive()
        archive.import_archive_file(path)
        again = archive.export_archive()
        assert {k: v for k, v in again.items() if k != "exported_at"} == {
            k: v for k, v in before.items() if k != "exported_at"
        }
    finally:
        second.close()


def test_a_version_3_archive_still_imports_with_the_defaults(store):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    archive.import_archive(as_version_3(doc))
    for programme in sets.list_programmes():
        assert (programme.organisation, programme.paid) == ("", True)
    for meeting in meetings.list_meetings():
        assert hours_entries.meeting_practice(meeting.id).role == "coach"
    assert m.Consent.select().count() == 0


def test_a_consent_naming_no_member_is_refused(store):
    _fill()
    doc = archive.export_archive()
    doc["consents"][0]["member"] = "mem-999"
    with pytest.raises(ArchiveError, match=r'consents\[0\]\.member: no member "mem-999"'):
        archive.import_archive(doc)


def test_a_deleted_members_consents_stay_out(tmp_path):
    one = open_store(tmp_path / "one")
    try:
        ids = _fill()
        path = tmp_path / "a.json"
        archive.export_archive_file(path)
        m.Member.get_by_id(ids["member"]).delete_instance()  # (the window only deactivates)
        assert m.Consent.select().count() == 0
        archive.import_archive_file(path, allow_mass_delete=True)
        assert m.Consent.select().count() == 0  # the member was deleted here: so are they
    finally:
        one.close()
