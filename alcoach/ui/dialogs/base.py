"""A form dialog that stores through a service and keeps itself open, with the reason, if the
service refuses."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from alcoach.errors import AlcoachError
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.form_bits import error_label

log = logging.getLogger(__name__)


class FormDialog(QDialog):
    """Subclasses fill `self.form` and implement `store()` (return True when stored)."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def attempt(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a writing service; on failure show why and return None."""
        try:
            result = fn(*args, **kwargs)
        except AlcoachError as exc:
            self.show_error(str(exc))
            return None
        except Exception as exc:  # a full disk or a locked file must not close the dialog
            log.exception("dialog write failed")
            self.show_error(f"Not saved: {exc}.")
            return None
        self.ctx.bus.saved.emit()
        return result

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def store(self) -> bool:
        raise NotImplementedError

    def accept(self) -> None:
        if self.store():
            self.ctx.bus.sets_changed.emit()
            super().accept()
