"""The domain's keys and the words for them, one vocabulary for the window and the PDFs.

The database stores the keys (ACTION_STATUSES, ...); people read the labels. Free of Qt and
peewee, so the data layer, the documents and the window all take their words from here: an open
action is "Open" on screen and on paper alike.
"""

from __future__ import annotations

INTERVENTION_CATEGORIES = (
    "opening",
    "clarifying",
    "process",
    "reframing",
    "goals",
    "action",
    "learning",
    "leadership",
    "reporting_back",
    "closing",
    "time",
    "other",
)
CATEGORY_LABELS: dict[str, str] = {
    "opening": "Opening",
    "clarifying": "Clarifying",
    "process": "Process",
    "reframing": "Reframing",
    "goals": "Goals",
    "action": "Action",
    "learning": "Learning",
    "leadership": "Leadership",
    "reporting_back": "Reporting back",
    "closing": "Closing",
    "time": "Time",
    "other": "Other",
}

TALLY_KINDS = ("question", "statement", "insightful", "skill")
TALLY_LABELS: dict[str, str] = {
    "question": "question",
    "statement": "statement",
    "insightful": "insightful question",
    "skill": "skill seen",
}

ACTION_STATUSES = ("committed", "done", "partly", "not_done", "dropped")
STATUS_LABELS: dict[str, str] = {
    "committed": "Open",
    "done": "Done",
    "partly": "Partly done",
    "not_done": "Not done",
    "dropped": "Dropped",
}
# the order a report-back offers them in: how it ended first, "still open" last
REPORT_BACK_ORDER = ("done", "partly", "not_done", "dropped", "committed")

LEARNING_LEVELS = ("individual", "team", "organisation")
LEVEL_LABELS: dict[str, str] = {
    "individual": "Individual",
    "team": "Team",
    "organisation": "Organisation",
}

STATEMENT_KINDS = ("presenter", "member", "agreed")
STATEMENT_LABELS: dict[str, str] = {
    "presenter": "Presenter's statement",
    "member": "Member's version",
    "agreed": "Agreed",
}

POLL_VOTES = ("yes", "no", "close")
VOTE_LABELS: dict[str, str] = {"yes": "Yes", "no": "No", "close": "Close"}

COACH_ROLES = ("coach", "co_coach", "observer", "supervisor")
ROLE_LABELS: dict[str, str] = {
    "coach": "Coach",
    "co_coach": "Co-coach",
    "observer": "Observer",
    "supervisor": "Supervisor",
}
HOURS_KINDS = ("coaching", "leading", "mentoring", "supervision", "other")
HOURS_KIND_LABELS: dict[str, str] = {
    "coaching": "Coaching",
    "leading": "Leading",
    "mentoring": "Mentoring",
    "supervision": "Supervision",
    "other": "Other",
}
# A meeting's hours count as this kind, by the coach's role in it.
ROLE_KINDS: dict[str, str] = {
    "coach": "coaching",
    "co_coach": "coaching",
    "observer": "other",
    "supervisor": "supervision",
}
CONSENT_PURPOSES = ("coaching_log", "feedback_sheet", "sponsor_reports")
CONSENT_LABELS: dict[str, str] = {
    "coaching_log": "Named in the coaching log",
    "feedback_sheet": "To receive a feedback sheet",
    "sponsor_reports": "Named in sponsor reports",
}


def _label(labels: dict[str, str], key: str) -> str:
    """The word for a key; an unknown key (from a newer archive, say) is shown readably."""
    return labels.get(key) or key.replace("_", " ").capitalize()


def category_label(category: str) -> str:
    return _label(CATEGORY_LABELS, category)


def status_label(status: str) -> str:
    return _label(STATUS_LABELS, status)


def level_label(level: str) -> str:
    return _label(LEVEL_LABELS, level)


def statement_label(kind: str) -> str:
    return _label(STATEMENT_LABELS, kind)


def vote_label(vote: str) -> str:
    return _label(VOTE_LABELS, vote)


def tally_label(kind: str) -> str:
    return TALLY_LABELS.get(kind) or kind.replace("_", " ")


def role_label(role: str) -> str:
    return _label(ROLE_LABELS, role)


def hours_kind_label(kind: str) -> str:
    return _label(HOURS_KIND_LABELS, kind)


def consent_label(purpose: str) -> str:
    return _label(CONSENT_LABELS, purpose)
