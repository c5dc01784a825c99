"""In-place editors for the intervention table: the category combo and the members list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from alcoach.ui.kit.context import ChangeBus
from alcoach.ui.meeting.intervention_model import InterventionTableModel
from alcoach.vocabulary import INTERVENTION_CATEGORIES, category_label

Index = QModelIndex | QPersistentModelIndex


class CategoryDelegate(QStyledItemDelegate):
    """A combo of the categories under readable labels; stores the category key."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for key in INTERVENTION_CATEGORIES:
            combo.addItem(category_label(key), key)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def parse_member_names(text: str, names: dict[int, str]) -> tuple[list[int], list[str]]:
    """Member ids for a comma list of names (full name, or a unique start of one) and the misses."""
    ids: list[int] = []
    unknown: list[str] = []
    lowered = {mid: name.casefold() for mid, name in names.items()}
    for part in text.split(","):
        wanted = part.strip().casefold()
        if not wanted:
            continue
        exact = [mid for mid, name in lowered.items() if name == wanted]
        starts = [mid for mid, name in lowered.items() if name.startswith(wanted)]
        match = exact or (starts if len(starts) == 1 else [])
        if match:
            if match[0] not in ids:
                ids.append(match[0])
        else:
            unknown.append(part.strip())
    return ids, unknown


class MembersDelegate(QStyledItemDelegate):
    """Members as a comma list of names, with completion; unknown names are refused."""

    def __init__(self, model: InterventionTableModel, bus: ChangeBus, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self._bus = bus

    def _names(self) -> dict[int, str]:
        return self._model.member_names()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        line = QLineEdit(parent)
        line.setPlaceholderText("Names, separated by commas")
        completer = QCompleter(sorted(self._names().values()), line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        line.setCompleter(completer)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        ids = index.data(Qt.ItemDataRole.EditRole) or ()
        editor.setText(", ".join(self._model.member_name(mid) for mid in ids))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        ids, unknown = parse_member_names(editor.text(), self._names())
        if unknown:
            listed = ", ".join(repr(u) for u in unknown)
            self._bus.save_failed.emit(f"No member called {listed} in this set; nothing changed.")
            return
        model.setData(index, ids, Qt.ItemDataRole.EditRole)
