"""The meeting timer across the top of the workspace.

Everything shown is computed by `compute_timer(timing, now)` from the stored wall-clock facts
(start, pauses, phase changes), with `now` from the meeting clock (alcoach/data/clock.py), so it is
right after a crash, a restart, a sleeping laptop or a wall-clock step. The
QTimer only repaints; the `MeetingTiming` is cached and reloaded when the bus says the timer or the
meeting changed, or after this panel's own writes: no query per tick. A logged intervention only
moves the time of the last intervention (one indexed query, after the key press), for the quiet
alert.

Alerts are quiet: colour and a line of text, never a sound or a dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from alcoach.data import interventions, meetings, settings
from alcoach.data.clock import Anchor
from alcoach.data.records import MeetingTiming
from alcoach.data.timer import TimerState, active_seconds, compute_timer
from alcoach.errors import AlcoachError
from alcoach.formatting import format_offset
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.announce import announce
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import OwnChange, guarded_write
from alcoach.ui.meeting import timer_texts as texts
from alcoach.ui.meeting.phase_strip import PhaseStrip, alert_colour, warn_colour
from alcoach.ui.meeting.room_clock import RoomClockWindow

REPAINT_MS = 250
QUIET_KEY = "alerts.quiet_minutes"
DEFAULT_QUIET_MINUTES = 10.0


class TimerPanel(QWidget):
    _announced_phase: str | None = None  # the phase a screen reader was last told of

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("timer_panel")
        self.meeting_id: int | None = None
        self.state: TimerState | None = None
        self._timing: MeetingTiming | None = None
        self._anchor: Anchor | None = None  # the meeting clock's: a repaint reads no database
        self._last_intervention: dt.datetime | None = None
        self._quiet_minutes = DEFAULT_QUIET_MINUTES
        self._own = OwnChange()
        self._phase_text = self._next_text = self._alert_text = ""
        self.room_clock: RoomClockWindow | None = None
        self._attendance: QWidget | None = None
        self._scaled: list[tuple[QLabel, float, bool]] = []
        self._build_actions()
        self._build_widgets()
        self._tick = QTimer(self)
        self._tick.setInterval(REPAINT_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        # after a logged entry: read the last intervention's time once the key press is done
        # (several announcements in one turn of the event loop make one query)
        self._last_check = QTimer(self, singleShot=True, interval=0)
        self._last_check.timeout.connect(self._read_last_intervention)
        bus = ctx.bus
        bus.timer_changed.connect(self._on_timer_changed)
        bus.meeting_changed.connect(self._on_timer_changed)
        bus.interventions_changed.connect(self._on_interventions_changed)
        bus.sets_changed.connect(self._on_sets_changed)
        bus.settings_changed.connect(self._on_setting_changed)
        self.set_meeting(None)

    # --- building ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self._actions: list[QAction] = []
        for attr, name, slot in texts.TIMER_COMMANDS:
            action = make_command(self, name, getattr(self, slot))
            setattr(self, attr, action)  # self.start_action, self.next_action, ...
            self._actions.append(action)

    def _label(self, name: str, scale: float = 1.0, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self._scaled.append((label, scale, bold))
        return label

    def _apply_fonts(self) -> None:
        """Sizes relative to the window's font, again whenever the coach makes text larger."""
        for label, scale, bold in self._scaled:
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * scale)
            font.setBold(bold)
            if label is self.digits_label:
                font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
                font.setStyleHint(QFont.StyleHint.Monospace)
            label.setFont(font)
        self.phase_label.setMinimumWidth(self.phase_label.fontMetrics().averageCharWidth() * 14)
        self.digits_label.setMinimumWidth(
            self.digits_label.fontMetrics().horizontalAdvance("-00:00") + 12
        )
        self.alert_label.setFixedHeight(self.alert_label.fontMetrics().height() + 2)
        # wide enough for "Resume" too, so nothing shifts when the meeting is paused
        self.pause_button.setMinimumWidth(self.fontMetrics().horizontalAdvance("Resume  F7") + 16)
        self.strip.set_state(self.state)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "strip"):
            self._apply_fonts()

    def _button(self, action: QAction, text: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(action.toolTip())
        button.setObjectName(f"{action.objectName()}_button")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        button.setEnabled(action.isEnabled())
        return button

    def _build_widgets(self) -> None:
        self.phase_label = self._label("timer_phase", 1.35, bold=True)
        self.phase_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.next_label = self._label("timer_next")
        self.next_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.digits_label = self._label("timer_digits", 3.6, bold=True)
        self.digits_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits_label.setAccessibleName("Time left in the phase")
        self.badge_label = self._label("timer_badge", 0.9, bold=True)
        self.elapsed_label = self._label("timer_elapsed", 1.1)
        self.left_label = self._label("timer_left", 1.1)
        self.alert_label = self._label("timer_alert", 1.0, bold=True)
        # one line that never wraps, so the notes below do not jump when an alert appears
        self.alert_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.strip = PhaseStrip(self)

        self.start_button = self._button(self.start_action, "Start  F5")
        self.pause_button = self._button(self.pause_action, "Pause  F7")
        self.end_button = self._button(self.end_action, "End")
        self.previous_button = self._button(self.previous_action, "◀ Prev")
        self.next_button = self._button(self.next_action, "Next ▶")
        self.room_button = self._button(self.room_action, "Room clock")
        self._apply_fonts()

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.phase_label, 0, 0)
        grid.addWidget(self.next_label, 1, 0)
        grid.addWidget(self.alert_label, 2, 0, 1, 4)
        grid.addWidget(self.digits_label, 0, 1, 2, 1)
        times = QVBoxLayout()
        times.setSpacing(0)
        for label in (self.elapsed_label, self.left_label, self.badge_label):
            times.addWidget(label)
        grid.addLayout(times, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        buttons = QGridLayout()
        buttons.setSpacing(3)
        order = (self.start_button, self.pause_button, self.end_button)
        order += (self.previous_button, self.next_button, self.room_button)
        for i, button in enumerate(order):
            buttons.addWidget(button, i // 3, i % 3)
        grid.addLayout(buttons, 0, 3, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.strip, 3, 0, 1, 4)
        grid.setColumnStretch(0, 1)

    # --- contract ---------------------------------------------------------------------------

    def commands(self) -> list[QAction]:
        return list(self._actions)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._announced_phase = None  # opening a meeting is not a phase change
        if self._attendance is not None:
            self._attendance.close()
            self._attendance = None
        self._reload()
        if self.room_clock is not None:
            self.room_clock.set_meeting(meeting_id)
        self.refresh()

    def flush(self) -> None:
        """Nothing typed waits here: every timer command is stored when given."""

    # --- loading (only when something changed, never per tick) -----------------------------

    def _reload(self) -> None:
        self._timing = None
        self._anchor = None
        self._last_intervention = None
        if self.meeting_id is None:
            return
        try:
            self._timing = meetings.meeting_timing(self.meeting_id)
            self._last_intervention = interventions.last_intervention_at(self.meeting_id)
            self._anchor = self.ctx.meeting_clock.anchor(self.meeting_id)
        except AlcoachError:
            self._timing = None
        if self._timing is not None and self._timing.started_at and not self._timing.ended_at:
            # store the anchor shown, so a restart before the next stamp shows the same time
            guarded_write(self.ctx.bus, self.ctx.meeting_clock.keep, self.meeting_id)
        self._read_quiet_setting()

    def _read_quiet_setting(self) -> None:
        try:
            quiet = settings.get_setting(QUIET_KEY, DEFAULT_QUIET_MINUTES)
            self._quiet_minutes = float(quiet) if quiet is not None else DEFAULT_QUIET_MINUTES
        except (AlcoachError, TypeError, ValueError):
            self._quiet_minutes = DEFAULT_QUIET_MINUTES

    def _on_tick(self) -> None:
        self.refresh()

    def _on_setting_changed(self, key: str) -> None:
        if key == QUIET_KEY:
            self._read_quiet_setting()
            self.refresh()

    def _on_timer_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and not self._own.active:
            self._reload()
            self.refresh()

    def _on_sets_changed(self) -> None:
        if self.meeting_id is not None:
            self._on_timer_changed(self.meeting_id)

    def _on_interventions_changed(self, meeting_id: int) -> None:
        if meeting_id != self.meeting_id:
            return
        if self._timing is None or self._timing.started_at is None:
            self._on_timer_changed(meeting_id)  # logging started the clock: all of it, once
            return
        self._last_check.start()

    def _read_last_intervention(self) -> None:
        # per logged entry only the last intervention's time moves (edits and deletes may move
        # it back): one indexed query, and the alert line; the tick repaints the rest
        if self.meeting_id is not None and self._timing is not None:
            self._last_intervention = interventions.last_intervention_at(self.meeting_id)
        if self.state is not None:
            self._show_alerts(self.state, self._now(), only_if_changed=True)

    # --- commands ---------------------------------------------------------------------------

    def _write(self, service: Callable[..., MeetingTiming]) -> MeetingTiming | None:
        if self.meeting_id is None:
            return None
        clock = self.ctx.meeting_clock
        timing = guarded_write(self.ctx.bus, service, self.meeting_id, clock=clock)
        if timing is not None:
            self._timing = timing
            self._anchor = clock.anchor(self.meeting_id)  # a first stamp anchors the meeting
            self._own.announce(self.ctx.bus.timer_changed, self.meeting_id)
            self.refresh()
        return timing

    def start(self) -> None:
        self._write(meetings.start_meeting)

    def next_phase(self) -> None:
        self._write(meetings.next_phase)

    def previous_phase(self) -> None:
        self._write(meetings.previous_phase)

    def toggle_pause(self) -> None:
        self._write(meetings.toggle_pause)

    def end(self) -> None:
        if self.state is None or self.state.state not in ("running", "paused"):
            return
        if self._write(meetings.end_meeting) is not None:
            keys = self.reopen_action.shortcut().toString()
            self.ctx.bus.status_message.emit(f"Meeting ended. Reopen meeting ({keys}) undoes it.")

    def reopen(self) -> None:
        self._write(meetings.reopen_meeting)

    def open_attendance(self) -> None:
        if self.meeting_id is None:
            return
        from alcoach.ui.dialogs.attendance import AttendanceDialog

        if self._attendance is None:
            self._attendance = AttendanceDialog(self.ctx, self.meeting_id, self.window())
        self._attendance.show()
        self._attendance.raise_()
        self._attendance.activateWindow()

    def toggle_room_clock(self) -> None:
        if self.room_clock is not None and self.room_clock.isVisible():
            self.room_clock.close()
            return
        if self.meeting_id is None:
            return
        if self.room_clock is None:
            self.room_clock = RoomClockWindow(self.ctx, self.meeting_id, self)
        self.room_clock.set_meeting(self.meeting_id)
        self.room_clock.show_state(self.state)
        self.room_clock.show_on_best_screen(self.window())

    # --- the repaint path: compute, never count --------------------------------------------

    def quiet_seconds(self, now: dt.datetime) -> float | None:
        timing = self._timing
        if timing is None or timing.started_at is None:
            return None
        since = max(self._last_intervention or timing.started_at, timing.started_at)
        return active_seconds(since, timing.ended_at, timing.pauses, now)

    def _now(self) -> dt.datetime:
        if self._anchor is None:
            return self.ctx.now()
        return self.ctx.meeting_clock.read(self._anchor)

    def refresh(self) -> None:
        now = self._now()
        state = compute_timer(self._timing, now) if self._timing is not None else None
        self.state = state
        self._show(state, now)
        self.strip.set_state(state)
        if self.room_clock is not None and self.room_clock.isVisible():
            self.room_clock.show_state(state)

    def _show(self, state: TimerState | None, now: dt.datetime) -> None:
        status = state.state if state is not None else ""
        live = status in ("running", "paused")
        for attr, enabled in texts.enabled_commands(state).items():
            getattr(self, attr).setEnabled(enabled)
        paused = status == "paused"
        self.pause_action.setText("Resume meeting" if paused else "Pause meeting")
        self.pause_button.setText("Resume  F7" if paused else "Pause  F7")

        phase, nxt, digits, badge = texts.panel_texts(state)
        self._phase_text, self._next_text = phase, nxt
        self.digits_label.setText(digits)
        self.badge_label.setText(badge)
        if state is None:
            self.elapsed_label.setText("")
            self.left_label.setText("")
        else:
            self.elapsed_label.setText(f"Elapsed {format_offset(state.elapsed_seconds)}")
            if status == "ended":
                self.left_label.setText(f"Ended {texts.local_hhmm(self._timing.ended_at)}")
            else:
                self.left_label.setText(f"Left {format_offset(state.remaining_seconds)}")

        self._elide_label(self.phase_label, phase)
        self._elide_label(self.next_label, nxt)
        if phase != self._announced_phase:
            if self._announced_phase is not None and state is not None:
                announce(self, phase)  # a phase change, heard without looking at the screen
            self._announced_phase = phase
        self._show_alerts(state, now)
        pal = self.palette()
        alert = alert_colour(pal).name()
        warn = warn_colour(pal).name()
        digits_colour = ""
        if state is not None and state.phase_overrun:
            digits_colour = alert
        elif state is not None and state.phase_ending_soon:
            digits_colour = warn
        self._colour(self.digits_label, digits_colour)
        over_meeting = state is not None and live and state.remaining_seconds < 0
        self._colour(self.left_label, alert if over_meeting else "")
        self._colour(self.badge_label, warn if paused else "")
        self.badge_label.setEnabled(status != "running")  # running is the quiet normal
        self.digits_label.setEnabled(not paused and status != "not started")

    def _show_alerts(
        self, state: TimerState | None, now: dt.datetime, only_if_changed: bool = False
    ) -> None:
        quiet = self.quiet_seconds(now)
        alerts = texts.timer_alerts(state, quiet, self._quiet_minutes) if state is not None else []
        text = " · ".join(text for text, _ in alerts)
        if only_if_changed and text == self._alert_text:
            return  # the usual case after a logged entry
        self._alert_text = text
        self._elide_label(self.alert_label, text)
        pal = self.palette()
        colour = alert_colour(pal) if any(lv == "alert" for _, lv in alerts) else warn_colour(pal)
        self._colour(self.alert_label, colour.name() if alerts else "")

    @staticmethod
    def _colour(label: QLabel, colour: str) -> None:
        style = f"color: {colour};" if colour else ""
        if label.styleSheet() != style:
            label.setStyleSheet(style)

    def _elide(self) -> None:
        """Long phase names end in "…" rather than pushing the digits off; the tooltip has all."""
        self._elide_label(self.phase_label, self._phase_text)
        self._elide_label(self.next_label, self._next_text)
        self._elide_label(self.alert_label, self._alert_text)

    @staticmethod
    def _elide_label(label: QLabel, text: str) -> None:
        width = max(40, label.width())
        shown = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        label.setText(shown)
        label.setToolTip(text if shown != text else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()
