"""One undo for the open meeting: every edit a coach makes to it is a step on one QUndoStack.

A panel writes through its data service as before, then pushes the step (`push_added`,
`push_deleted`, `push_change`): the step is already done, so the push does not write again. Undo
and redo write through the same data services and announce the change on the bus, so every panel
shows the state from its usual signal. The Edit menu's Undo and Redo (alcoach.ui.shell.undo_keys)
are made from this stack and named by it.

The stack holds the steps of the meeting on screen only: it is cleared when another meeting
opens (or none), because a step of a meeting no longer shown would change what the coach cannot
see, and Ctrl+Z must never reach behind the screen.

Each step names the records it writes by kind and uid (`refs`), so an import can tell which steps
it made invalid (alcoach.ui.meeting.undo_after_import): those are dropped, never undone over
merged data.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QUndoCommand, QUndoStack

from alcoach.data.op_changes import Ref
from alcoach.data.record_refs import ref_of
from alcoach.errors import AlcoachError, NotFoundError
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import OwnChange

log = logging.getLogger(__name__)

TEXT_WIDTH = 30  # characters of a note named in Undo's menu text


def quoted(text: str, width: int = TEXT_WIDTH) -> str:
    """A note's first line in quotes, cut at a word with an ellipsis when it is long."""
    line = " ".join(text.split())
    if len(line) > width:
        cut = line[: width - 1]
        word_end = cut.rfind(" ")
        if word_end >= width // 2:
            cut = cut[:word_end]
        line = cut.rstrip() + "…"
    return f"“{line}”"


Refs = Callable[[], Iterable[Ref]]  # the records a step writes, asked only when needed


class MeetingStep(QUndoCommand):
    """A step already done when pushed; undo and redo are callables that write and announce."""

    def __init__(
        self,
        text: str,
        undo: Callable[[], object],
        redo: Callable[[], object],
        on_failure: Callable[[str], None],
        refs: Refs,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self._undo = undo
        self._redo = redo
        self._on_failure = on_failure
        self.refs = refs
        self._pushed = False
        self.silent_undo = False  # put back on a rebuilt stack as undone already

    def again(self, parent: QUndoCommand | None = None) -> MeetingStep:
        """The same step, to be pushed onto a rebuilt stack (done already)."""
        return MeetingStep(self.text(), self._undo, self._redo, self._on_failure, self.refs, parent)

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(): the panel has written it already
            self._pushed = True
            return
        self._run(self._redo, "redone")

    def undo(self) -> None:
        if self.silent_undo:
            self.silent_undo = False
            return
        self._run(self._undo, "undone")

    def _run(self, write: Callable[[], object], done: str) -> None:
        # The log names the kind of step only ("Log", "Delete"): its text quotes the coach's words.
        kind = self.text().split(" ", 1)[0]
        try:
            write()
        except NotFoundError:  # the record went underneath (deleted elsewhere, a merge, ...)
            log.info("a %s step could not be %s: its record is gone", kind, done)
            self._fail(f"{self.text()} could not be {done}: it was deleted meanwhile.")
        except AlcoachError as exc:  # refused as it stands now (a member who left the set, ...)
            log.info("a %s step could not be %s: %s", kind, done, type(exc).__name__)
            self._fail(f"{self.text()} could not be {done}: {exc}")
        except Exception:  # a full disk, a locked file: said once, never a traceback
            log.exception("a %s step could not be %s", kind, done)
            self._fail(f"{self.text()} could not be {done}: the data could not be written.")

    def _fail(self, sentence: str) -> None:
        self.setObsolete(True)  # the stack drops a step it cannot take; the others stay
        self._on_failure(sentence)


class MeetingUndo(QObject):
    """The open meeting's QUndoStack, one per context (parented to its bus)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.bus)
        self.setObjectName("meeting_undo")
        self._ctx = ctx
        self.stack = QUndoStack(self)
        self.meeting_id: int | None = None

    def open(self, meeting_id: int | None) -> None:
        """The meeting on screen changed: its steps start afresh (see the module's docstring)."""
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.stack.clear()

    def push(
        self, text: str, undo: Callable[[], object], redo: Callable[[], object], refs: Refs
    ) -> None:
        self.stack.push(MeetingStep(text, undo, redo, self._failed, refs))

    @contextlib.contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Steps pushed inside are one step (several rows deleted at once)."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    def _failed(self, sentence: str) -> None:
        self._ctx.bus.status_message.emit(sentence)

    def announcing(
        self, signal: SignalInstance, meeting_id: int, write: Callable[[], Any], panel: Shown
    ) -> Callable[[], Any]:
        """`write`, then `saved` and `signal(meeting_id)`, so every panel shows the result. The
        panel that made the step may show it itself (`panel.show`), cheaper than a reload, and
        then announces it as its own (`panel.own`), so it does not reload either."""

        def run() -> Any:
            result = write()
            self._ctx.bus.saved.emit()
            if panel.show is not None:
                panel.show(result)
            if panel.own is not None:
                panel.own.announce(signal, meeting_id)
            else:
                signal.emit(meeting_id)
            return result

        return run


class Shown(NamedTuple):
    """How the panel that made a step shows its undo and redo (see `MeetingUndo.announcing`)."""

    show: Callable[[Any], None] | None = None  # given what the write returned
    own: OwnChange | None = None


RELOAD = Shown()  # every panel reloads from the signal


def meeting_undo(ctx: AppContext) -> MeetingUndo:
    found = ctx.bus.findChild(MeetingUndo, "meeting_undo")
    return found if found is not None else MeetingUndo(ctx)


def push_change(
    ctx: AppContext,
    text: str,
    signal: SignalInstance,
    meeting_id: int,
    undo: Callable[[], object],
    redo: Callable[[], object],
    *,
    refs: Refs,
    undone: Shown = RELOAD,
    redone: Shown = RELOAD,
) -> None:
    """A step whose undo and redo the caller writes (an edit: the old and the new values);
    `refs` names the records they write."""
    undo_stack = meeting_undo(ctx)
    undo_stack.push(
        text,
        undo_stack.announcing(signal, meeting_id, undo, undone),
        undo_stack.announcing(signal, meeting_id, redo, redone),
        refs,
    )


def push_added(
    ctx: AppContext,
    text: str,
    signal: SignalInstance,
    record: Any,
    delete: Callable[[int], Any],
    restore: Callable[[Any], Any],
    *,
    removed: Shown = RELOAD,
    restored: Shown = RELOAD,
) -> None:
    """A record just written: undo deletes it (keeping what it holds then), redo puts that back
    with its id. `removed` and `restored` are told the record deleted and the record put back."""
    take_away, put_back = _record_moves(record, delete, restore)
    ref = ref_of(record)
    push_change(
        ctx, text, signal, record.meeting_id, take_away, put_back,
        refs=lambda: (ref,), undone=removed, redone=restored,
    )  # fmt: skip


def push_deleted(
    ctx: AppContext,
    text: str,
    signal: SignalInstance,
    record: Any,
    delete: Callable[[int], Any],
    restore: Callable[[Any], Any],
    *,
    removed: Shown = RELOAD,
    restored: Shown = RELOAD,
) -> None:
    """A record just deleted (`record` as the delete returned it): undo puts it back with its id
    and links, redo deletes it again."""
    take_away, put_back = _record_moves(record, delete, restore)
    ref = ref_of(record)
    push_change(
        ctx, text, signal, record.meeting_id, put_back, take_away,
        refs=lambda: (ref,), undone=restored, redone=removed,
    )  # fmt: skip


def _record_moves(
    record: Any, delete: Callable[[int], Any], restore: Callable[[Any], Any]
) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """Deleting the record and putting it back, each keeping the record as it last returned it
    (a restore may give it new links; a delete returns what it held)."""
    kept = [record]

    def take_away() -> Any:
        kept[0] = delete(kept[0].id)
        return kept[0]

    def put_back() -> Any:
        kept[0] = restore(kept[0])
        return kept[0]

    return take_away, put_back
