"""Add or edit a set member; the leadership skill is picked from the built-in list or typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from alcoach.data import sets
from alcoach.data.records import MemberRecord
from alcoach.resources import load_leadership_skills
from alcoach.ui.context import AppContext
from alcoach.ui.dialogs.base import FormDialog


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
        self.saved_member: MemberRecord | None = None
        self.name.setFocus()

    def store(self) -> bool:
        fields = {
            "role": self.role.text(),
            "organisation": self.organisation.text(),
            "leadership_skill": self.skill.currentText().strip(),
        }
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
        return result is not None
