"""Page furniture and the document build: A4 or Letter, "Page X of Y", set and date in footer."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from alcoach.export.flow import link_followers
from alcoach.export.fonts import REGULAR, register_fonts
from alcoach.export.options import ExportOptions
from alcoach.export.scripts import draw_line, line_width
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
    confidential: str = ""  # printed on every page, e.g. "Contains the coach's private notes"
    language: str = "en-GB"


class PageGroup(Flowable):
    """Starts a run of pages numbered on their own ("Page 1 of 2" for each member's sheet).

    It draws nothing; it tells the canvas which group the following pages belong to, the
    confidentiality line they carry, and adds the group's title to the PDF outline.
    """

    width = height = 0

    def __init__(self, title: str, confidential: str = ""):
        super().__init__()
        self.title = title
        self.confidential = confidential

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        canvas = self.canv
        canvas.page_group = (id(self), self.confidential)
        key = f"group{id(self)}"
        add_outline_entry(canvas, self.title, key, 0)
        canvas.outline_base = 1


def add_outline_entry(canvas: Canvas, title: str, key: str, level: int) -> None:
    """A bookmark here; a level never deeper than one below the previous entry (reportlab
    refuses a jump, which would fail the whole export)."""
    deepest = getattr(canvas, "outline_level", -1) + 1
    level = max(0, min(level, deepest))
    canvas.outline_level = level
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(title, key, level=level)


def _fit(text: str, width: float, size: float) -> str:
    """The text, or its longest start that fits with an ellipsis (a set name can be long)."""
    if line_width(text, size) <= width:
        return text
    fits, too_long = 0, len(text)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if line_width(text[:middle] + "…", size) <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits] + "…"


def _canvas_class(info: DocumentInfo) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until the end, so every footer can say how many pages there are.

        Pages are numbered within their PageGroup (the whole document when it has none).
        """

        def __init__(self, *args, **kwargs):
            # never an unembedded Helvetica (the doc template passes None for these)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or FOOTER_SIZE
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.page_group: tuple[int, str] = (0, info.confidential)
            self.outline_base = 0
            self.outline_level = -1

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            groups = [state["page_group"] for state in self._pages]
            totals: dict[int, int] = {}
            for key, _ in groups:
                totals[key] = totals.get(key, 0) + 1
            numbers: dict[int, int] = {}
            for state, (key, confidential) in zip(self._pages, groups, strict=True):
                numbers[key] = numbers.get(key, 0) + 1
                self.__dict__.update(state)
                self._footer(numbers[key], totals[key], confidential)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int, confidential: str) -> None:
            width, height = self._pagesize
            y = 9 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 9, width - MARGIN, y + 9)
            self.setFillColor(MUTED)
            page = f"Page {number} of {total}"
            self.setFont(REGULAR, FOOTER_SIZE)
            self.drawRightString(width - MARGIN, y, page)
            room = width - 2 * MARGIN - stringWidth(page, REGULAR, FOOTER_SIZE) - 12
            draw_line(self, MARGIN, y, _fit(info.footer, room, FOOTER_SIZE), FOOTER_SIZE)
            if confidential:
                top = height - MARGIN + 4 * mm
                text = _fit(confidential, width - 2 * MARGIN, FOOTER_SIZE)
                draw_line(self, MARGIN, top, text, FOOTER_SIZE)
            self.restoreState()

    return NumberedCanvas


class _Document(SimpleDocTemplate):
    """Adds every heading to the PDF outline (bookmarks), under its page group if any."""

    def afterFlowable(self, flowable):
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        canvas = self.canv
        level += getattr(canvas, "outline_base", 0)
        add_outline_entry(canvas, flowable.outline_text, f"h{id(flowable)}", level)


def _embedded_font_defaults() -> None:
    """Make the bundled font the default of table cells and drawings too.

    reportlab's defaults name Helvetica, which then appears in the PDF as an unembedded font
    even when no character is set in it (PDF/A checkers and some printers object).
    """
    from reportlab.platypus.tables import CellStyle

    CellStyle.fontname = REGULAR
    shapes = sys.modules.get("reportlab.graphics.shapes")  # loaded only by documents with charts
    if shapes is not None:
        shapes.STATE_DEFAULTS["fontName"] = REGULAR


def build_pdf(story: Sequence[Flowable], info: DocumentInfo, options: ExportOptions) -> bytes:
    """Lay out the story on numbered pages and return the PDF (protected if a password is set)."""
    register_fonts()
    _embedded_font_defaults()
    buffer = io.BytesIO()
    size = page_size(options.page_size)
    doc = _Document(
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
        lang=info.language,
        pageCompression=1 if options.compress else 0,
    )
    story = list(story)
    link_followers(story)
    doc.build(story, canvasmaker=_canvas_class(info))
    data = buffer.getvalue()
    if options.password:
        from alcoach.export.protect import protect

        data = protect(data, options.password)
    return data


def frame_width(options: ExportOptions) -> float:
    return page_size(options.page_size)[0] - 2 * MARGIN
