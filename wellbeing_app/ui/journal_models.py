"""Table models over immutable snapshots of journal entries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt

from wellbeing_app.core.journal import EMOTIONS
from wellbeing_app.core.models import ENERGY_LABELS, MoodEntry
from wellbeing_app.ui.faces import face_icon
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_datetime, translate_core
from wellbeing_app.ui.rows_model import RowsModel

_Index = QModelIndex | QPersistentModelIndex


class MoodTableModel(RowsModel[MoodEntry]):
    HEADERS = (
        QT_TRANSLATE_NOOP("MoodTableModel", "When"),
        QT_TRANSLATE_NOOP("MoodTableModel", "Mood"),
        QT_TRANSLATE_NOOP("MoodTableModel", "Energy"),
        QT_TRANSLATE_NOOP("MoodTableModel", "Feelings and tags"),
        QT_TRANSLATE_NOOP("MoodTableModel", "Note"),
    )

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
                if self._show_date:
                    return shown_datetime(entry.at, self.tr("ddd dd MMM HH:mm"))
                return shown_datetime(entry.at, "HH:mm")
            if column == 1:
                return f"{QLocale().toString(entry.score)} {translate_core(entry.label)}"
            if column == 2:
                return "" if entry.energy is None else translate_core(ENERGY_LABELS[entry.energy])
            if column == 3:  # the app's feeling words translated, the person's own tags kept
                return ", ".join(translate_core(t) if t in EMOTIONS else t for t in entry.tags)
            if column == 4:
                return entry.note.replace("\n", " ")
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return face_icon(entry.score)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and entry.note:
            return entry.note
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{time}, mood {score} {label}, {note}").format(
                time=shown_datetime(entry.at, "HH:mm"),
                score=QLocale().toString(entry.score),
                label=translate_core(entry.label),
                note=entry.note,
            )
        return None
