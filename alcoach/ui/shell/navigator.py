"""The left dock: note search over the tree of programmes, sets, members and meetings, with the
commands that create and edit them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import meetings, sets
from alcoach.errors import NotFoundError
from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.shell import navigator_model as nm
from alcoach.ui.shell.search import NoteSearch


class NavigatorDock(QDockWidget):
    meeting_selected = Signal(int)  # the selection moved to a meeting (open it, keep focus here)
    meeting_activated = Signal(int)  # clicked or Enter: open it and go to the quick-entry line
    meeting_deleted = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Navigator", parent)
        self.ctx = ctx
        self.setObjectName("navigator")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.open_meeting_id: int | None = None
        self.search = NoteSearch()
        self.model = nm.NavigatorModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("navigator_tree")
        self.tree.setAccessibleName("Programmes, sets and meetings")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the date and the title's end
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.clicked.connect(self._activated)
        self.tree.activated.connect(self._activated)
        self.tree.expanded.connect(self._expanded)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 3)
        # While hits are listed they get most of the height (the tree keeps some rows).
        self.search.results_shown.connect(
            lambda shown: layout.setStretchFactor(self.search, 5 if shown else 0)
        )
        self.setWidget(body)
        self.setMinimumWidth(180)
        self._build_actions()
        self.reload()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        ctx.bus.sets_changed.connect(self.reload)
        ctx.bus.meeting_changed.connect(self._meeting_changed)

    # --- actions --------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        a = make_action
        self.new_programme_action = a(
            self, "New &programme…", "Ctrl+Shift+G", "Create a programme", self.new_programme
        )
        self.new_set_action = a(self, "New &set…", "Ctrl+Shift+N", "Create a set", self.new_set)
        self.edit_item_action = a(
            self,
            "&Edit selected…",
            "F2",
            "Rename or edit the programme, set, member or meeting selected in the navigator",
            self.edit_selected,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.tree.addAction(self.edit_item_action)
        self.archive_set_action = a(
            self,
            "Archive or restore set",
            "Shift+F2",
            "Archive the selected set, or bring an archived one back",
            self.toggle_archive,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.tree.addAction(self.archive_set_action)
        self.add_member_action = a(
            self, "Add &member…", "Ctrl+M", "Add a member to the selected set", self.add_member
        )
        self.edit_member_action = a(
            self, "Edit member…", "Ctrl+Shift+M", "Edit the selected member", self.edit_member
        )
        self.member_active_action = a(
            self,
            "Mark member inactive or active",
            "Ctrl+Shift+W",
            "A member who left stays in past meetings but not in new ones",
            self.toggle_member_active,
        )
        self.new_meeting_action = a(
            self,
            "&New meeting…",
            "Ctrl+N",
            "Start a new meeting of the set",
            self.new_meeting,
        )
        self.rename_meeting_action = a(
            self,
            "&Rename meeting…",
            "Ctrl+Shift+R",
            "Give the meeting a title",
            self.rename_meeting,
        )
        self.delete_meeting_action = a(
            self,
            "&Delete meeting…",
            "Ctrl+Shift+Del",
            "Delete the selected meeting and everything noted in it",
            self.delete_meeting,
        )

    def commands(self) -> list[QAction]:
        return [
            self.new_programme_action,
            self.new_set_action,
            self.edit_item_action,
            self.archive_set_action,
            self.add_member_action,
            self.edit_member_action,
            self.member_active_action,
            self.new_meeting_action,
            self.rename_meeting_action,
            self.delete_meeting_action,
        ]

    # --- the tree -------------------------------------------------------------------------------

    def reload(self) -> None:
        expanded = self._expanded_keys()
        selected = self._selected_key()
        first = not expanded and self.model.rowCount() == 0
        self.tree.setUpdatesEnabled(False)
        self.model.reload()
        for kind, record_id in expanded:
            if kind == nm.SET and record_id is not None:
                self.model.read_set(record_id)  # before expanding: the rows are there at once
            index = self.model.index_for(kind, record_id)
            if index.isValid():
                self.tree.expand(index)
        if first:
            self._expand_defaults()
        key = selected or (nm.MEETING, self.open_meeting_id)
        self._select(*key, quiet=True)
        self.tree.setUpdatesEnabled(True)
        self._update_actions()

    def _expand_defaults(self) -> None:
        """Programmes open, showing their sets; a set opens when the coach (or the open meeting)
        needs it, so years of meetings are not read at start-up; archived sets folded."""
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if nm.kind_of(index) == nm.PROGRAMME:
                self.tree.expand(index)

    def _expanded_keys(self) -> list[tuple[str, int | None]]:
        keys = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    keys.append((nm.kind_of(index), nm.id_of(index)))
                    stack.append(index)
        return keys

    def _selected_key(self) -> tuple[str, int | None] | None:
        index = self.tree.currentIndex()
        return (nm.kind_of(index), nm.id_of(index)) if index.isValid() else None

    def _select(self, kind: str, record_id: int | None, *, quiet: bool) -> None:
        index = self.model.index_for(kind, record_id)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        selection = self.tree.selectionModel()
        blocked = selection.blockSignals(quiet)
        self.tree.setCurrentIndex(index)
        selection.blockSignals(blocked)
        self.tree.scrollTo(index)
        self._update_actions()

    def show_meeting(self, meeting_id: int | None, set_id: int | None = None) -> None:
        """Select the open meeting without opening it again (`set_id`: its set, when known)."""
        self.open_meeting_id = meeting_id
        if meeting_id is not None:
            if set_id is not None:
                self.model.read_set(set_id)
            self._select(nm.MEETING, meeting_id, quiet=True)
        self._update_actions()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if nm.kind_of(current) == nm.MEETING:
            self.meeting_selected.emit(nm.id_of(current))

    def _expanded(self, index: QModelIndex) -> None:
        if nm.kind_of(index) == nm.SET:
            self.model.read_set(nm.id_of(index))

    def _activated(self, index: QModelIndex) -> None:
        if nm.kind_of(index) == nm.MEETING:
            self.meeting_activated.emit(nm.id_of(index))

    def _meeting_changed(self, meeting_id: int) -> None:
        try:
            self.model.update_meeting(meetings.get_meeting(meeting_id))
        except Exception:  # a meeting deleted meanwhile: the next reload tidies up
            return

    def _update_actions(self) -> None:
        index = self.tree.currentIndex()
        kind = nm.kind_of(index)
        has_set = self.current_set_id() is not None
        self.edit_item_action.setEnabled(kind in (nm.PROGRAMME, nm.SET, nm.MEMBER, nm.MEETING))
        self.archive_set_action.setEnabled(kind == nm.SET)
        self.add_member_action.setEnabled(has_set)
        self.new_meeting_action.setEnabled(has_set)
        self.edit_member_action.setEnabled(kind == nm.MEMBER)
        self.member_active_action.setEnabled(kind == nm.MEMBER)
        target = self._meeting_target()
        self.rename_meeting_action.setEnabled(target is not None)
        self.delete_meeting_action.setEnabled(target is not None)

    def current_member_id(self) -> int | None:
        """The member selected in the navigator, if one is."""
        index = self.tree.currentIndex()
        return nm.id_of(index) if nm.kind_of(index) == nm.MEMBER else None

    def current_set_id(self) -> int | None:
        """The set of the navigator's selection, else of the open meeting."""
        set_id = nm.set_id_of(self.tree.currentIndex())
        if set_id is None and self.open_meeting_id is not None:
            index = self.model.index_for(nm.MEETING, self.open_meeting_id)
            set_id = nm.set_id_of(index)
        return set_id

    def _meeting_target(self) -> int | None:
        index = self.tree.currentIndex()
        if nm.kind_of(index) == nm.MEETING:
            return nm.id_of(index)
        return self.open_meeting_id

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        kind = nm.kind_of(index)
        menu = QMenu(self)
        if kind in (nm.SET, nm.MEMBERS, nm.MEMBER, nm.MEETING):
            menu.addAction(self.new_meeting_action)
            menu.addAction(self.add_member_action)
            menu.addSeparator()
        if kind in (nm.PROGRAMME, nm.SET, nm.MEMBER, nm.MEETING):
            menu.addAction(self.edit_item_action)
        if kind == nm.SET:
            menu.addAction(self.archive_set_action)
        if kind == nm.MEMBER:
            menu.addAction(self.member_active_action)
        if kind == nm.MEETING:
            menu.addAction(self.delete_meeting_action)
        menu.addSeparator()
        menu.addAction(self.new_set_action)
        menu.addAction(self.new_programme_action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # --- commands -------------------------------------------------------------------------------

    def new_programme(self) -> None:
        from alcoach.ui.dialogs.programme_dialog import ProgrammeDialog

        dialog = ProgrammeDialog(self.ctx, parent=self.window())
        if dialog.exec() and dialog.saved_programme:
            self._select(nm.PROGRAMME, dialog.saved_programme.id, quiet=True)

    def new_set(self) -> None:
        from alcoach.ui.dialogs.set_dialog import SetDialog

        index = self.tree.currentIndex()
        programme_id = None
        while index.isValid() and programme_id is None:
            if nm.kind_of(index) == nm.PROGRAMME:
                programme_id = nm.id_of(index)
            index = index.parent()
        dialog = SetDialog(self.ctx, parent=self.window(), programme_id=programme_id)
        if dialog.exec() and dialog.saved_set:
            self._select(nm.SET, dialog.saved_set.id, quiet=True)

    def add_member(self) -> None:
        from alcoach.ui.dialogs.member_dialog import MemberDialog

        set_id = self.current_set_id()
        if set_id is None:
            self.ctx.bus.status_message.emit("Create or select a set first (Ctrl+Shift+N).")
            return
        dialog = MemberDialog(self.ctx, set_id, parent=self.window())
        if dialog.exec() and dialog.saved_member:
            self._select(nm.MEMBER, dialog.saved_member.id, quiet=True)

    def edit_member(self) -> None:
        from alcoach.ui.dialogs.member_dialog import MemberDialog

        index = self.tree.currentIndex()
        if nm.kind_of(index) != nm.MEMBER:
            return
        member = sets.get_member(nm.id_of(index))
        dialog = MemberDialog(self.ctx, member.set_id, member, parent=self.window())
        dialog.exec()

    def toggle_member_active(self) -> None:
        index = self.tree.currentIndex()
        if nm.kind_of(index) != nm.MEMBER:
            return
        member = sets.get_member(nm.id_of(index))
        if guarded_write(self.ctx.bus, sets.set_member_active, member.id, not member.active):
            self.ctx.bus.sets_changed.emit()

    def toggle_archive(self) -> None:
        index = self.tree.currentIndex()
        if nm.kind_of(index) != nm.SET:
            return
        learning_set = sets.get_set(nm.id_of(index))
        if guarded_write(
            self.ctx.bus, sets.archive_set, learning_set.id, not learning_set.archived
        ):
            self.ctx.bus.sets_changed.emit()

    def edit_selected(self) -> None:
        index = self.tree.currentIndex()
        kind, record_id = nm.kind_of(index), nm.id_of(index)
        if kind == nm.PROGRAMME:
            from alcoach.ui.dialogs.programme_dialog import ProgrammeDialog

            programme = next(p for p in sets.list_programmes() if p.id == record_id)
            ProgrammeDialog(self.ctx, programme, parent=self.window()).exec()
        elif kind == nm.SET:
            from alcoach.ui.dialogs.set_dialog import SetDialog

            SetDialog(self.ctx, sets.get_set(record_id), parent=self.window()).exec()
        elif kind == nm.MEMBER:
            self.edit_member()
        elif kind == nm.MEETING:
            self.rename_meeting(record_id)

    def new_meeting(self) -> None:
        set_id = self.current_set_id()
        if set_id is None:
            self.ctx.bus.status_message.emit("Create or select a set first (Ctrl+Shift+N).")
            return
        from alcoach.ui.dialogs.new_meeting_dialog import NewMeetingDialog

        dialog = NewMeetingDialog(self.ctx, set_id, self.window())
        dialog.exec()
        created = getattr(dialog, "created_meeting_id", None)
        if created is not None:
            self.ctx.bus.sets_changed.emit()
            self.meeting_activated.emit(created)

    def rename_meeting(self, meeting_id: int | None = None) -> None:
        meeting_id = meeting_id or self._meeting_target()
        if meeting_id is None:
            return
        from PySide6.QtWidgets import QInputDialog  # dialogs' enums: on first use, not at start

        meeting = meetings.get_meeting(meeting_id)
        title, ok = QInputDialog.getText(
            self.window(),
            "Rename meeting",
            f"Title of the meeting on {meeting.date}:",
            text=meeting.title,
        )
        if ok and guarded_write(self.ctx.bus, meetings.update_meeting, meeting_id, title=title):
            self.ctx.bus.meeting_changed.emit(meeting_id)

    def delete_meeting(self) -> None:
        meeting_id = self._meeting_target()
        if meeting_id is None:
            return
        from PySide6.QtWidgets import QMessageBox  # dialogs' enums: on first use, not at start

        meeting = meetings.get_meeting(meeting_id)
        answer = QMessageBox.warning(
            self.window(),
            "Delete meeting",
            f"Delete the meeting {meeting.label} of {meeting.set_name}, with its interventions, "
            "tallies, feedback, actions and learnings? This cannot be undone here (the daily "
            "backup still holds it).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        guarded_write(self.ctx.bus, meetings.delete_meeting, meeting_id)  # returns None either way
        if not self._gone(meeting_id):
            return
        self.meeting_deleted.emit(meeting_id)
        self.ctx.bus.sets_changed.emit()

    @staticmethod
    def _gone(meeting_id: int) -> bool:
        try:
            meetings.get_meeting(meeting_id)
        except NotFoundError:
            return True
        return False
