"""A sample programme to look around with: one set, six members, three meetings played out.

Everything is written through the public services, with the meeting clock moved explicitly, so
the demo holds exactly what a coach's own meetings would hold.
"""

from __future__ import annotations

import datetime as dt
import itertools

from alcoach.data import (
    actions,
    feedback,
    interventions,
    learnings,
    meetings,
    problems,
    questions,
    sets,
    settings,
    tallies,
    templates,
)
from alcoach.data.brief import Brief, save_brief
from alcoach.data.demo_content import (
    BRIEF,
    CADENCE,
    CONSENT_HOW,
    CONSENT_WORDING,
    GROUND_RULES,
    MEETINGS,
    MEMBERS,
    ORGANISATION,
    PROGRAMME_NAME,
    PROGRAMME_NOTES,
    RATING_QUESTION,
    SET_NAME,
    SPONSOR,
    MeetingScript,
    Say,
)
from alcoach.data.models import database_proxy
from alcoach.data.records import MemberRecord

# Used only when every built-in template has been deleted; the same phases as "single-90".
_FALLBACK_PHASES = (
    ("Opening and ground rules", 4.0),
    ("Leadership skills each member will practise", 3.0),
    ("Report-back on last actions", 8.0),
    ("Problem presented", 5.0),
    ("Questioning with coach interventions", 35.0),
    ("Problem-statement rounds", 10.0),
    ("Strategies and actions", 10.0),
    ("Closing reflection", 15.0),
)
_START_TIME = dt.time(9, 30)


def add_demo_programme(*, today: dt.date | None = None) -> str:
    """Add the demo programme (once) and return a sentence saying what was done."""
    if any(p.name == PROGRAMME_NAME for p in sets.list_programmes()):
        return f"The demo programme “{PROGRAMME_NAME}” is already there; nothing was added."
    today = today or dt.date.today()
    # one transaction: all of the demo or none of it (and one disk sync instead of hundreds)
    with database_proxy.atomic():
        if not settings.coach_profile()["name"]:
            settings.set_coach_profile("Morgan Ellis", "Action Learning coach")

        programme = sets.create_programme(
            PROGRAMME_NAME, sponsor=SPONSOR, notes=PROGRAMME_NOTES, organisation=ORGANISATION
        )
        learning_set = sets.create_set(
            SET_NAME, programme_id=programme.id, cadence=CADENCE, ground_rules=GROUND_RULES
        )
        members = [
            sets.add_member(
                learning_set.id, name, role=role, organisation=org, leadership_skill=skill
            )
            for name, role, org, skill in MEMBERS
        ]
        _consents(members)
        save_brief(learning_set.id, Brief(*BRIEF, sponsor=""))  # the programme's sponsor
        bank = {q.text: q.id for q in questions.list_questions(include_archived=True)}
        template_id = _template_id()
        previous_actions: list[int] = []
        total = 0
        for script in MEETINGS:
            previous_actions, logged = _play_meeting(
                script, learning_set.id, members, bank, template_id, previous_actions, today
            )
            total += logged
    return (
        f"Added the demo programme “{PROGRAMME_NAME}” with the set “{SET_NAME}”, "
        f"{len(members)} members and {len(MEETINGS)} meetings ({total} interventions)."
    )


def _consents(members: list) -> None:
    """Every demo member agreed to sheets and sponsor reports; the last one not to be named in
    the coaching log (it counts them instead)."""
    from alcoach.data.consent import record_consent

    for i, member in enumerate(members):
        purposes = ["feedback_sheet", "sponsor_reports"]
        if i < len(members) - 1:
            purposes.append("coaching_log")
        for purpose in purposes:
            record_consent(member.id, purpose, True, how=CONSENT_HOW, wording=CONSENT_WORDING)


def _template_id() -> int | None:
    builtin = [t for t in templates.list_templates(include_archived=True) if t.builtin]
    preferred = [t for t in builtin if "90" in t.name and len(t.phases) == 8]
    chosen = preferred or builtin
    return chosen[0].id if chosen else None


def _play_meeting(
    script: MeetingScript,
    set_id: int,
    members: list[MemberRecord],
    bank: dict[str, int],
    template_id: int | None,
    previous_actions: list[int],
    today: dt.date,
) -> tuple[list[int], int]:
    """Create, run and write up one meeting; return its action ids and interventions logged."""
    date = today - dt.timedelta(days=script.days_before_today)
    ids = [m.id for m in members]
    attending = [ids[i] for i in range(len(ids)) if i not in script.absent]
    meeting = meetings.create_meeting(
        set_id,
        date,
        title=script.title,
        location=script.location,
        template_id=template_id,
        phases=None if template_id is not None else _FALLBACK_PHASES,
        attendee_ids=attending,
        presenter_ids=[ids[script.presenter]],
    )
    phase_count = len(meetings.list_phases(meeting.id))
    start = dt.datetime.combine(date, _START_TIME, tzinfo=dt.UTC)
    meetings.start_meeting(meeting.id, now=start)

    logged = 0
    phase_start = start
    tally_window = (start, start)
    for index in range(max(phase_count, 1)):
        minutes = script.phase_minutes[min(index, len(script.phase_minutes) - 1)]
        says = sorted(
            (s for s in script.interventions if min(s.phase, phase_count - 1) == index),
            key=lambda s: s.minute,
        )
        pause_phase, pause_minute, pause_length = script.pause
        paused = pause_phase == index
        shift = dt.timedelta(0)
        for say in says:
            if paused and not shift and say.minute >= pause_minute:
                shift = _pause(meeting.id, phase_start, pause_minute, pause_length)
            _say(
                meeting.id,
                say,
                ids,
                bank,
                phase_start + shift + dt.timedelta(minutes=say.minute),
                script,
            )
            logged += 1
        if paused and not shift:
            _pause(meeting.id, phase_start, pause_minute, pause_length)
        if index == min(2, phase_count - 1) and previous_actions:
            for action_id, (status, note) in zip(previous_actions, script.report_back, strict=True):
                actions.report_back(action_id, status, note=note, meeting_id=meeting.id)
        length = minutes + (pause_length if paused else 0)
        phase_end = phase_start + dt.timedelta(minutes=length)
        if index == 4:
            tally_window = (phase_start, phase_end)
        if index < phase_count - 1:
            meetings.next_phase(meeting.id, now=phase_end)
        else:
            meetings.end_meeting(meeting.id, now=phase_end)
        phase_start = phase_end

    _record_tallies(meeting.id, script, ids, tally_window)
    _record_problem(meeting.id, script, ids)
    committed = [
        actions.commit_action(
            meeting.id, text, owner_id=ids[owner], due=date + dt.timedelta(days=days)
        ).id
        for owner, text, days in script.actions
    ]
    for level, member, text, application in script.learnings:
        learnings.add_learning(
            meeting.id,
            level,
            text,
            member_id=None if member is None else ids[member],
            application=application,
        )
    for index, (strengths, suggestions, self_view, notes) in script.feedback.items():
        feedback.save_feedback(
            meeting.id,
            ids[index],
            skill=members[index].leadership_skill,
            strengths=strengths,
            suggestions=suggestions,
            self_assessment=self_view,
            coach_notes=notes,
        )
    meetings.set_coach_notes(meeting.id, script.coach_notes)
    for minutes_after, text in enumerate(script.afterwards, start=20):
        interventions.log_intervention(
            meeting.id,
            text,
            category="other",
            now=phase_start + dt.timedelta(minutes=minutes_after),
        )
        logged += 1
    return committed, logged


def _pause(meeting_id: int, phase_start: dt.datetime, minute: float, length: float) -> dt.timedelta:
    pause_at = phase_start + dt.timedelta(minutes=minute)
    meetings.pause_meeting(meeting_id, now=pause_at)
    meetings.resume_meeting(meeting_id, now=pause_at + dt.timedelta(minutes=length))
    return dt.timedelta(minutes=length)


def _say(
    meeting_id: int,
    say: Say,
    ids: list[int],
    bank: dict[str, int],
    at: dt.datetime,
    script: MeetingScript,
) -> None:
    question_id = bank.get(say.text) if say.bank else None
    record = interventions.log_intervention(
        meeting_id,
        say.text,
        question_id=question_id,
        member_ids=[ids[i] for i in say.members],
        response=say.response,
        now=at,
    )
    if say.text == RATING_QUESTION:
        interventions.set_ratings(record.id, {ids[i]: score for i, score in script.ratings.items()})


def _record_tallies(
    meeting_id: int,
    script: MeetingScript,
    ids: list[int],
    window: tuple[dt.datetime, dt.datetime],
) -> None:
    """Spread each member's tallies evenly over the questioning phase, interleaved by member."""
    marks: list[tuple[int, str, str]] = []
    queues = []
    for index, (n_question, n_statement, n_insightful) in script.tallies.items():
        kinds = ["question"] * n_question + ["statement"] * n_statement
        kinds += ["insightful"] * n_insightful
        # interleave so statements are not all at the end
        kinds = kinds[::2] + kinds[1::2]
        queues.append([(index, kind, "") for kind in kinds])
    for row in itertools.zip_longest(*queues):
        marks.extend(mark for mark in row if mark is not None)
    skill_marks = [(index, "skill", note) for index, note in script.skill_seen.items()]
    step = max(2, len(marks) // max(1, len(skill_marks)))
    for offset, mark in enumerate(skill_marks):
        marks.insert(min(len(marks), (offset + 1) * step), mark)
    start, end = window
    span = (end - start) / (len(marks) + 1)
    for position, (index, kind, note) in enumerate(marks, start=1):
        tallies.record_tally(meeting_id, ids[index], kind, note=note, now=start + span * position)


def _record_problem(meeting_id: int, script: MeetingScript, ids: list[int]) -> None:
    problem = script.problem
    problems.add_problem_statement(
        meeting_id, "presenter", problem.presenter_text, member_id=ids[script.presenter], round=1
    )
    for round_number, versions, poll in (
        (1, problem.round1, problem.poll1),
        (2, problem.round2, problem.poll2),
    ):
        for index, text in versions.items():
            problems.add_problem_statement(
                meeting_id, "member", text, member_id=ids[index], round=round_number
            )
        for index, vote in poll.items():
            problems.record_poll_vote(meeting_id, round_number, ids[index], vote)
    problems.add_problem_statement(meeting_id, "agreed", problem.agreed, round=2)
