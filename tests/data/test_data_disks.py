"""Unkind disks, with real ones: a full tmpfs, read-only files and folders, a FAT stick (FUSE).

These need root (to mount, and to drop the power to override file permissions); CI runs as
root. Read-only cases run alcoach as root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
(`setpriv`), so file permissions apply to it as to any user: `runuser -u nobody` cannot run this
machine's Python, which lives under /root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from alcoach.data import sets
from alcoach.data.db import database_path
from alcoach.data.store import open_store

REPO = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="mounting and setpriv need root (CI is root)")
# and CAP_CHOWN/CAP_FOWNER: SQLite run as root hands a -shm it opens to the database's owner
_ROOTS_POWERS = "-dac_override,-dac_read_search,-chown,-fowner"
DROP_PERMISSION_OVERRIDE = [
    "setpriv",
    f"--inh-caps={_ROOTS_POWERS}",
    f"--bounding-set={_ROOTS_POWERS}",
]


def alcoach(data_dir: Path, *args: str, as_user: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ALCOACH_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    prefix = DROP_PERMISSION_OVERRIDE if as_user else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "alcoach", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    said = done.stderr.strip()
    assert "damaged" not in said, said
    for word in words:
        assert word in said, said
    return said


def listing(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path):
    if not IS_ROOT:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()
    # 3 MB: the demo (about 0.6 MB with its search tables) and its write-ahead log fit once freed
    _mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk))
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; returns it (remove it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_says_the_disk_is_full_and_loses_nothing(small_disk, tmp_path):
    data_dir = small_disk / "data"
    made = alcoach(data_dir, "list", "sets")  # a new, empty database
    assert made.returncode == 0, made.stderr
    filler = fill(small_disk)

    refused(alcoach(data_dir, "demo"), "is full", str(small_disk))
    refused(alcoach(data_dir, "backup"), "is full")
    listed = alcoach(data_dir, "list", "sets")  # reading still works
    assert listed.returncode == 0 and listed.stdout == "", listed.stderr

    filler.unlink()
    assert alcoach(data_dir, "demo").returncode == 0
    assert alcoach(data_dir, "list", "sets").stdout.strip()
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_save_in_the_window_on_a_full_disk_says_so_and_keeps_the_text(small_disk, qtbot):
    from alcoach.ui.kit.context import ChangeBus
    from alcoach.ui.kit.saving import guarded_write

    store = open_store(small_disk / "data")
    try:
        sets.create_set("Before the disk filled")
        filler = fill(small_disk)
        bus = ChangeBus()
        said: list[str] = []
        bus.save_failed.connect(said.append)
        assert guarded_write(bus, sets.create_set, "x" * 2_000_000) is None
        assert len(said) == 1 and "is full" in said[0] and "still on screen" in said[0]
        filler.unlink()
        assert guarded_write(bus, sets.create_set, "After") is not None
        assert [s.name for s in sets.list_sets()] == ["After", "Before the disk filled"]
    finally:
        store.close()


@pytest.fixture
def read_only_folder(tmp_path):
    """A data folder with a demo, its file and folder made read-only to an ordinary user."""
    if not IS_ROOT or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv (util-linux) to run alcoach as an ordinary user")
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    sets.create_set("Blue")  # no demo yet: `alcoach demo` would write
    store.close()
    (data_dir / "backups").mkdir(exist_ok=True)
    yield data_dir
    os.chmod(data_dir, 0o755)
    os.chmod(database_path(data_dir), 0o644)


@pytest.mark.parametrize("what", ["file", "folder", "both"])
def test_read_only_says_so_and_reading_commands_still_work(read_only_folder, tmp_path, what):
    data_dir = read_only_folder
    if what in ("file", "both"):
        os.chmod(database_path(data_dir), 0o444)
    if what in ("folder", "both"):
        os.chmod(data_dir, 0o555)
    before = listing(data_dir)
    out = tmp_path / "out"
    out.mkdir()

    said = refused(alcoach(data_dir, "demo", as_user=True), "read-only")
    assert (str(data_dir) if what == "folder" else str(database_path(data_dir))) in said
    refused(alcoach(data_dir, "--startup-check", as_user=True), "read-only")
    for args in (
        ("list", "sets"),
        ("archive", "export", str(out / "all.json")),
        ("backup", "--out", str(out / "copy.db")),
    ):
        done = alcoach(data_dir, *args, as_user=True)
        assert done.returncode == 0, (args, done.stderr)
    assert listing(data_dir) == before
    assert (out / "all.json").stat().st_size > 0 and (out / "copy.db").stat().st_size > 0


def test_a_read_only_mount_says_so_and_reading_commands_still_work(tmp_path):
    if not IS_ROOT:
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    source = tmp_path / "source"
    assert alcoach(source, "demo").returncode == 0
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    _mount("--bind", str(source), str(mounted))
    try:
        _mount("-o", "remount,bind,ro", str(mounted))
        before = listing(mounted)
        refused(alcoach(mounted, "demo"), "read-only")
        listed = alcoach(mounted, "list", "sets")
        assert listed.returncode == 0 and listed.stdout.strip(), listed.stderr
        assert listing(mounted) == before
    finally:
        subprocess.run(["umount", "-l", str(mounted)], check=False)


def test_another_users_shm_is_explained(read_only_folder):
    data_dir = read_only_folder
    shm = Path(f"{database_path(data_dir)}-shm")
    shm.write_bytes(b"\0" * 32768)  # what another user's killed session leaves
    os.chown(shm, 65534, 65534)
    os.chmod(shm, 0o644)
    refused(alcoach(data_dir, "demo", as_user=True), "another user", str(shm))
    refused(alcoach(data_dir, "--startup-check", as_user=True), "another user", str(shm))
    listed = alcoach(data_dir, "list", "sets", as_user=True)
    assert listed.returncode == 0 and "Blue" in listed.stdout, listed.stderr


FUSERMOUNT = shutil.which("fusermount") or shutil.which("fusermount3") or "fusermount"


def _fuse_tools(*tools: str) -> None:
    missing = [tool for tool in (*tools, FUSERMOUNT) if not shutil.which(tool)]
    if not IS_ROOT or missing or not Path("/dev/fuse").exists():
        pytest.skip(f"needs root, /dev/fuse and {', '.join(missing) or 'FUSE'} (CI has them)")


@pytest.fixture
def fat_stick(tmp_path):
    """A FAT32 file system through FUSE (fusefat), as the issue's coach had."""
    _fuse_tools("fusefat", "mkfs.vfat")
    image = tmp_path / "stick.img"
    with open(image, "wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    subprocess.run(["mkfs.vfat", "-F", "32", str(image)], check=True, capture_output=True)
    stick = tmp_path / "stick"
    stick.mkdir()
    done = subprocess.run(["fusefat", "-o", "rw+", str(image), str(stick)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"fusefat cannot mount here: {done.stderr.decode(errors='replace').strip()}")
    yield stick
    subprocess.run([FUSERMOUNT, "-u", str(stick)], check=False)


@pytest.fixture
def no_shared_memory(tmp_path):
    """A FUSE mount with direct I/O (bindfs -o direct_io): files are kept as written, but no
    file can be mapped as shared memory, so SQLite's WAL cannot work there."""
    _fuse_tools("bindfs")
    source, mounted = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mounted.mkdir()
    done = subprocess.run(
        ["bindfs", "-o", "direct_io", str(source), str(mounted)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"bindfs cannot mount here: {done.stderr.decode(errors='replace').strip()}")
    yield mounted
    subprocess.run([FUSERMOUNT, "-u", str(mounted)], check=False)


def test_where_wal_cannot_work_a_rollback_journal_serves(no_shared_memory):
    data_dir = no_shared_memory / "alcoach-data"
    store = open_store(data_dir)
    try:
        assert "rollback journal" in store.journal_note
        assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        for n in range(20):
            sets.create_set(f"Set {n}")
    finally:
        store.close()
    assert sorted(p.name for p in data_dir.iterdir()) == ["alcoach.db", "alcoach.lock"]

    for args in (("demo",), ("backup",), ("archive", "export", str(data_dir / "all.json"))):
        done = alcoach(data_dir, *args)
        assert done.returncode == 0, (args, done.stderr)
    listed = alcoach(data_dir, "list", "sets")
    assert listed.returncode == 0 and listed.stdout.count("\n") == 21, listed.stderr
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_wal_database_carried_there_is_switched_and_kept(no_shared_memory, tmp_path):
    home = tmp_path / "home"
    store = open_store(home)
    sets.create_set("Carried on the stick")
    store.close()
    data_dir = no_shared_memory / "alcoach-data"
    data_dir.mkdir()
    shutil.copyfile(database_path(home), database_path(data_dir))
    store = open_store(data_dir)
    try:
        assert store.journal_note
        assert [s.name for s in sets.list_sets()] == ["Carried on the stick"]
    finally:
        store.close()


SAY_ONCE = """
import sys
from alcoach import app

arm = app._arm_startup_check


def record(qt_app, window, outcome):
    print("status:", window.statusBar().currentMessage(), flush=True)
    arm(qt_app, window, outcome)


app._arm_startup_check = record
sys.exit(app.run_app(sys.argv[1], startup_check=True))
"""


def test_the_window_says_it_once_in_the_status_bar(no_shared_memory):
    # its own process: an in-process start-up check leaves Qt unable to activate later windows
    done = subprocess.run(
        [sys.executable, "-c", SAY_ONCE, str(no_shared_memory / "alcoach-data")],
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("status:")]
    assert len(said) == 1 and "rollback journal" in said[0], done.stdout


def test_a_fat_stick_through_fusefat_is_refused_before_a_note_is_lost(fat_stick, tmp_path):
    # fusefat's writes are experimental: a file rewritten after it grew loses data, whatever
    # SQLite's journal. alcoach finds that out with a test write and stores nothing there.
    data_dir = fat_stick / "alcoach-data"
    said = refused(alcoach(data_dir, "demo"), "does not keep what is written", str(data_dir))
    assert "damaged" not in said
    assert sorted(p.name for p in data_dir.iterdir()) == ["alcoach.lock"]

    home = tmp_path / "home"
    store = open_store(home)
    sets.create_set("Carried on the stick")
    store.close()
    shutil.copyfile(database_path(home), database_path(data_dir))
    before = hashlib.sha256(database_path(data_dir).read_bytes()).hexdigest()
    refused(alcoach(data_dir, "--startup-check"), "does not keep what is written")
    assert hashlib.sha256(database_path(data_dir).read_bytes()).hexdigest() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["alcoach.db", "alcoach.lock"]


def test_an_encrypted_folder_carried_there_saves_with_a_rollback_journal(
    no_shared_memory, tmp_path
):
    from alcoach.data import cipher, encryption
    from alcoach.data.connection import reading_uri
    from alcoach.data.unlock import from_secret

    home = tmp_path / "home"
    store = open_store(home)
    sets.create_set("Encrypted, on the stick")
    store.close()
    encryption.encrypt_folder(home, "a passphrase for the stick")
    data_dir = no_shared_memory / "alcoach-data"
    shutil.copytree(home, data_dir)
    cipher.forget_keys()
    store = open_store(data_dir, ask=from_secret("a passphrase for the stick"))
    try:
        assert store.journal_note
        assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [s.name for s in sets.list_sets()] == ["Encrypted, on the stick"]
        # its header is ciphertext: the sidecar tells the opens that write nothing
        assert cipher.read_sidecar(data_dir).journal_mode == "delete"
        assert reading_uri(database_path(data_dir)).endswith("?mode=ro")
    finally:
        store.close()
