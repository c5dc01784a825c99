"""The PySide6 user interface."""

from alcoach.ui.kit.qt_compat import (
    protect_bool_refcounts,
    protect_none_refcount,
    quicken_feature_scan,
)

protect_none_refcount()
protect_bool_refcounts()
quicken_feature_scan()
