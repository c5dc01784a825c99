"""The bundled fonts reach text already on screen: a presenter's bold Chinese name is drawn again
with them once they are registered (before, it stayed a row of boxes until something repainted)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QToolButton
from windows import build_window

from alcoach.data import sets
from alcoach.ui.kit import bundled_fonts


class _Seen(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.kinds: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.kinds.append(event.type())
        return False


def test_registering_the_fonts_redraws_names_already_shown(qtbot, ctx, sample_set, monkeypatch):
    presenter = sample_set["members"][1]
    sets.update_member(presenter.id, name="李明 (Li Ming)")
    window = build_window(qtbot, ctx)
    qtbot.waitUntil(lambda: _name_button(window, "李明") is not None)
    QApplication.processEvents()
    button = _name_button(window, "李明")
    assert button.font().bold()  # the presenter's own font
    seen = _Seen()
    button.installEventFilter(seen)
    monkeypatch.setattr(bundled_fonts, "_registered", None)  # as in a fresh process

    families = bundled_fonts.register_bundled_fonts()
    QApplication.processEvents()

    assert "WenQuanYi Micro Hei" in families
    assert QEvent.Type.FontChange in seen.kinds
    assert QEvent.Type.Paint in seen.kinds
    assert button.font().bold()  # set again, not lost


def _name_button(window, text: str) -> QToolButton | None:
    return next((b for b in window.findChildren(QToolButton) if text in b.text()), None)
