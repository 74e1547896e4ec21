"""Table models for the Activities page, each over an immutable snapshot, and its filter."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from wellbeing_app.core.activities import CATEGORY_LABELS, Activity, Person
from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.suggestions import ActivityHistory, ActivityRecord, Outcome
from wellbeing_app.ui.faces import face_pixmap
from wellbeing_app.ui.rows_model import RowsModel

_Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

SOCIAL_TEXT: Mapping[str, str] = {
    "solo": "On your own",
    "social": "With others",
    "either": "Either",
}
OUTDOORS_TEXT: Mapping[str, str] = {
    "indoors": "Indoors",
    "outdoors": "Outdoors",
    "either": "Either",
}


def theme_text(category: str) -> str:
    label = CATEGORY_LABELS.get(category, category)
    return label[:1].upper() + label[1:]


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

    HEADERS = ("", "Activity", "Theme", "Length", "With", "Where")
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
            return "Favourites: click a star to add or remove one"
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
                return f"{0 if row.favourite else 1}{activity.title.casefold()}"
            if column == self.MINUTES:
                return activity.minutes
            return str(self._display(row, column)).casefold()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STAR:
            return self._stars[row.favourite]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STAR:
                return "Remove from favourites" if row.favourite else "Add to favourites"
            own = "One of your own. " if activity.custom else ""
            about = f"{own}{activity.description}".strip()
            if column == self.TITLE:  # the whole title, should the column elide it
                return f"{activity.title}\n{about}" if about else activity.title
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
                ("your own", activity.custom),
                ("favourite", row.favourite),
                ("hidden", row.hidden),
            )
            extras = [word for word, on in flags if on]
            return ", ".join(
                [
                    activity.title,
                    theme_text(activity.category),
                    f"{activity.minutes} minutes",
                    *extras,
                ]
            )
        return None

    def _display(self, row: ActivityRow, column: int) -> str:
        activity = row.activity
        if column == self.TITLE:
            return f"{activity.title} (hidden)" if row.hidden else activity.title
        if column == self.THEME:
            return theme_text(activity.category)
        if column == self.MINUTES:
            return f"{activity.minutes} min"
        if column == self.SOCIAL:
            return SOCIAL_TEXT[activity.social]
        if column == self.OUTDOORS:
            return OUTDOORS_TEXT[activity.outdoors]
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


# ------------------------------------------------------------------------------------ people


class PeopleModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: tuple[Person, ...] = ()

    def set_people(self, people: Sequence[Person]) -> None:
        self.beginResetModel()
        self._people = tuple(people)
        self.endResetModel()

    def person(self, row: int) -> Person:
        return self._people[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{person.name} — {person.note}" if person.note else person.name
        return None


# ----------------------------------------------------------------------------------- history


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A logged outcome with the title of its activity (and when, if storage tells)."""

    outcome: Outcome
    title: str
    at: datetime | None = None


def mood_change_pixmap(before: int | None, after: int | None, height: int) -> QPixmap:
    """Two faces with an arrow between them; a missing mood leaves its place empty."""
    width = int(height * 2.6)
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if before is not None:
        painter.drawPixmap(0, 0, face_pixmap(before, height))
    if after is not None:
        painter.drawPixmap(width - height, 0, face_pixmap(after, height))
    pen = QPen(QColor("#666666"), max(1.0, height / 12))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    y = height / 2
    left, right = height * 1.12, width - height * 1.12
    painter.drawLine(QPointF(left, y), QPointF(right, y))
    painter.drawLine(QPointF(right, y), QPointF(right - height * 0.18, y - height * 0.16))
    painter.drawLine(QPointF(right, y), QPointF(right - height * 0.18, y + height * 0.16))
    painter.end()
    return pixmap


def mood_change_icon(before: int | None, after: int | None) -> QIcon:
    icon = QIcon()
    for height in (16, 20, 24, 32, 48):
        icon.addPixmap(mood_change_pixmap(before, after, height))
    return icon


def _mood_word(score: int | None) -> str:
    return "—" if score is None else MOOD_LABELS[score]


class OutcomeHistoryModel(RowsModel[HistoryRow]):
    """Logged outcomes, newest first: when, activity, done, mood before → after, helped."""

    HEADERS = ("When", "Activity", "Done", "Mood before → after", "Helped")
    WHEN, TITLE, DONE, MOOD, HELPED = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[int | None, int | None], QIcon] = {}

    def _icon(self, before: int | None, after: int | None) -> QIcon:
        key = (before, after)
        if key not in self._icons:
            self._icons[key] = mood_change_icon(before, after)
        return self._icons[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        outcome = row.outcome
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return "—" if row.at is None else f"{row.at:%a %d %b %H:%M}"
            if column == self.TITLE:
                return row.title
            if column == self.DONE:
                return "Done" if outcome.done else "Not this time"
            if column == self.MOOD:
                if outcome.mood_before is None and outcome.mood_after is None:
                    return "—"
                return f"{_mood_word(outcome.mood_before)} → {_mood_word(outcome.mood_after)}"
            if column == self.HELPED:
                return {True: "Yes", False: "No", None: "—"}[outcome.helped]
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == self.MOOD
            and (outcome.mood_before is not None or outcome.mood_after is not None)
        ):
            return self._icon(outcome.mood_before, outcome.mood_after)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            when = "" if row.at is None else f"{row.at:%A %d %B %H:%M}, "
            return (
                f"{when}{row.title}, {'done' if outcome.done else 'not done'}, mood "
                f"{_mood_word(outcome.mood_before)} to {_mood_word(outcome.mood_after)}"
            )
        return None


def _times(count: int) -> str:
    return f"{count} time{'' if count == 1 else 's'}"


def record_text(record: ActivityRecord) -> str:
    """How an activity has gone, as far as the person said, and the times it was skipped.

    ``helped 3 of 4 times`` when every time done has a verdict; otherwise the times done come
    first and the verdicts say which times they count: ``done 10 times; helped 3 of the 4 times
    you said how it went``.
    """
    parts = []
    if record.unknown:
        parts.append(f"done {_times(record.done)}")
        if not record.tried:
            parts.append("you didn't say how it went")
        elif record.tried == 1:
            verb = "helped" if record.helped else "didn't help"
            parts.append(f"{verb} the one time you said how it went")
        else:
            parts.append(
                f"helped {record.helped} of the {_times(record.tried)} you said how it went"
            )
    elif record.tried:
        parts.append(f"helped {record.helped} of {_times(record.tried)}")
    if record.skipped:
        parts.append(f"not done {_times(record.skipped)}")
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class SummaryRow:
    title: str
    record: ActivityRecord


def summary_rows(history: ActivityHistory, titles: Mapping[str, str]) -> list[SummaryRow]:
    """One row per activity with outcomes (done with or without a verdict, or skipped), the most
    done first."""
    rows = [
        SummaryRow(titles.get(activity_id, activity_id), record)
        for activity_id, record in history.records.items()
        if record.done or record.skipped
    ]
    return sorted(rows, key=lambda r: (-r.record.done, -r.record.helped, r.title.casefold()))


class ActivitySummaryModel(RowsModel[SummaryRow]):
    HEADERS = ("Activity", "How it went")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title if index.column() == 0 else record_text(row.record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}: {record_text(row.record)}"
        return None
