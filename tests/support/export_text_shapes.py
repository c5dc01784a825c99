"""Texts of any script and size for the generative export test, each carrying an ASCII marker.

A drawn `TextShape` is the text's size, alphabet and where its marker goes; `Ink` turns a shape
into text with a fresh marker (`MK<n>Q`) and records whether the document must show that marker or
must not. Filler never contains an upper-case ASCII letter, even after NFKC normalisation, so a
marker can only come from the field that carries it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from hypothesis import strategies as st

# Units are single characters or whole clusters (an emoji family, a flag, a letter with marks).
SCRIPTS: dict[str, tuple[str, ...]] = {
    "latin": tuple("abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžßÀÉÎÕÜÇØŒŁĳ"),
    "greek": tuple("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώΑΒΓΔΘΛΞΠΣΦΨΩ"),
    "cyrillic": tuple("абвгдежзийклмнопрстуфхцчшщъыьэюяЖЩЯЁЇҐ"),
    "arabic": (*"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة", "لا", "بِ", "سُ", "٣", "،"),
    "hebrew": (*"אבגדהוזחטיכךלמםנןסעפףצץקרשת", "שָׁ", "בּ", "־"),
    "cjk": tuple("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会")
    + tuple("あいうえおかきくけこアイウエオンー가나다라마바사아자차카타파하。、「」"),
    "emoji": (
        "😀",
        "😂",
        "🥲",
        "👍🏽",
        "👩‍👩‍👧‍👦",
        "🇫🇷",
        "❤️",
        "🧑‍🏫",
        "✨",
        "🎉",
        "🔥",
        "🫠",
        "☕",
    ),
    "combining": ("e\u0301", "a\u0308", "n\u0303", "o\u0336", "z\u0300\u0301\u0302\u0303"),
    "markup": (
        *("<", ">", "&", "&amp;", "&lt;", "<b>", "</i>", "<br/>", "%s", "%(x)s", "{0}", "{{}}"),
        *('<font name="x">', "\\", '"', "'", "<![cdata[", "]]>", "&#38;", "<para>"),
    ),
    "spacing": ("\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\u00ad", "\u200d", "\u2028"),
    "digits": tuple("0123456789.,;:!?()-–—/"),
}
SCRIPT_NAMES = tuple(SCRIPTS)
LINE_BREAKS = ("\n", "\n\n", "\r\n", "\u2028")
LONG_TEXT = 20_000  # the longest text the generative test draws
NAME_LENGTH = 80


def _no_marker_letters(unit: str) -> bool:
    return not any("A" <= c <= "Z" for c in unicodedata.normalize("NFKC", unit))


for _units in SCRIPTS.values():
    assert all(_no_marker_letters(u) for u in _units), _units


@dataclass(frozen=True)
class TextShape:
    length: int  # 0: an empty field (no marker)
    base: str  # repeated up to `length`
    lead: int  # characters of filler before the marker
    spaced: bool  # False: one long word (spaces and line breaks removed)


@st.composite
def filler(draw, scripts: tuple[str, ...] = SCRIPT_NAMES, max_size: int = 40) -> str:
    chosen = draw(st.lists(st.sampled_from(scripts), min_size=1, max_size=3, unique=True))
    units = [u for name in chosen for u in SCRIPTS[name]] + [" "]
    return "".join(draw(st.lists(st.sampled_from(units), min_size=1, max_size=max_size)))


@st.composite
def text_shapes(draw, max_length: int = LONG_TEXT) -> TextShape:
    size = draw(st.sampled_from(("empty", "short", "short", "short", "medium", "long")))
    bounds = {"short": (1, 80), "medium": (81, 2_000), "long": (2_001, max_length)}
    if size == "empty" or max_length < 1:
        return TextShape(0, "", 0, True)
    low, high = bounds[size]
    length = draw(st.integers(min(low, max_length), min(high, max_length)))
    return TextShape(
        length=length,
        base=draw(filler()),
        lead=draw(st.integers(0, 30)),
        spaced=draw(st.booleans()) or length < 200,
    )


@st.composite
def name_shapes(draw) -> TextShape:
    """A member's name: a few words, or 80 characters without a space."""
    spaced = draw(st.booleans())
    base = draw(filler(max_size=20))
    length = draw(st.integers(0, 30)) if spaced else NAME_LENGTH
    return TextShape(length=length, base=base, lead=0, spaced=spaced)


def _stretched(base: str, length: int, spaced: bool, one_line: bool) -> str:
    if one_line or not spaced:
        for gap in (*LINE_BREAKS, "\t"):
            base = base.replace(gap, " ")
    if not spaced:
        base = "".join(base.split())
    base = base or "x"
    return (base * (length // len(base) + 1))[:length]


@dataclass
class Ink:
    """Hands out markers and remembers which ones a document must show and must not."""

    budget: int  # characters left for this example's texts
    count: int = 0
    expected: dict[str, str] = field(default_factory=dict)
    forbidden: dict[str, str] = field(default_factory=dict)
    name_markers: dict[str, str] = field(default_factory=dict)

    def marker(self) -> str:
        self.count += 1
        return f"MK{self.count}Q"

    def note(self, marker: str, what: str, shown: bool) -> None:
        (self.expected if shown else self.forbidden)[marker] = what

    def text(self, shape: TextShape, what: str, shown: bool = True, mention: str = "") -> str:
        """The text of one field; `mention` (a member's name) is written into it."""
        if shape.length == 0:
            return ""
        length = min(shape.length, max(self.budget, 40))
        self.budget -= length
        body = _stretched(shape.base, length, shape.spaced, one_line=False)
        marker = self.marker()
        self.note(marker, what, shown)
        lead = body[: shape.lead]
        middle = f"{marker} {mention} " if mention else f"{marker} "
        return f"{lead} {middle}{body[shape.lead :]}" if lead else middle + body

    def line(self, shape: TextShape, what: str, shown: bool = True) -> str:
        """A one-line field (a title, a phase name): never empty, no line breaks."""
        length = max(1, min(shape.length, max(self.budget, 40)))
        self.budget -= length
        marker = self.marker()
        self.note(marker, what, shown)
        return f"{marker} {_stretched(shape.base, length, shape.spaced, one_line=True)}"

    def name(self, shape: TextShape) -> str:
        """A person's name starting with its own marker (80 characters when it has no space)."""
        marker = self.marker()
        if shape.spaced:
            rest = _stretched(shape.base, shape.length, True, one_line=True).strip()
            name = f"{marker} {rest}".strip()
        else:
            name = marker + _stretched(shape.base, NAME_LENGTH - len(marker), False, True)
        self.name_markers[name] = marker
        return name

    def show_name(self, name: str, what: str, anonymised: bool) -> None:
        """`name` is printed in a name field: its marker must show, or not when anonymised."""
        marker = self.name_markers.get(name)
        if marker is not None:
            self.note(marker, f"{what} (name)", not anonymised)
