"""The table of a meeting's interventions: one row per InterventionRecord, edited in place."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from alcoach.data.interventions import is_wide_spread, update_intervention
from alcoach.data.record_refs import ref_of
from alcoach.data.records import InterventionRecord
from alcoach.formatting import format_offset, format_time_of_day
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.meeting.meeting_undo import push_change, quoted
from alcoach.vocabulary import category_label

COL_TIME, COL_PHASE, COL_CATEGORY, COL_TEXT, COL_MEMBERS, COL_RESPONSE, COL_RATINGS = range(7)
HEADERS = ("Time", "Phase", "Category", "Text", "Members", "Response", "Ratings")
HEADER_TIPS = (
    "Time since the meeting started (wall-clock time in the tooltip)",
    "The meeting phase when it was logged",
    "The kind of intervention",
    "What you said (F2 to edit)",
    "Members it was addressed to",
    "How the group responded",
    "1-10 ratings: lowest–highest (Ctrl+R to enter them)",
)
EDITABLE = frozenset({COL_CATEGORY, COL_TEXT, COL_MEMBERS, COL_RESPONSE})
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 2
TOOLTIP_CHARS = 1500  # a 5,000-character note would fill the screen as a tooltip

_WIDE_COLOUR = QColor(230, 120, 0, 70)  # translucent: readable on light and dark palettes

Index = QModelIndex | QPersistentModelIndex

_R = Qt.ItemDataRole
_DISPLAY, _EDIT, _TOOLTIP = int(_R.DisplayRole), int(_R.EditRole), int(_R.ToolTipRole)
_FONT, _BACKGROUND, _DECORATION = int(_R.FontRole), int(_R.BackgroundRole), int(_R.DecorationRole)
_ALIGN = int(_R.TextAlignmentRole)
_SERVED = frozenset(
    {_DISPLAY, _EDIT, _TOOLTIP, _FONT, _BACKGROUND, _DECORATION, _ALIGN, SORT_ROLE, RECORD_ROLE}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# flags per column worked out once: enum arithmetic in Python is slow, and views ask per cell
_FLAGS = tuple(
    _SELECTABLE | Qt.ItemFlag.ItemIsEditable if col in EDITABLE else _SELECTABLE
    for col in range(len(HEADERS))
)


def format_spread(record: InterventionRecord) -> str:
    spread = record.rating_spread
    if spread is None:
        return ""
    low, high = spread
    return str(low) if low == high else f"{low}–{high}"


def plain_tooltip(text: str) -> str:
    """A tooltip that shows the text exactly (Qt would otherwise render '<b>' as markup)."""
    if len(text) > TOOLTIP_CHARS:
        text = text[:TOOLTIP_CHARS] + "…"
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class InterventionTableModel(QAbstractTableModel):
    """Rows of InterventionRecord; edits go through update_intervention and the change bus."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[InterventionRecord] = []
        # per row, the seven display strings, made once when the row arrives or changes: a
        # repaint asks for about a hundred cells, each several times
        self._shown: list[tuple[str, ...]] = []
        self._fonts: tuple[QFont, QFont] | None = None  # (italic, bold)
        self._names: dict[int, str] = {}
        self._roster: list[int] = []
        self._wide_icon = None

    # --- content ------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[InterventionRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [self._display_row(rec) for rec in self._rows]
        self.endResetModel()

    def append_row(self, record: InterventionRecord) -> None:
        self.insert_row(len(self._rows), record)

    def insert_record(self, record: InterventionRecord) -> None:
        """A record put back (an undo): in its place in the log's order, time then id."""
        key = (record.at, record.id)
        row = next((i for i, r in enumerate(self._rows) if (r.at, r.id) > key), len(self._rows))
        self.insert_row(row, record)

    def insert_row(self, row: int, record: InterventionRecord) -> None:
        shown = self._display_row(record)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, record)
        self._shown.insert(row, shown)
        self.endInsertRows()

    def replace_record(self, record: InterventionRecord) -> None:
        row = self.row_for_id(record.id)
        if row is None:
            return
        self._rows[row] = record
        self._shown[row] = self._display_row(record)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def remove_record(self, intervention_id: int) -> None:
        row = self.row_for_id(intervention_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._shown[row]
        self.endRemoveRows()

    def set_members(self, names: dict[int, str], roster: Sequence[int] = ()) -> None:
        """Member names by id (every member of the set) and the roster order for ratings."""
        self._names = dict(names)
        self._roster = list(roster) or list(names)
        self._shown = [self._display_row(rec) for rec in self._rows]
        if self._rows:
            top, bottom = self.index(0, COL_MEMBERS), self.index(len(self._rows) - 1, COL_RATINGS)
            self.dataChanged.emit(top, bottom)

    def rows(self) -> list[InterventionRecord]:
        return list(self._rows)

    def record_at(self, row: int) -> InterventionRecord:
        return self._rows[row]

    def row_for_id(self, intervention_id: int) -> int | None:
        # newest rows are the ones touched most: search from the end
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id == intervention_id:
                return row
        return None

    def member_names(self) -> dict[int, str]:
        return dict(self._names)

    def roster(self) -> list[int]:
        return list(self._roster)

    def member_name(self, member_id: int) -> str:
        return self._names.get(member_id, f"member {member_id}")

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS[index.column()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for ~8 roles per painted cell: the common ones answer first, from the strings
        # made when the row arrived; roles not served return at once.
        role = int(role)
        if role not in _SERVED or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        if role == _DISPLAY:
            return self._shown[row][col]
        if role == _ALIGN:
            return _RIGHT if col in (COL_TIME, COL_RATINGS) else None
        rec = self._rows[row]
        if role == _FONT:
            return self._font(rec, col)
        if role == _EDIT:
            return self._edit_value(rec, col)
        if role == _TOOLTIP:
            return self._tooltip(rec, col)
        if role == SORT_ROLE:
            return self._sort_key(rec, col)
        if role == RECORD_ROLE:
            return rec
        if col != COL_RATINGS or not is_wide_spread(rec):
            return None
        if role == _BACKGROUND:
            return _WIDE_COLOUR
        if role == _DECORATION:
            return self._warning_icon()
        return None

    def _font(self, rec: InterventionRecord, col: int) -> QFont | None:
        """Italic time for entries added afterwards, bold ratings for a wide spread."""
        if col == COL_TIME and rec.added_afterwards:
            which = 0
        elif col == COL_RATINGS and is_wide_spread(rec):
            which = 1
        else:
            return None
        if self._fonts is None:
            slanted, heavy = QFont(), QFont()
            slanted.setItalic(True)
            heavy.setBold(True)
            self._fonts = (slanted, heavy)
        return self._fonts[which]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = index.column()
        if col not in EDITABLE:
            return False
        rec = self._rows[index.row()]
        if col == COL_MEMBERS:
            new_value: Any = tuple(int(v) for v in value)
            changes: dict[str, Any] = {"member_ids": list(new_value)}
        else:
            new_value = str(value)
            field = {COL_TEXT: "text", COL_RESPONSE: "response", COL_CATEGORY: "category"}[col]
            changes = {field: new_value}
        old_value = self._edit_value(rec, col)
        if old_value == new_value:
            return True
        updated = guarded_write(self._ctx.bus, update_intervention, rec.id, **changes)
        if updated is None:
            return False
        self.replace_record(updated)
        self._ctx.bus.interventions_changed.emit(updated.meeting_id)
        key = next(iter(changes))
        before = {key: list(old_value) if col == COL_MEMBERS else old_value}
        push_change(
            self._ctx,
            f"Edit {quoted(rec.text)}",
            self._ctx.bus.interventions_changed,
            rec.meeting_id,
            lambda: update_intervention(rec.id, **before),
            lambda: update_intervention(rec.id, **changes),
            refs=lambda: (ref_of(rec),),
        )
        return True

    # --- cell contents ------------------------------------------------------------------------

    def _display_row(self, rec: InterventionRecord) -> tuple[str, ...]:
        return tuple(self._display(rec, col) for col in range(len(HEADERS)))

    def _display(self, rec: InterventionRecord, col: int) -> str:
        if col == COL_TIME:
            stamp = format_offset(rec.offset_seconds)
            return f"{stamp} (after)" if rec.added_afterwards else stamp
        if col == COL_PHASE:
            return rec.phase_name or ("After the meeting" if rec.added_afterwards else "")
        if col == COL_CATEGORY:
            return category_label(rec.category)
        if col == COL_TEXT:
            return rec.text
        if col == COL_MEMBERS:
            return ", ".join(self.member_name(m) for m in rec.member_ids)
        if col == COL_RESPONSE:
            return rec.response
        return format_spread(rec)

    def _edit_value(self, rec: InterventionRecord, col: int) -> Any:
        if col == COL_CATEGORY:
            return rec.category
        if col == COL_MEMBERS:
            return tuple(rec.member_ids)
        return self._display(rec, col)

    def _tooltip(self, rec: InterventionRecord, col: int) -> str | None:
        if col == COL_TIME:
            local = format_time_of_day(rec.at.astimezone())
            if rec.added_afterwards:
                return f"Added afterwards, at {local} (local time)"
            return f"{format_offset(rec.offset_seconds)} into the meeting, at {local} (local time)"
        if col == COL_PHASE and rec.phase_name:
            return plain_tooltip(rec.phase_name)
        if col == COL_CATEGORY:
            return f"{category_label(rec.category)} (F2 to change)"
        if col == COL_TEXT and rec.text:
            return plain_tooltip(rec.text)
        if col == COL_RESPONSE and rec.response:
            return plain_tooltip(rec.response)
        if col == COL_MEMBERS and rec.member_ids:
            return plain_tooltip("\n".join(self.member_name(m) for m in rec.member_ids))
        if col == COL_RATINGS and rec.ratings:
            order = {m: i for i, m in enumerate(self._roster)}
            ratings = sorted(rec.ratings, key=lambda r: order.get(r.member_id, len(order)))
            lines = [f"{self.member_name(r.member_id)}: {r.score}" for r in ratings]
            if is_wide_spread(rec):
                lines.append("A wide spread: worth exploring with the set.")
            return plain_tooltip("\n".join(lines))
        return None

    def _sort_key(self, rec: InterventionRecord, col: int) -> Any:
        if col == COL_TIME:
            return rec.at.timestamp()
        if col == COL_RATINGS:
            spread = rec.rating_spread
            return -1 if spread is None else spread[1] - spread[0]
        return self._display(rec, col).casefold()

    def _warning_icon(self) -> Any:
        if self._wide_icon is None:
            self._wide_icon = _paint_warning_icon()
        return self._wide_icon


def _paint_warning_icon() -> QIcon:
    """An orange disc with a white "!" for a wide spread of ratings. Painted here rather than
    taken from QStyle.standardIcon: the first use of QStyle from Python builds its twenty-odd
    enums (8 ms), and the largest meetings show this icon in their first screen."""
    from PySide6.QtGui import QPainter, QPixmap

    size = 32  # drawn large, shown small: crisp on high-density screens
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor(214, 110, 0))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size * 3 // 4)
    painter.setFont(font)
    painter.setPen(QColor(255, 255, 255))
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), "!")
    painter.end()
    return QIcon(pixmap)
