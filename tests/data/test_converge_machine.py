"""Copies converge: for two or three copies, any edits, deletions, undos, clears and re-entries on
each, equal stamps and clocks hours apart, once every copy has imported every other's latest
archive (real files through the real import), every copy holds the same records, and importing
again changes nothing. Texts changed on both sides are never lost in silence."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import hypothesis.strategies as st
from copies import HOUR_US, Copies
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from alcoach.data import (
    actions,
    consent,
    erasure,
    feedback,
    hours_entries,
    interventions,
    meetings,
    problems,
    sets,
    targets,
)
from alcoach.data import models as m
from alcoach.data.archive import import_archive_file
from alcoach.data.brief import get_brief, save_brief
from alcoach.data.name_match import NameMatcher
from alcoach.vocabulary import COACH_ROLES, CONSENT_PURPOSES, HOURS_KINDS

TEXTS = st.one_of(
    st.sampled_from(["", "Who owns this?", "公司的承运商", "مرحبا بالعالم", "Zoë 🙂", "a" * 300]),
    st.text(max_size=40),
)


NAMES = ("Dana", "Kofi Mensah", "Екатерина Смирнова")


class CopiesMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.copies: Copies | None = None
        self.deleted: dict[int, list[interventions.InterventionRecord]] = {}
        # every version of every note made anywhere (stamp, text), and every deletion and
        # put-back (stamp, lifted): the rules say what must be left of each at the end
        self.versions: dict[str, list[tuple[str, str]]] = {}
        self.tomb_events: dict[str, list[tuple[str, bool]]] = {}
        self.notes_versions: list[tuple[str, str]] = []
        # every consent given anywhere: (member uid, purpose) -> [(at, stamp, granted)]
        self.consents: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}
        self.erased: set[str] = set()  # names erased on some copy: gone from every copy

    @initialize(count=st.sampled_from([2, 3]))
    def start(self, count: int) -> None:
        self.copies = Copies(Path(self.folder.name), count)
        self.copies.use(0)
        programme = sets.create_programme("Riverside")
        learning_set = sets.create_set("Set Blue", programme_id=programme.id)
        for name in NAMES:
            sets.add_member(learning_set.id, name)
        meetings.create_meeting(learning_set.id, dt.date(2026, 11, 2), title="Shared")
        meetings.create_meeting(learning_set.id, dt.date(2026, 12, 7), title="Report-back")
        for i in range(1, count):
            self.copies.swap(i, 0)
        self.deleted = {i: [] for i in range(count)}

    def teardown(self) -> None:
        """The end of a run: every copy imports every other's latest archive, then they must
        all hold the same."""
        try:
            if self.copies is not None:
                self.check_converged()
        finally:
            if self.copies is not None:
                self.copies.close()
            self.folder.cleanup()

    # --- on one copy ----------------------------------------------------------------------

    def _meeting(self) -> int:
        return m.Meeting.select(m.Meeting.id).order_by(m.Meeting.id).first().id

    def _members(self) -> list[int]:
        return [r.id for r in m.Member.select(m.Member.id).order_by(m.Member.id)]

    def _note(self, pick: int) -> int | None:
        notes = [r.id for r in m.Intervention.select(m.Intervention.id).order_by(m.Intervention.id)]
        return notes[pick % len(notes)] if notes else None

    def _version(self, note_id: int) -> None:
        row = m.Intervention.get_by_id(note_id)
        self.versions.setdefault(row.uid, []).append((row.hlc, row.text))

    def _tomb_event(self, uid: str) -> None:
        stone = m.Tombstone.get(m.Tombstone.uid == uid)
        self.tomb_events.setdefault(uid, []).append((stone.hlc, bool(stone.lifted)))

    def _logged(self, text: str) -> None:
        """Log a note; the first note of a meeting not started starts it, a new version of the
        meeting (its coach notes as this copy has them): the rules below count it too."""
        before = m.Meeting.get_by_id(self._meeting()).hlc
        self._version(interventions.log_intervention(self._meeting(), text).id)
        row = m.Meeting.get_by_id(self._meeting())
        if row.hlc != before:
            self.notes_versions.append((row.hlc, row.coach_notes))

    @rule(i=st.integers(0, 2), text=TEXTS)
    def log(self, i: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        self._logged(text if text.strip() else "note")

    @rule(i=st.integers(0, 2), pick=st.integers(0, 50), text=TEXTS)
    def edit(self, i: int, pick: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        note = self._note(pick)
        if note is not None:
            interventions.update_intervention(note, text=text)
            self._version(note)

    @rule(i=st.integers(0, 2), pick=st.integers(0, 50))
    def delete(self, i: int, pick: int) -> None:
        i %= self.copies.count
        self.copies.use(i)
        note = self._note(pick)
        if note is not None:
            record = interventions.delete_intervention(note)
            self.deleted[i].append(record)
            self._tomb_event(record.uid)

    @rule(i=st.integers(0, 2))
    def undo_delete(self, i: int) -> None:
        i %= self.copies.count
        self.copies.use(i)
        if self.deleted[i]:
            record = self.deleted[i].pop()
            if m.Intervention.get_or_none(m.Intervention.uid == record.uid) is None:
                interventions.restore_intervention(record)
                self._tomb_event(record.uid)

    @rule(
        i=st.integers(0, 2), pick=st.integers(0, 50), who=st.integers(0, 2),
        score=st.one_of(st.none(), st.integers(1, 10)),
    )  # fmt: skip
    def rate(self, i: int, pick: int, who: int, score: int | None) -> None:
        self.copies.use(i % self.copies.count)
        note = self._note(pick)
        if note is not None:
            interventions.set_rating(note, self._members()[who], score)

    @rule(i=st.integers(0, 2), who=st.integers(0, 2),
          vote=st.sampled_from([None, "yes", "no", "close"]))  # fmt: skip
    def poll(self, i: int, who: int, vote: str | None) -> None:
        self.copies.use(i % self.copies.count)
        problems.record_poll_vote(self._meeting(), 1, self._members()[who], vote)

    @rule(i=st.integers(0, 2), who=st.integers(0, 2), text=TEXTS)
    def write_feedback(self, i: int, who: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        feedback.save_feedback(self._meeting(), self._members()[who], strengths=text)

    @rule(i=st.integers(0, 2), text=TEXTS)
    def coach_notes(self, i: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        meetings.set_coach_notes(self._meeting(), text)
        row = m.Meeting.get_by_id(self._meeting())
        self.notes_versions.append((row.hlc, row.coach_notes))

    @rule(i=st.integers(0, 2), text=TEXTS)
    def commit_action(self, i: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        actions.commit_action(self._meeting(), text if text.strip() else "Call the owners")

    @rule(
        i=st.integers(0, 2), pick=st.integers(0, 20),
        status=st.sampled_from(["done", "partly", "not_done", "dropped", "committed"]),
        note=TEXTS,
    )  # fmt: skip
    def report_back(self, i: int, pick: int, status: str, note: str) -> None:
        self.copies.use(i % self.copies.count)
        found = [a.id for a in m.Action.select(m.Action.id).order_by(m.Action.id)]
        if found:
            later = m.Meeting.select(m.Meeting.id).order_by(m.Meeting.id.desc()).first().id
            actions.report_back(found[pick % len(found)], status, note=note, meeting_id=later)

    # --- the practice records (schema version 6) ------------------------------------------

    @rule(i=st.integers(0, 2), who=st.integers(0, 2),
          purpose=st.sampled_from(CONSENT_PURPOSES), granted=st.booleans())  # fmt: skip
    def consent(self, i: int, who: int, purpose: str, granted: bool) -> None:
        self.copies.use(i % self.copies.count)
        if m.Erasure.get_or_none(m.Erasure.member == self._members()[who]) is not None:
            return  # an erased member's consents are gone, and none is taken again
        record = consent.record_consent(self._members()[who], purpose, granted, how="in writing")
        row = m.Consent.get_by_id(record.id)
        self.consents.setdefault((row.member.uid, purpose), []).append(
            (str(row.at), row.hlc, granted)
        )

    @rule(i=st.integers(0, 2), text=TEXTS)
    def edit_member(self, i: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        sets.update_member(self._members()[0], role=text)

    @rule(i=st.integers(0, 2), minutes=st.integers(1, 600),
          kind=st.sampled_from(HOURS_KINDS), text=TEXTS)  # fmt: skip
    def add_hours(self, i: int, minutes: int, kind: str, text: str) -> None:
        self.copies.use(i % self.copies.count)
        hours_entries.add_hours_entry(dt.date(2026, 5, 1), minutes, kind, description=text)

    @rule(i=st.integers(0, 2), pick=st.integers(0, 20), minutes=st.integers(1, 600),
          delete=st.booleans())  # fmt: skip
    def change_hours(self, i: int, pick: int, minutes: int, delete: bool) -> None:
        self.copies.use(i % self.copies.count)
        found = [e.id for e in m.HoursEntry.select(m.HoursEntry.id).order_by(m.HoursEntry.id)]
        if found:
            entry = found[pick % len(found)]
            if delete:
                hours_entries.delete_hours_entry(entry)
            else:
                hours_entries.update_hours_entry(entry, minutes=minutes)

    @rule(i=st.integers(0, 2), role=st.sampled_from(COACH_ROLES),
          paid=st.sampled_from([None, True, False]), organisation=TEXTS)  # fmt: skip
    def practice(self, i: int, role: str, paid: bool | None, organisation: str) -> None:
        self.copies.use(i % self.copies.count)
        hours_entries.set_meeting_practice(self._meeting(), role=role, paid=paid)
        row = m.Meeting.get_by_id(self._meeting())  # a new version of the meeting, notes and all
        self.notes_versions.append((row.hlc, row.coach_notes))
        programme = m.Programme.select(m.Programme.id).first().id
        sets.update_programme(programme, organisation=organisation)

    @rule(i=st.integers(0, 2), hours=st.integers(1, 500), name=st.sampled_from(["ICF", "Renewal"]))
    def target(self, i: int, hours: int, name: str) -> None:
        self.copies.use(i % self.copies.count)
        own = [t for t in targets.list_targets() if t.id is not None and t.name == name]
        spec = targets.TargetSpec(name, hours * 60)
        if own:
            targets.update_target(own[0].id, spec)
        else:
            targets.add_target(spec)

    @rule(i=st.integers(0, 2), text=TEXTS)
    def brief(self, i: int, text: str) -> None:
        self.copies.use(i % self.copies.count)
        set_id = m.LearningSet.select(m.LearningSet.id).first().id
        save_brief(set_id, get_brief(set_id)._replace(context=text))

    @rule(i=st.integers(0, 2), who=st.integers(0, 2))
    def mention(self, i: int, who: int) -> None:
        """A note naming a member, in the words a coach would use."""
        self.copies.use(i % self.copies.count)
        name = m.Member.get_by_id(self._members()[who]).name
        self._logged(f"Ask {name} first")

    @rule(i=st.integers(0, 2), who=st.integers(1, 2))
    def erase(self, i: int, who: int) -> None:
        self.copies.use(i % self.copies.count)
        member = m.Member.get_by_id(self._members()[who])
        if m.Erasure.get_or_none(m.Erasure.member == member.id) is None:
            self.erased.add(NAMES[who])
            erasure.erase_member(member.id)

    @rule(i=st.integers(0, 2), hours=st.integers(-3, 3))
    def skew_clock(self, i: int, hours: int) -> None:
        self.copies.skew[i % self.copies.count] = hours * HOUR_US

    @rule(into=st.integers(0, 2), source=st.integers(0, 2))
    def swap(self, into: int, source: int) -> None:
        into, source = into % self.copies.count, source % self.copies.count
        if into != source:
            self.copies.swap(into, source)

    # --- what must hold -------------------------------------------------------------------

    def check_converged(self) -> None:
        copies = self.copies
        copies.sync_all()
        first = copies.contents(0)
        for i in range(1, copies.count):
            assert copies.contents(i) == first, f"copy {i} differs from copy 0"
        # importing the same archive again changes nothing
        again = copies.export(0)
        copies.use(1)
        before = copies.contents(1)
        import_archive_file(again, allow_mass_delete=True)
        assert copies.contents(1) == before
        # the rules: of a note's versions the one stamped last is left; it is there unless its
        # latest deletion came after its latest put-back
        notes = {
            note["uid"]: note["text"]
            for meeting in first["meetings"]
            for note in meeting["interventions"]
        }
        for uid, versions in self.versions.items():
            events = self.tomb_events.get(uid)
            alive = not events or max(events, key=lambda e: (e[0], not e[1]))[1]
            assert (uid in notes) == alive, (uid, events)
            latest = max(versions)[1]
            if alive and not any(NameMatcher(n).find(latest) for n in self.erased):
                assert notes[uid] == latest, (uid, versions)  # (an erasure rewrote those)
        if self.notes_versions:
            shared = next(mt for mt in first["meetings"] if mt["title"] == "Shared")
            assert shared["coach_notes"] == max(self.notes_versions)[1]
        # an erased name is nowhere; a withdrawn consent stays withdrawn; an erased member has none
        held = json.dumps(first, ensure_ascii=False)
        for name in self.erased:
            assert not [x for x in NameMatcher(name).find(held) if x.sure], name
        copies.use(0)
        for (member_uid, purpose), given in self.consents.items():
            member = m.Member.get(m.Member.uid == member_uid)
            erased = m.Erasure.get_or_none(m.Erasure.member == member.id) is not None
            expected = max(given)[2] and not erased
            assert (member.id in consent.consented(purpose, [member.id])) == expected
        # every conflict kept names a record of its kind, and the words that lost
        for conflict in first["conflicts"]:
            assert any(conflict["lost"].values()) and conflict["lost"] != conflict["kept"]


class TestCopiesConverge(CopiesMachine.TestCase):
    settings = settings(
        max_examples=10, stateful_step_count=12, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )  # fmt: skip
