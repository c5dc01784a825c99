"""The status bar: whether the last change was saved, a keys mode that is on, and where the notes
are kept (encrypted or not)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from alcoach.data.dbfile import is_plain
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.elided_label import ElidedLabel

ALERT_COLOUR = "#d33c3c"  # reads on light and dark palettes


def show_place(label: QLabel, db_path: Path) -> None:
    """Where the notes are kept, and whether they are encrypted there."""
    encrypted = not is_plain(db_path)
    label.setText(f"Data: {db_path}" + (" (encrypted)" if encrypted else ""))
    label.setToolTip(
        f"Where your notes are kept: {db_path}"
        + (" (encrypted on disk)" if encrypted else " (not encrypted: File > Data > Encryption…)")
    )


def build_status_bar(window: QMainWindow, ctx: AppContext) -> tuple[QLabel, QLabel, QLabel]:
    """The save label and the keys-mode label (kept current by the bus) and the data place label,
    in window's bar."""
    bar = window.statusBar()
    save_label = QLabel("")
    save_label.setObjectName("save_status")
    place_label = ElidedLabel()  # elides: never widens the window
    place_label.setObjectName("data_place")
    show_place(place_label, ctx.db_path)
    place_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    mode_label = QLabel("", objectName="mode_status")  # a keys mode that is on (roster keys)
    bar.addWidget(save_label, 1)
    bar.addWidget(mode_label)
    bar.addPermanentWidget(place_label)

    def saved() -> None:
        save_label.setStyleSheet("")
        save_label.setText("All changes saved")

    def save_failed(message: str) -> None:
        save_label.setStyleSheet(f"color: {ALERT_COLOUR}; font-weight: bold;")
        save_label.setText(message)

    ctx.bus.saved.connect(saved)
    ctx.bus.save_failed.connect(save_failed)
    ctx.bus.status_message.connect(lambda text: bar.showMessage(text, 6000))
    ctx.bus.mode_changed.connect(mode_label.setText)
    return save_label, place_label, mode_label
