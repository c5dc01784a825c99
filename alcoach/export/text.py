"""Coach-typed text made safe for reportlab's Paragraph, which parses markup in its input.

Every user string goes through `markup()`: `&`, `<` and `>` are escaped (so `<img src=...>` is
shown, never parsed or read), newlines become line breaks, and runs the main font lacks are set
in the CJK fallback. Percent and brace sequences are never formatted, so they come out literally.
"""

from __future__ import annotations

import re

from alcoach.export.fonts import escaped_runs

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NONE_RECORDED = "None recorded"


def clean(text: str) -> str:
    """Line ends normalised, tabs as spaces, invisible control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def markup(text: str | None) -> str:
    """Paragraph markup that shows `text` exactly as typed."""
    if not text:
        return ""
    return "<br/>".join(escaped_runs(line) for line in clean(text).split("\n"))
