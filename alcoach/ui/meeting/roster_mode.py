"""The roster's keys mode: plain keys act on the roster, so tallies need no chord a keyboard
layout types characters with (AltGr is Ctrl+Alt on Windows, Option types on macOS).

F9 turns the mode on until Esc or F9: 1-8 pick a member (on a French keyboard the unshifted digit
row too), Q S I K tally a question, statement, insightful question or skill seen for the picked
member. Ctrl+n picks member n for one tally: after it the cursor goes back where it was. Picking a
member says who speaks now (`speaker_marked`), for what measures speaking time. The mode shows in
the roster (a frame, the picked row) and in the status bar (`ctx.bus.status_message` is timed, so
the roster's hint line carries it too).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.commands import ROSTER_KEYED, TALLY_KEYS

HINT_OFF = "F9 roster keys · Ctrl+n: one tally for member n (then Q, S, I or K) · Ctrl+Z undo"
HINT_ON = (
    "Roster keys on: 1-8 pick · Q question · S statement · I insightful · K skill · Esc leaves"
)


class RosterRing(QWidget):
    """The mode's frame round the roster and the picked row, painted over the roster. Style
    sheets would have drawn it too, but re-polishing every row twice per tally took the tally
    keys past 30 ms; this is one repaint."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.on = False
        self.row: QWidget | None = None
        panel.installEventFilter(self)
        self.hide()

    def show_ring(self, on: bool, row: QWidget | None) -> None:
        self.on, self.row = on, row
        self.setGeometry(self.parentWidget().rect())
        self.setVisible(on)
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.on:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtGui import QPainter, QPen

        panel = self.parentWidget()
        painter = QPainter(self)
        painter.setPen(QPen(panel.palette().highlight().color(), 2))
        area = panel.scroll_area
        painter.drawRect(area.geometry().adjusted(1, 1, -1, -1))
        if self.row is not None and self.row.isVisible():
            top_left = self.row.mapTo(panel, QPoint(0, 0))
            ring = QRect(top_left, self.row.size()).adjusted(1, 1, -1, -1)
            painter.drawRect(ring.intersected(area.geometry()))


class RosterMode(QObject):
    speaker_marked = Signal(int)  # the member id picked: who is speaking now
    changed = Signal(bool)  # the mode went on (True) or off

    def __init__(self, panel: QWidget) -> None:
        """`panel`: the roster (MembersPanel: its rows, hint, scroll_area, tally())."""
        super().__init__(panel)
        self.panel = panel
        self.active = False
        self.one_shot = False
        self.picked: int | None = None  # the row number (1-based)
        self._origin: QWidget | None = None
        self.ring = RosterRing(panel)
        self.actions: list[QAction] = [
            make_command(panel, f"roster_pick_{n}", lambda n=n: self.pick(n))
            for n in range(1, ROSTER_KEYED + 1)
        ]
        self.actions += [
            make_command(panel, f"roster_{kind}", lambda kind=kind: self.tally(kind))
            for kind in TALLY_KEYS
        ]
        self.actions.append(make_command(panel, "roster_leave", self.leave))
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    def toggle(self, on: bool | None = None) -> None:
        if on is None:
            on = not self.active
        if on:
            self.enter()
        else:
            self.leave()

    def enter(self, n: int | None = None, *, one_shot: bool = False) -> None:
        """Turn the keys on, with member n picked; `one_shot`: off again after one tally."""
        if not self.panel.rows:
            self.panel.ctx.bus.status_message.emit("Nobody attends this meeting yet.")
            self._show(False)
            return
        if not self.active:
            focused = QApplication.focusWidget()
            self._origin = focused if focused is not self.panel else None
            self.picked = None  # a pick from an earlier time must not tally the wrong member
        self.active = True
        self.one_shot = one_shot
        self.panel.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if n is not None:
            self.pick(n)
        self._show(True)

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.one_shot = False
        origin, self._origin = self._origin, None
        self._show(False)
        if origin is not None and origin.isVisible():
            origin.setFocus(Qt.FocusReason.OtherFocusReason)

    def pick(self, n: int) -> None:
        if not 1 <= n <= len(self.panel.rows):
            self.picked = None
            self._show(self.active)
            self.panel.ctx.bus.status_message.emit(f"The roster has no member {n}.")
            return
        self.picked = n
        self._show(self.active)
        self.speaker_marked.emit(self.panel.rows[n - 1].member.id)

    def tally(self, kind: str) -> None:
        if self.picked is None or self.picked > len(self.panel.rows):
            self.panel.ctx.bus.status_message.emit("Pick a member first: 1-8.")
            return
        if self.one_shot:
            self.leave()  # first, so a skill note returns the cursor where it was
        self.panel.tally(self.picked, kind)

    def reset(self) -> None:
        """The roster was rebuilt: nobody is picked, and the mode ends."""
        self.picked = None
        self.leave()
        self._show(False)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self.active or new is None:
            return
        if new is self.panel or (new.parentWidget() and self.panel.isAncestorOf(new)):
            return  # the roster itself, or a skill note line in it
        self._origin = None  # the coach clicked elsewhere: stay there
        self.leave()

    def _show(self, on: bool) -> None:
        panel = self.panel
        picked = next((row for row in panel.rows if row.n == self.picked), None) if on else None
        self.ring.show_ring(on, picked)
        panel.hint.setText(HINT_ON if on else HINT_OFF)
        panel.hint.setEnabled(on)
        text = HINT_ON if on else ""
        if on and self.picked is not None and self.picked <= len(panel.rows):
            text = f"{HINT_ON} — picked: {panel.rows[self.picked - 1].member.name}"
        panel.ctx.bus.mode_changed.emit(text)
        self.changed.emit(on)
