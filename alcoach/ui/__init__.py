"""The PySide6 user interface."""

from alcoach.ui.qt_compat import protect_bool_refcounts, protect_none_refcount

protect_none_refcount()
protect_bool_refcounts()
