"""Which intervention category a phase suggests, from words in its name."""

from __future__ import annotations

_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("report",), "reporting_back"),
    (("reflection", "closing", "close", "review"), "closing"),
    (("learning",), "learning"),
    (("problem-statement", "problem statement", "reframing", "agreed", "agree"), "reframing"),
    (("strateg", "action"), "action"),
    (("goal",), "goals"),
    (("opening", "ground rules", "skills", "welcome", "check-in"), "opening"),
    (("present", "clarifying"), "clarifying"),
    (("question", "helping"), "process"),
    (("time",), "time"),
)


def category_for_phase(phase_name: str | None) -> str:
    if not phase_name:
        return "process"
    lowered = phase_name.lower()
    for words, category in _RULES:
        if any(w in lowered for w in words):
            return category
    return "other"


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


def category_label(category: str) -> str:
    """The readable name of a category key (an unknown key is shown as it is)."""
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())
