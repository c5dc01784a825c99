"""Text comes out of the PDF exactly as typed: markup, any script, emoji, long notes and tables."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader

from alcoach.data.reports import (
    ActionLine,
    InterventionLine,
    MeetingReport,
    ReportHeader,
)
from alcoach.export import ExportOptions, render_meeting_summary

HOSTILE = (
    "<b>bold?</b>",
    "a & b",
    '<img src="/etc/passwd"/>',
    "%s %(x)s {0} {{}}",
    "<i>unbalanced",
    "a < b > c &amp; &lt;",
)


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Whitespace collapsed, so a line wrapped at a space still matches."""
    return " ".join(text.split())


def report_with_notes(
    notes: str, interventions: tuple[InterventionLine, ...] = ()
) -> MeetingReport:
    return MeetingReport(
        header=ReportHeader(set_name="Set Blue", coach_name="Morgan Coach"),
        roster=("Dana Whitfield",),
        interventions=interventions,
        coach_notes=notes,
    )


def render_notes(notes: str, **kw) -> bytes:
    return render_meeting_summary(
        report_with_notes(notes, **kw), ExportOptions(include_private_notes=True)
    )


def test_hostile_strings_appear_literally_and_no_image_is_read(monkeypatch):
    from reportlab.platypus import paraparser

    def refuse(*args, **kwargs):
        raise AssertionError("an <img> tag reached reportlab's parser")

    monkeypatch.setattr(paraparser.ParaParser, "start_img", refuse)
    notes = "\n".join(HOSTILE)
    items = tuple(
        InterventionLine(
            offset_seconds=60 * i,
            at=None,
            phase="Opening",
            category="process",
            text=text,
            response=text,
        )
        for i, text in enumerate(HOSTILE)
    )
    text = flat(" ".join(pdf_pages(render_notes(notes, interventions=items))))
    for hostile in HOSTILE:
        assert text.count(hostile) >= 3, hostile  # the notes, the intervention and its response


@pytest.mark.parametrize(
    "sample",
    [
        "Zoë Ångström, Bjørn Ødegård, François Lefèvre, Łukasz Żółć",
        "Νίκος Παπαδόπουλος: Η ομάδα ρώτησε καλές ερωτήσεις",
        "Анна Смирнова: группа задала хорошие вопросы",
        "王小明：我们需要更多的时间",
        "山田太郎：もっと時間が必要です",
        "김민준: 우리는 더 많은 시간이 필요합니다",
    ],
)
def test_any_script_comes_out_as_typed(sample):
    text = flat(" ".join(pdf_pages(render_notes(sample))))
    assert flat(sample) in text


def test_cjk_fallback_font_is_embedded():
    data = render_notes("王小明 山田太郎 김민준")
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded TrueType
            fonts.add(str(font["/BaseFont"]))
    assert any("WenQuanYi" in f for f in fonts), fonts
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_right_to_left_text_reads_back_as_typed():
    arabic, hebrew = "مرحبا بالعالم", "שלום עולם"
    text = " ".join(pdf_pages(render_notes(f"{arabic}\n{hebrew}")))
    # printed right to left and shaped (tests/test_export_scripts.py checks the glyphs'
    # places); pypdf reads right-to-left lines back in typed order, Arabic in its joined forms
    text = unicodedata.normalize("NFKC", text)
    assert arabic in text and hebrew in text


def test_emoji_do_not_break_the_export():
    notes = "Great session 🎉👍🙂 🦄 and ✓ done — café"
    pages = pdf_pages(render_notes(notes))
    text = flat(" ".join(pages))
    assert "Great session" in text
    assert "and ✓ done — café" in text


def test_control_characters_are_dropped_not_fatal():
    text = flat(" ".join(pdf_pages(render_notes("tab\there\x00null\x1bescape\r\nnext"))))
    assert "tab here" in text and "nullescape" in text and "next" in text


def test_a_very_long_note_flows_over_several_pages():
    words = [f"word{i:05d}" for i in range(2000)]
    note = " ".join(words)
    assert len(note) >= 19_000
    note = note + " " + "x" * (20_000 - len(note) - 1)
    assert len(note) == 20_000
    pages = pdf_pages(render_notes(note))
    assert len(pages) >= 4
    text = flat(" ".join(pages))
    for word in (words[0], words[1000], words[-1]):
        assert word in text


def test_a_long_table_repeats_its_header_row():
    actions = tuple(
        ActionLine(owner="Dana Whitfield", text=f"Action number {i}") for i in range(150)
    )
    report = MeetingReport(
        header=ReportHeader(set_name="Set Blue"),
        roster=("Dana Whitfield",),
        actions_committed=actions,
    )
    pages = pdf_pages(render_meeting_summary(report))
    with_table = [p for p in pages if "Action number" in p]
    assert len(with_table) >= 3
    for page in with_table:
        assert "Owner Action Due Status" in flat(page)
    text = flat(" ".join(pages))
    assert all(f"Action number {i} " in text + " " for i in range(150))


def test_export_imports_neither_qt_nor_peewee_and_cli_skips_reportlab():
    code = (
        "import sys\n"
        "import alcoach.export, alcoach.export.api, alcoach.export.meeting_summary\n"
        "import alcoach.export.set_report, alcoach.export.feedback_sheets\n"
        "import alcoach.export.blank_sheet, alcoach.export.protect, alcoach.data.reports\n"
        "assert 'PySide6' not in sys.modules and 'peewee' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    code = (
        "import sys, alcoach.cli\n"
        "alcoach.cli.build_parser()\n"
        "assert 'reportlab' not in sys.modules, 'the CLI imported reportlab at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_table_cell_longer_than_a_page_flows_on():
    long = " ".join(f"w{i:05d}" for i in range(3400))
    report = MeetingReport(
        header=ReportHeader(set_name="Set Blue"),
        roster=("Dana Whitfield",),
        interventions=(
            InterventionLine(0, None, "Opening", "process", long + " END-TEXT", response=long),
        ),
        actions_committed=(ActionLine("Dana Whitfield", long + " END-ACTION"),),
    )
    pages = pdf_pages(render_meeting_summary(report))
    text = flat(" ".join(pages))
    assert len(pages) >= 10
    assert "END-TEXT" in text and "END-ACTION" in text
    assert text.count("w03399") == 3  # text, response and action, nothing cut off
