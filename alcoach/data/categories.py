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
