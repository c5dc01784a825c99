"""The question bank dock: filter as you type, Enter or double-click logs the question.

The bank is read from the database only once the dock has been shown and painted (or on first
use of the filter), so opening the window never waits for 2,000 questions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import interventions as iv
from alcoach.data import questions as qs
from alcoach.data.meetings import get_meeting
from alcoach.data.records import QuestionRecord
from alcoach.ui.bank.match_delegate import MatchDelegate
from alcoach.ui.bank.question_model import (
    COL_CATEGORY,
    COL_QUESTION,
    QuestionFilterModel,
    QuestionTableModel,
)
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import OwnChange, guarded_write
from alcoach.vocabulary import INTERVENTION_CATEGORIES, category_label

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

if TYPE_CHECKING:
    from alcoach.ui.dialogs.question_dialog import QuestionDialog


class QuestionBankDock(QDockWidget):
    """A dock over the whole bank; `set_meeting` says where chosen questions are logged."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Question bank", parent)
        self.setObjectName("questionBankDock")
        self._ctx = ctx
        self._meeting_id: int | None = None
        self._own = OwnChange()
        self._loaded = False
        self._load_queued = False
        self.dialog: QuestionDialog | None = None

        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter the question bank")
        self.filter.setPlaceholderText("Filter questions (Ctrl+Shift+K)")
        self.filter.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem("All categories", None)
        for key in INTERVENTION_CATEGORIES:
            self.category.addItem(category_label(key), key)
        self.category.setToolTip("Show one category only")
        self.model = QuestionTableModel(self)
        self.proxy = QuestionFilterModel(self)  # the rows the filter keeps
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setAccessibleName("Questions")
        self.view.setModel(self.proxy)
        self._setup_view()
        self._make_actions()

        tools = QHBoxLayout()
        tools.setSpacing(2)
        tools.addWidget(self.category, 1)
        for action in (self.add_action, self.edit_action, self.favourite_action):
            tools.addWidget(self._tool_button(action))
        more = QToolButton()
        more.setText("⋯")
        more.setToolTip("More: archive, show archived")
        more.setAutoRaise(True)
        more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.setToolTipsVisible(True)
        menu.addActions([self.archive_action, self.show_archived_action])
        more.setMenu(menu)
        tools.addWidget(more)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.setWidget(body)

        self.filter.textChanged.connect(self._filter_text_changed)
        self.filter.returnPressed.connect(self.log_current)
        self.filter.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.doubleClicked.connect(self.log_current)
        self.category.currentIndexChanged.connect(self._category_changed)
        ctx.bus.questions_changed.connect(self._questions_changed)

    def _setup_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # two lines per question, every row the same height: a narrow dock still shows most of
        # each question, and no row is measured (2,000 rows, re-laid out per keystroke)
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setItemDelegateForColumn(COL_QUESTION, MatchDelegate(view))  # the filter's words
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() * 2 + 8)
        header = view.horizontalHeader()
        header.hide()
        header.setSectionResizeMode(COL_QUESTION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_CATEGORY, 80)

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _make_actions(self) -> None:
        view, both = [self.view], [self.filter, self.view]
        self.focus_action = make_command(self, "bank_find", self.focus_filter)
        self.log_action = make_command(self, "bank_log", self.log_current, on=view)
        self.add_action = make_command(self, "bank_add", self.add_question, on=both)
        self.edit_action = make_command(self, "bank_edit", self.edit_question, on=view)
        self.favourite_action = make_command(self, "bank_favourite", self.toggle_favourite, on=view)
        self.archive_action = make_command(self, "bank_archive", self.toggle_archived, on=view)
        self.show_archived_action = make_command(
            self, "bank_show_archived", self._show_archived_toggled
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.edit_action)
        self.view.addAction(self.archive_action)

    def commands(self) -> list[QAction]:
        return [
            self.focus_action,
            self.log_action,
            self.add_action,
            self.edit_action,
            self.favourite_action,
            self.archive_action,
            self.show_archived_action,
        ]

    # --- meeting and data ---------------------------------------------------------------------

    def set_meeting(self, meeting_id: int | None) -> None:
        self._meeting_id = meeting_id

    def flush(self) -> None:
        """Nothing waits in a timer here: every change is stored at once."""

    def focus_filter(self) -> None:
        self.ensure_loaded()
        self.show()
        self.raise_()
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _show_archived_toggled(self, *_: object) -> None:
        current = self.current_question()
        self.reload(current.id if current else None)

    @property
    def loaded(self) -> bool:
        return self._loaded

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and not self._load_queued:
            self._load_queued = True  # after the window's first paint, not before it
            QTimer.singleShot(0, self.ensure_loaded)

    def ensure_loaded(self) -> None:
        """Read the bank now if it has not been read yet (the filter's first use needs it)."""
        if not self._loaded:
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        include = self.show_archived_action.isChecked()
        self.model.set_rows(qs.list_questions(include_archived=include))
        self._loaded = True
        if select_id is not None:
            self.select_question(select_id)

    def _filter_text_changed(self, text: str) -> None:
        self.ensure_loaded()
        self.proxy.set_text(text)

    def _category_changed(self, *_: object) -> None:
        self.ensure_loaded()
        self.proxy.set_category(self.category.currentData())

    def select_question(self, question_id: int) -> bool:
        self.ensure_loaded()
        row = self.model.row_for_id(question_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_QUESTION))
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(
            index, flags | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)
        return True

    def _questions_changed(self) -> None:
        if not self._own.active and self._loaded:  # not read yet: it will be read fresh
            current = self.current_question()
            self.reload(current.id if current else None)

    def _announce_questions(self) -> None:
        self._own.announce(self._ctx.bus.questions_changed)

    def current_question(self) -> QuestionRecord | None:
        """The selected question if it is visible, else the first one the filter shows."""
        self.ensure_loaded()
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            index = self.proxy.index(0, COL_QUESTION)
        if not index.isValid():
            return None
        return self.model.record_at(self.proxy.mapToSource(index).row())

    # --- commands -----------------------------------------------------------------------------

    def log_current(self, *_: object) -> None:
        question = self.current_question()
        if question is None:
            return
        if self._meeting_id is None:
            self._ctx.bus.status_message.emit("Open a meeting to log a question.")
            return
        meeting_id = self._meeting_id
        was_started = get_meeting(meeting_id).started_at is not None
        record = guarded_write(
            self._ctx.bus,
            iv.log_intervention,
            meeting_id,
            question.text,
            question_id=question.id,
            clock=self._ctx.meeting_clock,
        )
        if record is None:
            return
        self._ctx.bus.interventions_changed.emit(meeting_id)
        if not was_started:
            self._ctx.bus.timer_changed.emit(meeting_id)
        updated = qs.get_question(question.id)
        self.model.replace_record(updated)  # in place: the list does not jump after each use
        self._announce_questions()
        self._ctx.bus.status_message.emit(f"Logged: {question.text}")
        if self.filter.text():
            self.filter.clear()
            self.select_question(question.id)

    def _selected_or_warn(self) -> QuestionRecord | None:
        question = self.current_question()
        if question is None:
            self._ctx.bus.status_message.emit("Select a question first.")
        return question

    def toggle_favourite(self) -> None:
        question = self._selected_or_warn()
        if question is None:
            return
        if guarded_write(self._ctx.bus, qs.set_favourite, question.id, not question.favourite):
            self.reload(question.id)
            self._announce_questions()

    def toggle_archived(self) -> None:
        question = self._selected_or_warn()
        if question is None:
            return
        if guarded_write(self._ctx.bus, qs.archive_question, question.id, not question.archived):
            self.reload(question.id)
            self._announce_questions()
            done = "put back" if question.archived else "archived (Ctrl+Shift+H shows archived)"
            self._ctx.bus.status_message.emit(f"Question {done}.")

    def add_question(self) -> None:
        self._open_dialog(None)

    def edit_question(self) -> None:
        question = self._selected_or_warn()
        if question is not None:
            self._open_dialog(question)

    def _open_dialog(self, question: QuestionRecord | None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        from alcoach.ui.dialogs.question_dialog import (
            QuestionDialog,  # a dialog's widgets: on first use
        )

        self.dialog = QuestionDialog(question, self)
        if question is None and self.filter.text().strip():
            self.dialog.text_edit.setPlainText(self.filter.text().strip())
        self.dialog.submitted.connect(self._dialog_submitted)
        self.dialog.show()
        self.dialog.text_edit.setFocus()

    def _dialog_submitted(self, text: str, category: str, tags: list[str]) -> None:
        dialog = self.dialog
        assert dialog is not None
        if dialog.question is None:
            saved = guarded_write(self._ctx.bus, qs.add_question, text, category, tags=tags)
        else:
            saved = guarded_write(
                self._ctx.bus,
                qs.update_question,
                dialog.question.id,
                text=text,
                category=category,
                tags=tags,
            )
        if saved is None:
            return  # the dialog stays open with what was typed; the status bar says why
        dialog.accept()
        self.dialog = None
        self.filter.clear()
        self.reload(saved.id)
        self._announce_questions()

    # --- keys ---------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if obj is self.filter and event.key() == Qt.Key.Key_Down:
                self._enter_list()
                return True
            at_top = self.view.currentIndex().row() <= 0
            if obj is self.view and event.key() == Qt.Key.Key_Up and at_top:
                self.filter.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(obj, event)

    def _enter_list(self) -> None:
        self.ensure_loaded()
        if self.proxy.rowCount() == 0:
            return
        index = self.view.currentIndex()
        if not index.isValid():
            index = self.proxy.index(0, COL_QUESTION)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
