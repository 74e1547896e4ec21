"""The Ideas table: one row per activity with its star, and the filter the page narrows it by."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from wellbeing_app.core.activities import Activity
from wellbeing_app.ui.activity_text import (
    OUTDOORS_TEXT,
    SOCIAL_TEXT,
    activity_description,
    activity_title,
    theme_text,
)
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number
from wellbeing_app.ui.rows_model import RowsModel

_Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def star_icon(filled: bool) -> QIcon:
    """A star drawn with QPainter, so it looks the same without a symbol font."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        centre, outer, inner = size / 2, size * 0.46, size * 0.19
        for point in range(10):
            radius = outer if point % 2 == 0 else inner
            angle = math.radians(point * 36 - 90)
            corner = QPointF(
                centre + radius * math.cos(angle), centre + 0.04 * size + radius * math.sin(angle)
            )
            if point == 0:
                path.moveTo(corner)
            else:
                path.lineTo(corner)
        path.closeSubpath()
        painter.setPen(QPen(QColor("#b8860b" if filled else "#8a8a8a"), max(1.0, size / 20)))
        painter.setBrush(QColor("#f1c232") if filled else Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


# ------------------------------------------------------------------------------- activities


@dataclass(frozen=True, slots=True)
class ActivityRow:
    activity: Activity
    favourite: bool = False
    hidden: bool = False


class ActivityTableModel(RowsModel[ActivityRow]):
    """Columns: star, title, theme, minutes, with whom and where; your own say so in a tooltip."""

    HEADERS = (
        "",
        QT_TRANSLATE_NOOP("ActivityTableModel", "Activity"),
        QT_TRANSLATE_NOOP("ActivityTableModel", "Theme"),
        QT_TRANSLATE_NOOP("ActivityTableModel", "Length"),
        QT_TRANSLATE_NOOP("ActivityTableModel", "With"),
        QT_TRANSLATE_NOOP("ActivityTableModel", "Where"),
    )
    STAR, TITLE, THEME, MINUTES, SOCIAL, OUTDOORS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stars = (star_icon(False), star_icon(True))

    def row_of(self, activity_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.activity.id == activity_id:
                return number
        return -1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.ToolTipRole and section == self.STAR:
            return self.tr("Favourites: click a star to add or remove one")
        if role == Qt.ItemDataRole.DecorationRole and section == self.STAR:
            return self._stars[1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        activity = row.activity
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            if column == self.STAR:
                return f"{0 if row.favourite else 1}{activity_title(activity).casefold()}"
            if column == self.MINUTES:
                return activity.minutes
            return str(self._display(row, column)).casefold()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STAR:
            return self._stars[row.favourite]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STAR:
                if row.favourite:
                    return self.tr("Remove from favourites")
                return self.tr("Add to favourites")
            own = self.tr("One of your own.") + " " if activity.custom else ""
            about = f"{own}{activity_description(activity)}".strip()
            title = activity_title(activity)
            if column == self.TITLE:  # the whole title, should the column elide it
                return f"{title}\n{about}" if about else title
            return about or None
        if role == Qt.ItemDataRole.ForegroundRole and row.hidden:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and row.hidden and column == self.TITLE:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            flags = (
                (self.tr("your own"), activity.custom),
                (self.tr("favourite"), row.favourite),
                (self.tr("hidden"), row.hidden),
            )
            extras = [word for word, on in flags if on]
            return ", ".join(
                [
                    activity_title(activity),
                    theme_text(activity.category),
                    self.tr("{minutes} minutes").format(minutes=shown_number(activity.minutes)),
                    *extras,
                ]
            )
        return None

    def _display(self, row: ActivityRow, column: int) -> str:
        activity = row.activity
        if column == self.TITLE:
            title = activity_title(activity)
            return self.tr("{title} (hidden)").format(title=title) if row.hidden else title
        if column == self.THEME:
            return theme_text(activity.category)
        if column == self.MINUTES:
            return self.tr("{minutes} min").format(minutes=shown_number(activity.minutes))
        if column == self.SOCIAL:
            return self.tr(SOCIAL_TEXT[activity.social])
        if column == self.OUTDOORS:
            return self.tr(OUTDOORS_TEXT[activity.outdoors])
        return ""


@dataclass(frozen=True, slots=True)
class ActivityFilter:
    """What the person narrowed the list to; ``None`` or empty means "any"."""

    text: str = ""
    category: str | None = None
    max_minutes: int | None = None
    social: str | None = None  # "solo" or "social"; "either" activities fit both
    outdoors: str | None = None  # "indoors" or "outdoors"; "either" fits both
    show_hidden: bool = False
    own_only: bool = False

    def accepts(self, row: ActivityRow) -> bool:
        activity = row.activity
        if row.hidden and not self.show_hidden:
            return False
        if self.category and activity.category != self.category:
            return False
        if self.own_only and not activity.custom:
            return False
        if self.max_minutes is not None and activity.minutes > self.max_minutes:
            return False
        if self.social and activity.social not in (self.social, "either"):
            return False
        if self.outdoors and activity.outdoors not in (self.outdoors, "either"):
            return False
        words = self.text.casefold().split()
        haystack = f"{activity.title} {activity.description}".casefold()
        return all(word in haystack for word in words)


class ActivityFilterModel(QSortFilterProxyModel):
    """Filters an :class:`ActivityTableModel` by an :class:`ActivityFilter`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ActivityFilter()
        self.setSortRole(SORT_ROLE)

    @property
    def filter(self) -> ActivityFilter:
        return self._filter

    def set_filter(self, wanted: ActivityFilter) -> None:
        if wanted == self._filter:
            return
        self.beginFilterChange()
        self._filter = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        source = self.sourceModel()
        if source_parent.isValid() or not isinstance(source, ActivityTableModel):
            return False
        return self._filter.accepts(source.row(source_row))
