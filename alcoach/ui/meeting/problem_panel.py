"""The problem in rounds: the presenter's statement, each member's version, the agreement poll
(yes / no / close per member) and the agreed reframing. Everything is saved as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import problems
from alcoach.data.records import AttendeeRecord
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import attending, bring_forward, roster_key, section_label
from alcoach.ui.kit.saving import DebouncedSaver, OwnChange, guarded_write

VOTES = (("yes", "Yes"), ("close", "Close"), ("no", "No"))
Key = tuple[str, int | None]  # (kind, member id)
# a chosen vote must be visible from across the table, in light and dark palettes alike
VOTE_STYLE = {
    vote: f"QToolButton:checked {{ background: {colour}; color: white; font-weight: 600; }}"
    for vote, colour in (("yes", "#2e7d32"), ("close", "#b26a00"), ("no", "#c62828"))
}


def _text_box(lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    height = QFontMetrics(box.font()).lineSpacing() * lines + 12
    box.setMinimumHeight(height)
    box.setMaximumHeight(height + QFontMetrics(box.font()).lineSpacing() * 2)
    return box


class ProblemPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("problem_panel")
        self.meeting_id: int | None = None
        self.round = 1
        self._rounds = 1
        self._attendees: list[AttendeeRecord] = []
        self._roster: tuple = ()
        self._ids: dict[Key, int] = {}
        self._dirty: set[Key] = set()
        self._loading = False
        self._own = OwnChange()
        self._saver = DebouncedSaver(self._save, parent=self)
        self.editors: dict[Key, QPlainTextEdit] = {}
        self.vote_buttons: dict[int, dict[str, QToolButton]] = {}

        self.round_picker = QComboBox()
        self.round_picker.setObjectName("problem_round")
        self.round_picker.setToolTip("Which round of problem statements you see")
        self.round_picker.currentIndexChanged.connect(self._round_picked)
        self.new_round_action = make_command(self, "problem_new_round", self.new_round)
        new_round = QPushButton("New round")
        new_round.setToolTip(self.new_round_action.toolTip())
        new_round.clicked.connect(self.new_round)
        self.poll_summary = QLabel()
        self.poll_summary.setObjectName("poll_summary")
        top = QHBoxLayout()
        top.addWidget(QLabel("Round"))
        top.addWidget(self.round_picker)
        top.addWidget(new_round)
        top.addStretch(1)
        top.addWidget(self.poll_summary)

        self.presenter_box = _text_box(3, "The presenter's own words for the problem")
        self.presenter_box.setObjectName("problem_presenter")
        self.presenter_box.setAccessibleName("The presenter's statement of the problem")
        self.agreed_box = _text_box(2, "The reframing the set agrees on")
        self.agreed_box.setObjectName("problem_agreed")
        self.agreed_box.setAccessibleName("The agreed statement of the problem")
        for key, box in (
            (("presenter", None), self.presenter_box),
            (("agreed", None), self.agreed_box),
        ):
            self._watch(key, box)
        self.presenter_heading = section_label("Presenter's statement")

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.presenter_heading)
        body_layout.addWidget(self.presenter_box)
        body_layout.addWidget(section_label("Each member's version · Do we agree on the problem?"))
        body_layout.addWidget(self._grid_host)
        body_layout.addWidget(section_label("Agreed reframing"))
        body_layout.addWidget(self.agreed_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Problem statements and the poll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        ctx.bus.problems_changed.connect(self._on_problems_changed)
        ctx.bus.meeting_changed.connect(self._on_meeting_changed)
        self.set_meeting(None)

    # --- contract ---------------------------------------------------------------------------

    def commands(self) -> list[QAction]:
        return [self.new_round_action]

    def flush(self) -> None:
        self._saver.flush()

    def set_meeting(self, meeting_id: int | None) -> None:
        self.flush()
        self.meeting_id = meeting_id
        self._attendees = attending(meeting_id) if meeting_id is not None else []
        self._roster = roster_key(self._attendees)
        self._rounds = problems.current_round(meeting_id) if meeting_id is not None else 1
        self.round = self._rounds
        self._build_rows()
        self._fill_rounds()
        self.setEnabled(meeting_id is not None)

    def select_record(self, statement_id: int) -> None:
        for record in self._statements():
            if record.id == statement_id:
                self.show_round(record.round)
                key: Key = (record.kind, record.member_id if record.kind == "member" else None)
                if key in self.editors:
                    self.editors[key].setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # --- rounds -----------------------------------------------------------------------------

    def new_round(self) -> None:
        if self.meeting_id is None:
            return
        self.flush()
        self._rounds = max(self._rounds, self.round) + 1
        self._fill_rounds(self._rounds)
        bring_forward(self)
        self.ctx.bus.status_message.emit(f"Problem statements: round {self._rounds} started.")

    def show_round(self, number: int) -> None:
        self._fill_rounds(number)

    def _fill_rounds(self, show: int | None = None) -> None:
        self.round_picker.blockSignals(True)
        self.round_picker.clear()
        for number in range(1, self._rounds + 1):
            self.round_picker.addItem(f"{number}", number)
        self.round_picker.setCurrentIndex((show or self.round) - 1)
        self.round_picker.blockSignals(False)
        self._round_picked(self.round_picker.currentIndex())

    def _round_picked(self, index: int) -> None:
        self.flush()
        self.round = index + 1 if index >= 0 else 1
        self._load()

    # --- rows -------------------------------------------------------------------------------

    def _watch(self, key: Key, box: QPlainTextEdit) -> None:
        self.editors[key] = box
        box.textChanged.connect(lambda key=key: self._edited(key))
        self._saver.watch(box)

    def _build_rows(self) -> None:
        for key in [k for k in self.editors if k[0] == "member"]:
            del self.editors[key]
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.vote_buttons = {}
        for line, attendee in enumerate(self._attendees):
            member = attendee.member
            name = QLabel(member.name + (" (presenter)" if attendee.presenter else ""))
            name.setWordWrap(True)
            box = _text_box(2, f"{member.name.split()[0]}'s version of the problem")
            box.setObjectName(f"problem_member_{member.id}")
            box.setAccessibleName(f"{member.name}'s version of the problem")
            self._watch(("member", member.id), box)
            votes = QHBoxLayout()
            votes.setSpacing(2)
            holder = QWidget()
            holder.setLayout(votes)
            self.vote_buttons[member.id] = {}
            for vote, label in VOTES:
                button = QToolButton()
                button.setText(label)
                button.setCheckable(True)
                button.setObjectName(f"vote_{vote}_{member.id}")
                button.setStyleSheet(VOTE_STYLE[vote])
                button.setToolTip(f"{member.name}: {label.lower()} (click again to clear)")
                button.clicked.connect(
                    lambda checked, mid=member.id, v=vote: self._vote(mid, v if checked else None)
                )
                votes.addWidget(button)
                self.vote_buttons[member.id][vote] = button
            self._grid.addWidget(name, line, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(box, line, 1)
            self._grid.addWidget(holder, line, 2, Qt.AlignmentFlag.AlignTop)

    # --- loading and saving -----------------------------------------------------------------

    def _statements(self) -> list:
        return problems.list_problem_statements(self.meeting_id) if self.meeting_id else []

    def _load(self) -> None:
        statements = self._statements()
        self._ids = {}
        texts: dict[Key, str] = {}
        earlier_presenter = ""
        for record in statements:
            if record.kind == "agreed":
                self._ids[("agreed", None)] = record.id  # the latest agreed wording wins
                texts[("agreed", None)] = record.text
            elif record.round == self.round:
                key: Key = (record.kind, record.member_id if record.kind == "member" else None)
                self._ids.setdefault(key, record.id)
                texts.setdefault(key, record.text)
            elif record.kind == "presenter" and record.round < self.round:
                earlier_presenter = record.text
        self._loading = True
        try:
            for key, box in self.editors.items():
                box.setPlainText(texts.get(key, ""))
        finally:
            self._loading = False
        self._dirty.clear()
        self._saver.cancel()
        self.presenter_box.setPlaceholderText(
            f"Earlier round: {earlier_presenter}"
            if earlier_presenter
            else "The presenter's own words for the problem"
        )
        self._load_votes()

    def _load_votes(self) -> None:
        votes = {}
        if self.meeting_id is not None:
            votes = {
                v.member_id: v.vote
                for v in problems.list_poll_votes(self.meeting_id)
                if v.round == self.round
            }
        for member_id, buttons in self.vote_buttons.items():
            for vote, button in buttons.items():
                button.setChecked(votes.get(member_id) == vote)
        tally = {vote: sum(1 for v in votes.values() if v == vote) for vote, _ in VOTES}
        waiting = len(self.vote_buttons) - len(votes)
        self.poll_summary.setText(
            f"Agree? yes {tally['yes']} · close {tally['close']} · no {tally['no']}"
            + (f" · {waiting} to ask" if waiting > 0 else "")
        )

    def _edited(self, key: Key) -> None:
        if not self._loading and self.meeting_id is not None:
            self._dirty.add(key)
            self._saver.touch()

    def _save(self) -> None:
        if self.meeting_id is None:
            return
        wrote = False
        for key in sorted(self._dirty, key=str):
            text = self.editors[key].toPlainText()
            kind, member_id = key
            if key in self._ids:
                result = guarded_write(
                    self.ctx.bus, problems.update_problem_statement, self._ids[key], text
                )
            elif text:
                if kind == "presenter":
                    presenter = next((a for a in self._attendees if a.presenter), None)
                    member_id = presenter.member.id if presenter else None
                result = guarded_write(
                    self.ctx.bus,
                    problems.add_problem_statement,
                    self.meeting_id,
                    kind,
                    text,
                    member_id=member_id,
                    round=self.round,
                )
                if result is not None:
                    self._ids[key] = result.id
            else:
                continue
            if result is None:
                return  # keep the rest dirty; what was typed stays on screen
            self._dirty.discard(key)
            wrote = True
        if wrote:
            self._announce()

    def _vote(self, member_id: int, vote: str | None) -> None:
        if self.meeting_id is None:
            return
        guarded_write(
            self.ctx.bus, problems.record_poll_vote, self.meeting_id, self.round, member_id, vote
        )
        self._load_votes()
        self._announce()

    def _announce(self) -> None:
        self._own.announce(self.ctx.bus.problems_changed, self.meeting_id)

    def _on_problems_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and not self._own.active and not self._saver.pending:
            self._rounds = max(self._rounds, problems.current_round(meeting_id))
            self._fill_rounds(self.round)

    def _on_meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and roster_key(attending(meeting_id)) != self._roster:
            self.set_meeting(meeting_id)
