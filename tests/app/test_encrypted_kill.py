"""kill -9 while a folder is encrypted or re-keyed (issue 18): at every file replaced (the
sidecar, the database, each backup), just before and just after, a real process is killed; the
folder then opens, whole, with the old or the new passphrase, every file in it is a sound
database, and the next open finishes the job (no backup left plain or under the old key)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.encrypted import PASSPHRASE, fill_folder, readable_markers

from alcoach.data import cipher, search
from alcoach.data.store import open_store

ROOT = Path(__file__).resolve().parents[2]
NEW = "a second, newer passphrase"

KILLED = """
    import os, signal, sys
    from pathlib import Path
    from alcoach.data import encryption
    from alcoach.data.lock import hold_folder
    from alcoach.data.store import open_store
    from alcoach.data.unlock import from_secret

    data_dir, mode, target, when = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    hold_folder(data_dir)
    if mode == "change":
        open_store(data_dir, ask=from_secret(sys.argv[5])).close()
    count = 0
    real = os.replace

    def replace(a, b):
        global count
        count += 1
        if count == target and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        real(a, b)
        if count == target and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    if mode == "encrypt":
        encryption.encrypt_folder(data_dir, sys.argv[5])
    else:
        encryption.change_passphrase(data_dir, sys.argv[6])
    print("finished", count)
"""


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("filled") / "data"
    fill_folder(data_dir, backups=1)
    return data_dir


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory, filled) -> Path:
    from alcoach.data import encryption

    data_dir = tmp_path_factory.mktemp("encrypted") / "data"
    shutil.copytree(filled, data_dir)
    encryption.encrypt_folder(data_dir, PASSPHRASE)
    cipher.forget_keys()
    return data_dir


def _ask_each(*passphrases: str):
    left = list(passphrases)

    def ask(folder: Path, said: str) -> str | None:
        return left.pop(0) if left else None

    return ask


def _sound(path: Path) -> None:
    """A plain file the standard library checks, or an encrypted one SQLCipher checks with the
    key of its salt (derived here from the passphrases, in a child process: never one file in
    both libraries in one process)."""
    salt = cipher.file_salt(path)
    if salt is None:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", path
        finally:
            conn.close()
        return
    check = textwrap.dedent(
        """
        import sys
        from sqlcipher3 import dbapi2
        for passphrase in sys.argv[2:]:
            conn = dbapi2.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
            try:
                print(conn.execute("PRAGMA quick_check").fetchone()[0])
                break
            except dbapi2.DatabaseError:
                pass
            finally:
                conn.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", check, str(path), PASSPHRASE, NEW],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.strip() == "ok", (path, done.stdout, done.stderr)


def _kill_at(source: Path, tmp_path: Path, mode: str, target: int, when: str) -> Path:
    data_dir = tmp_path / f"{mode}-{target}-{when}"
    shutil.copytree(source, data_dir)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(data_dir), mode, str(target), when,
         PASSPHRASE, NEW],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode in (-9, 0), done.stderr
    return data_dir


def _whole_after_kill(data_dir: Path) -> None:
    for path in data_dir.rglob("*.db"):
        _sound(path)
    store = open_store(data_dir, ask=_ask_each(NEW, PASSPHRASE))
    try:
        assert len(search.search_notes("Qzxv-note-marker")) == 1
    finally:
        store.close()
    leftovers = [p.name for p in data_dir.rglob("*") if ".converting" in p.name]
    assert leftovers == []
    if not cipher.is_plain(data_dir / "alcoach.db"):
        # the open finished what was killed: no file left plain, and the sidecar lists every
        # salt in use (a backup still under the old passphrase, whose key this process was not
        # given, keeps it: restoring that backup asks for the old passphrase)
        salts = {cipher.file_salt(p) for p in data_dir.rglob("*.db")}
        assert None not in salts
        assert readable_markers(data_dir) == []
        assert set(cipher.read_sidecar(data_dir).checks) >= {salt.hex() for salt in salts}


# The replaces: the sidecar (new salt), the database, the backup, the sidecar (old salt dropped)
@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("target", [1, 2, 3, 4])
def test_kill_during_encrypt_leaves_a_whole_folder(filled, tmp_path, target, when):
    _whole_after_kill(_kill_at(filled, tmp_path, "encrypt", target, when))


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("target", [1, 2, 3, 4])
def test_kill_during_rekey_leaves_a_whole_folder(encrypted, tmp_path, target, when):
    _whole_after_kill(_kill_at(encrypted, tmp_path, "change", target, when))
