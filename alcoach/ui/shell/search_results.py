"""The search's results as a list model, and the delegate that draws each hit readably: the
meeting's date, set and kind of note over the text around the match, wrapped, matches marked."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from alcoach.data.records import SearchHit

SOURCE_LABELS = {
    "intervention": "Intervention",
    "problem": "Problem",
    "feedback": "Feedback",
    "action": "Action",
    "learning": "Learning",
    "meeting": "Meeting notes",
}

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_STYLE = "background-color: #ffe08a; color: #000000; font-weight: 600;"


def where(hit: SearchHit) -> str:
    return SOURCE_LABELS.get(hit.source, hit.source)


def heading(hit: SearchHit) -> str:
    return f"{hit.meeting_label} · {hit.set_name} · {where(hit)}"


def hit_html(hit: SearchHit, muted: str) -> str:
    parts, at = [], 0
    for start, end in hit.marks:
        parts.append(html.escape(hit.snippet[at:start]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(hit.snippet[start:end])}</span>')
        at = end
    parts.append(html.escape(hit.snippet[at:]))
    return (
        f'<div style="color: {muted}; font-size: small;">{html.escape(heading(hit))}</div>'
        f"<div>{''.join(parts)}</div>"
    )


class SearchResultsModel(QAbstractListModel):
    """One row per hit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{heading(hit)}\n{hit.marked()}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{where(hit)} in {hit.set_name}, {hit.meeting_label}: {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{where(hit)} in {hit.set_name}, {hit.meeting_label}:\n{hit.snippet}"
        if role == HIT_ROLE:
            return hit
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as rich text wrapped to the list's width (the height follows the text)."""

    PADDING = 4

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _document(self, index: QModelIndex, width: int, muted: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.view.font())
        doc.setDocumentMargin(self.PADDING)
        hit = index.data(HIT_ROLE)
        doc.setHtml(hit_html(hit, muted) if hit is not None else "")
        doc.setTextWidth(max(80, width))
        return doc

    def _muted(self) -> str:
        return self.view.palette().color(QPalette.ColorRole.PlaceholderText).name()

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, self.view)
        doc = self._document(index, option.rect.width(), self._muted())
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = self.view.viewport().width()
        doc = self._document(index, width, self._muted())
        return QSize(width, int(doc.size().height()) + 1)
