"""File > Export and print > Export a table (CSV): which table, of which set, the delimiter and
anonymise; the table is read and written off the UI thread, with a busy bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QMainWindow, QWidget

from alcoach.data.sets import list_sets
from alcoach.data.tables import TABLE_KINDS
from alcoach.errors import AlcoachError
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.busy_indicator import BusyIndicator
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.tasks import run_in_background

KIND_WORDS = {
    "interventions": "Interventions (every note)", "tallies": "Tallies", "ratings": "Ratings",
    "actions": "Actions", "learnings": "Learnings", "hours": "Hours log",
}  # fmt: skip


def write_table(kind: str, set_id: int | None, delimiter: str, anonymise: bool | str,
                path: Path) -> int:  # fmt: skip
    """The work itself (no widgets): read the table, write the file; returns its row count."""
    from alcoach.data.db import reading_snapshot
    from alcoach.data.tables import named_in_tables, roster, table
    from alcoach.export.csv_tables import DELIMITERS, anonymised_rows, csv_bytes
    from alcoach.fileio import write_atomically

    with reading_snapshot():  # this thread's own connection, one consistent read
        found = table(kind, set_id)
        names = roster(set_id)
        keep = named_in_tables(set_id) if anonymise == "without_consent" else ()
    rows = found.rows
    if anonymise and anonymise != "none":
        rows = anonymised_rows(rows, names, found.member_columns, found.text_columns, keep)
    write_atomically(path, csv_bytes(found.header, rows, delimiter=DELIMITERS[delimiter]),
                     what="CSV")  # fmt: skip
    return len(rows)


class CsvExportDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Export a table (CSV)", parent)
        self.setObjectName("csv_export_dialog")
        self.kind = QComboBox(objectName="csv_kind")
        for kind in TABLE_KINDS:
            self.kind.addItem(KIND_WORDS[kind], kind)
        self.which_set = QComboBox(objectName="csv_set")
        self.which_set.addItem("All sets", None)
        for s in list_sets():
            self.which_set.addItem(s.name, s.id)
        self.delimiter = QComboBox(objectName="csv_delimiter")
        for text, value in (("Comma", "comma"), ("Semicolon (decimal-comma locales)", "semicolon"),
                            ("Tab", "tab")):  # fmt: skip
            self.delimiter.addItem(text, value)
        self.anonymise = QCheckBox('&Anonymise: members become "Member A", "Member B", …')
        self.form.addRow("&Table:", self.kind)
        self.form.addRow("&Set:", self.which_set)
        self.form.addRow("&Delimiter:", self.delimiter)
        self.form.addRow("", self.anonymise)
        self.consent_only = QCheckBox(
            "   only those who have not agreed to be &named in sponsor reports"
        )
        self.consent_only.setObjectName("csv_without_consent")
        self.consent_only.setEnabled(False)
        self.anonymise.toggled.connect(self.consent_only.setEnabled)
        self.form.addRow("", self.consent_only)
        self.chosen: tuple[str, int | None, str, str] | None = None
        self.kind.setFocus()

    def store(self) -> bool:
        self.chosen = (self.kind.currentData(), self.which_set.currentData(),
                       self.delimiter.currentData(), self._anonymise())  # fmt: skip
        return True

    def _anonymise(self) -> str:
        if not self.anonymise.isChecked():
            return "none"
        return "without_consent" if self.consent_only.isChecked() else "everyone"

    def accept(self) -> None:  # nothing is written here: the table is, in the background
        if self.store():
            super(FormDialog, self).accept()


class CsvExport:
    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        self.ctx = ctx
        self.window = window
        self.busy: BusyIndicator | None = None

    def run(self) -> None:
        dialog = CsvExportDialog(self.ctx, self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        kind, set_id, delimiter, anonymise = dialog.chosen
        proposed = Path.home() / f"alcoach {kind}.csv"
        name, _ = QFileDialog.getSaveFileName(self.window, "Export a table (CSV)",
                                              str(proposed), "CSV files (*.csv)")  # fmt: skip
        if not name:
            return
        path = Path(name if name.lower().endswith(".csv") else name + ".csv")
        if self.busy is None:
            self.busy = BusyIndicator(self.window, "csv")
        self.busy.start("Writing the table…")
        status = self.window.statusBar()

        def done(count: object) -> None:
            assert self.busy is not None
            self.busy.done()
            from alcoach.data.encryption import plain_export_warning

            warning = plain_export_warning(self.ctx.data_dir, "CSV")
            said = f"Wrote {path.name} ({count:,} rows)."
            status.showMessage(said + (f" {warning}" if warning else ""), 15_000)

        def failed(exc: BaseException) -> None:
            assert self.busy is not None
            self.busy.done()
            why = str(exc) if isinstance(exc, AlcoachError | OSError) else "see alcoach.log"
            status.showMessage(f"The table was not written: {why}", 15_000)

        run_in_background(lambda: write_table(kind, set_id, delimiter, anonymise, path),
                          on_success=done, on_failure=failed)  # fmt: skip
