"""Tell a screen reader something that changed without the coach moving focus (a new phase)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

spoken: list[str] = []  # the last announcements, newest last (for tests and diagnostics)


def announce(widget: QWidget, text: str) -> None:
    """Say `text` politely (after what the reader is saying now), on behalf of `widget`."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    spoken.append(text)
    del spoken[:-20]
