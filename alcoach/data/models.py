"""peewee models for the whole domain (DESIGN.md section 2).

The database is handed in at one place, `database_proxy`, so the app, the CLI and each test can
bind their own file. Times are stored as naive UTC and read back as aware UTC datetimes (the
base of every model is in alcoach.data.model_base).
"""

from __future__ import annotations

import peewee as pw

from alcoach.data.model_base import (  # noqa: F401  (re-exported: code says m.database_proxy)
    BaseModel,
    RecordModel,
    UtcDateTimeField,
    database_proxy,
    new_stamp,
    new_uid,
    once_per_uid,
    utc_now,
)
from alcoach.data.record_spec import BY_NAME, BY_TABLE  # noqa: F401  (BY_TABLE: m.BY_TABLE)
from alcoach.vocabulary import (  # noqa: F401  (the services check values against these)
    ACTION_STATUSES,
    INTERVENTION_CATEGORIES,
    LEARNING_LEVELS,
    POLL_VOTES,
    STATEMENT_KINDS,
    TALLY_KINDS,
)

CATEGORIES = INTERVENTION_CATEGORIES  # the keys stored; their words are in alcoach.vocabulary


class Setting(BaseModel):
    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class Programme(RecordModel):
    name = pw.TextField()
    sponsor = pw.TextField(default="")
    notes = pw.TextField(default="")
    organisation = pw.TextField(default="")  # the client organisation
    paid = pw.BooleanField(default=True)  # False: pro bono
    created_at = UtcDateTimeField(default=utc_now)


class LearningSet(RecordModel):
    programme = pw.ForeignKeyField(Programme, null=True, backref="sets", on_delete="SET NULL")
    name = pw.TextField()
    cadence = pw.TextField(default="")
    ground_rules = pw.TextField(default="")
    archived = pw.BooleanField(default=False)
    created_at = UtcDateTimeField(default=utc_now)
    # the sponsor's brief (alcoach.data.brief)
    brief_context = pw.TextField(default="")
    brief_matters = pw.TextField(default="")
    brief_tried = pw.TextField(default="")
    brief_expected = pw.TextField(default="")
    brief_success = pw.TextField(default="")
    brief_sponsor = pw.TextField(default="")


class Member(RecordModel):
    learning_set = pw.ForeignKeyField(LearningSet, backref="members", on_delete="CASCADE")
    name = pw.TextField()
    role = pw.TextField(default="")
    organisation = pw.TextField(default="")
    leadership_skill = pw.TextField(default="")
    active = pw.BooleanField(default=True)
    position = pw.IntegerField(default=0)


class Meeting(RecordModel):
    learning_set = pw.ForeignKeyField(LearningSet, backref="meetings", on_delete="CASCADE")
    date = pw.DateField()
    title = pw.TextField(default="")
    location = pw.TextField(default="")
    planned_minutes = pw.FloatField(null=True)
    started_at = UtcDateTimeField(null=True)
    ended_at = UtcDateTimeField(null=True)
    coach_notes = pw.TextField(default="")
    created_at = UtcDateTimeField(default=utc_now)
    coach_role = pw.TextField(default="coach")  # alcoach.vocabulary.COACH_ROLES
    paid = pw.BooleanField(null=True)  # None: as its programme says

    class Meta:
        indexes = ((("learning_set", "date"), False),)


class Attendance(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="attendance", on_delete="CASCADE")
    attended = pw.BooleanField(default=True)
    presenter = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("meeting", "member"), True),)


class Pause(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="pauses", on_delete="CASCADE")
    start = UtcDateTimeField()
    end = UtcDateTimeField(null=True)


class Phase(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="phases", on_delete="CASCADE")
    position = pw.IntegerField()
    name = pw.TextField()
    planned_minutes = pw.FloatField(default=0)
    started_at = UtcDateTimeField(null=True)
    ended_at = UtcDateTimeField(null=True)

    class Meta:
        indexes = ((("meeting", "position"), True),)


class ProblemStatement(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="problem_statements", on_delete="CASCADE")
    kind = pw.CharField()
    member = pw.ForeignKeyField(Member, null=True, backref="+", on_delete="SET NULL")
    text = pw.TextField(default="")
    round = pw.IntegerField(default=1)
    created_at = UtcDateTimeField(default=utc_now)


class ProblemPoll(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="problem_polls", on_delete="CASCADE")
    round = pw.IntegerField(default=1)
    member = pw.ForeignKeyField(Member, backref="+", on_delete="CASCADE")
    vote = pw.CharField(null=True)  # None: cleared

    class Meta:
        indexes = ((("meeting", "round", "member"), True),)


class Question(RecordModel):
    text = pw.TextField()
    category = pw.CharField(default="other")
    tags = pw.TextField(default="")  # newline-separated
    favourite = pw.BooleanField(default=False)
    builtin = pw.BooleanField(default=False)
    builtin_key = pw.CharField(null=True, unique=True)
    archived = pw.BooleanField(default=False)
    uses = pw.IntegerField(default=0)
    created_at = UtcDateTimeField(default=utc_now)


class Intervention(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="interventions", on_delete="CASCADE")
    at = UtcDateTimeField()
    offset_seconds = pw.FloatField(default=0)
    phase = pw.ForeignKeyField(Phase, null=True, backref="+", on_delete="SET NULL")
    category = pw.CharField(default="other")
    text = pw.TextField(default="")
    question = pw.ForeignKeyField(Question, null=True, backref="+", on_delete="SET NULL")
    response = pw.TextField(default="")
    added_afterwards = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("meeting", "at"), False),)


class InterventionMember(RecordModel):
    intervention = pw.ForeignKeyField(Intervention, backref="addressed", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="+", on_delete="CASCADE")

    class Meta:
        indexes = ((("intervention", "member"), True),)


class Rating(RecordModel):
    intervention = pw.ForeignKeyField(Intervention, backref="ratings", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="+", on_delete="CASCADE")
    score = pw.IntegerField(null=True)  # None: cleared (the row keeps the rating's identity)

    class Meta:
        indexes = ((("intervention", "member"), True),)


class Tally(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="tallies", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="+", on_delete="CASCADE")
    kind = pw.CharField()
    at = UtcDateTimeField(default=utc_now)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("meeting", "member"), False),)


class Feedback(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="feedback", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, backref="+", on_delete="CASCADE")
    skill = pw.TextField(default="")
    strengths = pw.TextField(default="")
    suggestions = pw.TextField(default="")
    self_assessment = pw.TextField(default="")
    coach_notes = pw.TextField(default="")

    class Meta:
        indexes = ((("meeting", "member"), True),)


class Action(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="actions", on_delete="CASCADE")
    owner = pw.ForeignKeyField(Member, null=True, backref="+", on_delete="SET NULL")
    text = pw.TextField(default="")
    due = pw.DateField(null=True)
    status = pw.CharField(default="committed")
    report_back = pw.TextField(default="")
    reported_in = pw.ForeignKeyField(
        Meeting, null=True, backref="reported_actions", on_delete="SET NULL"
    )
    created_at = UtcDateTimeField(default=utc_now)


class Learning(RecordModel):
    meeting = pw.ForeignKeyField(Meeting, backref="learnings", on_delete="CASCADE")
    level = pw.CharField()
    member = pw.ForeignKeyField(Member, null=True, backref="+", on_delete="SET NULL")
    text = pw.TextField(default="")
    application = pw.TextField(default="")
    created_at = UtcDateTimeField(default=utc_now)


class AgendaTemplate(RecordModel):
    name = pw.TextField()
    phases = pw.TextField(default="[]")  # JSON list of {"name", "minutes"}
    builtin_key = pw.CharField(null=True, unique=True)
    archived = pw.BooleanField(default=False)
    created_at = UtcDateTimeField(default=utc_now)


class HoursEntry(RecordModel):
    """Hours outside meetings, added by hand (a sponsor session, supervision, a workshop)."""

    date = pw.DateField(index=True)
    minutes = pw.IntegerField()
    kind = pw.TextField()  # alcoach.vocabulary.HOURS_KINDS
    role = pw.TextField(default="coach")
    programme = pw.ForeignKeyField(Programme, null=True, backref="+", on_delete="SET NULL")
    organisation = pw.TextField(default="")
    group_size = pw.IntegerField(null=True)
    paid = pw.BooleanField(default=True)
    description = pw.TextField(default="")
    created_at = UtcDateTimeField(default=utc_now)


class Target(RecordModel):
    """A target of the coach's own (a credential's hours); WIAL's levels are built in
    (alcoach.data.targets)."""

    name = pw.TextField()
    total_minutes = pw.IntegerField()
    part_kind = pw.TextField(null=True)
    part_minutes = pw.IntegerField(default=0)
    min_span_days = pw.IntegerField(default=0)
    project_meetings = pw.IntegerField(default=0)
    project_days = pw.IntegerField(default=0)
    counts_from = pw.DateField(null=True)
    expires = pw.DateField(null=True)
    created_at = UtcDateTimeField(default=utc_now)


class Erasure(RecordModel):
    """A member erased (alcoach.data.erasure): the label every copy shows for them."""

    learning_set = pw.ForeignKeyField(LearningSet, backref="+", on_delete="CASCADE")
    member = pw.ForeignKeyField(Member, null=True, backref="+", on_delete="SET NULL")
    pseudonym = pw.TextField()
    name_salt = pw.TextField()  # the hash's key, random per erasure
    name_hash = pw.TextField()  # HMAC-SHA256 of the folded name
    erased_at = UtcDateTimeField()


class Consent(RecordModel):
    """One grant or withdrawal of a member's consent to one purpose; the latest one decides."""

    member = pw.ForeignKeyField(Member, backref="+", on_delete="CASCADE")
    purpose = pw.TextField()  # alcoach.vocabulary.CONSENT_PURPOSES
    granted = pw.BooleanField()
    at = UtcDateTimeField()
    how = pw.TextField(default="")  # how it was obtained
    wording = pw.TextField(default="")  # the wording's version

    class Meta:
        indexes = ((("member", "purpose"), False),)


class Conflict(RecordModel):
    """A version of a record's text that lost a merge to a version written beside it (neither
    was edited from the other): both versions, kept where the coach finds them. Its uid comes
    from the record's and the losing version's stamp, so every copy makes the same one."""

    record_kind = pw.TextField()
    record_uid = pw.TextField(index=True)
    kept_hlc = pw.TextField()
    lost_hlc = pw.TextField()
    kept = pw.TextField()  # JSON: the winning version's text fields
    lost = pw.TextField()  # JSON: the losing version's
    resolution = pw.TextField(default="")  # "", "kept" or "restored"


class Tombstone(BaseModel):
    """What is left of a deleted record (written by SQL triggers on delete): its uid, kind, when
    it went and the stamp of that. A record put back (undo, restore) lifts its tombstone, which
    stays with the stamp of the put-back: the later of deletion and put-back wins everywhere."""

    uid = pw.TextField(primary_key=True)
    kind = pw.TextField()
    deleted_at = UtcDateTimeField()
    hlc = pw.TextField(null=True)
    lifted = pw.BooleanField(default=False)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Setting,
    Programme,
    LearningSet,
    Member,
    Meeting,
    Attendance,
    Pause,
    Phase,
    ProblemStatement,
    ProblemPoll,
    Question,
    Intervention,
    InterventionMember,
    Rating,
    Tally,
    Feedback,
    Action,
    Learning,
    AgendaTemplate,
    HoursEntry,
    Target,
    Erasure,
    Consent,
    Conflict,
    Tombstone,
)


def model_of(kind: str) -> type[RecordModel]:
    """The model of a kind of record as the record spec names it ("intervention", "set")."""
    return _RECORD_MODELS[BY_NAME[kind].table]


_RECORD_MODELS: dict[str, type[RecordModel]] = {
    model._meta.table_name: model for model in ALL_MODELS if issubclass(model, RecordModel)
}
