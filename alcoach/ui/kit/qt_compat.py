"""Guards against a reference-count bug in shiboken6 6.12 on Python 3.11, and a cheaper answer to
PySide6's per-import source scan (`quicken_feature_scan`, a start-up cost).

With PySide6 6.12.0 every call of a Qt method that returns nothing (`update()`, `setText()`,
`QTimer.start()`, ...) takes one reference from `None` and never gives it back. Python 3.12 made
`None` immortal, so there it is harmless; on 3.11 the count reaches zero after some thousands of
calls (about two minutes of a running meeting clock) and the interpreter aborts with
"Fatal Python error: none_dealloc". PySide6-Pdf, which the app needs for preview and print, exists
only for 6.12.0, so an older Qt is no way out.

The guard does what Python 3.12 does: it gives `None` a reference count so large that the leak can
never exhaust it (2**60 references; at a million leaked references a second that lasts 36,000
years). `None` is a static object that is never freed, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 60
WRITTEN_FOR = (6, 12)  # the PySide6 series whose private feature-scan function is replaced


def _written_for_this_pyside() -> bool:
    import PySide6

    return tuple(PySide6.__version_info__[:2]) == WRITTEN_FOR


def protect_none_refcount() -> bool:
    """Make `None` effectively immortal on Python < 3.12; return True if anything was changed."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal already, or a debug build with another object layout
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: PyObject's first field
    if refcount.value >= _HEADROOM:
        return False
    refcount.value += _HEADROOM
    return True


def protect_bool_refcounts() -> bool:
    """The same guard for `True`: shiboken6 6.12 takes one reference from it at every emission
    of an argument-less signal to a Python slot (`bus.saved` after every save, `sets_changed`),
    so a long meeting or test run ends in "Fatal Python error: bool_dealloc". `False` gets the
    guard too. Both are static objects, never freed. Returns True if anything was changed."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False
    changed = False
    for value in (True, False):
        refcount = ctypes.c_ssize_t.from_address(id(value))
        if refcount.value < _HEADROOM:
            refcount.value += _HEADROOM
            changed = True
    return changed


def quicken_feature_scan() -> bool:
    """Make PySide6's per-import source scan cheap; return True if anything was changed.

    After PySide6 loads, every module imported is passed to `shibokensupport.feature`, which asks
    whether the module's source mentions "PySide6" (for its opt-in `__feature__` switches, which
    alcoach does not use) and finds out with `inspect.getsource`: linecache, line splitting and
    a module search for each of the hundred-odd modules alcoach imports, about 25 ms of every
    start. The same question, answered from the file's bytes, costs a tenth of that.

    It replaces a private function of PySide6 6.12, so on any other series it does nothing
    (pyproject.toml pins 6.12; recheck the function before moving the pin).
    """
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport)

    if not _written_for_this_pyside():
        return False

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quick", False):
        return False

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    mod_uses_pyside.quick = True  # type: ignore[attr-defined]
    mod_uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]
    return True
