"""The room clock: a full-screen window the set can read from across the room.

Just the phase and the time left in it, as large as the window allows; an overrun shows "-mm:ss" in
the alert colour. The timer panel opens it (on a second screen when there is one), hands it the
meeting id and pushes the same computed `TimerState` it shows itself. Esc or F8 closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetricsF, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from alcoach.data.timer import TimerState
from alcoach.formatting import format_offset
from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.context import AppContext
from alcoach.ui.meeting.phase_strip import alert_colour, warn_colour

# widest text the digits show; the font is sized so this fits, so it never jumps mid-meeting
DIGITS_SAMPLE = "-00:00"
DIGITS_SAMPLE_LONG = "-0:00:00"


def room_texts(state: TimerState | None) -> tuple[str, str, str]:
    """(phase line, digits, status line) for a state."""
    if state is None:
        return "No meeting open", "--:--", ""
    if state.state == "ended":
        return "Meeting ended", format_offset(state.elapsed_seconds), "Thank you"
    if state.state == "not started":
        first = state.next_phase
        name = first.name if first else "Meeting"
        digits = format_offset(first.planned_seconds) if first else "--:--"
        return name, digits, "Not started yet"
    cur = state.current
    status = "Paused" if state.state == "paused" else ""
    if cur is None:
        return "Wrapping up", format_offset(state.remaining_seconds), status
    if not status and cur.overrun:
        status = "Over time"
    return cur.name, format_offset(cur.remaining_seconds), status


class RoomClockWindow(QWidget):
    closed = Signal()

    def __init__(
        self, ctx: AppContext, meeting_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        # a child of the panel so it goes with it, but a window of its own
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.setObjectName("room_clock")
        self.setWindowTitle("Room clock — alcoach")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAutoFillBackground(True)
        self._state: TimerState | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(8)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("room_phase")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setWordWrap(True)
        self.digits_label = QLabel()
        self.digits_label.setObjectName("room_digits")
        self.digits_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.status_label = QLabel()
        self.status_label.setObjectName("room_status")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.phase_label, 2)
        layout.addWidget(self.digits_label, 6)
        layout.addWidget(self.status_label, 1)

        close = make_action(
            self, "Close room clock", ["Esc", "F8"], "Close the room clock", self.close
        )
        self.addAction(close)
        self._fit_fonts()
        self.show_state(None)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        if meeting_id is None:
            self.show_state(None)

    def show_state(self, state: TimerState | None) -> None:
        self._state = state
        phase, digits, status = room_texts(state)
        long_digits = len(digits) > len(DIGITS_SAMPLE)
        self.phase_label.setText(phase)
        self.digits_label.setText(digits)
        self.status_label.setText(status)
        if long_digits != getattr(self, "_long", False):
            self._long = long_digits
            self._fit_fonts()
        colour = None
        if state is not None and state.phase_overrun:
            colour = alert_colour(self.palette())
        elif state is not None and state.phase_ending_soon:
            colour = warn_colour(self.palette())
        style = f"color: {colour.name()};" if colour is not None else ""
        if self.digits_label.styleSheet() != style:
            self.digits_label.setStyleSheet(style)
        dim = state is not None and state.state in ("paused", "not started")
        self.digits_label.setEnabled(not dim)

    # --- sizing: read across a room ---------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        width = max(200, self.width() - 48)
        height = max(150, self.height() - 48)
        sample = DIGITS_SAMPLE_LONG if getattr(self, "_long", False) else DIGITS_SAMPLE
        digits_font = QFont(self.font())
        digits_font.setBold(True)
        digits_font.setStyleHint(QFont.StyleHint.Monospace)
        digits_font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
        digits_font.setPixelSize(100)
        metrics = QFontMetricsF(digits_font)
        fit_w = width * 0.94 / metrics.horizontalAdvance(sample) * 100
        fit_h = height * 0.6 / metrics.height() * 100
        digits_font.setPixelSize(max(24, int(min(fit_w, fit_h))))
        self.digits_label.setFont(digits_font)

        phase_font = QFont(self.font())
        phase_font.setBold(True)
        phase_font.setPixelSize(max(16, int(min(height * 0.09, width * 0.05))))
        self.phase_label.setFont(phase_font)
        status_font = QFont(self.font())
        status_font.setPixelSize(max(12, int(min(height * 0.06, width * 0.035))))
        self.status_label.setFont(status_font)

    # --- where it opens ---------------------------------------------------------------------

    def show_on_best_screen(self, main: QWidget | None = None) -> None:
        """Full screen on a second screen when there is one, else on the main window's."""
        screens = QGuiApplication.screens()
        own = main.screen() if main is not None else QGuiApplication.primaryScreen()
        target = next((s for s in screens if s is not own), own) if len(screens) > 1 else own
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
