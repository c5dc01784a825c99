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


DIRECTION_MARKS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def extracted(data: bytes, password: str | None = None) -> str:
    """The PDF's text, NFKC-normalised, without any whitespace or direction marks.

    pdftotext wraps the pieces of a line it reads as right to left in embedding marks (U+202A to
    U+202C); where a long word is broken across lines in a table cell beside a right-to-left
    name, those marks fall inside the word. They are not in the PDF, so they are left out.

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
    text = unicodedata.normalize("NFKC", text).translate(DIRECTION_MARKS)
    return "".join(text.split())
