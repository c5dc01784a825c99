"""The export dialog's wrapped lines get the height they need at the width they have: the
feedback sheets' privacy note was cut to one line at 1280x720, on the demo's meetings."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from alcoach.data.demo import add_demo_programme
from alcoach.data.meetings import latest_meeting
from alcoach.ui.printing.documents import BLANK, FEEDBACK, MEETING
from alcoach.ui.printing.export_dialog import ExportDialog


@pytest.mark.parametrize("kind", [MEETING, FEEDBACK, BLANK])
def test_every_wrapped_line_is_whole(qtbot, ctx, kind):
    add_demo_programme()
    dialog = ExportDialog(ctx, kind, latest_meeting().id)
    qtbot.addWidget(dialog)
    laptop = next(sc for sc in QGuiApplication.screens() if sc.name() == "laptop")  # 1280x720
    dialog.move(laptop.geometry().topLeft())
    dialog.show()  # checked at once, as the coach sees it open (no relayout waited for)
    QApplication.processEvents()
    wrapped = [lb for lb in dialog.findChildren(QLabel) if lb.wordWrap() and lb.isVisible()]
    assert wrapped
    for label in wrapped:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
