"""The sponsor's brief: kept per set, one sponsor name (the brief's, else the programme's), printed
at the front of the set report after its key figures, anonymised like the rest."""

from __future__ import annotations

from pdf_text import extracted

from alcoach.data import report_builder, sets
from alcoach.data.brief import Brief, get_brief, save_brief
from alcoach.export import api
from alcoach.export.options import ExportOptions


def test_the_brief_keeps_one_sponsor_name(sample_set):
    set_id = sample_set["set"].id
    assert get_brief(set_id) == Brief(sponsor="Head of People") and get_brief(set_id).is_empty
    saved = save_brief(set_id, Brief("Backlog", "Families wait", sponsor="Head of People"))
    assert saved.context == "Backlog" and saved.sponsor == "Head of People"
    sets.update_programme(sample_set["programme"].id, sponsor="Chief Executive")
    assert get_brief(set_id).sponsor == "Chief Executive"  # it follows the programme's
    save_brief(set_id, saved._replace(sponsor="Director of Housing"))
    assert get_brief(set_id).sponsor == "Director of Housing"  # until the brief names its own


def test_the_set_report_prints_the_brief_first(sample_set):
    set_id = sample_set["set"].id
    told = "Empty homes stay empty for years, says Kofi Mensah."
    save_brief(set_id, Brief(told, "Families wait", "", "Three options", "Fewer empty homes"))
    report = report_builder.build_set_report(set_id)
    assert [title for title, _ in report.brief] == [
        "The problem's context and history", "Why it matters", "What is expected of the set",
        "How success will be recognised",
    ]  # fmt: skip
    text = extracted(api.render_set_report(report, ExportOptions(compress=False)), None)
    assert text.index("Meetings1") < text.index("Thesponsor'sbrief") < text.index("MeetingsDate")
    assert "Sponsor:HeadofPeople" in text and "saysKofiMensah" in text
    hidden = extracted(api.render_set_report(report, ExportOptions(anonymise=True)), None)
    assert "Kofi" not in hidden and "saysMemberB" in hidden
    empty = report_builder.build_set_report(sets.create_set("Set Green").id)
    assert empty.brief == ()
    assert "sponsor'sbrief" not in extracted(api.render_set_report(empty), None)
