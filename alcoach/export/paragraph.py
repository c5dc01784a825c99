"""The Paragraph every document uses: right-to-left lines in order, bold CJK printed bold.

reportlab breaks the lines as it always does, in the order typed. Only when a paragraph is
drawn are the lines that need it replaced, for the drawing alone, by their visual form
(alcoach.export.scripts): runs reordered right to left, Arabic shaped, and the lines of a
typed paragraph that starts in a right-to-left script aligned right. Wrapping, splitting and
the wrap cache never see the visual form, so a paragraph split over pages is reordered once.

Bold styles set their CJK runs in CJK-Bold, which the text object draws filled and stroked
(PDF text render mode 2) in the text colour: WenQuanYi Micro Hei has no bold face, and the
CJK fonts that have one are CFF-outline fonts, which reportlab cannot embed.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import _FK_BREAK, FragLine, Paragraph, ParaLines

from alcoach.export.fonts import BOLD, CJK, CJK_BOLD, FAKE_BOLD_STROKE
from alcoach.export.scripts import (
    base_level,
    drawn_width,
    needs_visual_form,
    visual_runs,
    visual_text,
)


class StrokedBoldText(PDFTextObject):
    """A text object that draws fake-bold fonts filled and stroked in the fill colour."""

    _fill = None
    _stroke = None

    def setFillColor(self, aColor, alpha=None):
        super().setFillColor(aColor, alpha)
        self._fill = aColor

    def _formatText(self, text):
        code = super()._formatText(text)
        if not getattr(pdfmetrics.getFont(self._fontname), "fake_bold", False):
            return code
        color = self._fill if self._fill is not None else self._canvas._fillColorObj
        if color != self._stroke:
            self.setStrokeColor(color)  # written before this text's operators
            self._stroke = color
        return f"2 Tr {fp_str(self._fontsize * FAKE_BOLD_STROKE)} w {code} 0 Tr"


class ScriptParagraph(Paragraph):
    """A Paragraph that prints right-to-left scripts in order and bold CJK in bold."""

    def __init__(self, text, style=None, *args, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        if self.style.fontName == BOLD:
            for frag in self.frags:
                if getattr(frag, "fontName", None) == CJK:
                    frag.fontName = CJK_BOLD

    def beginText(self, x, y):
        return StrokedBoldText(self.canv, x, y)

    def drawPara(self, debug=0):
        visual = visual_lines(self.blPara, self.style.alignment, getattr(self, "_offsets", None))
        if visual is None:
            return super().drawPara(debug)
        had_offsets = "_offsets" in self.__dict__
        saved = self.blPara, self.__dict__.get("_offsets")
        self.blPara, self._offsets = visual
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = saved[0]
            if had_offsets:
                self._offsets = saved[1]
            else:
                del self._offsets


def _frag_lines(blPara) -> list:
    """The lines as FragLines (a one-font paragraph's lines are lists of words)."""
    if blPara.kind == 1:
        return blPara.lines
    return [
        FragLine(
            extraSpace=space,
            wordCount=len(words),
            lineBreak=False,
            words=[blPara.clone(text=" ".join(words), lines=None)],
            fontSize=blPara.fontSize,
            ascent=blPara.ascent,
            descent=blPara.descent,
        )
        for space, words in blPara.lines
    ]


def _line_text(line) -> str:
    return "".join(getattr(frag, "text", "") for frag in line.words)


def _ends_typed_paragraph(line) -> bool:
    return bool(line.words) and getattr(line.words[-1], "_fkind", None) == _FK_BREAK


def visual_lines(blPara, alignment: int, offsets: list[float] | None):
    """The broken lines in drawing form and their x offsets, or None if none needs changing."""
    if blPara.kind == 0:
        if not any(needs_visual_form(" ".join(words)) for _, words in blPara.lines):
            return None
    elif not any(needs_visual_form(_line_text(line)) for line in blPara.lines):
        return None
    lines = _frag_lines(blPara)
    offsets = list(offsets or [0])
    offsets += (len(lines) - len(offsets)) * [offsets[-1]]
    out = []
    segment_start = 0
    base = None
    for index, line in enumerate(lines):
        if base is None:  # the base direction of the typed paragraph this line belongs to
            end = index
            while end < len(lines) - 1 and not _ends_typed_paragraph(lines[end]):
                end += 1
            base = base_level("".join(_line_text(x) for x in lines[segment_start : end + 1]))
        new_line = _visual_line(line, base) if base or needs_visual_form(_line_text(line)) else line
        if base and alignment == TA_LEFT:
            offsets[index] += max(new_line.extraSpace, 0)
        out.append(new_line)
        if _ends_typed_paragraph(line):
            segment_start, base = index + 1, None
    return ParaLines(kind=1, lines=out), offsets


def _visual_line(line, base: int):
    words = line.words
    if any(hasattr(frag, "cbDefn") for frag in words):
        return line  # images and anchors are never in alcoach's text
    texts = [frag for frag in words if getattr(frag, "_fkind", 0) != _FK_BREAK]
    breaks = [frag for frag in words if getattr(frag, "_fkind", 0) == _FK_BREAK]
    new_words = []
    widened = 0.0
    for piece, start, end, level in visual_runs([frag.text for frag in texts], base):
        frag = texts[piece]
        text = frag.text[start:end]
        drawn = visual_text(text, level, frag.fontName, frag.fontSize)
        if drawn is not text and hasattr(drawn, "__shapeData__"):
            widened += drawn_width(drawn, frag.fontName, frag.fontSize)
            widened -= pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize)
        new_words.append(frag.clone(text=drawn))
    return line.clone(words=new_words + breaks, extraSpace=line.extraSpace - widened)
