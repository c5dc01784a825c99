"""Add or edit a set member; the leadership skill is picked from the built-in list or typed.

Adding, the coach can give several members at once: "Several at once…", or paste a list of lines
into the name, opens a box of one member a line with a role after a comma.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from alcoach.data import sets
from alcoach.data.member_lists import add_members, parse_member_lines
from alcoach.data.records import MemberRecord
from alcoach.resources import load_leadership_skills
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext


class MemberDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        set_id: int,
        member: MemberRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        set_name = sets.get_set(set_id).name
        title = f"Edit {member.name}" if member else f"Add a member to {set_name}"
        super().__init__(ctx, title, parent)
        self.set_id = set_id
        self.member = member
        self.name = QLineEdit(member.name if member else "")
        self.role = QLineEdit(member.role if member else "")
        self.organisation = QLineEdit(member.organisation if member else "")
        self.skill = QComboBox()
        self.skill.setEditable(True)
        self.skill.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.skill.addItem("")
        for skill in load_leadership_skills():
            self.skill.addItem(skill.name)
            self.skill.setItemData(
                self.skill.count() - 1, skill.description, Qt.ItemDataRole.ToolTipRole
            )
        self.skill.setEditText(member.leadership_skill if member else "")
        self.skill.lineEdit().setPlaceholderText("Pick one or type your own")
        self.active = QCheckBox("Takes part in meetings")
        self.active.setChecked(member.active if member else True)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Role:", self.role)
        self.form.addRow("&Organisation:", self.organisation)
        self.form.addRow("&Leadership skill:", self.skill)
        if member is not None:
            self.form.addRow("", self.active)
        from alcoach.ui.dialogs.consent_box import ConsentBox

        self.consent = ConsentBox(member.id if member else None)
        self.form.addRow(self.consent)
        self.saved_member: MemberRecord | None = None
        self.saved_members: list[MemberRecord] = []
        self.names = QPlainTextEdit()
        self.names.setObjectName("member_list")
        self.names.setAccessibleName("Members, one a line")
        self.names.setPlaceholderText(
            "One member a line, a role after a comma:\nDana Whitfield, Ward manager\nKofi Mensah"
        )
        self.names.textChanged.connect(self._show_list)
        self.listed = QLabel()
        self.listed.setObjectName("member_list_preview")
        self.listed.setWordWrap(True)
        self.listed.setTextFormat(Qt.TextFormat.PlainText)
        if member is None:
            several = QPushButton("&Several at once…")
            several.setToolTip("Type or paste a list: one member a line, a role after a comma")
            several.clicked.connect(lambda: self.list_mode(self.name.text()))
            self.form.addRow("", several)
            self.form.addRow("&Members:", self.names)
            self.form.addRow("", self.listed)
            self.form.setRowVisible(self.names, False)
            self.form.setRowVisible(self.listed, False)
            self._several = several
            self.name.installEventFilter(self)
        self.name.setFocus()

    # --- several at once ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A list pasted into the name becomes the list of members to add."""
        if (
            watched is self.name
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            pasted = QGuiApplication.clipboard().text()
            if len(parse_member_lines(pasted)) > 1:
                self.list_mode(pasted)
                return True
        return super().eventFilter(watched, event)

    def list_mode(self, text: str = "") -> None:
        for field in (
            self.name, self.role, self.organisation, self.skill, self._several, self.consent,
        ):  # fmt: skip
            self.form.setRowVisible(field, False)
        self.form.setRowVisible(self.names, True)
        self.form.setRowVisible(self.listed, True)
        self.names.setPlainText(text)
        self.names.moveCursor(self.names.textCursor().MoveOperation.End)
        self.names.setFocus()
        self.setWindowTitle(self.windowTitle().replace("Add a member", "Add members"))
        self._show_list()

    def in_list_mode(self) -> bool:
        return self.names.isVisibleTo(self)

    def _show_list(self) -> None:
        members = parse_member_lines(self.names.toPlainText())
        shown = ", ".join(f"{m.name} ({m.role})" if m.role else m.name for m in members)
        count = f"{len(members)} member{'s' if len(members) != 1 else ''}"
        self.listed.setText(f"{count}: {shown}" if members else "Nobody yet.")

    def store(self) -> bool:
        fields = {
            "role": self.role.text(),
            "organisation": self.organisation.text(),
            "leadership_skill": self.skill.currentText().strip(),
        }
        if self.member is None and self.in_list_mode():
            members = parse_member_lines(self.names.toPlainText())
            if not members:
                self.show_error("Type at least one name, one member a line.")
                return False
            added = self.attempt(add_members, self.set_id, members)
            self.saved_members = added or []
            self.saved_member = self.saved_members[0] if self.saved_members else None
            return added is not None
        if self.member is None:
            result = self.attempt(sets.add_member, self.set_id, self.name.text(), **fields)
        else:
            result = self.attempt(
                sets.update_member,
                self.member.id,
                name=self.name.text(),
                active=self.active.isChecked(),
                **fields,
            )
        self.saved_member = result
        if result is None:
            return False
        if self.member is None:
            self.member = result  # a second OK (after a refused consent) edits, not adds again
        return self.attempt(self.consent.keep, result.id) is not None
