"""Where the coach left the window: geometry, dock layout, splitter, last meeting, text size.

Kept in the database's settings (alcoach.data.settings) as base64 of Qt's saveGeometry/saveState,
once per screen size (the screen's free area, e.g. "window.state@1280x680"): a laptop and the big
screen on the desk each get back their own layout. A size never seen yet starts from the
defaults for that width.
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QWidget

from alcoach.data.settings import get_setting, set_setting

KEY_GEOMETRY = "window.geometry"
KEY_STATE = "window.state"
KEY_SPLITTER = "window.splitter"
KEY_LAST_MEETING = "window.last_meeting"
KEY_TEXT_STEP = "view.text_step"
TEXT_STEPS = (-3, 8)  # smallest and largest change in points
DEFAULT_SPLIT = (520, 410)  # notes tabs : roster, room enough for the tally buttons

_base_point_size: float | None = None


def encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def decode(text: object) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except ValueError:
        return None


def screen_key(window: QWidget) -> str:
    """The size of the free area of the window's screen, as the settings key's suffix."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return "1280x720"
    area = screen.availableGeometry()
    return f"{area.width()}x{area.height()}"


def sized(key: str, size: str) -> str:
    return f"{key}@{size}"


def restore_layout(window: QMainWindow, splitter: QSplitter, docks: list[QWidget]) -> None:
    """Geometry, docks and splitter as saved for this screen size; defaults for a new size."""
    size = screen_key(window)
    geometry = decode(get_setting(sized(KEY_GEOMETRY, size)))
    if geometry is None or not window.restoreGeometry(geometry):
        default_geometry(window)
    state = decode(get_setting(sized(KEY_STATE, size)))
    if state is None or not window.restoreState(state):
        QTimer.singleShot(0, window, lambda: default_docks(window, docks))
    split = decode(get_setting(sized(KEY_SPLITTER, size)))
    if split is None or not splitter.restoreState(split):
        QTimer.singleShot(0, splitter, lambda: default_split(splitter))


def save_layout(window: QMainWindow, splitter: QSplitter) -> None:
    size = screen_key(window)
    set_setting(sized(KEY_GEOMETRY, size), encode(window.saveGeometry()))
    set_setting(sized(KEY_STATE, size), encode(window.saveState()))
    set_setting(sized(KEY_SPLITTER, size), encode(splitter.saveState()))


def default_split(splitter: QSplitter) -> None:
    """The roster keeps what its rows ask for (no more than DEFAULT_SPLIT's); the tabs the rest."""
    if splitter.count() < 2:
        return
    total = sum(splitter.sizes()) or sum(DEFAULT_SPLIT)
    roster = splitter.widget(1)
    asked = max(roster.sizeHint().width(), roster.minimumSizeHint().width() + 16)
    width = min(asked, DEFAULT_SPLIT[1])
    splitter.setSizes([max(0, total - width), width])


def default_geometry(window: QMainWindow) -> None:
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 720)
        return
    area = screen.availableGeometry()
    width, height = min(1400, area.width()), min(900, area.height())
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)
    if area.width() <= 1920:  # a laptop or the usual desk screen: the meeting takes it all
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def default_docks(window: QMainWindow, docks: list[QWidget]) -> None:
    """Narrow docks, so the notes and the roster keep most of a 1366-pixel screen; below 1366
    the navigator (docks[0]) starts folded away (its key brings it back) so the log keeps its
    Members column."""
    screen_width = int(screen_key(window).split("x")[0])
    narrow = screen_width < 1500
    widths = [180 if narrow else 240, 240 if narrow else 300]
    for dock, width in zip(docks, widths, strict=False):
        window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    if docks and screen_width < 1360:
        docks[0].hide()


def last_meeting_id() -> int | None:
    value = get_setting(KEY_LAST_MEETING)
    return value if isinstance(value, int) else None


def remember_meeting(meeting_id: int) -> None:
    set_setting(KEY_LAST_MEETING, meeting_id)


def text_step() -> int:
    return int(get_setting(KEY_TEXT_STEP, 0) or 0)


def change_text_step(delta: int, *, reset: bool = False) -> int:
    step = 0 if reset else text_step() + delta
    step = max(TEXT_STEPS[0], min(TEXT_STEPS[1], step))
    set_setting(KEY_TEXT_STEP, step)
    apply_text_step(step)
    return step


def apply_text_step(step: int) -> None:
    """Every widget without its own font follows the application font."""
    global _base_point_size
    app = QApplication.instance()
    font = app.font()
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(_base_point_size + step)
    app.setFont(font)
