"""Tagging members on a note from the quick-entry line: `@` and the first letters of a name.

`@` at the start of the line or after a space starts a tag; the letters after it (spaces too, so
"@Kofi M" narrows to Kofi Mensah) are matched against the start of a present member's name or of
any word of it, in any script (casefolded, NFC). A popup lists the matches; Tab (or Enter while
the popup shows) takes the highlighted one, and Esc closes it. The completed tag becomes the
member's name, without the `@`: the note stays a readable sentence ("asked Kofi Mensah to
pair with Dana Whitfield"), PDFs show no markup, and the anonymiser already rewrites names in
typed text. The member is tagged on the note (the "To:" toggle turns on); deleting the name from
the line before Enter takes the tag off again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

Member = tuple[int, str]  # (member id, name)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def tag_at(text: str, cursor: int) -> tuple[int, str] | None:
    """(where the `@` stands, the letters typed after it) when the cursor ends a tag, else None."""
    start = text.rfind("@", 0, cursor)
    if start < 0 or (start > 0 and not text[start - 1].isspace()):
        return None
    return start, text[start + 1 : cursor]


def matching(prefix: str, members: Sequence[Member]) -> list[Member]:
    """The members whose name, or a word of it, starts with `prefix` (whole names first)."""
    wanted = _fold(prefix.lstrip())
    if prefix[:1].isspace():
        return []
    whole = [m for m in members if _fold(m[1]).startswith(wanted)]
    words = [
        m
        for m in members
        if m not in whole and any(_fold(w).startswith(wanted) for w in m[1].split())
    ]
    return whole + words


class MemberTagger(QObject):
    """Offers present members' names after `@` in `line`; says which member was tagged."""

    tagged = Signal(int)  # a member id completed into the line
    untagged = Signal(int)  # a tagged member's name was deleted from the line

    def __init__(self, line: QLineEdit) -> None:
        super().__init__(line)
        self.line = line
        self.members: list[Member] = []
        self.tags: dict[int, str] = {}  # member id -> the name completed into the line
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated[QModelIndex].connect(self._take)
        self.completer.popup().installEventFilter(self)
        line.installEventFilter(self)
        line.textEdited.connect(self._edited)

    def set_members(self, members: Sequence[Member]) -> None:
        self.members = list(members)
        self.clear()

    def clear(self) -> None:
        self.tags.clear()
        self.completer.popup().hide()

    def _current(self) -> tuple[int, str, list[Member]] | None:
        found = tag_at(self.line.text(), self.line.cursorPosition())
        if found is None:
            return None
        start, prefix = found
        members = matching(prefix, self.members)
        return (start, prefix, members) if members else None

    def _edited(self, text: str) -> None:
        for member_id, name in list(self.tags.items()):
            if name not in text:
                del self.tags[member_id]
                self.untagged.emit(member_id)
        current = self._current()
        popup = self.completer.popup()
        if current is None:
            popup.hide()
            return
        self.model.clear()
        for member_id, name in current[2]:
            item = QStandardItem(name)
            item.setData(member_id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(item)
        rect = self.line.cursorRect()
        rect.setWidth(max(popup.sizeHintForColumn(0) + 24, 160))
        self.completer.complete(rect)
        popup.setCurrentIndex(self.model.index(0, 0))

    def complete_first(self) -> bool:
        """Tab with no popup open: take the first match, if the cursor ends a tag."""
        current = self._current()
        if current is None:
            return False
        self._insert(*current[2][0])
        return True

    def _take(self, index: QModelIndex) -> None:
        member_id = index.data(Qt.ItemDataRole.UserRole)
        if member_id is not None:
            self._insert(int(member_id), str(index.data()))

    def _insert(self, member_id: int, name: str) -> None:
        current = tag_at(self.line.text(), self.line.cursorPosition())
        if current is None:
            return
        start, _prefix = current
        text, cursor = self.line.text(), self.line.cursorPosition()
        rest = text[cursor:]
        joiner = "" if rest[:1].isspace() else " "
        self.line.setText(text[:start] + name + joiner + rest)
        self.line.setCursorPosition(start + len(name) + len(joiner))
        self.completer.popup().hide()
        self.tags[member_id] = name
        self.tagged.emit(member_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        popup = self.completer.popup()
        if watched is popup and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            index = popup.currentIndex()
            self._take(index if index.isValid() else self.model.index(0, 0))
            return True
        if watched is self.line and event.key() == Qt.Key.Key_Tab:
            return self.complete_first()
        return False
