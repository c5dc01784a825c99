"""What a write changed, by kind and uid (after Anki's OpChanges): the window refreshes only the
panels whose kinds changed, and drops only the undo steps whose records changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Ref = tuple[str, str]  # (kind, uid): a record named the same in every copy


@dataclass
class OpChanges:
    """Records added or updated (`changed`) and deleted (`deleted`, with what went with them:
    `deleted_kinds` holds every kind that lost rows, also those deleted only with a parent).
    `meetings` are the uids of meetings whose own records changed."""

    changed: set[Ref] = field(default_factory=set)
    deleted: set[Ref] = field(default_factory=set)
    deleted_kinds: set[str] = field(default_factory=set)
    meetings: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.changed or self.deleted or self.deleted_kinds)

    @property
    def kinds(self) -> set[str]:
        """Every kind of record that was added, updated or deleted."""
        return (
            {kind for kind, _ in self.changed}
            | {kind for kind, _ in self.deleted}
            | self.deleted_kinds
        )

    def update(self, other: OpChanges) -> None:
        """Add what `other` changed."""
        self.changed |= other.changed
        self.deleted |= other.deleted
        self.deleted_kinds |= other.deleted_kinds
        self.meetings |= other.meetings

    def touches(self, refs: Iterable[Ref]) -> bool:
        """Whether any of the records named was changed or deleted by name."""
        return any(ref in self.changed or ref in self.deleted for ref in refs)
