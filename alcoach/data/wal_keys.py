"""Does a killed session's `-wal` belong to this encrypted file? Answered from the `-wal`'s own
bytes, without replaying it: every frame SQLite would replay must carry a page HMAC made with the
folder's key (SQLCipher 4: HMAC-SHA512 over the page's ciphertext, its IV and its number, keyed by
PBKDF2-HMAC-SHA512 of the key with the salt XOR 0x3a, 2 rounds).

This is what lets an encrypted folder open after a kill without its full check first (seconds:
every page decrypted and checked): a `-wal` of another key is refused before it can be replayed
into the file; damage of any other kind is found by the full check after the window's first
paint, which stops writing. The frames SQLite would replay are found as SQLite finds them: those
whose salts match the header and whose running checksum holds, up to the last commit.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from pathlib import Path

from alcoach.data.dbfile import SALT_BYTES, wal_path

WAL_HEADER = 32
FRAME_HEADER = 24
RESERVE = 80  # SQLCipher 4's per-page reserve: a 16-byte IV and a 64-byte HMAC
_MAGIC = {0x377F0682: "<", 0x377F0683: ">"}  # the checksums' byte order


def _checksum(data: bytes, s1: int, s2: int, order: str) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def replayed_frames(wal: bytes) -> list[tuple[int, bytes]]:
    """(page number, page bytes) of each frame SQLite would replay from a `-wal`'s bytes."""
    if len(wal) < WAL_HEADER:
        return []
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", wal[:32])
    order = _MAGIC.get(magic)
    if order is None or page_size < 512 or page_size & (page_size - 1):
        return []
    s1, s2 = _checksum(wal[:24], 0, 0, order)
    if (s1, s2) != (c1, c2):
        return []
    frames, pending = [], []
    step = FRAME_HEADER + page_size
    for start in range(WAL_HEADER, len(wal) - step + 1, step):
        head, page = wal[start : start + FRAME_HEADER], wal[start + FRAME_HEADER : start + step]
        pgno, commit, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", head)
        if (f_salt1, f_salt2) != (salt1, salt2):
            break
        s1, s2 = _checksum(head[:8], s1, s2, order)
        s1, s2 = _checksum(page, s1, s2, order)
        if (s1, s2) != (f_c1, f_c2):
            break
        pending.append((pgno, page))
        if commit:  # a commit frame: what came before it is replayed
            frames.extend(pending)
            pending = []
    return frames


def _hmac_key(key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)


def page_is_keyed(page: bytes, pgno: int, hmac_key: bytes) -> bool:
    """Whether an SQLCipher 4 page carries a valid HMAC under `hmac_key`."""
    size = len(page)
    body = page[SALT_BYTES if pgno == 1 else 0 : size - RESERVE]
    iv, mac = page[size - RESERVE : size - RESERVE + 16], page[size - RESERVE + 16 :]
    expected = hmac.new(hmac_key, body + iv + struct.pack("<I", pgno), hashlib.sha512).digest()
    return hmac.compare_digest(expected, mac)


def wal_belongs(db_path: Path, key: bytes, salt: bytes) -> bool:
    """True when every frame the `-wal` beside `db_path` would replay was written with `key`."""
    frames = replayed_frames(wal_path(db_path).read_bytes())
    hmac_key = _hmac_key(key, salt)
    return all(page_is_keyed(page, pgno, hmac_key) for pgno, page in frames)
