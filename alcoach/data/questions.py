"""The question bank: the coach's reflective questions, built-in and own."""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise, question_record
from alcoach.data.records import QuestionRecord
from alcoach.errors import ValidationError


def _clean_text(text: str) -> str:
    if not text or not text.strip():
        raise ValidationError("A question needs some text.")
    return text.strip()


def _check_category(category: str) -> str:
    if category not in m.CATEGORIES:
        raise ValidationError(f"{category!r} is not a category ({', '.join(m.CATEGORIES)}).")
    return category


def _tags(tags: Iterable[str]) -> str:
    return "\n".join(t.strip() for t in tags if t and t.strip())


def list_questions(*, include_archived: bool = False) -> list[QuestionRecord]:
    """Favourites first, then the most used, then alphabetical."""
    q = m.Question
    query = q.select(
        q.id, q.text, q.category, q.tags, q.favourite, q.builtin, q.archived, q.uses
    ).order_by(q.favourite.desc(), q.uses.desc(), pw.fn.LOWER(q.text))
    if not include_archived:
        query = query.where(q.archived == False)  # noqa: E712
    # The bank's 2,000 questions load at start-up: rows straight from the cursor (peewee's
    # per-column conversion doubles the time) into records built positionally.
    rows = m.database_proxy.execute(query)
    return [
        QuestionRecord(
            qid, text, category, tuple(filter(None, tags.split("\n"))) if tags else (),
            bool(favourite), bool(builtin), bool(archived), uses,
        )
        for qid, text, category, tags, favourite, builtin, archived, uses in rows
    ]  # fmt: skip


def get_question(question_id: int) -> QuestionRecord:
    return question_record(get_or_raise(m.Question, question_id, "question"))


def add_question(
    text: str, category: str = "other", *, tags: Iterable[str] = (), favourite: bool = False
) -> QuestionRecord:
    row = m.Question.create(
        text=_clean_text(text),
        category=_check_category(category),
        tags=_tags(tags),
        favourite=favourite,
    )
    return question_record(row)


def update_question(
    question_id: int,
    *,
    text: str | None = None,
    category: str | None = None,
    tags: Iterable[str] | None = None,
) -> QuestionRecord:
    row = get_or_raise(m.Question, question_id, "question")
    if text is not None:
        row.text = _clean_text(text)
    if category is not None:
        row.category = _check_category(category)
    if tags is not None:
        row.tags = _tags(tags)
    row.save()
    return question_record(row)


def set_favourite(question_id: int, favourite: bool) -> QuestionRecord:
    row = get_or_raise(m.Question, question_id, "question")
    row.favourite = favourite
    row.save()
    return question_record(row)


def archive_question(question_id: int, archived: bool = True) -> QuestionRecord:
    row = get_or_raise(m.Question, question_id, "question")
    row.archived = archived
    row.save()
    return question_record(row)


def count_question_use(question_id: int) -> None:
    m.Question.update(uses=m.Question.uses + 1).where(m.Question.id == question_id).execute()
