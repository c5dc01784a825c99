"""AES-256 password protection through pypdf (reportlab's own encryption is RC4 or needs pyaes)."""

from __future__ import annotations

import io

from alcoach.errors import ExportError


def protect(data: bytes, password: str) -> bytes:
    """The same PDF, encrypted with AES-256; it opens only with `password`."""
    from pypdf import PdfReader, PdfWriter

    if not password:
        raise ExportError("A password cannot be empty.")
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:  # pypdf or cryptography failing is a bug, but say it plainly
        raise ExportError(f"The PDF could not be protected with a password ({exc}).") from exc
    return out.getvalue()
