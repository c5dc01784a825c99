"""The document fonts, registered once per process, and per-character fallback to a CJK font.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew letters; WenQuanYi Micro Hei covers
Chinese, Japanese and Korean. Text is split into runs by glyph coverage (the fonts' cmaps) and the
runs DejaVu lacks are set in the CJK font. The CJK font (a 5 MB file) is loaded only when a
document first needs it.
"""

from __future__ import annotations

import threading
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from alcoach.resources import resource_path

REGULAR = "DejaVu"
BOLD = "DejaVu-Bold"
CJK = "CJK"

_lock = threading.Lock()
_base_cover: frozenset[int] | None = None
_cjk_cover: frozenset[int] | None = None


def register_fonts() -> None:
    """Register DejaVu Sans and Bold (once per process)."""
    global _base_cover
    if _base_cover is not None:
        return
    with _lock:
        if _base_cover is not None:
            return
        regular = TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf")))
        bold = TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(bold)
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        # Bold has a few glyphs fewer than Regular; a run is kept in DejaVu only if both have it.
        _base_cover = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


def _register_cjk() -> frozenset[int]:
    global _cjk_cover
    if _cjk_cover is not None:
        return _cjk_cover
    with _lock:
        if _cjk_cover is None:
            font = TTFont(CJK, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0)
            pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(CJK, bold, italic, CJK)
            _cjk_cover = frozenset(font.face.charToGlyph)
    return _cjk_cover


def _base() -> frozenset[int]:
    register_fonts()
    assert _base_cover is not None
    return _base_cover


def _needs_fallback(char: str, base: frozenset[int]) -> bool:
    code = ord(char)
    if code in base or code < 0x20 or char in "\n\r\t":
        return False
    return code in _register_cjk()


def runs(text: str) -> list[tuple[str, str]]:
    """Split text into (font name, run) pairs: DejaVu where it has the glyph, else the CJK font.

    A character neither font has stays in DejaVu (drawn as its missing-glyph box).
    """
    base = _base()
    if all(ord(c) in base for c in text):
        return [(REGULAR, text)] if text else []
    out: list[tuple[str, str]] = []
    for char in text:
        font = CJK if _needs_fallback(char, base) else REGULAR
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def font_for(text: str) -> str:
    """One font for a whole label (charts, footers): the CJK font if any run needs it."""
    return CJK if any(font == CJK for font, _ in runs(text)) else REGULAR


def escaped_runs(text: str) -> str:
    """Paragraph markup for text: every run escaped, the CJK runs wrapped in a font tag."""
    parts = []
    for font, run in runs(text):
        if font == CJK:
            parts.append(f'<font name="{CJK}">{escape(run)}</font>')
        else:
            parts.append(escape(run))
    return "".join(parts)
