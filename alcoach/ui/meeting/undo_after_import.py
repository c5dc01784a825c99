"""After an import, the meeting's undo keeps every step the import left valid and drops the rest.

A step is invalid when a record it writes was added, changed or deleted by the import, or is no
longer the row it was (deleted with what it belonged to, or its row id given to another record).
Undo goes back one step at a time, so a done step older than an invalid one cannot be reached
either: the done steps kept are those after the newest invalid one, and the steps to redo are
kept up to the first invalid one. The stack is built again from the steps kept, with nothing
written (steps to redo are put back as undone already).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QUndoCommand

from alcoach.data.op_changes import OpChanges, Ref
from alcoach.data.record_refs import present
from alcoach.ui.meeting.meeting_undo import MeetingStep, MeetingUndo


class UndoSnapshot(NamedTuple):
    """What each step writes, and where those records were, taken before an import."""

    refs: tuple[tuple[Ref, ...], ...]  # per top-level step (a macro's steps together)
    rows: dict[Ref, int]


def _steps(command: QUndoCommand) -> list[MeetingStep]:
    if isinstance(command, MeetingStep):
        return [command]
    return [
        step for i in range(command.childCount()) for step in _steps(command.child(i))
    ]  # a macro: several steps as one


def take_snapshot(undo: MeetingUndo) -> UndoSnapshot:
    stack = undo.stack
    refs = tuple(
        tuple(ref for step in _steps(stack.command(i)) for ref in step.refs())
        for i in range(stack.count())
    )
    return UndoSnapshot(refs, present(ref for step in refs for ref in step))


def drop_invalid_steps(undo: MeetingUndo, before: UndoSnapshot, changes: OpChanges) -> int:
    """Drop the steps the import made invalid (see the module's docstring); how many went."""
    stack = undo.stack
    if stack.count() != len(before.refs) or not before.refs:
        dropped = stack.count()
        stack.clear()  # the stack changed meanwhile: nothing can be vouched for
        return dropped
    now = present(ref for step in before.refs for ref in step)

    def valid(refs: tuple[Ref, ...]) -> bool:
        return not changes.touches(refs) and all(before.rows.get(r) == now.get(r) for r in refs)

    done = stack.index()
    first = 0  # the first done step kept
    for i in range(done - 1, -1, -1):
        if not valid(before.refs[i]):
            first = i + 1
            break
    last = done  # one past the last step to redo that is kept
    while last < stack.count() and valid(before.refs[last]):
        last += 1
    if first == 0 and last == stack.count():
        return 0
    kept = [_again(stack.command(i)) for i in range(first, last)]
    dropped = stack.count() - len(kept)
    stack.clear()
    for command in kept:
        stack.push(command)
    for command in kept[done - first :]:
        for step in _steps(command):
            step.silent_undo = True
    stack.setIndex(done - first)  # the steps to redo are undone again, writing nothing
    return dropped


def _again(command: QUndoCommand) -> QUndoCommand:
    if isinstance(command, MeetingStep):
        return command.again()
    macro = QUndoCommand(command.text())
    for step in _steps(command):
        step.again(macro)
    return macro
