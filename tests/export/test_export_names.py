"""Names in a right-to-left script keep their place among alcoach's own words."""

from __future__ import annotations

import io

import pdfplumber

from alcoach.data.reports import AttendeeLine, MeetingReport, ReportHeader
from alcoach.export import render_meeting_summary
from alcoach.export.names import LRM, isolate_names, isolated

ARABIC, HEBREW = "سلمى الحداد", "דוד כהן"


def _words(data: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[0].extract_words(keep_blank_chars=False, use_text_flow=False)


def test_only_right_to_left_values_get_marks():
    assert isolated("Salma Haddad") == "Salma Haddad"
    assert isolated(ARABIC) == f"{LRM}{ARABIC}{LRM}"
    assert isolated(f"MK1Q {ARABIC}") == f"MK1Q {ARABIC}{LRM}"  # no mark at a Latin word
    assert isolated("") == ""


def test_name_fields_are_isolated_and_typed_text_is_not():
    report = MeetingReport(
        header=ReportHeader(set_name=HEBREW),
        roster=(ARABIC,),
        attendees=(AttendeeLine(name=ARABIC),),
        coach_notes=ARABIC,
    )
    shown = isolate_names(report)
    assert shown.header.set_name == isolated(HEBREW)
    assert shown.attendees[0].name == isolated(ARABIC)
    assert shown.coach_notes == ARABIC  # a note keeps its own direction


def test_attendees_print_in_the_order_given_and_a_presenter_aligns_left():
    report = MeetingReport(
        header=ReportHeader(set_name="Set Lotus"),
        roster=("Salma Haddad", ARABIC, HEBREW, "Aroha Ngata"),
        attendees=tuple(
            AttendeeLine(name=n, presenter=(n == ARABIC))
            for n in ("Salma Haddad", ARABIC, HEBREW, "Aroha Ngata")
        ),
    )
    words = _words(render_meeting_summary(report))

    def row(label: str) -> list[dict]:
        top = next(w["top"] for w in words if w["text"] == label)
        return sorted(
            (w for w in words if abs(w["top"] - top) < 2 and w["text"] != label),
            key=lambda w: w["x0"],
        )

    attendees = row("Attendees")
    column = attendees[0]["x0"]  # where the values start
    assert attendees[0]["text"] == "Salma"
    script = [
        "L" if w["text"].isascii() else "A" if "\u0600" <= w["text"][-1] <= "\u06ff" else "H"
        for w in attendees
    ]
    # left to right as given: Salma Haddad, the Arabic name, the Hebrew name, Aroha Ngata
    assert "".join(dict.fromkeys(script)) == "LAH" and script[-1] == "L"
    presenter = row("Presenter")
    assert abs(presenter[0]["x0"] - column) < 1  # the Arabic name starts where values start
