"""The PySide6 user interface."""

from alcoach.ui.qt_compat import protect_none_refcount

protect_none_refcount()
