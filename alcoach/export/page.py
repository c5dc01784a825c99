"""Page furniture and the document build: A4 or Letter, "Page X of Y", set and date in footer."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from alcoach.export.fonts import REGULAR, register_fonts, runs
from alcoach.export.options import ExportOptions
from alcoach.export.styles import MUTED, RULE

# Binary (not ASCII85) streams: smaller files, and a tenth of the time of a long summary saved.
rl_config.useA85 = 0

MARGIN = 16 * mm
FOOTER_SIZE = 7.5


def page_size(name: str) -> tuple[float, float]:
    return LETTER if name == "Letter" else A4


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    footer: str  # set and date, e.g. "Set Blue · 2 November 2026"


def _draw_runs(canvas: Canvas, x: float, y: float, text: str, size: float) -> float:
    """Draw text with the CJK fallback where needed; returns the width drawn."""
    start = x
    for font, run in runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)
    return x - start


def _fit(text: str, width: float, size: float) -> str:
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text + "…"


def _canvas_class(footer: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until the end, so every footer can say how many pages there are."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            y = 9 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 9, width - MARGIN, y + 9)
            self.setFillColor(MUTED)
            number = f"Page {self._pageNumber} of {total}"
            self.setFont(REGULAR, FOOTER_SIZE)
            self.drawRightString(width - MARGIN, y, number)
            room = width - 2 * MARGIN - stringWidth(number, REGULAR, FOOTER_SIZE) - 12
            _draw_runs(self, MARGIN, y, _fit(footer, room, FOOTER_SIZE), FOOTER_SIZE)
            self.restoreState()

    return NumberedCanvas


def build_pdf(story: Sequence[Flowable], info: DocumentInfo, options: ExportOptions) -> bytes:
    """Lay out the story on numbered pages and return the PDF (protected if a password is set)."""
    register_fonts()
    buffer = io.BytesIO()
    size = page_size(options.page_size)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator="alcoach",
        producer="alcoach",
        keywords="",
        pageCompression=1 if options.compress else 0,
    )
    doc.build(list(story), canvasmaker=_canvas_class(info.footer))
    data = buffer.getvalue()
    if options.password:
        from alcoach.export.protect import protect

        data = protect(data, options.password)
    return data


def frame_width(options: ExportOptions) -> float:
    return page_size(options.page_size)[0] - 2 * MARGIN
