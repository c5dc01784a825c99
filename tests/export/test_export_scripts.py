"""Scripts in the PDFs: right-to-left order and shaping, bold CJK, emoji, fonts per character.

The order tests read where each glyph is printed (pdfplumber's characters and their x), not only
the extracted text: an extractor may reorder right-to-left text by itself.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from alcoach.export.flow import heading, para
from alcoach.export.fonts import CJK, CJK_BOLD, EMOJI, REGULAR, remember_private_text, runs
from alcoach.export.options import ExportOptions
from alcoach.export.page import MARGIN, DocumentInfo, build_pdf
from alcoach.export.scripts import label_shapes, line_runs, visual_runs

HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"


def pdf_of(*texts: str, footer: str = "Set Blue") -> bytes:
    return build_pdf(
        [para(text) for text in texts],
        DocumentInfo("Scripts", "Test", "Scripts", footer),
        ExportOptions(),
    )


def glyphs(data: bytes) -> list[dict]:
    """Every printed character of page 1 with its position (top to bottom, left to right)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    return sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))


def line_of(chars: list[dict], letter: str) -> list[dict]:
    """The printed characters on the line where `letter` is first printed."""
    top = next(round(c["top"]) for c in chars if c["text"] == letter)
    return [c for c in chars if round(c["top"]) == top]


def x_of(chars: list[dict], letter: str) -> float:
    return next(c["x0"] for c in chars if c["text"] == letter)


def test_hebrew_is_printed_right_to_left():
    chars = glyphs(pdf_of(HEBREW))
    line = line_of(chars, "ש")
    assert "".join(c["text"] for c in line if c["text"].strip()) == "םלועםולש"
    # the first letter typed is printed rightmost, and the first word right of the second
    assert max(line, key=lambda c: c["x1"])["text"] == "ש"
    assert x_of(line, "ש") > x_of(line, "ע")


PAGE_WIDTH = 595.2756  # A4
TEXT_LEFT = MARGIN + 6  # the frame's padding
TEXT_RIGHT = PAGE_WIDTH - TEXT_LEFT


def test_a_paragraph_that_starts_right_to_left_is_right_aligned():
    chars = glyphs(pdf_of(HEBREW, "Left to right"))
    hebrew_line = line_of(chars, "ש")
    assert max(c["x1"] for c in hebrew_line) == pytest.approx(TEXT_RIGHT, abs=0.5)
    latin_line = line_of(chars, "L")
    assert min(c["x0"] for c in latin_line) == pytest.approx(TEXT_LEFT, abs=0.5)
    # shaped Arabic lines too: their width is HarfBuzz's, not that of the unjoined letters
    chars = glyphs(pdf_of(" ".join([ARABIC, "هذه جملة عربية طويلة بما يكفي لتلتف"] * 6)))
    tops = {round(c["top"]) for c in chars if "ARABIC" in unicodedata.name(c["text"], "")}
    assert len(tops) >= 3
    for top in tops:
        line = [c for c in chars if round(c["top"]) == top]
        assert max(c["x1"] for c in line) == pytest.approx(TEXT_RIGHT, abs=0.5)


def test_mixed_sentences_keep_their_order():
    chars = glyphs(pdf_of("Dana said שלום to Kofi"))
    line = line_of(chars, "D")
    assert x_of(line, "D") < x_of(line, "ם") < x_of(line, "ש") < x_of(line, "K")
    chars = glyphs(pdf_of("אמרנו hello world לכולם"))
    line = line_of(chars, "h")
    # a right-to-left sentence: its first word on the right, the English phrase in the middle,
    # itself left to right
    assert x_of(line, "א") > x_of(line, "w") > x_of(line, "h") > x_of(line, "ל")


def test_lines_are_reordered_after_wrapping():
    words = [f"מילה{letter}" for letter in "אבגדהוזחטיכלמנסעפצקרשת" * 4]
    chars = glyphs(pdf_of(" ".join(words)))
    tops = sorted({round(c["top"]) for c in chars if "\u05d0" <= c["text"] <= "\u05ea"})
    assert len(tops) >= 2, "the paragraph wraps"
    first_line = [c for c in chars if round(c["top"]) == tops[0]]
    # the first word typed ends the top line on the right (reordering before wrapping would put
    # the last words first)
    rightmost = sorted(first_line, key=lambda c: -c["x1"])[:5]
    assert "".join(c["text"] for c in rightmost) == "מילהא"
    for top in tops:
        line = [c for c in chars if round(c["top"]) == top]
        assert max(c["x1"] for c in line) == pytest.approx(TEXT_RIGHT, abs=0.5)


def test_arabic_letters_are_joined_and_read_back():
    data = pdf_of(f"{ARABIC} office")
    chars = glyphs(data)
    forms = [unicodedata.name(c["text"]) for c in chars if "\ufe70" <= c["text"] <= "\ufeff"]
    assert any("INITIAL FORM" in f for f in forms), forms
    assert any("MEDIAL FORM" in f for f in forms), forms
    assert any("FINAL FORM" in f for f in forms), forms
    line = line_of(chars, "o")
    meem = [c for c in line if unicodedata.normalize("NFKC", c["text"]) == "م"]
    # مرحبا: its first letter typed (meem, in its initial form) is printed right of its last
    assert meem and max(meem, key=lambda c: c["x0"])["text"] == "\ufee3"
    text = unicodedata.normalize("NFKC", PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert "office" in text  # Latin is never shaped (no ligature glyph for "ffi")
    for word in ARABIC.split():
        assert word in text or word[::-1] in text


def test_bold_cjk_is_drawn_filled_and_stroked():
    story = [heading("会议总结 Summary"), para("正文 body")]
    data = build_pdf(story, DocumentInfo("t", "a", "s", "f"), ExportOptions(compress=False))
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" 2 Tr ") == 1  # the heading's CJK run only
    assert heading("会议总结").frags[0].fontName == CJK_BOLD
    assert para("会议总结").frags[0].fontName == CJK


def test_fonts_fall_back_per_character():
    assert runs("Dana 王小明 🦄 שלום") == [
        (REGULAR, "Dana "),
        (CJK, "王小明"),
        (REGULAR, " "),
        (EMOJI, "🦄"),
        (REGULAR, " שלום"),
    ]
    assert runs("❤️ ok")[0] == (EMOJI, "❤\ufe0f")  # asked for in emoji form
    assert runs("a\u200db") == [(REGULAR, "a\u200db")]


def test_chart_labels_set_each_run_in_its_own_font_side_by_side():
    shapes = label_shapes("王小明 سلام Dana", 100, 10, 8, anchor="end")
    fonts = [s.fontName for s in shapes]
    assert CJK in fonts and REGULAR in fonts
    arabic = [s for s in shapes if any("ARABIC" in unicodedata.name(ch, "") for ch in s.text)]
    assert arabic and all(s.fontName == REGULAR for s in arabic)
    assert [s.x for s in shapes] == sorted(s.x for s in shapes)
    assert shapes[0].x < 100
    bold = label_shapes("王 A", 0, 0, 8, bold=True)
    assert bold[0].fontName == CJK_BOLD and bold[0].textRenderMode == 2


def test_a_bold_cjk_chart_label_is_drawn_filled_and_stroked():
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing

    drawing = Drawing(100, 20)
    for shape in label_shapes("王小明 Dana", 2, 5, 8, bold=True):
        drawing.add(shape)
    data = renderPDF.drawToString(drawing)
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" 2 Tr") == 1  # the CJK run; Dana is in DejaVu Bold
    assert ".28 w" in content  # the outline: 0.035 em at 8 pt


def test_a_chart_with_a_chinese_name_keeps_arabic_and_hebrew_names_in_dejavu():
    from reportlab.graphics.shapes import String

    from alcoach.data.reports import ParticipationLine
    from alcoach.export.charts import participation_chart

    names = ["王小明", "سلمى", "דנה"]
    lines = [ParticipationLine(name, 1, 0, 2, 0, 0) for name in names]
    drawing = participation_chart(lines, 400)
    strings = []

    def walk(node):
        if isinstance(node, String):
            strings.append(node)
        for child in getattr(node, "contents", []):
            walk(child)

    walk(drawing)
    by_text = {s.text: s.fontName for s in strings if s.text.strip()}
    assert by_text.get("王小明") == CJK
    hebrew = [t for t in by_text if "\u05d0" <= t[0] <= "\u05ea"]
    assert hebrew == ["הנד"] and by_text["הנד"] == REGULAR  # drawn reversed, in DejaVu
    assert any(by_text[t] == REGULAR and "\ufe70" <= t[0] <= "\ufeff" for t in by_text)


def test_one_line_runs_are_in_visual_order():
    assert [run for _, run in line_runs("abc אבג def", 10)] == ["abc ", "גבא", " def"]
    # right to left: the last word typed on the left, the number in it left to right
    assert visual_runs(["אבג 12 דה"], 1) == [(0, 6, 9, 1), (0, 4, 6, 2), (0, 0, 4, 1)]
    assert "".join(run for _, run in line_runs("(שלום)", 10)) == "(םולש)"  # brackets mirrored
    # a bracket pair around Hebrew stays with the Hebrew words (rule N0)
    assert "".join(run for _, run in line_runs("Dana: אבג (דהו) 👍", 10)) == "Dana: (והד) גבא 👍"
    assert "".join(run for _, run in line_runs("Dana (Kofi) אבג", 10)) == "Dana (Kofi) גבא"
    assert "".join(run for _, run in line_runs("אבג (Kofi) דה", 10)) == "הד (Kofi) גבא"


def test_the_footer_prints_right_to_left_set_names_in_order():
    chars = glyphs(pdf_of("Body", footer="Set שלום · 王"))
    footer = line_of(chars, "ש")
    assert x_of(footer, "S") < x_of(footer, "ם") < x_of(footer, "ש") < x_of(footer, "王")


EMOJI_TEXT = "Great session 🎉👍 🦄 👧 ⭐"


def test_emoji_are_printed_in_the_emoji_font_and_extracted_again():
    data = pdf_of(EMOJI_TEXT)
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert any("NotoEmoji" in f for f in fonts), fonts
    text = reader.pages[0].extract_text()
    for emoji in "🎉👍🦄👧⭐":
        assert emoji in text, emoji


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdftotext_gives_the_emoji_back(tmp_path):
    path = tmp_path / "emoji.pdf"
    path.write_bytes(pdf_of(EMOJI_TEXT))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    for emoji in "🎉👍🦄👧⭐":
        assert emoji in out.stdout, emoji


FAMILY, FLAG, RAINBOW = "👨\u200d👩\u200d👧", "🇫🇷", "🏳\ufe0f\u200d🌈"


def test_emoji_sequences_print_as_one_glyph_and_read_back_whole():
    data = pdf_of(f"Family {FAMILY} flag {FLAG} rainbow {RAINBOW}", f"עברית {FAMILY} {FLAG}")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    emoji = [c for c in chars if "NotoEmoji" in c["fontname"] and c["text"].strip()]
    assert sorted(c["text"] for c in emoji) == sorted([FAMILY, FLAG, RAINBOW, FAMILY, FLAG])
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for sequence in (FAMILY, FLAG, RAINBOW):
        assert sequence in text, sequence


def test_arabic_marks_read_back_without_private_use_characters():
    typed = "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ مُحَمَّد"
    text = PdfReader(io.BytesIO(pdf_of(typed))).pages[0].extract_text()
    assert not [c for c in text if 0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000]
    assert "بِسْمِ" in unicodedata.normalize("NFKC", text)


def test_to_unicode_entries_beyond_the_bmp_are_utf16_surrogate_pairs():
    from reportlab.pdfbase import ttfonts

    from alcoach.export.fonts import register_fonts

    register_fonts()
    cmap = ttfonts.makeToUnicodeCMap("F", [0, 0x41, 0x1F467])
    assert "<01> <0041>" in cmap
    assert "<02> <D83DDC67>" in cmap
    assert "1F467" not in cmap
    # a private glyph (a ligature HarfBuzz drew) gives back the text it was shaped from
    remember_private_text(REGULAR, 0xE123, "لا")
    cmap = ttfonts.makeToUnicodeCMap("AAAAAA+DejaVuSans", [0, 0xE123, 0xE124])
    assert "<01> <06440627>" in cmap
    assert "<02> <E124>" in cmap  # not one of alcoach's: left as reportlab wrote it


# --- any text, any script --------------------------------------------------------------------

ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzàéîõüßøæœ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢لا",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשתםןףךץ",
    "cjk": "王小明会议总结我们需要更多的时间山田太郎김민준",
    "emoji": "🎉👍🦄👧⭐❤️🇫🇷👨‍👩‍👧🏽",
    "marks": "\u0301\u0308\u05b7\u064e\u0651",
    "punctuation": " .,;:!?()[]«»\"'-–—…/&<>%{}",
    "digits": "0123456789",
}
word = st.text(alphabet="".join(ALPHABETS.values()), min_size=0, max_size=12)
long_word = st.sampled_from(list(ALPHABETS.values())).flatmap(
    lambda letters: st.text(alphabet=letters.strip() or "a", min_size=100, max_size=400)
)
markers = st.lists(st.text(alphabet="QWXZJK", min_size=4, max_size=8), min_size=1, max_size=6)


@settings(
    derandomize=True,
    max_examples=int(os.environ.get("ALCOACH_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    pieces=st.lists(st.one_of(word, long_word, st.just("\n")), max_size=40),
    tags=markers,
    data=st.data(),
)
def test_any_text_in_any_script_builds_and_keeps_its_markers(pieces, tags, data):
    marked = list(pieces)
    for tag in tags:
        marked.insert(data.draw(st.integers(0, len(marked))), f" MK{tag} ")
    text = " ".join(marked)
    title = data.draw(st.sampled_from(["", *marked]))
    story = [heading(f"MKTITLE {title}"), para(text)]
    pdf = build_pdf(story, DocumentInfo("t", "a", "s", f"Set {title}"), ExportOptions())
    extracted = "".join(
        unicodedata.normalize("NFKC", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(pdf)).pages
    )
    flat = "".join(extracted.split())
    for tag in ["TITLE", *tags]:
        assert f"MK{tag}" in flat, tag


@settings(
    derandomize=True,
    max_examples=int(os.environ.get("ALCOACH_EXAMPLES", "60")) * 3,
    deadline=None,
)
@given(
    text=st.text(
        alphabet="".join(ALPHABETS.values()) + "\u200e\u200f\u202a\u202b\u202c\u202d\u202e",
        max_size=60,
    )
)
def test_a_label_loses_and_repeats_no_character(text):
    from bidi.mirror import MIRRORED

    def letters(chars: str) -> list[str]:
        """The characters, a mirrored bracket counted as its pair."""
        return sorted(min(c, MIRRORED.get(c, c)) for c in chars)

    line = " ".join(text.split())
    # emoji sequences are drawn as one glyph each (checked from a PDF above): compare the rest
    drawn = "".join(run for font, run in line_runs(line, 8) if font != EMOJI)
    typed = "".join(run for font, run in runs(line) if font != EMOJI)
    if not any("ARABIC" in unicodedata.name(c, "") for c in line):  # shaping joins letters
        assert letters(drawn) == letters(typed)
    shapes = label_shapes(text, 10, 10, 8, anchor="middle")
    assert all(s.fontName in (REGULAR, CJK, EMOJI) for s in shapes)


def test_a_code_point_unicode_has_not_assigned_yet_lays_out_left_to_right():
    """U+18CD6 (after the Khitan letters of Unicode 13) has no bidi class in Python 3.11's tables;
    python-bidi asserted on it, and a phase named with it stopped the agenda chart."""
    from alcoach.export.scripts import line_width, resolved_levels

    assert resolved_levels("\U00018cd6\U000e0020", 0) == [0, 0]
    assert resolved_levels("\u05d0 \U00018cd6", 1) == [1, 1, 2]
    assert line_width("\U00018cd6 plan", 9) > 0
