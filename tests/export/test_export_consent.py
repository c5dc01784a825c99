"""Consent honoured in the documents: who may be named (the anonymise option's middle choice),
who receives a feedback sheet, and a withdrawal after a grant wins."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_text import extracted

from alcoach.data import consent, report_builder
from alcoach.errors import ExportError
from alcoach.export import api
from alcoach.export.anonymise import Anonymiser
from alcoach.export.options import ExportOptions

T = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def agreed(sample_set):
    dana, kofi, ines, _ = sample_set["members"]
    for member in (dana, kofi):
        consent.record_consent(member.id, "sponsor_reports", True, at=T)
        consent.record_consent(member.id, "feedback_sheet", True, at=T)
    consent.record_consent(ines.id, "sponsor_reports", True, at=T)  # and then withdrew it
    consent.record_consent(ines.id, "sponsor_reports", False, at=T + dt.timedelta(days=3))
    return sample_set


def test_the_reports_know_who_agreed_to_be_named(agreed):
    meeting = agreed["meeting"].id
    report = report_builder.build_meeting_report(meeting)
    assert report.named == ("Dana Whitfield", "Kofi Mensah")
    assert report_builder.build_set_report(agreed["set"].id).named == report.named
    sheets = report_builder.build_feedback_sheets(meeting)
    assert [s.may_receive for s in sheets] == [True, True, False, False]


def test_without_consent_anonymises_only_those_who_did_not_agree(agreed):
    report = report_builder.build_meeting_report(agreed["meeting"].id)
    options = ExportOptions(anonymise="without_consent", compress=False)
    text = extracted(api.render_meeting_summary(report, options), None)
    assert "DanaWhitfield" in text and "KofiMensah" in text
    assert "Ines" not in text and "Ravi" not in text
    assert "MemberA" in text and "MemberB" in text  # Ines and Ravi, in roster order
    everyone = extracted(api.render_meeting_summary(report, ExportOptions(anonymise=True)), None)
    assert "Dana" not in everyone and "MemberD" in everyone


def test_the_anonymiser_keeps_the_named_and_labels_the_rest_in_order():
    names = Anonymiser(("Ann Lee", "Bo Chen", "Cy Ode"), keep=("Bo Chen",))
    assert names.text("Ann Lee, Bo Chen and Cy Ode") == "Member\u00a0A, Bo Chen and Member\u00a0B"


def test_only_members_who_agreed_receive_a_sheet(agreed):
    sheets = report_builder.build_feedback_sheets(agreed["meeting"].id)
    given, left_out = api.hand_out(sheets)
    assert [s.member for s in given] == ["Dana Whitfield", "Kofi Mensah"]
    assert api.left_out_sentence(left_out) == (
        "No feedback sheet for Ines Duarte and Ravi Patel: no consent to receive one is recorded "
        "(the member's dialog keeps it, under Consent)."
    )
    assert api.left_out_sentence([]) == ""


def test_an_unknown_mode_is_refused():
    with pytest.raises(ExportError, match="Anonymise is one of"):
        ExportOptions(anonymise="some")
