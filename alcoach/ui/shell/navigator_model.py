"""The navigator's tree: programmes → sets → members and meetings (newest first); archived sets
under their own node at the end.

A set's members and meetings are read when the set is first expanded (`read_set`, from the
view's expanded signal), or when `index_for` is asked for one of them: ten years hold hundreds of
meetings, and start-up reads only the sets and the open meeting's set. Until then an unread set
holds one placeholder row, so the view shows it as expandable (no Python override of
hasChildren/fetchMore: the view would call into Python for every row it paints).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from alcoach.data import meetings, sets
from alcoach.data.records import MeetingRecord, MemberRecord, SetRecord
from alcoach.errors import NotFoundError
from alcoach.ui.meeting.intervention_model import plain_tooltip

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

PROGRAMME, SET, MEMBERS, MEMBER, MEETING, ARCHIVE, PENDING = (
    "programme",
    "set",
    "members",
    "member",
    "meeting",
    "archive",
    "pending",
)


def item_key(kind: str, record_id: int | None) -> tuple[str, int | None]:
    return kind, record_id


def _item(text: str, kind: str, record_id: int | None = None, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(kind, KIND_ROLE)
    item.setData(record_id, ID_ROLE)
    # the dock elides a long title in the middle; the tooltip always has it whole
    item.setToolTip(plain_tooltip(f"{text}\n{tip}" if tip else text))
    return item


def _grey(item: QStandardItem) -> None:
    colour = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    item.setForeground(colour)


def meeting_text(meeting: MeetingRecord, this_year: int | None = None) -> str:
    """Short for a narrow dock: "22 Nov · Frail older people" (with the year if not this one)."""
    this_year = this_year or dt.date.today().year
    day = f"{meeting.date.day} {meeting.date:%b}"
    if meeting.date.year != this_year:
        day += f" {meeting.date.year}"
    return f"{day} · {meeting.title}" if meeting.title else day


class NavigatorModel(QStandardItemModel):
    """Rebuilt from the services by `reload()`; `index_for(kind, id)` finds an item again."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: dict[tuple[str, int | None], QStandardItem] = {}
        self._unread: dict[int, SetRecord] = {}  # sets whose members and meetings are not read

    def reload(self) -> None:
        self.clear()
        self._items = {}
        self._unread = {}
        root = self.invisibleRootItem()
        programme_items: dict[int | None, QStandardItem] = {}
        for programme in sets.list_programmes():
            item = self._add(
                root, _item(programme.name, PROGRAMME, programme.id, programme.sponsor)
            )
            bold = QFont()
            bold.setBold(True)
            item.setFont(bold)
            programme_items[programme.id] = item
        archive: QStandardItem | None = None
        for learning_set in sets.list_sets():
            if learning_set.archived:
                if archive is None:
                    archive = _item("Archived sets", ARCHIVE)
                    _grey(archive)
                parent = archive
            else:
                parent = programme_items.get(learning_set.programme_id, root)
            self._add_set(parent, learning_set)
        if archive is not None:
            self._add(root, archive)

    def _add(self, parent: QStandardItem, item: QStandardItem) -> QStandardItem:
        parent.appendRow(item)
        self._items[(item.data(KIND_ROLE), item.data(ID_ROLE))] = item
        return item

    def _add_set(self, parent: QStandardItem, learning_set: SetRecord) -> None:
        tip = learning_set.programme_name or "No programme"
        if learning_set.cadence:
            tip += f" · {learning_set.cadence}"
        set_item = self._add(parent, _item(learning_set.name, SET, learning_set.id, tip))
        if learning_set.archived:
            _grey(set_item)
        self._unread[learning_set.id] = learning_set
        set_item.appendRow(_item("…", PENDING, learning_set.id, "Open the set to list it"))

    def read_set(self, set_id: int) -> None:
        """Put the set's members and meetings under it, if not done yet."""
        if self._unread.pop(set_id, None) is None:
            return
        set_item = self._items[(SET, set_id)]
        set_item.removeRows(0, set_item.rowCount())  # the placeholder
        members = sets.list_members(set_id)
        group = _item(f"Members ({sum(m.active for m in members)})", MEMBERS, set_id)
        self._add(set_item, group)
        for member in members:
            self._add(group, self._member_item(member))
        this_year = dt.date.today().year
        rows = []
        for meeting in meetings.list_meetings(set_id):
            tip = meeting.label + (f" · {meeting.location}" if meeting.location else "")
            item = _item(meeting_text(meeting, this_year), MEETING, meeting.id, tip)
            self._items[(MEETING, meeting.id)] = item
            rows.append(item)
        if rows:
            set_item.appendRows(rows)

    def is_unread(self, set_id: int) -> bool:
        return set_id in self._unread

    def _member_item(self, member: MemberRecord) -> QStandardItem:
        text = member.name if member.active else f"{member.name} (inactive)"
        tip = " · ".join(
            p for p in (member.role, member.organisation, member.leadership_skill) if p
        )
        item = _item(text, MEMBER, member.id, tip)
        if not member.active:
            _grey(item)
        return item

    def _set_holding(self, kind: str, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        try:
            if kind == MEMBERS:
                return record_id
            if kind == MEMBER:
                return sets.get_member(record_id).set_id
            if kind == MEETING:
                return meetings.get_meeting(record_id).set_id
        except NotFoundError:
            return None
        return None

    def index_for(self, kind: str, record_id: int | None) -> QModelIndex:
        item = self._items.get((kind, record_id))
        if item is None and self._unread:
            set_id = self._set_holding(kind, record_id)
            if set_id in self._unread:
                self.read_set(set_id)
                item = self._items.get((kind, record_id))
        return item.index() if item is not None else QModelIndex()

    def update_meeting(self, meeting: MeetingRecord) -> None:
        item = self._items.get((MEETING, meeting.id))
        if item is not None and item.text() != meeting_text(meeting):
            item.setText(meeting_text(meeting))


def kind_of(index: QModelIndex | QPersistentModelIndex) -> str | None:
    return index.data(KIND_ROLE) if index.isValid() else None


def id_of(index: QModelIndex | QPersistentModelIndex) -> int | None:
    return index.data(ID_ROLE) if index.isValid() else None


def set_id_of(index: QModelIndex) -> int | None:
    """The set an item belongs to (itself for a set; its set for members and meetings)."""
    while index.isValid():
        if kind_of(index) in (SET, MEMBERS):
            return id_of(index)
        index = index.parent()
    return None
