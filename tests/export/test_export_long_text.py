"""Very long texts export with all of their text: split before layout, kept out of table cells.

How long they take is measured in benchmarks/measure_pdfs.py (goal: at most 30 s each).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pdf_text import extracted

from alcoach.data import reports as r
from alcoach.export import ExportOptions, render_meeting_summary, render_set_report
from alcoach.export.long_text import CELL_LIMIT, PIECE, pieces

HEADER = r.ReportHeader(set_name="Set Blue", date=dt.date(2026, 11, 2), coach_name="Morgan")
TOKEN = re.compile(r"w\d{6}")


def prose(characters: int, start: int = 0) -> tuple[str, list[str]]:
    """Numbered words in sentences, without a line break: (text, its words in order)."""
    words, size, number = [], 0, start
    while size < characters:
        word = f"w{number:06d}" + ("." if number % 13 == 12 else "")
        words.append(word)
        size += len(word) + 1
        number += 1
    return " ".join(words), [w.rstrip(".") for w in words]


def in_order(words: list[str], text: str) -> bool:
    """Whether `words` appear one after another among the numbered words of `text` (page
    headers and footers may stand between them)."""
    return " ".join(words) in " ".join(TOKEN.findall(text))


@pytest.mark.slow
def test_a_million_character_coach_note_prints_whole():
    note, words = prose(1_000_000)
    report = r.MeetingReport(HEADER, ("Ana",), coach_notes=note)
    text = extracted(render_meeting_summary(report, ExportOptions(include_private_notes=True)))
    assert TOKEN.findall(text) == words


def test_a_long_intervention_prints_its_start_in_the_table_and_all_of_it_below():
    intervention, words = prose(200_000)
    response, response_words = prose(CELL_LIMIT + 100, start=500_000)
    line = r.InterventionLine(75, None, "Questioning", "clarifying", intervention, response)
    short = r.InterventionLine(90, None, "Questioning", "clarifying", "MK1Q", "MK2Q")
    report = r.MeetingReport(HEADER, ("Ana",), interventions=(line, short))
    text = extracted(render_meeting_summary(report))
    assert in_order(words, text) and in_order(response_words, text)
    table = text[: text.index("Interventionsinfull")]
    assert "w000000" in table and "w500000" in table and "MK1Q" in table and "MK2Q" in table
    assert "(continuedbelowthetable,[1])" in table and "(continuedbelowthetable,[2])" in table
    assert text.index("[1]Interventionat1:15") < text.index("[2]Responseat1:15")


def test_a_3000_character_set_name_prints_whole():
    name, words = prose(3_000)
    header = r.ReportHeader(set_name=name, date=dt.date(2026, 11, 2))
    report = r.SetProgressReport(header, ("Ana",))
    assert in_order(words, extracted(render_set_report(report, ExportOptions(page_size="Letter"))))


def test_long_texts_in_every_table_follow_it_in_full():
    texts = {field: prose(CELL_LIMIT + 500, 10_000 * i) for i, field in enumerate("abcdef")}
    action = r.ActionLine("Ana", texts["a"][0], note=texts["b"][0])
    learning = r.LearningLine("team", "Ana", texts["c"][0], texts["d"][0])
    problem = r.AgreedProblem(dt.date(2026, 11, 2), "Ana", texts["e"][0], texts["f"][0])
    report = r.SetProgressReport(
        HEADER, ("Ana",), actions=(action,), agreed_problems=(problem,), learnings=(learning,)
    )
    text = extracted(render_set_report(report))
    for _, words in texts.values():
        assert in_order(words, text)
    for title in ("Actionsinfull", "Problemsinfull", "Teamlearningsinfull"):
        assert title in text


def test_pieces_lose_only_the_spaces_and_line_breaks_they_cut_at():
    long_word = "ab\u0301" * 2_000  # a letter and its combining mark stay together
    lines = "\n".join(f"line {i} " * 20 for i in range(200))
    chinese = "我们讨论了这个问题。" * 1_000  # sentences without spaces
    for text in (prose(50_000)[0], long_word, lines, chinese, "short"):
        parts = pieces(text)
        assert all(0 < len(p) <= PIECE for p in parts)
        assert "".join("".join(parts).split()) == "".join(text.split())
    assert all(not p.startswith("\u0301") for p in pieces(long_word))
    assert all(p.endswith("。") for p in pieces(chinese))
