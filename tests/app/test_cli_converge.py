"""Two data folders and the `alcoach` command, as two laptops swapping archives: both orders end
identical; a mass deletion needs --allow-mass-delete."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from archive_support import SAMPLE
from copies import comparable

ROOT = Path(__file__).resolve().parents[2]


def _alcoach(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(data_dir), "archive", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def _connect(data: Path) -> sqlite3.Connection:
    """The laptop's database through SQLite, with the functions its triggers call."""
    from alcoach.data.search_fold import fold, grams

    con = sqlite3.connect(data / "alcoach.db")
    con.create_function("alcoach_fold", 1, fold)
    con.create_function("alcoach_grams", 1, grams)
    con.create_function("alcoach_hlc", 0, lambda: "2026-11-30T10:00:00.000000Z-0000-" + "a" * 16)
    return con


def _edit_note(data: Path, text: str) -> None:
    """A change made by the app on that laptop (here through SQLite, stamped later by the
    laptop's own copy id)."""
    con = _connect(data)
    with con:
        (stamp,) = con.execute("SELECT max(hlc) FROM intervention").fetchone()
        (copy,) = con.execute("SELECT value FROM setting WHERE key = 'copy.id'").fetchone()
        later = f"{stamp[:27]}-{int(stamp[28:32], 16) + 1:04x}-{copy}"
        con.execute(
            "UPDATE intervention SET text = ?, hlc = ?, base = hlc "
            "WHERE id = (SELECT min(id) FROM intervention)",
            (text, later),
        )
    con.close()


def test_two_laptops_swapping_archives_in_either_order_end_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _ok(_alcoach(a, "import", str(SAMPLE)))
    _ok(_alcoach(a, "export", str(tmp_path / "a0.json")))
    _ok(_alcoach(b, "import", str(tmp_path / "a0.json")))
    _edit_note(a, "Changed on the laptop")
    _edit_note(b, "Changed at home")  # beside it: a conflict, kept
    for first, second in ((a, b), (b, a)):
        out = tmp_path / f"from-{first.name}.json"
        _ok(_alcoach(first, "export", str(out)))
        said = _ok(_alcoach(second, "import", str(out)))
        assert "Imported" in said
    exports = []
    for data in (a, b):
        out = tmp_path / f"final-{data.name}.json"
        _ok(_alcoach(data, "export", str(out)))
        exports.append(comparable(json.loads(out.read_text(encoding="utf-8"))))
    assert exports[0] == exports[1]
    assert len(exports[0]["conflicts"]) == 1
    lost = exports[0]["conflicts"][0]["lost"]["text"]
    assert lost in ("Changed on the laptop", "Changed at home")


def test_an_archive_that_deletes_a_set_needs_allow_mass_delete(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _ok(_alcoach(a, "import", str(SAMPLE)))
    shared = tmp_path / "shared.json"
    _ok(_alcoach(a, "export", str(shared)))
    _ok(_alcoach(b, "import", str(shared)))
    con = _connect(a)
    with con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM learning_set")
    con.close()
    gone = tmp_path / "gone.json"
    _ok(_alcoach(a, "export", str(gone)))
    refused = _alcoach(b, "import", str(gone))
    assert refused.returncode != 0 and refused.stdout == ""
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "--allow-mass-delete" in lines[0] and "1 set with" in lines[0]
    said = _ok(_alcoach(b, "import", str(gone), "--allow-mass-delete"))
    assert "1 set with 2 meetings" in said
