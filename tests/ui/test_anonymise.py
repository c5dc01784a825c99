"""Anonymising: whole names only, any script, emoji, markup characters, roles, one line."""

from __future__ import annotations

import io
import os
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from alcoach.data.reports import AttendeeLine, FeedbackSheet, MeetingReport, ReportHeader
from alcoach.export import ExportOptions, render_feedback_sheets, render_meeting_summary
from alcoach.export.anonymise import Anonymiser, member_label

EXAMPLES = int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "300"))
LABEL = re.compile("^Member\u00a0[A-Z]+$")
SCRIPTS = (  # (capitals, small letters) of scripts that put spaces between words
    ("ABDÉÖŁŽ", "abdeéöłžnrst"),
    ("ΑΒΓΔΩ", "αβγδεω"),
    ("АБВГДЖ", "абвгдж"),
    ("ابتثجحخ", "ابتثجحخ"),  # no capitals: any letter may start a name
    ("אבגדהו", "אבגדהו"),
)
CJK = "王李小明张伟美"
EMOJI = ("🌟", "👩🏽", "👨\u200d👩\u200d👧", "🎸")
MARKUP = ("&amp;", "&lt;b&gt;", "<br/>", "&#38;", "<b>", "</i>")
SEPARATORS = ("\n", " ¦ ", " · ", ", ")  # never inside a name or a word here
SPLIT = re.compile("|".join(re.escape(s) for s in SEPARATORS))


@st.composite
def script_word(draw, capital: bool = True) -> str:
    upper, lower = draw(st.sampled_from(SCRIPTS))
    first = draw(st.sampled_from(upper if capital else lower))
    return first + draw(st.text(alphabet=lower, min_size=1, max_size=6))


name_word = st.one_of(
    script_word(),
    script_word(),
    st.text(alphabet=CJK, min_size=1, max_size=3),
    st.sampled_from(EMOJI),
    st.builds(
        lambda a, mark, b: f"{a}{mark}{b}", script_word(), st.sampled_from("&<>"), script_word()
    ),
    st.builds(lambda a: f"<{a}>", script_word()),
)
names = (
    st.lists(name_word, min_size=1, max_size=3)
    .map(" ".join)
    .filter(lambda n: any(c.isalpha() for c in n))
)
other_word = st.one_of(
    script_word(capital=False),
    script_word(),
    st.text(alphabet=CJK, min_size=1, max_size=4),
    st.sampled_from(EMOJI),
    st.sampled_from(MARKUP),
)


def _joins(char: str) -> bool:
    return (char.isalnum() or char == "_") and ord(char) < 0x2E80


def name_parts(name: str) -> set[str]:
    """What stands for a member: the whole name, and each word of it with two letters or more
    that does not start in small letters."""
    words = [w.strip(".,;:()[]\"'") for w in name.split()] + re.findall(r"\w+", name)
    parts = {w for w in words if sum(c.isalpha() for c in w) >= 2 and not w[0].islower()}
    return parts | {name.strip()}


def matches_inside(key: str, word: str) -> bool:
    """Whether `key` stands as a whole word somewhere inside `word` (the spec: a key edge in a
    script that spaces its words must meet a non-letter; other edges match anywhere)."""
    start = word.find(key)
    while start != -1:
        end = start + len(key)
        left_ok = not _joins(key[0]) or start == 0 or not word[start - 1].isalnum()
        right_ok = not _joins(key[-1]) or end == len(word) or not word[end].isalnum()
        if left_ok and right_ok:
            return True
        start = word.find(key, start + 1)
    return False


@settings(derandomize=True, max_examples=EXAMPLES, deadline=None)
@given(
    roster=st.lists(names, min_size=1, max_size=8),
    picks=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 7), other_word, st.text("xyzq", min_size=1)),
        max_size=30,
    ),
    seps=st.lists(st.sampled_from(SEPARATORS), min_size=30, max_size=30),
)
def test_only_whole_names_are_replaced_and_no_other_word_changes(roster, picks, seps):
    keys = set().union(*(name_parts(n) for n in roster))
    tokens: list[tuple[str, bool]] = []  # (token, is a name)
    for kind, index, word, suffix in picks:
        name = roster[index % len(roster)]
        if kind == 0:
            tokens.append((name, True))
        elif kind == 1:
            part = sorted(name_parts(name))[index % len(name_parts(name))]
            tokens.append((part, True))
        elif kind == 2:  # a name's letters inside a longer word: "Annual" for "Ann"
            spaced = [p for p in sorted(name_parts(name)) if all(_joins(c) for c in p)]
            if spaced:
                longer = spaced[index % len(spaced)] + suffix
                if longer not in keys:
                    tokens.append((longer, False))
        elif word not in keys and not any(matches_inside(k, word) for k in keys):
            tokens.append((word, False))
    text = "".join(t + sep for (t, _), sep in zip(tokens, seps, strict=False))
    out = Anonymiser(tuple(roster)).text(text)
    pieces = SPLIT.split(out)[: len(tokens)]
    assert len(pieces) == len(tokens), (text, out)
    for (token, is_name), piece in zip(tokens, pieces, strict=True):
        if is_name:
            assert LABEL.match(piece), (token, piece)
        else:
            assert piece == token


def test_names_with_emoji_and_markup_characters():
    anon = Anonymiser(("Zoë 🌟", "Tom & Jerry", "<Ann>", "Ann", "Bajo 🎸", "amp"))
    assert anon.text("Zoë 🌟 met Zoë") == "Member\u00a0A met Member\u00a0A"
    assert anon.text("🌟 stars for Tom & Jerry") == "🌟 stars for Member\u00a0B"
    assert anon.text("<Ann> and Ann, not Annual") == "Member\u00a0C and Member\u00a0D, not Annual"
    assert anon.text("Abajo 🎸 is a song") == "Abajo 🎸 is a song"  # letters inside a word
    assert anon.text("Bajo 🎸!") == "Member\u00a0E!"
    assert anon.text("ampersand &amp; example") == "ampersand &amp; example"  # "amp" is inside


def _report(**extra) -> MeetingReport:
    roster = ("amp", "Lt Gray", "Dana Whitfield")
    return MeetingReport(
        header=ReportHeader(set_name="Set & <Blue>", date=None),
        roster=roster,
        attendees=(
            AttendeeLine("amp", role="Head of Housing"),
            AttendeeLine("Lt Gray", role="Chief Executive"),
            AttendeeLine("Dana Whitfield"),
        ),
        **extra,
    )


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


def test_markup_the_export_writes_is_never_anonymised():
    notes = "R&D <ok> & amp; Lt said 5 < 6 & 7 > 3; Dana agreed " * 3
    options = ExportOptions(anonymise=True, include_private_notes=True)
    text = _text(render_meeting_summary(_report(coach_notes=notes), options))
    assert "R&D <ok> & Member A; Member B said 5 < 6 & 7 > 3; Member C agreed" in text
    assert "&amp" not in text and "&lt" not in text and "Dana" not in text
    assert "Set & <Blue>" in text


def test_roles_are_left_out_when_anonymised():
    sheet = FeedbackSheet(
        header=ReportHeader(set_name="Set Blue"),
        roster=("Dana Whitfield",),
        member="Dana Whitfield",
        role="Head of Housing",
    )
    plain = _text(render_feedback_sheets([sheet]))
    assert "Head of Housing" in plain
    hidden = _text(render_feedback_sheets([sheet], ExportOptions(anonymise=True)))
    assert "Head of Housing" not in hidden and "Dana" not in hidden
    assert "Feedback for Member A" in hidden
    assert Anonymiser(("Dana",)).apply(_report()).attendees[0].role == ""


def test_member_and_letter_stay_on_one_line():
    assert member_label(0) == "Member\u00a0A" and member_label(27) == "Member\u00a0AB"
    roster = tuple(f"Person{c}" for c in "ABCDEFGH")
    words = " ".join(f"word{i} {roster[i % 8]}" for i in range(400))
    report = MeetingReport(header=ReportHeader(set_name="Set"), roster=roster, coach_notes=words)
    options = ExportOptions(anonymise=True, include_private_notes=True)
    text = _text(render_meeting_summary(report, options))
    lines = [line.strip() for line in text.splitlines()]
    assert sum("Member " in line for line in lines) > 20
    assert not [line for line in lines if line.endswith("Member") or re.match(r"^[A-H]\b", line)]
