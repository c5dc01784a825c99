"""The problem in rounds: the presenter's statement, members' versions, the poll, the agreed one."""

from __future__ import annotations

import peewee as pw

from alcoach.data import models as m
from alcoach.data.convert import check_meeting_members, get_or_raise, problem_record
from alcoach.data.records import PollVoteRecord, ProblemStatementRecord
from alcoach.errors import ValidationError


def current_round(meeting_id: int) -> int:
    last = (
        m.ProblemStatement.select(pw.fn.MAX(m.ProblemStatement.round))
        .where(m.ProblemStatement.meeting == meeting_id)
        .scalar()
    )
    polled = (
        m.ProblemPoll.select(pw.fn.MAX(m.ProblemPoll.round))
        .where(m.ProblemPoll.meeting == meeting_id)
        .scalar()
    )
    return max(last or 1, polled or 1)


def add_problem_statement(
    meeting_id: int,
    kind: str,
    text: str,
    *,
    member_id: int | None = None,
    round: int | None = None,
) -> ProblemStatementRecord:
    if kind not in m.STATEMENT_KINDS:
        raise ValidationError(f"{kind!r} is not a statement kind ({', '.join(m.STATEMENT_KINDS)}).")
    check_meeting_members(meeting_id, [member_id])
    row = m.ProblemStatement.create(
        meeting=meeting_id,
        kind=kind,
        text=text,
        member=member_id,
        round=round if round is not None else current_round(meeting_id),
    )
    return problem_record(row)


def update_problem_statement(statement_id: int, text: str) -> ProblemStatementRecord:
    row = get_or_raise(m.ProblemStatement, statement_id, "problem statement")
    row.text = text
    row.save()
    return problem_record(row)


def delete_problem_statement(statement_id: int) -> None:
    m.ProblemStatement.delete().where(m.ProblemStatement.id == statement_id).execute()


def list_problem_statements(meeting_id: int) -> list[ProblemStatementRecord]:
    return [
        problem_record(r)
        for r in m.ProblemStatement.select()
        .where(m.ProblemStatement.meeting == meeting_id)
        .order_by(m.ProblemStatement.round, m.ProblemStatement.id)
    ]


def record_poll_vote(meeting_id: int, round: int, member_id: int, vote: str | None) -> None:
    """'Do we agree on the problem?': yes / no / close; None clears the member's vote."""
    if vote is not None and vote not in m.POLL_VOTES:
        raise ValidationError(f"{vote!r} is not a vote ({', '.join(m.POLL_VOTES)}).")
    check_meeting_members(meeting_id, [member_id])
    # Clearing is an edit: the row keeps the vote's identity, with no vote.
    with m.database_proxy.atomic():
        row = m.ProblemPoll.get_or_none(
            m.ProblemPoll.meeting == meeting_id,
            m.ProblemPoll.round == round,
            m.ProblemPoll.member == member_id,
        )
        if row is None:
            if vote is None:
                return
            row = m.ProblemPoll(meeting=meeting_id, round=round, member=member_id)
        if row.vote != vote or row._pk is None:
            row.vote = vote
            row.save()


def list_poll_votes(meeting_id: int) -> list[PollVoteRecord]:
    return [
        PollVoteRecord(r.round, r.member_id, r.vote)
        for r in m.ProblemPoll.select()
        .where(m.ProblemPoll.meeting == meeting_id, m.ProblemPoll.vote.is_null(False))
        .order_by(m.ProblemPoll.round, m.ProblemPoll.id)
    ]
