"""Table models over immutable snapshots of journal entries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from wellbeing_app.core.models import ENERGY_LABELS, MoodEntry
from wellbeing_app.ui.faces import face_icon
from wellbeing_app.ui.rows_model import RowsModel

_Index = QModelIndex | QPersistentModelIndex


class MoodTableModel(RowsModel[MoodEntry]):
    HEADERS = ("When", "Mood", "Energy", "Feelings and tags", "Note")

    def __init__(self, show_date: bool = False) -> None:
        super().__init__()
        self._show_date = show_date

    def set_entries(self, entries: Sequence[MoodEntry], show_date: bool | None = None) -> None:
        if show_date is not None:
            self._show_date = show_date
        self.set_rows(entries)

    def entry(self, row: int) -> MoodEntry:
        return self.row(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{entry.at:%a %d %b %H:%M}" if self._show_date else f"{entry.at:%H:%M}"
            if column == 1:
                return f"{entry.score} {entry.label}"
            if column == 2:
                return "" if entry.energy is None else ENERGY_LABELS[entry.energy]
            if column == 3:
                return ", ".join(entry.tags)
            if column == 4:
                return entry.note.replace("\n", " ")
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return face_icon(entry.score)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and entry.note:
            return entry.note
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.at:%H:%M}, mood {entry.score} {entry.label}, {entry.note}"
        return None
