"""The text of a PDF as the export tests compare it: NFKC-normalised, without whitespace."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import unicodedata

from pypdf import PdfReader, PdfWriter

PDFTOTEXT = shutil.which("pdftotext")
logging.getLogger("pypdf").setLevel(logging.ERROR)  # one warning per emoji and page otherwise


def extracted(data: bytes, password: str | None = None) -> str:
    """The PDF's text, NFKC-normalised, without any whitespace.

    pdftotext (poppler-utils, which scripts/test installs) reads a PDF about eight times as fast
    as pypdf; pypdf decrypts a protected file first, and reads it where poppler is missing.
    """
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.is_encrypted
        assert reader.decrypt(password)
        if PDFTOTEXT:
            plain = io.BytesIO()
            PdfWriter(clone_from=reader).write(plain)
            data = plain.getvalue()
    if PDFTOTEXT:
        text = subprocess.run(
            [PDFTOTEXT, "-q", "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", "replace")
    else:
        text = "".join(page.extract_text() or "" for page in reader.pages)
    return "".join(unicodedata.normalize("NFKC", text).split())
