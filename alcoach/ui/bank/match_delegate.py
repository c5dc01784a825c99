"""Bank rows that show why they matched: the filter's words in bold, and when the first of them
lies past the start of a long question, the row starts a little before it, after "…".
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex

LEAD = 32  # a match starting within this many characters shows the question from its start
CONTEXT = 18  # characters kept before the first match in an excerpt
ELLIPSIS = "…"


def match_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every place a filter word occurs in `text`, merged, in order."""
    found: list[tuple[int, int]] = []
    for word in {w for w in words if w}:
        found += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text to show for a row and the spans to set in bold within it."""
    spans = match_spans(text, words)
    if not spans or spans[0][0] <= LEAD:
        return text, spans
    first = spans[0][0]
    cut = first - CONTEXT
    space = text.find(" ", cut, first)
    if space >= 0:  # start on a word
        cut = space + 1
    shown = ELLIPSIS + text[cut:]
    shift = len(ELLIPSIS) - cut
    return shown, [(s + shift, e + shift) for s, e in spans if s >= cut]


def marked_html(text: str, spans: Sequence[tuple[int, int]]) -> str:
    parts, at = [], 0
    for start, end in spans:
        parts.append(html.escape(text[at:start]))
        parts.append(f"<b>{html.escape(text[start:end])}</b>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts).replace("\n", "<br>")


class MatchDelegate(QStyledItemDelegate):
    """Paints the question column; without filter words it paints as the plain delegate does."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        words = getattr(index.model(), "words", ())
        if not words:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, spans = excerpt(opt.text, words)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        area = area.adjusted(3, 1, -3, 0)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(opt.font)
        doc.setTextWidth(area.width())
        doc.setHtml(marked_html(text, spans))
        # whole lines only, centred as the plain rows are
        line = max(1, opt.fontMetrics.lineSpacing())
        lines = max(1, area.height() // line)
        height = min(doc.size().height(), lines * line)
        top = area.top() + max(0, (area.height() - height) / 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        context.clip = QRectF(0, 0, area.width(), height)
        painter.save()
        painter.translate(area.left(), top)
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()
