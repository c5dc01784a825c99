"""The meeting summary from real services: every section, options, anonymising, password."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import unicodedata
import zlib

import pytest
from export_richdata import ARABIC, FEEDBACK_MARK, HEBREW, HOSTILE, NAMES, PRIVATE, build
from pypdf import PdfReader

from alcoach.data.report_builder import build_meeting_report
from alcoach.export import ExportOptions, render_meeting_summary


def flat(text: str) -> str:
    return " ".join(text.split())


def text_of(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.decrypt(password) != 0
    return flat(" ".join(page.extract_text() or "" for page in reader.pages))


@pytest.fixture
def rich(store):
    return build()


@pytest.fixture
def report(rich):
    return build_meeting_report(rich["meeting_id"])


def test_report_data_holds_every_section(report):
    assert report.header.set_name == "Set Blue"
    assert report.header.coach_name == "Morgan Coach"
    assert report.presenters == (NAMES[1],)
    assert [r.round for r in report.problem_rounds] == [1, 2]
    assert report.problem_rounds[0].vote_count("yes") == 3
    assert [p.name for p in report.phases][:2] == ["Opening", "Problem presented"]
    assert report.phases[2].actual_minutes == pytest.approx(34)
    assert len(report.interventions) == 12
    assert report.interventions[0].spread == (2, 8)
    assert [p.member for p in report.participation] == list(NAMES)
    assert report.participation[3].question == 4
    assert report.participation[0].skill_notes == (f"Skill seen in {NAMES[0]}: {HEBREW}",)
    assert [a.status for a in report.actions_reported] == ["done", "committed"]
    assert report.actions_reported[0].reported_on is not None
    assert [a.text for a in report.actions_committed] == ["Call three owners {0} %s"]
    assert {lr.level for lr in report.learnings} == {"individual", "team", "organisation"}
    assert report.coach_notes == PRIVATE
    assert len(report.feedback) == 6


def test_every_section_is_in_the_pdf(report):
    text = text_of(render_meeting_summary(report))
    for expected in (
        "Meeting summary",
        "Set Blue · Riverside leadership",
        "2 Nov 2026",
        "Empty homes <backlog>",
        "Civic Centre & Annexe",
        "Morgan Coach",
        f"Presenter {NAMES[1]}",
        "The problem",
        "FIRST-STATED: we cannot fill empty homes",
        "AGREED: how do I get owners to talk to us?",
        "How might we <i>see</i> the backlog?",
        "Do we agree on the problem? Yes 3 · No 2 · Close 1",
        "Agenda: planned and actual",
        "Questioning 0:30 0:34 +0:04",
        "Opening 0:05 0:06 +0:01",
        "Interventions",
        "Response 0.0:",
        "2–8",
        "Participation",
        "Leadership skill seen",
        "Actions reported back",
        "Talk to the housing team & report <back>",
        "Met them; 王小明 helped",
        "Actions committed at this meeting",
        "Call three owners {0} %s",
        "20 Nov 2026",
        "Learnings",
        "I listen better when I wait",
        "Count to three",
        "We jump to solutions",
        "Data sits in silos",
    ):
        assert expected in text, expected
    for hostile in HOSTILE:
        assert hostile in text, hostile
    for name in NAMES:
        assert name in text, name
    # shaped: printed in its joined forms, which NFKC maps back to the letters typed
    assert ARABIC in unicodedata.normalize("NFKC", text)


def test_private_notes_and_feedback_only_when_asked(report):
    plain = text_of(render_meeting_summary(report))
    assert PRIVATE not in plain and "PRIVATE-NOTE" not in plain
    assert FEEDBACK_MARK not in plain and "COACH-ONLY" not in plain

    with_private = text_of(
        render_meeting_summary(report, ExportOptions(include_private_notes=True))
    )
    assert PRIVATE in with_private
    assert FEEDBACK_MARK not in with_private

    with_feedback = text_of(render_meeting_summary(report, ExportOptions(include_feedback=True)))
    assert FEEDBACK_MARK in with_feedback and "Try a <b>pause</b>" in with_feedback
    assert "COACH-ONLY" not in with_feedback and PRIVATE not in with_feedback

    both = text_of(
        render_meeting_summary(
            report, ExportOptions(include_feedback=True, include_private_notes=True)
        )
    )
    assert f"COACH-ONLY about {NAMES[0]}" in both and PRIVATE in both


def _raw_streams(data: bytes) -> bytes:
    """All bytes of the file with every Flate stream inflated."""
    chunks = [data]
    reader = PdfReader(io.BytesIO(data))
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if hasattr(obj, "get_data"):
            with contextlib.suppress(Exception):
                chunks.append(obj.get_data())
    for part in data.split(b"stream")[1:]:
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompressobj().decompress(part.lstrip(b"\r\n")))
    return b"\n".join(chunks)


@pytest.mark.parametrize("compress", [True, False])
def test_anonymised_summary_has_no_real_name_anywhere(report, compress):
    options = ExportOptions(
        anonymise=True, include_feedback=True, include_private_notes=True, compress=compress
    )
    data = render_meeting_summary(report, options)
    reader = PdfReader(io.BytesIO(data))
    text = flat(" ".join(page.extract_text() or "" for page in reader.pages))
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    raw = _raw_streams(data)
    assert "Member A" in text and "Member F" in text
    assert "Morgan Coach" in text  # the coach's own name stays
    parts = {part for name in NAMES for part in name.split()}
    for name in parts:
        assert name not in text, name
        assert name not in metadata, name
        for encoding in ("utf-8", "utf-16-be"):
            assert name.encode(encoding) not in raw, (name, encoding)
    # the same member is the same letter everywhere: Zoë is A in the table and in typed notes
    assert "Skill seen in Member A:" in text
    assert "sponsor is putting pressure on Member A" in text


def test_anonymising_replaces_first_names_in_typed_text():
    from alcoach.export.anonymise import Anonymiser

    anon = Anonymiser(("Dana Whitfield", "Kofi Mensah", "李明 (Li Ming)", "Jean-Luc O'Brien"))

    def text(typed: str) -> str:  # "Member" and its letter are joined by a no-break space
        return anon.text(typed).replace("\u00a0", " ")

    assert text("Dana asked Kofi; Whitfield agreed.") == (
        "Member A asked Member B; Member A agreed."
    )
    assert text("李明说 Li Ming and Ming") == "Member C说 Member C and Member C"
    assert "O'Brien" not in text("O'Brien and Jean-Luc")
    assert text("Danai is not Dana") == "Danai is not Member A"


def test_password_protected_pdf_opens_only_with_the_password(report, tmp_path):
    data = render_meeting_summary(report, ExportOptions(password="s3cret ü"))
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    fresh = PdfReader(io.BytesIO(data))
    assert fresh.decrypt("") == 0
    with pytest.raises(Exception):  # noqa: B017 (pypdf raises its own error types)
        PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Meeting summary" in text_of(data, password="s3cret ü")
    assert "/AESV3" in str(PdfReader(io.BytesIO(data)).trailer["/Encrypt"].get_object())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_poppler_opens_the_protected_pdf_only_with_the_password(report, tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(render_meeting_summary(report, ExportOptions(password="pw-123")))
    opened = subprocess.run(
        ["pdftotext", "-upw", "pw-123", str(path), "-"], capture_output=True, text=True
    )
    assert opened.returncode == 0, opened.stderr
    assert "Meeting summary" in opened.stdout
    refused = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert refused.returncode != 0
    assert "Meeting summary" not in refused.stdout


def test_footer_has_page_x_of_y_set_and_date(report):
    reader = PdfReader(io.BytesIO(render_meeting_summary(report)))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = flat(page.extract_text())
        assert f"Page {number} of {total}" in text
        assert "Set Blue · 2 Nov 2026" in text


def test_page_size_a4_or_letter(report):
    a4 = PdfReader(io.BytesIO(render_meeting_summary(report)))
    letter = PdfReader(
        io.BytesIO(render_meeting_summary(report, ExportOptions(page_size="Letter")))
    )
    assert round(float(a4.pages[0].mediabox.width)) == 595
    assert round(float(a4.pages[0].mediabox.height)) == 842
    assert round(float(letter.pages[0].mediabox.width)) == 612
    assert round(float(letter.pages[0].mediabox.height)) == 792


def test_metadata_is_ours(report):
    reader = PdfReader(io.BytesIO(render_meeting_summary(report)))
    meta = reader.metadata
    assert meta.title == "Meeting summary — Set Blue — 2 Nov 2026"
    assert meta.author == "Morgan Coach"
    assert meta.subject == "Action Learning meeting summary"


def test_an_empty_meeting_says_none_recorded(store, sample_set):
    report = build_meeting_report(sample_set["meeting"].id)
    text = text_of(render_meeting_summary(report))
    assert text.count("None recorded") >= 6
    assert "Actions reported back" in text and "Learnings" in text
