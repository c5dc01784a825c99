"""One attendee's row in the roster: name, skill, tally buttons with counts, the ratio, and
the one-line note field that opens when their leadership skill is seen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton

from alcoach.data.records import AttendeeRecord, TallyCounts
from alcoach.formatting import questions_per_statement
from alcoach.ui.kit.action_factory import shortcut_text
from alcoach.ui.kit.commands import ROSTER_KEYED, TALLY_KEYS

MAX_KEYED_MEMBERS = ROSTER_KEYED

# kind -> (button label, what the coach saw, the roster mode's key)
KINDS: dict[str, tuple[str, str, str]] = {
    kind: (label, saw, TALLY_KEYS[kind])
    for kind, label, saw in (
        ("question", "Q", "asked a question"),
        ("statement", "S", "made a statement"),
        ("insightful", "Ins", "asked an insightful question"),
        ("skill", "Skill", "used their leadership skill (a note line opens)"),
    )
}
KIND_NAMES = {
    "question": "question",
    "statement": "statement",
    "insightful": "insightful question",
    "skill": "skill seen",
}


def format_ratio(counts: TallyCounts) -> str:
    return questions_per_statement(counts.question + counts.insightful, counts.statement)


class MemberRow(QFrame):
    """One attendee: name, skill and ratio; the tally buttons under them; the skill note line.

    It says what the coach clicked (`name_clicked`, `tally_clicked`); the roster acts on it.
    """

    name_clicked = Signal(int)  # the member's id
    tally_clicked = Signal(int, str)  # the row's number in the roster, the tally kind

    def __init__(self, n: int, attendee: AttendeeRecord) -> None:
        super().__init__()
        self.setObjectName(f"member_row_{n}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.member = attendee.member
        self.n = n
        first = self.member.name.split()[0] if self.member.name.strip() else self.member.name
        self.number = QLabel(str(n) if n <= MAX_KEYED_MEMBERS else "")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setEnabled(False)
        self.name = QToolButton()
        self.name.setObjectName(f"member_name_{n}")
        self.name.setText(self.member.name)
        self.name.setCheckable(True)
        self.name.setAutoRaise(True)
        self.name.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.name.setToolTip(f"Write feedback for {self.member.name}")
        self.name.clicked.connect(lambda: self.name_clicked.emit(self.member.id))
        detail = []
        if attendee.presenter:
            detail.append("presenting")
            font = self.name.font()
            font.setBold(True)
            self.name.setFont(font)
        if self.member.leadership_skill:
            detail.append(f"skill: {self.member.leadership_skill}")
        self.skill = QLabel(" · ".join(detail))
        self.skill.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.skill.setObjectName(f"member_skill_{n}")
        self.skill.setWordWrap(True)
        self.skill.setEnabled(False)  # drawn in the palette's quieter colour
        self.skill.setToolTip(self.member.leadership_skill or "No leadership skill chosen yet")
        self.buttons: dict[str, QToolButton] = {}
        for kind, (label, saw, key) in KINDS.items():
            button = QToolButton()
            button.setObjectName(f"tally_{kind}_{n}")
            button.setProperty("kind_label", label)
            shown = (
                f" ({shortcut_text([f'Ctrl+{n}'])}, then {key})" if n <= MAX_KEYED_MEMBERS else ""
            )
            button.setToolTip(f"{first} {saw}{shown}")
            button.setAutoRaise(False)
            button.clicked.connect(lambda _c=False, k=kind: self.tally_clicked.emit(self.n, k))
            self.buttons[kind] = button
        self.ratio = QLabel()
        self.ratio.setObjectName(f"ratio_{n}")
        self.ratio.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.ratio.setToolTip("Questions (insightful ones included) per statement")
        self.ratio.setMinimumWidth(self.ratio.fontMetrics().horizontalAdvance("Q:S all Q "))
        self.note = QLineEdit()
        self.note.setObjectName(f"skill_note_{n}")
        self.note.setAccessibleName(f"Skill seen: note on {self.member.name}")
        self.note.setPlaceholderText(f"Skill seen: what did {first} do? (Enter keeps, Esc skips)")
        self.note.setToolTip("A one-line note on the skill seen: Enter keeps it, Esc leaves it out")
        self.note.hide()
        self.note_tally_id: int | None = None
        self.counts = TallyCounts(member_id=self.member.id)

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.skill, 0, 2, 1, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(3)
        for button in self.buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 1, 1, 2)
        grid.addWidget(self.ratio, 1, 3)
        grid.addWidget(self.note, 2, 1, 1, 3)
        grid.setColumnStretch(2, 1)

    def show_counts(self, counts: TallyCounts) -> None:
        self.counts = counts
        for kind, button in self.buttons.items():
            button.setText(f"{button.property('kind_label')} {getattr(counts, kind)}")
        self.ratio.setText(f"Q:S {format_ratio(counts)}")
