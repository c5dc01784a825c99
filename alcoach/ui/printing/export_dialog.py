"""The export dialog: which document, what goes in it, and where the PDF goes.

It never blocks the window (shown non-modal); Export hands an ExportRequest to whoever listens
to `accepted` (ExportActions starts the background export). A file of the same name is never
replaced without asking (a non-modal question; the dialog stays open meanwhile). Choices worth
keeping (paper size, folder, open when done) are remembered in the settings.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import meetings, sets
from alcoach.data.settings import document_date_style, get_setting, set_setting
from alcoach.export.file_names import existing_files, member_file_paths
from alcoach.formatting import format_date
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.printing.documents import BLANK, FEEDBACK, KIND_NAMES, MEETING, SET_REPORT
from alcoach.ui.printing.export_worker import ExportRequest

KEY_PAGE_SIZE = "export.page_size"
KEY_FOLDER = "export.folder"
KEY_OPEN = "export.open_when_done"
ALERT_COLOUR = "#d33c3c"

TITLES = {
    MEETING: "Export meeting summary",
    FEEDBACK: "Export feedback sheets",
    SET_REPORT: "Export set progress report",
    BLANK: "Export blank session sheet",
}


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def default_folder() -> Path:
    remembered = get_setting(KEY_FOLDER)
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ExportDialog(QDialog):
    def __init__(
        self, ctx: AppContext, kind: str, target_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.target_id = target_id
        self.setObjectName("export_dialog")
        self.setWindowTitle(TITLES[kind])
        self._dates: list[dt.date] = []
        self._title = ""
        self.replace_question: QMessageBox | None = None
        self.replace_existing = False
        if kind == SET_REPORT:
            learning_set = sets.get_set(target_id)
            self._set_name, self._day = learning_set.name, ctx.now().astimezone().date()
            self._dates = sorted(mt.date for mt in meetings.list_meetings(target_id))
            about = f"{learning_set.name}: {len(self._dates)} meetings"
        else:
            meeting = meetings.get_meeting(target_id)
            self._set_name, self._day, self._title = meeting.set_name, meeting.date, meeting.title
            title = f"{meeting.title}, " if meeting.title else ""
            day = format_date(meeting.date, document_date_style())
            about = f"{title}{meeting.set_name}, {day}"

        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{KIND_NAMES[kind].capitalize()}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        subject = QLabel(about)  # the coach's own text: plain, never parsed as markup
        subject.setTextFormat(Qt.TextFormat.PlainText)
        subject.setObjectName("export_subject")
        layout.addWidget(heading)
        layout.addWidget(subject)

        form = QFormLayout()
        self.page_combo = QComboBox()
        self.page_combo.addItems(["A4", "Letter"])
        page = get_setting(KEY_PAGE_SIZE, "A4")
        self.page_combo.setCurrentText(page if page in ("A4", "Letter") else "A4")
        form.addRow("&Paper size:", self.page_combo)
        layout.addLayout(form)

        layout.addWidget(self._contents_group())
        if kind == FEEDBACK:
            layout.addWidget(self._files_group())
        if kind == SET_REPORT:
            layout.addWidget(self._dates_group())
        layout.addWidget(self._password_group())
        layout.addWidget(self._output_group())

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()
        self.export_button.setFocus()  # Enter exports with what is shown

    def showEvent(self, event) -> None:
        """A wrapped line's height depends on the width it gets, which the dialog's size does
        not ask for: once shown, each wrapped label gets the lines it needs (the privacy note
        was cut to one line at 1280x720)."""
        super().showEvent(event)
        for label in self.findChildren(QLabel):
            if label.wordWrap() and label.isVisible():
                label.setMinimumHeight(label.heightForWidth(label.width()))
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    # --- parts ----------------------------------------------------------------------------------

    def _contents_group(self) -> QGroupBox:
        group = QGroupBox("What goes in")
        box = QVBoxLayout(group)
        self.private_box = QCheckBox("Include my private &coach notes")
        self.feedback_box = QCheckBox("Include member &feedback")
        self.anonymise_box = QCheckBox('&Anonymise members ("Member A", …)')
        self.consent_only_box = QCheckBox("only those who did not agree to be &named")
        self.consent_only_box.setToolTip(
            "Members who agreed to be named in sponsor reports keep their names (Consent, in "
            "the member's dialog)"
        )
        self.consent_only_box.setObjectName("anonymise_without_consent")
        self.consent_only_box.setEnabled(False)
        self.anonymise_box.toggled.connect(self.consent_only_box.setEnabled)
        if self.kind in (MEETING, FEEDBACK):
            box.addWidget(self.private_box)
        if self.kind == MEETING:
            box.addWidget(self.feedback_box)
        names = QHBoxLayout()  # one line: the dialog fits a 720-pixel screen
        names.addWidget(self.anonymise_box)
        names.addWidget(self.consent_only_box)
        names.addStretch(1)
        box.addLayout(names)
        if self.kind in (MEETING, FEEDBACK):
            private = (
                "private coach notes and the member feedback"
                if self.kind == MEETING
                else "private coach notes on each member"
            )
            note = QLabel(
                f"Your {private} stay with you: they are left out of the PDF unless you tick "
                "them here."
            )
            note.setWordWrap(True)
            note.setObjectName("privacy_note")
            box.addWidget(note)
        return group

    def _files_group(self) -> QGroupBox:
        group = QGroupBox("Files")
        box = QVBoxLayout(group)
        self.one_file_radio = QRadioButton("One &file, a page for each member")
        self.per_member_radio = QRadioButton("One file &per member, to hand out separately")
        self.one_file_radio.setChecked(True)
        self._files = QButtonGroup(group)
        for radio in (self.one_file_radio, self.per_member_radio):
            self._files.addButton(radio)
            box.addWidget(radio)
        self.per_member_radio.toggled.connect(self._check)
        return group

    def _dates_group(self) -> QGroupBox:
        group = QGroupBox("Meetings")
        row = QHBoxLayout(group)
        first = self._dates[0] if self._dates else self._day
        last = self._dates[-1] if self._dates else self._day
        self.from_box = QCheckBox("Fro&m")
        self.from_date = QDateEdit(_qdate(first))
        self.to_box = QCheckBox("&To")
        self.to_date = QDateEdit(_qdate(last))
        for box, edit in ((self.from_box, self.from_date), (self.to_box, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._check)
            edit.dateChanged.connect(self._check)
            row.addWidget(box)
            row.addWidget(edit)
        row.addStretch(1)
        group.setToolTip("Leave both unticked for every meeting of the set.")
        return group

    def _password_group(self) -> QGroupBox:
        group = QGroupBox("Password (optional)")
        form = QFormLayout(group)
        self.password_edit = QLineEdit()
        self.confirm_edit = QLineEdit()
        for edit in (self.password_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._check)
        self.password_edit.setPlaceholderText("leave empty for no password")
        form.addRow("Pass&word:", self.password_edit)
        form.addRow("Con&firm:", self.confirm_edit)
        hint = QLabel("The PDF is encrypted with AES-256; it opens only with this password.")
        hint.setWordWrap(True)
        form.addRow(hint)
        return group

    def _output_group(self) -> QGroupBox:
        group = QGroupBox("Save as")
        box = QVBoxLayout(group)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(default_folder() / self.default_name()))
        self.path_edit.setObjectName("export_path")
        self.path_edit.setMinimumWidth(380)
        self.path_edit.textChanged.connect(self._check)
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setToolTip("Pick the folder and file name")
        self.choose_button.setAutoDefault(False)  # Enter in the path field exports
        self.choose_button.clicked.connect(self.choose_path)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        box.addLayout(row)
        self.names_label = QLabel()
        self.names_label.setWordWrap(True)
        box.addWidget(self.names_label)
        self.open_box = QCheckBox("&Open the PDF when done")
        self.open_box.setChecked(bool(get_setting(KEY_OPEN, True)))
        box.addWidget(self.open_box)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("export_problem")
        self.problem_label.setStyleSheet(f"color: {ALERT_COLOUR};")
        box.addWidget(self.problem_label)
        return group

    # --- behaviour ------------------------------------------------------------------------------

    def default_name(self) -> str:
        """The set, the meeting's title and date, and the document, e.g.
        "2026-11-02 Set Blue - Empty homes - meeting summary.pdf" (see default_file_name)."""
        from alcoach.export.file_names import default_file_name

        return default_file_name(KIND_NAMES[self.kind], self._set_name, self._day, self._title)

    def path(self) -> Path:
        text = self.path_edit.text().strip()
        path = Path(text).expanduser()
        if not path.name or text.endswith(("/", os.sep)):  # a folder: the usual name inside it
            return path / self.default_name()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the PDF as", self.path_edit.text(), "PDF documents (*.pdf)"
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _problem(self) -> str:
        if not self.path_edit.text().strip():
            return "Choose where to save the PDF."
        if self.password_edit.text() != self.confirm_edit.text():
            return "The two passwords differ."
        if (
            self.kind == SET_REPORT
            and self.from_box.isChecked()
            and self.to_box.isChecked()
            and self.from_date.date() > self.to_date.date()
        ):
            return "The 'from' date is after the 'to' date."
        return ""

    def _check(self, *_: object) -> None:
        problem = self._problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.export_button.setEnabled(not problem)
        per_member = self.kind == FEEDBACK and self.per_member_radio.isChecked()
        self.names_label.setVisible(per_member)
        if per_member and self.path_edit.text().strip():
            example = self.path().with_name(f"{self.path().stem} - <member>.pdf").name
            self.names_label.setText(f"One file per member, named like: {example}")

    def request(self) -> ExportRequest:
        def day(box: QCheckBox, edit: QDateEdit) -> dt.date | None:
            return edit.date().toPython() if box.isChecked() else None

        is_set = self.kind == SET_REPORT
        return ExportRequest(
            kind=self.kind,
            target_id=self.target_id,
            path=self.path(),
            page_size=self.page_combo.currentText(),
            include_private_notes=self.kind in (MEETING, FEEDBACK) and self.private_box.isChecked(),
            include_feedback=self.kind == MEETING and self.feedback_box.isChecked(),
            anonymise=(
                "none"
                if not self.anonymise_box.isChecked()
                else "without_consent"
                if self.consent_only_box.isChecked()
                else "everyone"
            ),
            password=self.password_edit.text() or None,
            per_member=self.kind == FEEDBACK and self.per_member_radio.isChecked(),
            date_from=day(self.from_box, self.from_date) if is_set else None,
            date_to=day(self.to_box, self.to_date) if is_set else None,
            open_when_done=self.open_box.isChecked(),
            replace_existing=self.replace_existing,
        )

    def target_paths(self) -> list[Path]:
        """The file(s) Export will write: for one file per member, the members' files."""
        if not (self.kind == FEEDBACK and self.per_member_radio.isChecked()):
            return [self.path()]
        from alcoach.data.report_builder import build_feedback_sheets
        from alcoach.export.api import member_file_names

        names = member_file_names(build_feedback_sheets(self.target_id), self.request().options())
        return member_file_paths(self.path(), names)

    def accept(self) -> None:
        if self._problem():
            self._check()
            return
        there = existing_files(self.target_paths())
        if there and not self.replace_existing:
            self.ask_to_replace(there)
            return
        bus = self.ctx.bus
        guarded_write(bus, set_setting, KEY_PAGE_SIZE, self.page_combo.currentText())
        guarded_write(bus, set_setting, KEY_OPEN, self.open_box.isChecked())
        guarded_write(bus, set_setting, KEY_FOLDER, str(self.path().parent))
        super().accept()

    def ask_to_replace(self, there: list[Path]) -> None:
        """Ask (without blocking) whether to replace the files already there; Replace exports."""
        if len(there) == 1:
            text = f"{there[0].name} already exists in {there[0].parent}."
        else:
            text = f"{len(there)} of the files already exist in {there[0].parent}."
        box = QMessageBox(self)
        box.setObjectName("replace_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Replace?")
        box.setText(text)
        box.setInformativeText("Replace with the new export, or keep and choose another name?")
        replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("&Keep", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter keeps what is there
        box.setEscapeButton(keep)

        def answered(_button: object) -> None:
            if box.clickedButton() is replace:
                self.replace_existing = True
                self.accept()

        box.buttonClicked.connect(answered)
        self.replace_question = box
        box.open()  # window-modal to this dialog only; the meeting window stays usable
