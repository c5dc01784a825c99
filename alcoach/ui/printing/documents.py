"""The kinds of document the window exports, and what each is called in sentences.

Plain constants, so that the menu is built at start without importing the export worker."""

from __future__ import annotations

MEETING, FEEDBACK, SET_REPORT, BLANK = "meeting", "feedback", "set", "blank"
KIND_NAMES = {
    MEETING: "meeting summary",
    FEEDBACK: "feedback sheets",
    SET_REPORT: "set progress report",
    BLANK: "blank session sheet",
}
