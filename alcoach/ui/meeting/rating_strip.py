"""An inline strip for "How are we doing as a group, 1 to 10?": one key per member, in roster order.

Keys: 1-9 store that score (0 stores 10) and move to the next member; Backspace goes back one
member; Esc closes. Each score is stored at once; after the last member the strip closes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from alcoach.data.interventions import is_wide_spread, set_rating
from alcoach.data.records import InterventionRecord
from alcoach.ui.kit.context import ChangeBus
from alcoach.ui.kit.flow_layout import FlowLayout
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.meeting.intervention_model import format_offset, format_spread

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): (n or 10) for n in range(10)}


class RatingStrip(QFrame):
    """Takes the scores for one intervention; `rating_stored` carries the updated record."""

    rating_stored = Signal(object)  # InterventionRecord
    score_set = Signal(object, int, object, int)  # the record, member id, old score (or None), new
    closed = Signal()

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._record: InterventionRecord | None = None
        self._members: list[tuple[int, str]] = []
        self._position = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("ratingStrip")
        self.setAccessibleName("Ratings: each member's 1 to 10")
        # one flow, wrapping onto more lines as needed: the strip is never wider than the log
        self._flow = FlowLayout(self, spacing=6)
        self._flow.setContentsMargins(6, 3, 6, 3)
        self._title = QLabel("Ratings", self)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._spread = QLabel(self)
        self._hint = QLabel("1-9, 0 = 10 · Backspace back · Esc close", self)
        self._hint.setEnabled(False)
        self._place([])
        self._labels: list[QLabel] = []
        self.hide()

    def _place(self, cells: list[QLabel]) -> None:
        while self._flow.count():
            self._flow.takeAt(0)
        for widget in (self._title, *cells, self._spread, self._hint):
            self._flow.addWidget(widget)

    @property
    def record(self) -> InterventionRecord | None:
        return self._record

    @property
    def position(self) -> int:
        return self._position

    def open_for(self, record: InterventionRecord, members: Sequence[tuple[int, str]]) -> None:
        """Show the strip for `record`, asking `members` (id, name) in the order given."""
        self._record = record
        self._members = list(members)
        self._position = 0
        self._title.setText(f"Ratings at {format_offset(record.offset_seconds)}:")
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        for _ in self._members:
            label = QLabel(self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMargin(3)
            self._labels.append(label)
        self._place(self._labels)
        self._render()
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_strip(self) -> None:
        self.hide()
        self._record = None
        self.closed.emit()

    def update_record(self, record: InterventionRecord) -> None:
        if self._record is not None and record.id == self._record.id:
            self._record = record
            self._render()

    def _score(self, member_id: int) -> int | None:
        assert self._record is not None
        for rating in self._record.ratings:
            if rating.member_id == member_id:
                return rating.score
        return None

    def _render(self) -> None:
        if self._record is None:
            return
        for i, ((member_id, name), label) in enumerate(
            zip(self._members, self._labels, strict=True)
        ):
            score = self._score(member_id)
            first = name.split()[0] if name.split() else name
            label.setText(f"{first} {score if score is not None else '·'}")
            label.setToolTip(name)
            current = i == self._position
            label.setFrameShape(QFrame.Shape.Box if current else QFrame.Shape.NoFrame)
            font = label.font()
            font.setBold(current)
            label.setFont(font)
        spread = format_spread(self._record)
        wide = is_wide_spread(self._record)
        self._spread.setText(f"Spread {spread}" + (" ⚠ wide" if wide else "") if spread else "")
        font = self._spread.font()
        font.setBold(wide)
        self._spread.setFont(font)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._record is None:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Escape:
            self.close_strip()
        elif key == Qt.Key.Key_Backspace:
            self._position = max(0, self._position - 1)
            self._render()
        elif key in _DIGITS and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self._store(_DIGITS[key])
        else:
            super().keyPressEvent(event)

    def _store(self, score: int) -> None:
        if self._record is None or not self._members:
            return
        member_id = self._members[self._position][0]
        old = self._score(member_id)
        updated = guarded_write(self._bus, set_rating, self._record.id, member_id, score)
        if updated is None:
            return
        self._record = updated
        self.rating_stored.emit(updated)
        self.score_set.emit(updated, member_id, old, score)
        if self._position + 1 >= len(self._members):
            spread = format_spread(updated)
            wide = " — a wide spread, worth exploring" if is_wide_spread(updated) else ""
            self._bus.status_message.emit(f"Ratings stored: {spread}{wide}.")
            self.close_strip()
        else:
            self._position += 1
            self._render()
