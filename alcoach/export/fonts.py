"""The document fonts, registered once per process, and per-character fallback between them.

DejaVu Sans covers Latin, Greek, Cyrillic, Armenian, Georgian, Arabic and Hebrew letters;
WenQuanYi Micro Hei covers Chinese, Japanese and Korean; Noto Emoji (monochrome) covers emoji.
Text is split into runs by glyph coverage (the fonts' cmaps) and each run is set in the first
font that has its characters, except that emoji (pictographs beyond U+1F000, and any character
asked for in emoji form with U+FE0F) go to Noto Emoji first. The CJK font (a 5 MB file) and the
emoji font are loaded only when a document first needs them.

WenQuanYi Micro Hei has no bold, so bold text's CJK runs are set in "CJK-Bold": the same font,
drawn filled and stroked (see `FakeBoldFont` and alcoach.export.paragraph).
"""

from __future__ import annotations

import copy
import re
import threading
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from alcoach.resources import resource_path

REGULAR = "DejaVu"
BOLD = "DejaVu-Bold"
CJK = "CJK"
CJK_BOLD = "CJK-Bold"
EMOJI = "Emoji"

FAKE_BOLD_STROKE = 0.035  # of the font size: the outline width that thickens CJK strokes

_EMOJI_PLANE = 0x1F000  # from here on, a character DejaVu also has is still drawn as emoji
_EMOJI_FORM = "\ufe0f"  # variation selector 16: "show the character before as emoji"
_EMOJI_JOINERS = frozenset((0x200D, 0xFE0F, 0x20E3))  # joiners stay in the emoji run

_lock = threading.Lock()
_base_cover: frozenset[int] | None = None
_plain_cover: frozenset[int] | None = None
_cjk_cover: frozenset[int] | None = None
_emoji_cover: frozenset[int] | None = None


class FakeBoldFont(TTFont):
    """A font drawn filled and stroked, to print bold where the font has no bold face."""

    fake_bold = True


def register_fonts() -> None:
    """Register DejaVu Sans and Bold (once per process)."""
    global _base_cover, _plain_cover
    if _base_cover is not None:
        return
    with _lock:
        if _base_cover is not None:
            return
        _mend_to_unicode_cmap()
        _mend_set_rise()
        regular = TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf")))
        bold = TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(bold)
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        # Bold has a few glyphs fewer than Regular; a run is kept in DejaVu only if both have it.
        cover = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
        _plain_cover = frozenset(c for c in cover if c < _EMOJI_PLANE and c != 0xFE0F)
        _base_cover = cover


def _register_cjk() -> frozenset[int]:
    global _cjk_cover
    if _cjk_cover is not None:
        return _cjk_cover
    with _lock:
        if _cjk_cover is None:
            font = TTFont(CJK, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0)
            pdfmetrics.registerFont(font)
            # The same parsed glyphs under another face name (reportlab registers one font per
            # face name), with its own subsets in each document; drawn filled and stroked.
            bold = copy.copy(font)
            bold.__class__ = FakeBoldFont
            bold.fontName = CJK_BOLD
            bold.state = {}
            bold.face = copy.copy(font.face)
            bold.face.name = font.face.name + b"-Stroked"
            pdfmetrics.registerFont(bold)
            for name in (CJK, CJK_BOLD):
                for is_bold in (0, 1):
                    for italic in (0, 1):
                        addMapping(name, is_bold, italic, name)
            _cjk_cover = frozenset(font.face.charToGlyph)
    return _cjk_cover


def _register_emoji() -> frozenset[int]:
    global _emoji_cover
    if _emoji_cover is not None:
        return _emoji_cover
    with _lock:
        if _emoji_cover is None:
            font = TTFont(EMOJI, str(resource_path("fonts", "NotoEmoji-Regular.ttf")))
            pdfmetrics.registerFont(font)
            for is_bold in (0, 1):
                for italic in (0, 1):
                    addMapping(EMOJI, is_bold, italic, EMOJI)
            _emoji_cover = frozenset(font.face.charToGlyph)
    return _emoji_cover


def _base() -> frozenset[int]:
    register_fonts()
    assert _base_cover is not None
    return _base_cover


def _plain() -> frozenset[int]:
    register_fonts()
    assert _plain_cover is not None
    return _plain_cover


def _font_of(text: str, index: int, base: frozenset[int], previous: str | None) -> str:
    char = text[index]
    code = ord(char)
    if code < 0x20:
        return REGULAR
    if code in _EMOJI_JOINERS and previous == EMOJI:
        return EMOJI
    wants_emoji = code >= _EMOJI_PLANE or text[index + 1 : index + 2] == _EMOJI_FORM
    if wants_emoji and code in _register_emoji():
        return EMOJI
    if code in base:
        return REGULAR
    if code in _register_cjk():
        return CJK
    if code in _register_emoji():
        return EMOJI
    return REGULAR  # no font has it: drawn as DejaVu's missing-glyph box


def runs(text: str) -> list[tuple[str, str]]:
    """Split text into (font name, run) pairs, each run in the font that has its characters.

    A character no font has stays in DejaVu (drawn as its missing-glyph box).
    """
    plain = _plain()
    if all(ord(c) in plain for c in text):
        return [(REGULAR, text)] if text else []
    base = _base()
    out: list[tuple[str, str]] = []
    for index in range(len(text)):
        font = _font_of(text, index, base, out[-1][0] if out else None)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + text[index])
        else:
            out.append((font, text[index]))
    return out


def escaped_runs(text: str) -> str:
    """Paragraph markup for text: every run escaped, fallback runs wrapped in a font tag."""
    parts = []
    for font, run in runs(text):
        if font == REGULAR:
            parts.append(escape(run))
        else:
            parts.append(f'<font name="{font}">{escape(run)}</font>')
    return "".join(parts)


_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{4,6})>$", re.MULTILINE)
# Text that glyphs without a character of their own stand for, by (face name, private code):
# HarfBuzz's ligatures and mark combinations, which reportlab gives private-use codes.
_private_text: dict[tuple[bytes, int], str] = {}


def is_private(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def remember_private_text(font: str, code: int, text: str) -> None:
    """Extraction gives `text` back where the glyph drawn as private `code` in `font` stands."""
    face = pdfmetrics.getFont(font).face
    _private_text[(face.name + face.subfontNameX, code)] = text


def _mended_entries(cmap: str, face: bytes) -> str:
    def entry(match: re.Match[str]) -> str:
        code = int(match[2], 16)
        text = _private_text.get((face, code), chr(code)) if is_private(code) else chr(code)
        if len(text) == 1 and code <= 0xFFFF and text == chr(code):
            return match[0]
        return f"<{match[1]}> <{text.encode('utf-16-be', 'surrogatepass').hex().upper()}>"

    return _ENTRY.sub(entry, cmap)


def _mend_to_unicode_cmap() -> None:
    """Make reportlab's ToUnicode CMaps give back what was typed.

    reportlab writes U+1F467 as `<1F467>`, odd-length hex that extractors misread (a PDF
    ToUnicode destination is UTF-16BE: `<D83DDC67>`), so emoji came back as other characters;
    and a shaped glyph without a character of its own (an emoji sequence, an Arabic mark pair)
    came back as a private-use character. Its TrueType fonts build that CMap through this one
    module function when a document is saved; the mended function rewrites only those entries.
    """
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "alcoach_mended", False):
        return

    def make_to_unicode_cmap(fontname, subset):
        face = fontname.split("+", 1)[-1].encode("latin-1", "replace")
        return _mended_entries(original(fontname, subset), face)

    make_to_unicode_cmap.alcoach_mended = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


def _mend_set_rise() -> None:
    """Let a shaped run start with a raised or lowered glyph.

    reportlab's `setRise` reads the operator written just before it, to fold two rises into one;
    a shaped run whose first glyph sits off the baseline (an Arabic letter with its vowel mark,
    first in its run, as in "بِx") calls it before anything is written, and the export failed
    with an IndexError. With nothing written yet there is nothing to fold: the rise is written.
    """
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfgen.textobject import PDFTextObject

    original = PDFTextObject.setRise
    if getattr(original, "alcoach_mended", False):
        return

    def set_rise(self, rise):
        if self._code:
            return original(self, rise)
        self._rise = rise
        self._y -= rise
        self._code.append(f"{fp_str(rise)} Ts")
        return None

    set_rise.alcoach_mended = True  # type: ignore[attr-defined]
    PDFTextObject.setRise = set_rise
