"""Rich test data for the export tests: every section filled, names in many scripts."""

from __future__ import annotations

import datetime as dt

HOSTILE = (
    "<b>bold?</b>",
    "a & b",
    '<img src="/etc/passwd"/>',
    "%s %(x)s {0} {{}}",
    "<i>unbalanced",
)
NAMES = (
    "Zoë Ångström",
    "Νίκος Παπαδόπουλος",
    "Анна Смирнова",
    "王小明",
    "山田 太郎",
    "김민준",
)
PRIVATE = "PRIVATE-NOTE: the sponsor is putting pressure on Zoë"
FEEDBACK_MARK = "FEEDBACK-STRENGTH: asked crisp open questions"
ARABIC = "مرحبا بالعالم"
HEBREW = "שלום עולם"


def build(now: dt.datetime | None = None) -> dict:
    """Two meetings of one set; the second is the rich one. Returns ids and names."""
    from alcoach.data import (
        actions,
        consent,
        feedback,
        interventions,
        learnings,
        meetings,
        problems,
        sets,
        settings,
        tallies,
    )

    settings.set_coach_profile("Morgan Coach", "Action Learning coach")
    programme = sets.create_programme("Riverside leadership", sponsor="Head of People")
    learning_set = sets.create_set("Set Blue", programme_id=programme.id)
    members = [
        sets.add_member(learning_set.id, name, role="Manager", leadership_skill=skill)
        for name, skill in zip(
            NAMES,
            ("Listening", "Asking open questions", "Giving feedback", "系统思考", "傾聴", "경청"),
            strict=True,
        )
    ]
    ids = [m.id for m in members]
    for member_id in ids:  # every member agreed to receive a sheet (consent is its own record)
        consent.record_consent(member_id, "feedback_sheet", True, how="signed form")
    phases = [("Opening", 5), ("Problem presented", 5), ("Questioning", 30), ("Closing", 15)]
    first = meetings.create_meeting(
        learning_set.id,
        dt.date(2026, 10, 5),
        title="First",
        location="Room 1",
        phases=phases,
        presenter_ids=[ids[0]],
    )
    earlier = actions.commit_action(
        first.id,
        "Talk to the housing team & report <back>",
        owner_id=ids[0],
        due=dt.date(2026, 10, 30),
    )
    open_one = actions.commit_action(first.id, "Map the backlog", owner_id=ids[3])

    meeting = meetings.create_meeting(
        learning_set.id,
        dt.date(2026, 11, 2),
        title="Empty homes <backlog>",
        location="Civic Centre & Annexe",
        phases=phases,
        presenter_ids=[ids[1]],
    )
    start = now or dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    meetings.start_meeting(meeting.id, now=start)
    t = start
    for index, minutes in enumerate((6, 4, 34, 12)):
        for k in range(3):
            text = HOSTILE[(index * 3 + k) % len(HOSTILE)]
            rec = interventions.log_intervention(
                meeting.id,
                f"{text} — said to {NAMES[k]}",
                member_ids=[ids[k]],
                response=f"Response {index}.{k}: {ARABIC}",
                now=t + dt.timedelta(minutes=k + 1),
            )
            if k == 0:
                interventions.set_ratings(rec.id, {ids[0]: 2, ids[1]: 8, ids[2]: 6})
        t = t + dt.timedelta(minutes=minutes)
        if index < 3:
            meetings.next_phase(meeting.id, now=t)
    meetings.end_meeting(meeting.id, now=t)

    for i, member_id in enumerate(ids):
        for _ in range(i + 1):
            tallies.record_tally(meeting.id, member_id, "question", now=start)
        tallies.record_tally(meeting.id, member_id, "statement", now=start)
        tallies.record_tally(meeting.id, member_id, "insightful", now=start)
        tallies.record_tally(
            meeting.id, member_id, "skill", note=f"Skill seen in {NAMES[i]}: {HEBREW}", now=start
        )

    problems.add_problem_statement(
        meeting.id,
        "presenter",
        "FIRST-STATED: we cannot fill empty homes",
        member_id=ids[1],
        round=1,
    )
    problems.add_problem_statement(
        meeting.id, "member", "How might we <i>see</i> the backlog?", member_id=ids[2], round=1
    )
    for member_id, vote in zip(ids, ("yes", "no", "close", "yes", "yes", "no"), strict=True):
        problems.record_poll_vote(meeting.id, 1, member_id, vote)
    problems.add_problem_statement(
        meeting.id, "agreed", "AGREED: how do I get owners to talk to us?", round=2
    )
    for member_id in ids:
        problems.record_poll_vote(meeting.id, 2, member_id, "yes")

    actions.report_back(earlier.id, "done", note="Met them; 王小明 helped", meeting_id=meeting.id)
    actions.commit_action(
        meeting.id, "Call three owners {0} %s", owner_id=ids[1], due=dt.date(2026, 11, 20)
    )
    learnings.add_learning(
        meeting.id,
        "individual",
        "I listen better when I wait",
        member_id=ids[0],
        application="Count to three",
    )
    learnings.add_learning(meeting.id, "team", "We jump to solutions", application="Ask first")
    learnings.add_learning(meeting.id, "organisation", "Data sits in silos")
    meetings.set_coach_notes(meeting.id, PRIVATE)
    for i, member_id in enumerate(ids):
        feedback.save_feedback(
            meeting.id,
            member_id,
            skill=f"skill of {NAMES[i]}",
            strengths=FEEDBACK_MARK,
            suggestions="Try a <b>pause</b>",
            self_assessment=f"Self view {i}",
            coach_notes=f"COACH-ONLY about {NAMES[i]}",
        )
    return {
        "set_id": learning_set.id,
        "meeting_id": meeting.id,
        "first_meeting_id": first.id,
        "member_ids": ids,
        "open_action": open_one.id,
    }
