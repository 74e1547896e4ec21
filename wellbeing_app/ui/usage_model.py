"""Today's time per community app, as a table model over an immutable snapshot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wellbeing_app.core.text import duration_text
from wellbeing_app.core.today import TodaySnapshot

_Index = QModelIndex | QPersistentModelIndex

LIMIT_FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1


class AppUsageModel(QAbstractTableModel):
    """Columns: app, category, time today, limit (with the used fraction in a custom role)."""

    HEADERS = ("Community", "Kind", "Today", "Daily limit")

    def __init__(self) -> None:
        super().__init__()
        self._snapshot: TodaySnapshot | None = None

    def set_snapshot(self, snapshot: TodaySnapshot) -> None:
        self.beginResetModel()
        self._snapshot = snapshot
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._snapshot is None:
            return 0
        return len(self._snapshot.apps)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._snapshot is None or not index.isValid():
            return None
        app = self._snapshot.apps[index.row()]
        column = index.column()
        standing = self._snapshot.limit_for(app)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return app.app
            if column == 1:
                return app.category
            if column == 2:
                return duration_text(app.seconds)
            if column == 3:
                if standing is None:
                    return "—"
                kind = "" if standing.limit.kind == "app" else f" ({standing.limit.target})"
                return f"{standing.used_minutes:.0f} of {standing.limit.minutes} min{kind}"
        if role == LIMIT_FRACTION_ROLE and column == 3 and standing is not None:
            return standing.used_minutes / standing.limit.minutes
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{app.app}, {app.category}, {duration_text(app.seconds)} today"
        return None
