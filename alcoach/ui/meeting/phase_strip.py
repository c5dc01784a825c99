"""Each phase planned against actual, as two thin rows: the plan above, what happened below.

Both rows share one scale (the longer of the planned and the actual meeting), so a phase that ran
long pushes the actual row past the plan's end. The current phase is outlined; an overrun phase is
drawn in the alert colour. Hovering a segment tells its planned and actual minutes.

Also holds the timer colours the timer panel and the room clock share.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from alcoach.data.timer import PhaseClock, TimerState
from alcoach.formatting import format_duration


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def alert_colour(palette: QPalette) -> QColor:
    """Overrun: a red that keeps its contrast on light and on dark backgrounds."""
    return QColor("#ff6b6b") if is_dark(palette) else QColor("#b3261e")


def warn_colour(palette: QPalette) -> QColor:
    """A phase about to end, a quiet stretch: amber, darker on light backgrounds."""
    return QColor("#ffc857") if is_dark(palette) else QColor("#8a5300")


def phase_tooltip(clock: PhaseClock) -> str:
    planned = f"planned {format_duration(clock.planned_seconds)}"
    if not clock.started:
        return f"{clock.name}: {planned}, not started"
    actual = f"actual {format_duration(clock.actual_seconds)}"
    if clock.overrun:
        over = format_duration(clock.actual_seconds - clock.planned_seconds)
        return f"{clock.name}: {planned}, {actual} (over by {over})"
    running = "" if clock.ended else " so far"
    return f"{clock.name}: {planned}, {actual}{running}"


class PhaseStrip(QWidget):
    """Paints `set_state(TimerState)`; None shows nothing."""

    LABEL_WIDTH = 52
    ROW_HEIGHT = 9
    GAP = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phase_strip")
        self._state: TimerState | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName("Phases planned and actual")

    def sizeHint(self) -> QSize:
        return QSize(400, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self._height())

    def _height(self) -> int:
        return 2 * max(self.ROW_HEIGHT, self.fontMetrics().height() - 2) + self.GAP + 2

    def set_state(self, state: TimerState | None) -> None:
        self._state = state
        self.setFixedHeight(self._height())
        self.update()  # ok-ui

    # --- geometry ---------------------------------------------------------------------------

    def _rows(self) -> tuple[QRectF, QRectF]:
        row_h = (self.height() - self.GAP - 2) / 2
        left = float(self.LABEL_WIDTH)
        width = max(1.0, self.width() - left - 1)
        plan = QRectF(left, 1, width, row_h)
        actual = QRectF(left, 1 + row_h + self.GAP, width, row_h)
        return plan, actual

    def segments(self) -> list[tuple[int, QRectF, QRectF]]:
        """(phase index, planned rect, actual rect) for each phase, in widget coordinates."""
        state = self._state
        if state is None or not state.phases:
            return []
        plan_row, actual_row = self._rows()
        planned_total = sum(c.planned_seconds for c in state.phases)
        actual_total = sum(c.actual_seconds for c in state.phases)
        scale_total = max(planned_total, actual_total, 1.0)
        px = plan_row.width() / scale_total
        out = []
        x_plan = x_actual = plan_row.left()
        for i, clock in enumerate(state.phases):
            w_plan = clock.planned_seconds * px
            w_actual = clock.actual_seconds * px
            out.append(
                (
                    i,
                    QRectF(x_plan, plan_row.top(), w_plan, plan_row.height()),
                    QRectF(x_actual, actual_row.top(), w_actual, actual_row.height()),
                )
            )
            x_plan += w_plan
            x_actual += w_actual
        return out

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        plan_row, actual_row = self._rows()
        painter.setPen(pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        for label, row in (("plan", plan_row), ("actual", actual_row)):
            painter.drawText(
                QRectF(0, row.top() - 2, self.LABEL_WIDTH - 4, row.height() + 4),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        state = self._state
        if state is None:
            return
        base_a = pal.color(QPalette.ColorRole.Mid)
        base_b = pal.color(QPalette.ColorRole.Dark) if not is_dark(pal) else QColor("#8c8c8c")
        highlight = pal.color(QPalette.ColorRole.Highlight)
        alert = alert_colour(pal)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillRect(plan_row, pal.color(QPalette.ColorRole.AlternateBase))
        for i, plan, actual in self.segments():
            clock = state.phases[i]
            tone = base_a if i % 2 == 0 else base_b
            painter.fillRect(plan.adjusted(0, 0, -1, 0), tone)
            if clock.started and actual.width() > 0:
                if clock.overrun:
                    colour = alert
                elif i == state.current_index:
                    colour = highlight
                else:
                    colour = tone
                painter.fillRect(actual.adjusted(0, 0, -1, 0), colour)
        current = state.current_index
        if current is not None:
            _, plan, actual = self.segments()[current]
            pen = QPen(text)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(plan.adjusted(1, 1, -1, -1))
            # "now" on the actual row: the end of the current phase's actual segment
            x = actual.right()
            painter.drawLine(QPointF(x, actual.top() - 1), QPointF(x, actual.bottom() + 1))

    # --- tooltips ---------------------------------------------------------------------------

    def phase_at(self, x: float, y: float) -> int | None:
        for i, plan, actual in self.segments():
            for rect in (plan, actual):
                if rect.left() <= x < rect.right() + 1 and rect.top() - 1 <= y <= rect.bottom() + 1:
                    return i
        return None

    def tooltip_at(self, x: float, y: float) -> str:
        index = self.phase_at(x, y)
        if index is None or self._state is None:
            return ""
        return phase_tooltip(self._state.phases[index])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
