"""Edit > Erase member… (Ctrl+Shift+F2): a member's erasure at their request, from the window.

The dialog says first what will go (their feedback, private notes, tally notes, consents, their
name in the notes), shows the words that only look like the name for the coach to tick, and says
that backups made before still hold the name, offering to remove them. The erasure runs as an
import does: the window paused, the work on its own connection off the UI thread; then every
panel reads the notes again and the meeting's undo forgets its steps (they hold the old texts).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.tasks import ProgressRelay, run_in_background
from alcoach.ui.kit.window_host import WindowHost

if TYPE_CHECKING:
    from alcoach.data.erasure import ErasurePlan


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class EraseDialog(QDialog):
    def __init__(self, plan: ErasurePlan, backups: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("erase_dialog")
        self.setWindowTitle(f"Erase {plan.name}")
        self.setMinimumWidth(560)
        gone = [
            _count(plan.feedback, "feedback record", "feedback records"),
            _count(plan.consents, "consent record", "consent records"),
            _count(plan.tally_notes, "tally note", "tally notes"),
        ]
        text = (
            f"<p><b>{_escape(plan.name)}</b> will be erased from {_escape(plan.set_name)} and "
            f"shown as <b>{_escape(plan.pseudonym)}</b> on every copy of your notes.</p>"
            f"<p>Removed: {', '.join(gone)}. Their name is taken out of "
            f"{_count(plan.notes, 'note', 'notes')}. The set's counts, ratings and attendance "
            "keep their history. This cannot be undone.</p>"
        )
        intro = QLabel(text, objectName="erase_summary", wordWrap=True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.review = QListWidget(objectName="erase_review")
        self.review.setAccessibleName("Words that look like the name")
        self.review.setMaximumHeight(150)
        for r in plan.review:
            item = QListWidgetItem(f"{r.word} ({r.count}×): {r.example}")
            item.setData(Qt.ItemDataRole.UserRole, r.word)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.review.addItem(item)
        if plan.review:
            layout.addWidget(QLabel("These words only look like the name; tick those to replace "
                                    "too:", wordWrap=True))  # fmt: skip
            layout.addWidget(self.review)
        self.remove_backups = QCheckBox(
            f"Also remove the {_count(backups, 'backup', 'backups')} made before, which still "
            f"{'holds' if backups == 1 else 'hold'} the name", objectName="erase_remove_backups",
        )  # fmt: skip
        if backups:
            layout.addWidget(self.remove_backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton("&Erase", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setFocus()  # Enter does not erase

    def also(self) -> set[str]:
        return {
            self.review.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.review.count())
            if self.review.item(i).checkState() == Qt.CheckState.Checked
        }


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def erase_work(db_path: Path, member_id: int, also: set[str], name: str, remove: list[Path],
               progress=None) -> tuple[str, int]:  # fmt: skip
    """Off the UI thread, on its own connection: erase, purge the traces, scrub the log."""
    from alcoach.data.db import thread_connection
    from alcoach.data.erasure import erase_member, purge_traces, remove_backups, scrub_log_files

    with thread_connection():
        label = erase_member(member_id, also=also, progress=progress)
        purge_traces()
    scrub_log_files(db_path.parent, name, label)
    return label, remove_backups(remove)


class EraseAction:
    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.dialog: EraseDialog | None = None
        self.action: QAction = make_action(
            window,  # type: ignore[arg-type]
            "E&rase member…", "Ctrl+Shift+F2",
            "Erase the selected member at their request: their name out of every note",
            self.ask, name="erase_member",
        )  # fmt: skip

    def ask(self, member_id: int | None = None) -> None:
        from alcoach.data.erasure import backups_before, plan_erasure
        from alcoach.errors import AlcoachError

        member_id = member_id or self.window.navigator.current_member_id()
        ctx = self.window.ctx
        if member_id is None:
            ctx.bus.status_message.emit("Select the member to erase in the navigator first.")
            return
        try:
            plan = plan_erasure(member_id)
        except AlcoachError as exc:
            ctx.bus.status_message.emit(str(exc))
            return
        backups = backups_before(ctx.db_path)
        self.dialog = EraseDialog(plan, len(backups), self.window)  # type: ignore[arg-type]
        if self.dialog.exec():
            remove = backups if self.dialog.remove_backups.isChecked() else []
            self.run(plan, self.dialog.also(), remove)

    def run(self, plan: ErasurePlan, also: set[str], remove: list[Path]) -> None:
        from alcoach.ui.meeting.meeting_undo import meeting_undo

        data = self.window.data_actions  # type: ignore[attr-defined]
        if data._refuse_while_busy():
            return
        data._exclusive = "erasure"
        data._update_actions()
        data.pause.start()
        data.busy.start(f"Erasing {plan.name}…")
        meeting_undo(self.window.ctx).stack.clear()  # its steps hold texts with the name
        db_path = self.window.ctx.db_path
        self.progress = ProgressRelay()
        self.progress.moved.connect(
            lambda done, total: data.busy.say(f"Erasing {plan.name}: {done:,} of {total:,} notes")
        )
        moved = self.progress.moved.emit
        run_in_background(
            lambda: erase_work(
                db_path,
                plan.member_id,
                also,
                plan.name,
                remove,
                lambda _what, done, total: moved(done, total),
            ),
            on_success=lambda done: self._done(*done, len(remove)),
            on_failure=self._failed,
        )

    def _done(self, label: str, removed: int, asked: int) -> None:
        data = self.window.data_actions  # type: ignore[attr-defined]
        data._reload_window()
        data._end_exclusive()
        said = f"Erased: the member is now {label} everywhere in your notes."
        if asked:
            said += f" {_count(removed, 'backup', 'backups')} made before removed."
        else:
            said += " Backups made before still hold the name."
        self.window.ctx.bus.status_message.emit(said)

    def _failed(self, exc: BaseException) -> None:
        from alcoach.ui.shell.data_work import sentence

        data = self.window.data_actions  # type: ignore[attr-defined]
        data._end_exclusive()
        text = sentence(exc, "The erasure")
        data._tell("The member was not erased.", text)
        self.window.ctx.bus.status_message.emit(text)


def install_erase_action(window: WindowHost) -> EraseAction:
    erase = EraseAction(window)
    edit = window.menus["Edit"]
    edit.insertAction(window.navigator.member_active_action, erase.action)  # beside it
    window.addActions([erase.action])  # type: ignore[attr-defined]
    return erase
