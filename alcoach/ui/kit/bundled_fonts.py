"""The fonts alcoach bundles for its PDFs, given to Qt too, so every script the PDFs print also
shows in the window (a Chinese name is not a row of boxes on a laptop without CJK fonts).

Registered once, after the window's first paint (the 5 MB CJK font is not read during start-up).
Qt draws new text with them at once, but what is already on screen stays as painted (a name in
boxes) until something repaints it, so every shown window is repainted then.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from alcoach.resources import resource_path

log = logging.getLogger(__name__)
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "wqy-microhei.ttc", "NotoEmoji-Regular.ttf")
_registered: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Give Qt the bundled fonts (once per process); returns the families it now knows of them."""
    global _registered
    if _registered is not None:
        return _registered
    families: list[str] = []
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if not path.is_file():
            continue  # a font this build does not bundle
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the bundled font %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    _registered = families
    if families:
        _redraw_shown_text()
    return families


def _redraw_shown_text() -> None:
    """A widget with a font of its own (a presenter's bold name) keeps the glyphs it looked up
    before the fonts came, so its font is set again; then every shown window is repainted."""
    for widget in QApplication.allWidgets():
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            own = QFont(widget.font())
            widget.setFont(QFont())
            widget.setFont(own)
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            window.update()  # the backing store repaints every child in the region
