"""Feedback sheets, the set progress report and the blank session sheet, read back as text."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from export_richdata import FEEDBACK_MARK, HEBREW, NAMES, build
from pypdf import PdfReader

from alcoach.data.report_builder import (
    build_blank_sheet,
    build_feedback_sheets,
    build_set_report,
)
from alcoach.export import (
    ExportOptions,
    render_blank_sheet,
    render_feedback_sheet_files,
    render_feedback_sheets,
    render_set_report,
)


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(data: bytes) -> list[str]:
    return [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def rich(store):
    return build()


def test_feedback_sheets_one_member_per_page(rich):
    sheets = build_feedback_sheets(rich["meeting_id"])
    assert [s.member for s in sheets] == list(NAMES)
    pages = pages_of(render_feedback_sheets(sheets))
    starts = [i for i, p in enumerate(pages) if p.startswith("Feedback for ")]
    assert len(starts) == len(NAMES)
    for name, start in zip(NAMES, starts, strict=True):
        page = pages[start]
        assert page.startswith(f"Feedback for {name}")
        assert f"skill of {name}" in page
        assert FEEDBACK_MARK in page
        assert "Try a <b>pause</b>" in page
        assert f"Skill seen in {name}:" in page
        assert "COACH-ONLY" not in page  # the coach's notes stay private by default
        others = [n for n in NAMES if n != name and n not in page]
        assert len(others) >= len(NAMES) - 2  # another member's sheet is not on this page
    presenter = pages[starts[1]]
    assert "Call three owners {0} %s" in presenter and "(presenter)" in presenter
    first = pages[starts[0]]
    assert "Talk to the housing team & report <back>" in first and "Done" in first
    assert "Your actions from this meeting" in first and "None recorded" in first


def test_feedback_sheets_private_notes_with_the_option(rich):
    sheets = build_feedback_sheets(rich["meeting_id"])
    text = " ".join(
        pages_of(render_feedback_sheets(sheets, ExportOptions(include_private_notes=True)))
    )
    assert f"COACH-ONLY about {NAMES[0]}" in text


def test_one_feedback_file_per_member(rich):
    files = render_feedback_sheet_files(build_feedback_sheets(rich["meeting_id"]))
    assert [name for name, _ in files] == list(NAMES)
    for name, data in files:
        text = " ".join(pages_of(data))
        assert text.startswith(f"Feedback for {name}")
        assert all(
            other not in text.split("Feedback for ")[1][:40] for other in NAMES if other != name
        )


def test_anonymised_feedback_files_are_named_by_letter(rich):
    files = render_feedback_sheet_files(
        build_feedback_sheets(rich["meeting_id"]), ExportOptions(anonymise=True)
    )
    assert [name for name, _ in files][:2] == ["Member\u00a0A", "Member\u00a0B"]  # no-break
    text = " ".join(pages_of(files[0][1]))
    assert NAMES[0] not in text and "Feedback for Member A" in text


def test_set_report_sections(rich):
    report = build_set_report(rich["set_id"])
    assert [m.date for m in report.meetings] == [dt.date(2026, 10, 5), dt.date(2026, 11, 2)]
    assert report.attendance[0].marks == ("presenter", "present")
    assert report.participation[3].per_meeting[1].question == 4
    assert {a.status for a in report.actions} == {"done", "committed"}
    text = " ".join(pages_of(render_set_report(report)))
    for expected in (
        "Set progress report",
        "5 Oct 2026 to 2 Nov 2026",
        "Meetings",
        "Empty homes <backlog>",
        "Attendance",
        "2 of 2",
        "Actions and how they ended",
        "3 actions: Open 2, Done 1, Partly done 0, Not done 0, Dropped 0",
        "Met them; 王小明 helped",
        "Participation over time",
        "Problems worked on",
        "FIRST-STATED: we cannot fill empty homes",
        "AGREED: how do I get owners to talk to us?",
        "Learnings",
        "I listen better when I wait",
        "Page 1 of",
        "Set Blue · 5 Oct 2026 to 2 Nov 2026",
    ):
        assert expected in text, expected
    for name in NAMES:
        assert name in text


def test_set_report_date_range(rich):
    report = build_set_report(rich["set_id"], date_from=dt.date(2026, 11, 1))
    assert [m.date for m in report.meetings] == [dt.date(2026, 11, 2)]
    assert [a.text for a in report.actions] == ["Call three owners {0} %s"]
    text = " ".join(pages_of(render_set_report(report)))
    assert "1 Nov 2026 to 2 Nov 2026" in text
    assert "Map the backlog" not in text


def test_set_report_of_a_set_without_meetings(store):
    from alcoach.data import sets

    empty = sets.create_set("Set Empty")
    sets.add_member(empty.id, "Solo Member")
    text = " ".join(pages_of(render_set_report(build_set_report(empty.id))))
    assert "Set progress report" in text and text.count("None recorded") >= 5


def test_blank_sheet_agenda_and_roster(rich):
    sheet = build_blank_sheet(rich["meeting_id"])
    assert [p.starts_after_minutes for p in sheet.phases] == [0, 5, 10, 40]
    text = " ".join(pages_of(render_blank_sheet(sheet, ExportOptions(page_size="Letter"))))
    for expected in (
        "Session sheet",
        "Agenda",
        "Opening 0:05 +0:00",
        "Questioning 0:30 +0:10",
        "Closing 0:15 +0:40",
        "Participation tally",
        "Questions Insightful Statements Skill seen",
        f"{NAMES[1]} (presenter)",
        "Interventions",
    ):
        assert expected in text, expected
    for name in NAMES:
        assert name in text


def test_skill_notes_in_every_script(rich):
    sheets = build_feedback_sheets(rich["meeting_id"])
    assert sheets[0].participation.skill_notes == (f"Skill seen in {NAMES[0]}: {HEBREW}",)
