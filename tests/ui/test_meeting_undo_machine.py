"""Any sequence of meeting edits, undos and redos leaves the data as replaying the net edits would.

A hypothesis state machine drives the meeting's one QUndoStack through the same pushes the panels
make (logged, edited and deleted notes, tallies with notes). After every rule the data must equal
the state recorded after the step the stack now stands on: undo goes back to the state before a
step, redo forward to the state after it, with the same ids, times, notes and links.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from alcoach.data import interventions as iv
from alcoach.data import models as m
from alcoach.data import tallies
from alcoach.data.record_refs import ref_of
from alcoach.ui.meeting.meeting_undo import meeting_undo, push_added, push_change, push_deleted

TEXTS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=120,
).filter(str.strip)


def snapshot(meeting_id: int) -> tuple:
    return (tuple(iv.list_interventions(meeting_id)), tuple(tallies.list_tallies(meeting_id)))


def test_undo_and_redo_replay_the_net_edits(qapp, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    member_ids = [member.id for member in sample_set["members"]]
    bus = ctx.bus

    class MeetingEdits(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            for record in iv.list_interventions(meeting_id):
                iv.delete_intervention(record.id)
            for record in tallies.list_tallies(meeting_id):
                tallies.delete_tally(record.id)
            self.undo = meeting_undo(ctx)
            self.undo.open(None)
            self.undo.open(meeting_id)
            self.states = [snapshot(meeting_id)]  # after 0, 1, 2, ... steps

        def pushed(self) -> None:
            del self.states[self.undo.stack.index() :]
            self.states.append(snapshot(meeting_id))

        @rule(text=TEXTS, members=st.lists(st.sampled_from(member_ids), max_size=3))
        def log(self, text: str, members: list[int]) -> None:
            record = iv.log_intervention(
                meeting_id, text, member_ids=members, clock=ctx.meeting_clock
            )
            push_added(
                ctx, "Log", bus.interventions_changed, record, iv.delete_intervention,
                iv.restore_intervention,
            )  # fmt: skip
            self.pushed()

        @rule(data=st.data())
        def delete(self, data: st.DataObject) -> None:
            present = iv.list_interventions(meeting_id)
            if not present:
                return
            record = data.draw(st.sampled_from(present))
            removed = iv.delete_intervention(record.id)
            push_deleted(
                ctx, "Delete", bus.interventions_changed, removed, iv.delete_intervention,
                iv.restore_intervention,
            )  # fmt: skip
            self.pushed()

        @rule(data=st.data(), text=TEXTS)
        def edit(self, data: st.DataObject, text: str) -> None:
            present = iv.list_interventions(meeting_id)
            if not present:
                return
            record = data.draw(st.sampled_from(present))
            iv.update_intervention(record.id, text=text)
            push_change(
                ctx, "Edit", bus.interventions_changed, meeting_id,
                lambda: iv.update_intervention(record.id, text=record.text),
                lambda: iv.update_intervention(record.id, text=text),
                refs=lambda: (ref_of(record),),
            )  # fmt: skip
            self.pushed()

        @rule(member=st.sampled_from(member_ids), kind=st.sampled_from(m.TALLY_KINDS), note=TEXTS)
        def tally(self, member: int, kind: str, note: str) -> None:
            record = tallies.record_tally(meeting_id, member, kind, clock=ctx.meeting_clock)
            if kind == "skill":  # the note is typed after the key, into the same step
                record = tallies.update_tally_note(record.id, note)
            push_added(
                ctx, "Tally", bus.tallies_changed, record, tallies.delete_tally,
                tallies.restore_tally,
            )  # fmt: skip
            self.pushed()

        @rule()
        def undo_step(self) -> None:
            self.undo.stack.undo()

        @rule()
        def redo_step(self) -> None:
            self.undo.stack.redo()

        @invariant()
        def data_match_the_step_the_stack_stands_on(self) -> None:
            assert snapshot(meeting_id) == self.states[self.undo.stack.index()]

    run_state_machine_as_test(
        MeetingEdits,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
