"""An encrypted data folder (issue 18): SQLCipher 4, no typed word readable in any file of the
folder, a wrong passphrase told from a damaged file, and encrypt, change, decrypt and restore
round-trips that keep every note."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.encrypted import MARKERS, PASSPHRASE, fill_folder, readable_markers

from alcoach.data import cipher, encryption, interventions, search
from alcoach.data.backup import backup_dir_for, list_backups
from alcoach.data.db import database_path
from alcoach.data.identify import check_header
from alcoach.data.restore import restore
from alcoach.data.store import open_store, open_store_for_reading
from alcoach.data.unlock import from_secret
from alcoach.errors import (
    CorruptDatabaseError,
    PassphraseNeeded,
    UnreadableDatabaseError,
    ValidationError,
    WrongPassphrase,
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    fill_folder(data_dir)
    return data_dir


def _open(data_dir: Path, passphrase: str = PASSPHRASE):
    return open_store(data_dir, ask=from_secret(passphrase))


def _notes(data_dir: Path, passphrase: str | None = PASSPHRASE) -> list[str]:
    ask = from_secret(passphrase) if passphrase else None
    store = open_store_for_reading(data_dir, ask=ask)
    try:
        return sorted(hit.snippet for hit in search.search_notes(MARKERS[0]))
    finally:
        store.close()


def test_the_library_is_sqlcipher_4():
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(":memory:")
    try:
        version = conn.execute("PRAGMA cipher_version").fetchone()[0]
        fts = conn.execute("PRAGMA compile_options").fetchall()
    finally:
        conn.close()
    assert version.split(".")[0] == "4", version
    assert ("ENABLE_FTS5",) in fts


def test_no_typed_word_is_readable_in_any_file_of_the_folder(folder):
    assert readable_markers(folder), "the markers must be readable before (the test's own check)"
    outcome = encryption.encrypt_folder(folder, PASSPHRASE)
    assert outcome.backups == 2
    assert readable_markers(folder) == []
    # and while the folder is open and written to: its -wal and -shm too
    store = _open(folder)
    try:
        meeting_id = search.search_notes(MARKERS[0])[0].meeting_id
        interventions.log_intervention(meeting_id, f"Later {MARKERS[0]} words")
        assert Path(f"{store.db_path}-wal").exists()
        assert readable_markers(folder) == []
    finally:
        store.close()
    assert readable_markers(folder) == []
    assert len(_notes(folder)) == 2


def test_another_sqlcipher_tool_opens_the_file_with_the_passphrase(folder):
    from sqlcipher3 import dbapi2

    encryption.encrypt_folder(folder, PASSPHRASE)
    for path in [database_path(folder), *list_backups(backup_dir_for(database_path(folder)))]:
        conn = dbapi2.connect(str(path))
        try:
            conn.execute("PRAGMA key = ?".replace("?", "'" + PASSPHRASE + "'"))
            assert conn.execute("PRAGMA user_version").fetchone()[0] > 0
            assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x414C436F
        finally:
            conn.close()


def test_without_a_passphrase_it_is_asked_for_and_a_wrong_one_is_refused(folder):
    encryption.encrypt_folder(folder, PASSPHRASE)
    cipher.forget_keys()
    check_header(database_path(folder))  # recognised as alcoach's: no refusal before the lock
    with pytest.raises(PassphraseNeeded, match="is encrypted: give its passphrase"):
        open_store(folder)
    tries = []

    def ask(data_dir: Path, said: str) -> str | None:
        tries.append(said)
        return None if len(tries) > 2 else "not the passphrase"

    with pytest.raises(PassphraseNeeded, match="No passphrase was given"):
        open_store(folder, ask=ask)
    assert tries[0] == "" and "does not open this data folder" in tries[1]
    assert _notes(folder)  # and the right one opens it


def test_a_damaged_encrypted_file_is_called_damaged_not_a_wrong_passphrase(folder):
    encryption.encrypt_folder(folder, PASSPHRASE)
    cipher.forget_keys()
    db_path = database_path(folder)
    raw = bytearray(db_path.read_bytes())
    for offset in range(4096 + 100, 4096 + 400):  # page 2: the HMAC fails
        raw[offset] ^= 0x5A
    db_path.write_bytes(bytes(raw))
    with pytest.raises(CorruptDatabaseError, match=r"is damaged|integrity check"):
        _open(folder)


def test_an_encrypted_file_without_its_sidecar_cannot_be_read(folder):
    encryption.encrypt_folder(folder, PASSPHRASE)
    cipher.sidecar_path(folder).unlink()
    cipher.forget_keys()  # a new process: nothing here says what the file is
    with pytest.raises(UnreadableDatabaseError, match=r"without the alcoach\.cipher"):
        check_header(database_path(folder))


def test_encrypt_change_decrypt_round_trip(folder):
    before = _notes(folder, None)
    encryption.encrypt_folder(folder, PASSPHRASE)
    cipher.forget_keys()
    assert _notes(folder) == before
    store = _open(folder)
    store.close()
    encryption.change_passphrase(folder, "a new and longer one")
    assert cipher.read_sidecar(folder).current_salt == cipher.file_salt(database_path(folder))
    cipher.forget_keys()
    with pytest.raises(WrongPassphrase):
        _notes(folder, PASSPHRASE)
    cipher.forget_keys()
    assert _notes(folder, "a new and longer one") == before
    store = _open(folder, "a new and longer one")
    store.close()
    encryption.decrypt_folder(folder)
    assert not cipher.sidecar_path(folder).exists()
    for path in [database_path(folder), *list_backups(backup_dir_for(database_path(folder)))]:
        conn = sqlite3.connect(path)  # the standard library reads every file again
        try:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x414C436F
        finally:
            conn.close()
    assert _notes(folder, None) == before
    assert len(readable_markers(folder)) > 0


def test_a_short_passphrase_is_refused_before_anything_changes(folder):
    with pytest.raises(ValidationError, match="at least 8 characters"):
        encryption.encrypt_folder(folder, "short")
    assert cipher.is_plain(database_path(folder))


def test_a_plain_backup_restored_into_an_encrypted_folder_is_encrypted(folder):
    plain_backup = list_backups(backup_dir_for(database_path(folder)))[0]
    outside = folder.parent / "kept-elsewhere.db"
    outside.write_bytes(plain_backup.read_bytes())
    encryption.encrypt_folder(folder, PASSPHRASE)
    store = _open(folder)
    store.close()
    restore(database_path(folder), outside, now=dt.datetime(2026, 11, 3, 10, 0))
    assert cipher.file_salt(database_path(folder)) == cipher.read_sidecar(folder).current_salt
    assert [m for m in readable_markers(folder) if "kept-elsewhere" not in m] == []
    cipher.forget_keys()
    assert len(_notes(folder)) == 1


def test_an_encrypted_backup_restored_into_a_plain_folder_is_decrypted(folder, tmp_path):
    encryption.encrypt_folder(folder, PASSPHRASE)
    encrypted_backup = list_backups(backup_dir_for(database_path(folder)))[0]
    other = tmp_path / "other"
    fill_folder(other, backups=0)
    (other / "alcoach.cipher").write_bytes(cipher.sidecar_path(folder).read_bytes())
    target = other / "incoming.db"
    target.write_bytes(encrypted_backup.read_bytes())
    restore(database_path(other), target)
    assert cipher.is_plain(database_path(other))
    assert len(_notes(other, None)) == 1


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    passphrase=st.text(min_size=8, max_size=120).filter(
        lambda s: "\n" not in s and "\r" not in s and "\0" not in s
    )
)
def test_any_passphrase_in_any_script_opens_what_it_encrypted(tmp_path_factory, passphrase):
    data_dir = tmp_path_factory.mktemp("any") / "data"
    fill_folder(data_dir, backups=0)
    encryption.encrypt_folder(data_dir, passphrase)
    cipher.forget_keys()
    assert len(_notes(data_dir, passphrase)) == 1
    cipher.forget_keys()
    with pytest.raises(WrongPassphrase):
        _notes(data_dir, passphrase + "x")


def test_a_copy_made_under_an_earlier_passphrase_restores_with_that_passphrase(folder):
    encryption.encrypt_folder(folder, PASSPHRASE)
    old_copy = folder.parent / "taken-home.db"
    old_copy.write_bytes(list_backups(backup_dir_for(database_path(folder)))[0].read_bytes())
    encryption.change_passphrase(folder, "the passphrase of today")
    cipher.forget_keys()
    store = _open(folder, "the passphrase of today")
    store.close()
    with pytest.raises(PassphraseNeeded):
        restore(database_path(folder), old_copy)  # no way to ask: refused, nothing changed
    asked = []

    def ask(data_dir: Path, said: str) -> str:
        asked.append(said)
        return PASSPHRASE

    restore(database_path(folder), old_copy, ask=ask)
    assert asked == [""]
    # the restored file took the folder's current key
    assert cipher.file_salt(database_path(folder)) == cipher.read_sidecar(folder).current_salt
    cipher.forget_keys()
    assert len(_notes(folder, "the passphrase of today")) == 1


def test_too_little_room_to_rewrite_is_said_before_anything_changes(folder, monkeypatch):
    import shutil as shutil_module
    from collections import namedtuple

    from alcoach.errors import DiskFullError

    before = {p: p.read_bytes() for p in folder.rglob("*.db")}
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil_module, "disk_usage", lambda path: usage(10**9, 10**9, 1000))
    with pytest.raises(DiskFullError, match="nothing was changed"):
        encryption.encrypt_folder(folder, PASSPHRASE)
    assert {p: p.read_bytes() for p in folder.rglob("*.db")} == before
    assert readable_markers(folder)  # still plain, as it was
    assert not cipher.sidecar_path(folder).exists()


def test_an_encrypted_backup_carried_alone_restores_on_a_new_laptop(folder, tmp_path):
    """The laptop is lost; the coach has only `alcoach backup --out` on a stick, no sidecar."""
    from alcoach.data.backup import copy_database

    encryption.encrypt_folder(folder, PASSPHRASE)
    store = _open(folder)
    stick = tmp_path / "stick" / "alcoach-backup.db"
    stick.parent.mkdir()
    copy_database(store.db_path, stick)
    store.close()
    cipher.forget_keys()
    new_laptop = tmp_path / "new-laptop"
    new_laptop.mkdir()
    tries = []

    def ask(data_dir: Path, said: str) -> str:
        tries.append(said)
        return "not it at all" if len(tries) == 1 else PASSPHRASE

    restore(database_path(new_laptop), stick, ask=ask)
    assert tries[0] == "" and "does not open alcoach-backup.db" in tries[1]
    # the new folder is encrypted with the backup's passphrase, and says so in its own sidecar
    assert not cipher.is_plain(database_path(new_laptop))
    assert cipher.read_sidecar(new_laptop).current_salt == cipher.file_salt(stick)
    cipher.forget_keys()
    assert len(_notes(new_laptop)) == 1
    assert readable_markers(new_laptop) == []


def test_a_lone_encrypted_file_without_a_way_to_ask_cannot_be_read(folder, tmp_path):
    encryption.encrypt_folder(folder, PASSPHRASE)
    lone = tmp_path / "lone.db"
    lone.write_bytes(database_path(folder).read_bytes())
    cipher.forget_keys()
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(UnreadableDatabaseError, match="cannot be read"):
        restore(database_path(target), lone)
    assert not database_path(target).exists()
