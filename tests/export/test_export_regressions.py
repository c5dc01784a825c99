"""Failing examples the generative test found, kept as plain tests."""

from __future__ import annotations

import datetime as dt
import re

from pdf_text import extracted

from alcoach.data import reports as r
from alcoach.export import api
from alcoach.export.options import ExportOptions

HEADER = r.ReportHeader(set_name="Set Blue", date=dt.date(2026, 11, 2), coach_name="Morgan")
WORDS = [f"w{i:05d}" for i in range(3_000)]
LONG = " ".join(WORDS)  # 21,000 characters: taller than a page


def words_in(text: str) -> list[str]:
    return re.findall(r"w\d{5}", text)


def test_a_header_value_taller_than_a_page_flows_on():
    # Was: LayoutError "Flowable <Table ... (tallest row 1714.5)> ... too large" (the title
    # block's label-and-value table could not split a row).
    sheet = r.FeedbackSheet(HEADER, ("Ana",), "Ana", role=LONG, leadership_skill="MK1Q")
    text = extracted(api.render_feedback_sheets([sheet], ExportOptions(page_size="Letter")), None)
    assert words_in(text) == WORDS  # all of it, in order (page headers and footers between)
    assert "MK1Q" in text


def test_a_blank_sheet_row_taller_than_a_page_flows_on():
    # Was: LayoutError "Flowable <Table ... 4 rows x 5 cols(tallest row 832.5)> ... too large"
    # (the blank sheet's roster grid could not split a row holding a long skill).
    members = (r.RosterLine("Ana", LONG), r.RosterLine("Bo", "MK2Q"))
    sheet = r.BlankSheet(HEADER, ("Ana", "Bo"), (r.BlankPhase("Open", 5, 0),), members)
    text = extracted(api.render_blank_sheet(sheet, ExportOptions(anonymise=True)), None)
    assert words_in(text) == WORDS  # all of it, in order (page headers and footers between)
    assert "MK2Q" in text and "Ana" not in text


def test_arabic_with_a_vowel_mark_before_a_latin_letter_prints():
    """A shaped run that starts with a lowered mark (reportlab's setRise read an empty text)."""
    report = r.MeetingReport(HEADER, ("Ana",), coach_notes="MK3Q بِx")
    text = extracted(api.render_meeting_summary(report, ExportOptions(include_private_notes=True)))
    assert "MK3Q" in text
    named = r.MeetingReport(r.ReportHeader(set_name="MK4Q بِф"), ("Ana",))
    assert "MK4Q" in extracted(api.render_meeting_summary(named))
