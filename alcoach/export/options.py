"""What the coach chose in the export dialog (or on the command line)."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZES = ("A4", "Letter")
# Who becomes "Member A", "Member B", ...: nobody, the members who have not agreed to be named in
# this kind of document (alcoach.data.consent), or everyone.
ANONYMISE_MODES = ("none", "without_consent", "everyone")


@dataclass(frozen=True)
class ExportOptions:
    page_size: str = "A4"  # "A4" or "Letter"
    include_private_notes: bool = False
    include_feedback: bool = False
    anonymise: bool | str = False  # True: "everyone"; False: "none"; or one of ANONYMISE_MODES
    password: str | None = None
    compress: bool = True  # False writes readable page streams (for inspection and tests)

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            from alcoach.errors import ExportError

            raise ExportError(f"The page size must be A4 or Letter, not {self.page_size!r}.")
        if not isinstance(self.anonymise, bool) and self.anonymise not in ANONYMISE_MODES:
            from alcoach.errors import ExportError

            raise ExportError(f"Anonymise is one of {', '.join(ANONYMISE_MODES)}.")

    @property
    def anonymise_mode(self) -> str:
        if isinstance(self.anonymise, bool):
            return "everyone" if self.anonymise else "none"
        return self.anonymise
