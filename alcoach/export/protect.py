"""AES-256 password protection through pypdf (reportlab's own encryption is RC4 or needs pyaes)."""

from __future__ import annotations

import io

from alcoach.errors import ExportError


def _declare_aes256(writer) -> None:
    """AES-256 (security handler revision 6) belongs to PDF 1.7 Adobe extension level 8 (and
    PDF 2.0): say so in the header and the catalogue, as Acrobat does, instead of 1.3."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    writer.pdf_header = "%PDF-1.7"
    adbe = DictionaryObject(
        {
            NameObject("/BaseVersion"): NameObject("/1.7"),
            NameObject("/ExtensionLevel"): NumberObject(8),
        }
    )
    writer.root_object[NameObject("/Extensions")] = DictionaryObject({NameObject("/ADBE"): adbe})


def protect(data: bytes, password: str) -> bytes:
    """The same PDF, encrypted with AES-256; it opens only with `password`."""
    from pypdf import PdfReader, PdfWriter

    if not password:
        raise ExportError("A password cannot be empty.")
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
        _declare_aes256(writer)
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:  # pypdf or cryptography failing is a bug, but say it plainly
        raise ExportError(f"The PDF could not be protected with a password ({exc}).") from exc
    return out.getvalue()
