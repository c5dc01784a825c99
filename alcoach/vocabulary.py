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
