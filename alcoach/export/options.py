"""What the coach chose in the export dialog (or on the command line)."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class ExportOptions:
    page_size: str = "A4"  # "A4" or "Letter"
    include_private_notes: bool = False
    include_feedback: bool = False
    anonymise: bool = False
    password: str | None = None
    compress: bool = True  # False writes readable page streams (for inspection and tests)

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            from alcoach.errors import ExportError

            raise ExportError(f"The page size must be A4 or Letter, not {self.page_size!r}.")
