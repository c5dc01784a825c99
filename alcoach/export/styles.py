"""The one stylesheet of every document."""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from alcoach.export.fonts import BOLD, REGULAR, register_fonts

INK = colors.black
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#E6E6E6")


@functools.cache
def stylesheet() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=17, leading=21, spaceAfter=2
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=11, leading=14, textColor=MUTED, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=5,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=7,
            spaceAfter=3,
        ),
        "note": ParagraphStyle("note", parent=body, spaceAfter=4),
        "muted": ParagraphStyle("muted", parent=body, textColor=MUTED, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5
        ),
        "cell_right": ParagraphStyle(
            "cell_right", parent=body, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5),
        "head_right": ParagraphStyle(
            "head_right", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        ),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, fontSize=9, leading=12),
    }
