"""Page layout: headings stay with their sections and never stop an export; page furniture."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.platypus import Spacer

from alcoach.data.reports import (
    FeedbackSheet,
    MeetingReport,
    MemberFeedback,
    ReportHeader,
)
from alcoach.export import ExportOptions, render_feedback_sheets, render_meeting_summary
from alcoach.export.flow import empty_section, heading, label, para, table
from alcoach.export.page import DocumentInfo, PageGroup, build_pdf

INFO = DocumentInfo(title="Layout", author="Coach", subject="Test", footer="Set · date")
HEADINGS = ("Section heading", "Member heading", "Field label")


def page_lines(data: bytes, password: str | None = None) -> list[list[str]]:
    """Each page's text lines, the footer (page number, set and date) left out."""
    reader = PdfReader(io.BytesIO(data))
    if password:
        reader.decrypt(password)
    pages = []
    for page in reader.pages:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines()]
        pages.append([ln for ln in lines if ln and not re.search(r"Page \d+ of \d+", ln)])
    return pages


def _story(filler_lines: int, body_lines: int) -> list:
    """Filler that pushes a heading, a label and their text to any height on the page."""
    filler = [para(f"Filler line {i}.") for i in range(filler_lines)]
    body = "\n".join(f"Body line {i} of the member's field." for i in range(body_lines))
    return [
        *filler,
        heading("Section heading"),
        heading("Member heading", 2, keep=[label("Field label"), para(body)]),
        label("Field label"),
        para(body, "note"),
        *empty_section("Empty section"),
    ]


@pytest.mark.parametrize("body_lines", [1, 3, 80])
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(body_lines):
    """The heading moves on with its section at every height on the page; nothing fails.

    (reportlab's KeepTogether around a heading that refused to split gave up with a
    "Splitting error" on the demo's first meeting.)
    """
    for filler in range(0, 75, 2):
        pages = page_lines(build_pdf(_story(filler, body_lines), INFO, ExportOptions()))
        for number, lines in enumerate(pages):
            assert lines[-1] not in (*HEADINGS, "Empty section"), (filler, number, lines[-3:])
            assert lines[0] != "None recorded.", (filler, number)  # never parted from its heading
        text = "\n".join(line for page in pages for line in page)
        assert f"Body line {body_lines - 1} of the member's field." in text


def test_a_heading_taller_than_the_page_still_prints():
    """At the top of a page a heading always takes its own room, splitting if it must."""
    long_heading = " ".join(f"word{i}" for i in range(4000))
    data = build_pdf([Spacer(1, 200), heading(long_heading), para("after")], INFO, ExportOptions())
    text = " ".join(" ".join(page) for page in page_lines(data))
    assert "word0" in text and "word3999" in text and "after" in text


def test_the_demos_first_meeting_prints_with_everything(store):
    """The summary that failed in the first real meeting (private notes and feedback, A4)."""
    from alcoach.data.demo import add_demo_programme
    from alcoach.data.meetings import list_meetings
    from alcoach.data.report_builder import build_meeting_report

    add_demo_programme()
    for meeting in list_meetings():
        report = build_meeting_report(meeting.id)
        for page_size in ("A4", "Letter"):
            options = ExportOptions(
                page_size=page_size, include_private_notes=True, include_feedback=True
            )
            pages = page_lines(render_meeting_summary(report, options))
            assert len(pages) >= 2


def _feedback_sheet(member: str, lines: int) -> FeedbackSheet:
    text = "\n".join(f"{member} strength {i}." for i in range(lines))
    return FeedbackSheet(
        header=ReportHeader(set_name="Set Blue"),
        roster=("Ana", "Ben"),
        member=member,
        feedback=MemberFeedback(member=member, strengths=text, coach_notes="Coach only."),
    )


def test_each_members_pages_are_numbered_on_their_own_and_say_whom_they_are_for():
    sheets = [_feedback_sheet("Ana", 150), _feedback_sheet("Ben", 2)]
    reader = PdfReader(io.BytesIO(render_feedback_sheets(sheets)))
    footers = []
    for page in reader.pages:
        text = page.extract_text()
        number = re.search(r"Page (\d+) of (\d+)", text)
        who = re.search(r"Confidential: for (\w+)", text)
        assert number and who, text[:200]
        footers.append((who.group(1), int(number.group(1)), int(number.group(2))))
    ana = [f for f in footers if f[0] == "Ana"]
    ben = [f for f in footers if f[0] == "Ben"]
    assert len(ana) >= 3 and ben == [("Ben", 1, 1)]
    assert [n for _, n, _ in ana] == list(range(1, len(ana) + 1))
    assert {total for _, _, total in ana} == {len(ana)}
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Feedback for Ana", "Feedback for Ben"]


@pytest.mark.parametrize(
    ("private", "feedback", "line"),
    [
        (False, False, None),
        (True, False, "Confidential: contains the coach's private notes"),
        (False, True, "Confidential: contains members' feedback"),
        (True, True, "Confidential: contains the coach's private notes and members' feedback"),
    ],
)
def test_a_summary_with_private_content_says_so_on_every_page(private, feedback, line):
    report = MeetingReport(
        header=ReportHeader(set_name="Set Blue"),
        roster=("Ana",),
        coach_notes="\n".join(f"Note {i}" for i in range(200)),
        feedback=(MemberFeedback(member="Ana", strengths="Listened well."),),
    )
    options = ExportOptions(include_private_notes=private, include_feedback=feedback)
    reader = PdfReader(io.BytesIO(render_meeting_summary(report, options)))
    texts = [page.extract_text() for page in reader.pages]
    if line is None:
        assert not any("Confidential" in t for t in texts)
    else:
        assert len(texts) >= 2 if private else len(texts) >= 1
        assert all(line in t for t in texts)


def test_outline_metadata_and_fonts():
    report = MeetingReport(
        header=ReportHeader(set_name="Set Blue", coach_name="Morgan Ellis"), roster=()
    )
    data = render_meeting_summary(report)
    reader = PdfReader(io.BytesIO(data))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["The problem", "Agenda: planned and actual", "Interventions"]
    assert reader.metadata.title == "Meeting summary — Set Blue"
    assert reader.metadata.author == "Morgan Ellis"
    assert reader.metadata.subject == "Action Learning meeting summary"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(font.get_object()["/BaseFont"])
    assert fonts and all("DejaVu" in f for f in fonts)  # no unembedded standard font


def test_every_font_is_embedded_in_every_document():
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    sheets = [_feedback_sheet("李明", 3)]
    data = render_feedback_sheets(sheets, ExportOptions(include_private_notes=True))
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout
    rows = out.decode().splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), rows


def test_a_protected_pdf_declares_the_version_aes_256_needs():
    data = render_meeting_summary(
        MeetingReport(header=ReportHeader(set_name="S"), roster=()), ExportOptions(password="pw")
    )
    assert data.startswith(b"%PDF-1.7")
    reader = PdfReader(io.BytesIO(data))
    reader.decrypt("pw")
    assert reader.trailer["/Root"]["/Extensions"]["/ADBE"]["/ExtensionLevel"] == 8
    assert page_lines(data, "pw")[0][0] == "Meeting summary"


def test_page_group_outside_feedback_sheets_keeps_document_numbering():
    story = [para("One"), PageGroup("Part", "Confidential: for Ana"), para("Two")]
    text = PdfReader(io.BytesIO(build_pdf(story, INFO, ExportOptions()))).pages[0].extract_text()
    assert "Page 1 of 1" in text and "Confidential: for Ana" in text


@pytest.mark.parametrize("row_lines", [2, 9, 30])
def test_a_tables_header_repeats_only_at_the_top_of_a_page(row_lines):
    """Never a second header mid-page above half a row (reportlab's split of the rest)."""
    for filler in range(0, 60, 4):
        rows = [
            [f"R{n}", "\n".join(f"row {n} line {i}" for i in range(row_lines))] for n in range(12)
        ]
        story = [
            *(para(f"Filler {i}.") for i in range(filler)),
            table(["HeadA", "HeadB"], rows, [80, 300]),
        ]
        pages = page_lines(build_pdf(story, INFO, ExportOptions()))
        for number, lines in enumerate(pages):
            headers = [i for i, line in enumerate(lines) if line.startswith("HeadA")]
            assert len(headers) <= 1, (filler, number)
            if headers and number:
                assert headers == [0], (filler, number, lines[:3])  # continued at the top
        text = "\n".join(line for page in pages for line in page)
        assert f"row 11 line {row_lines - 1}" in text


def test_a_period_open_at_one_end_says_so():
    import datetime as dt

    from alcoach.data.reports import ReportHeader, SetProgressReport
    from alcoach.export.set_report import _period

    header = ReportHeader(set_name="Set Blue")
    start, end = dt.date(2030, 1, 1), dt.date(2030, 5, 31)
    assert _period(SetProgressReport(header, (), date_from=start)) == "from 1 Jan 2030"
    assert _period(SetProgressReport(header, (), date_to=end)) == "up to 31 May 2030"
    assert _period(SetProgressReport(header, (), start, end)) == "1 Jan 2030 to 31 May 2030"
    assert _period(SetProgressReport(header, ())) == ""
