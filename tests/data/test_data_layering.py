"""alcoach.data is Qt-free: importing every module of it loads no PySide6 (fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import importlib, pkgutil, sys
import alcoach.data
names = [m.name for m in pkgutil.iter_modules(alcoach.data.__path__, "alcoach.data.")]
for name in names:
    importlib.import_module(name)
print(len(names), sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")))
"""


def test_the_data_layer_imports_no_qt():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.split(" ", 1)
    assert int(count) >= 20
    assert loaded.strip() == "[]"
