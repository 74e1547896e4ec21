"""Table models for the Activities page, each over an immutable snapshot, and its filter."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from wellbeing_app.core.activities import CATEGORY_LABELS, PERSON_FIELD, Activity, Person
from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.suggestions import ActivityHistory, ActivityRecord, Outcome, Suggestion
from wellbeing_app.ui.faces import face_pixmap
from wellbeing_app.ui.i18n import (
    QT_TRANSLATE_NOOP,
    shown_datetime,
    shown_number,
    translate_core,
)
from wellbeing_app.ui.rows_model import RowsModel

_Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# English sources, translated where shown (context "ActivityTableModel").
SOCIAL_TEXT: Mapping[str, str] = {
    "solo": QT_TRANSLATE_NOOP("ActivityTableModel", "On your own"),
    "social": QT_TRANSLATE_NOOP("ActivityTableModel", "With others"),
    "either": QT_TRANSLATE_NOOP("ActivityTableModel", "Either"),
}
OUTDOORS_TEXT: Mapping[str, str] = {
    "indoors": QT_TRANSLATE_NOOP("ActivityTableModel", "Indoors"),
    "outdoors": QT_TRANSLATE_NOOP("ActivityTableModel", "Outdoors"),
    "either": QT_TRANSLATE_NOOP("ActivityTableModel", "Either"),
}


def theme_text(category: str) -> str:
    """A theme's name from the catalogue, translated (a person's own theme word is kept)."""
    label = translate_core(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category
    return label[:1].upper() + label[1:]


def activity_title(activity: Activity) -> str:
    """A catalogue activity's title translated; a person's own activity as they wrote it."""
    return activity.title if activity.custom else translate_core(activity.title)


def suggestion_title(suggestion: Suggestion) -> str:
    """The title to show, translated (``Message Sam``), as ``Suggestion.title`` builds it."""
    activity = suggestion.activity
    if activity.custom:
        return suggestion.title
    name = suggestion.person.name if suggestion.person else None
    if name and activity.person_title:
        return translate_core(activity.person_title).replace(PERSON_FIELD, name)
    return translate_core(activity.title)


def activity_description(activity: Activity) -> str:
    if activity.custom or not activity.description:
        return activity.description
    return translate_core(activity.description)


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
    return "—" if score is None else translate_core(MOOD_LABELS[score])


class OutcomeHistoryModel(RowsModel[HistoryRow]):
    """Logged outcomes, newest first: when, activity, done, mood before → after, helped."""

    HEADERS = (
        QT_TRANSLATE_NOOP("OutcomeHistoryModel", "When"),
        QT_TRANSLATE_NOOP("OutcomeHistoryModel", "Activity"),
        QT_TRANSLATE_NOOP("OutcomeHistoryModel", "Done"),
        QT_TRANSLATE_NOOP("OutcomeHistoryModel", "Mood before → after"),
        QT_TRANSLATE_NOOP("OutcomeHistoryModel", "Helped"),
    )
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
                return (
                    "—" if row.at is None else shown_datetime(row.at, self.tr("ddd dd MMM HH:mm"))
                )
            if column == self.TITLE:
                return row.title
            if column == self.DONE:
                return self.tr("Done") if outcome.done else self.tr("Not this time")
            if column == self.MOOD:
                if outcome.mood_before is None and outcome.mood_after is None:
                    return "—"
                return f"{_mood_word(outcome.mood_before)} → {_mood_word(outcome.mood_after)}"
            if column == self.HELPED:
                return {True: self.tr("Yes"), False: self.tr("No"), None: "—"}[outcome.helped]
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == self.MOOD
            and (outcome.mood_before is not None or outcome.mood_after is not None)
        ):
            return self._icon(outcome.mood_before, outcome.mood_after)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            when = "" if row.at is None else shown_datetime(row.at, self.tr("dddd dd MMMM HH:mm"))
            done = self.tr("done") if outcome.done else self.tr("not done")
            said = self.tr("{title}, {done}, mood {before} to {after}").format(
                title=row.title,
                done=done,
                before=_mood_word(outcome.mood_before),
                after=_mood_word(outcome.mood_after),
            )
            return f"{when}, {said}" if when else said
        return None


def _times(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("ActivitySummaryModel", "%n time", None, count)
    return QCoreApplication.translate("ActivitySummaryModel", "%n times", None, count)


def record_text(record: ActivityRecord) -> str:
    """How an activity has gone, as far as the person said, and the times it was skipped.

    ``helped 3 of 4 times`` when every time done has a verdict; otherwise the times done come
    first and the verdicts say which times they count: ``done 10 times; helped 3 of the 4 times
    you said how it went``.
    """
    parts = []
    if record.unknown:
        parts.append(
            QCoreApplication.translate("ActivitySummaryModel", "done {times}").format(
                times=_times(record.done)
            )
        )
        if not record.tried:
            parts.append(
                QCoreApplication.translate("ActivitySummaryModel", "you didn't say how it went")
            )
        elif record.tried == 1:
            if record.helped:
                parts.append(
                    QCoreApplication.translate(
                        "ActivitySummaryModel", "helped the one time you said how it went"
                    )
                )
            else:
                parts.append(
                    QCoreApplication.translate(
                        "ActivitySummaryModel", "didn't help the one time you said how it went"
                    )
                )
        else:
            parts.append(
                QCoreApplication.translate(
                    "ActivitySummaryModel", "helped {helped} of the {times} you said how it went"
                ).format(helped=shown_number(record.helped), times=_times(record.tried))
            )
    elif record.tried:
        parts.append(
            QCoreApplication.translate("ActivitySummaryModel", "helped {helped} of {times}").format(
                helped=shown_number(record.helped), times=_times(record.tried)
            )
        )
    if record.skipped:
        parts.append(
            QCoreApplication.translate("ActivitySummaryModel", "not done {times}").format(
                times=_times(record.skipped)
            )
        )
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
    HEADERS = (
        QT_TRANSLATE_NOOP("ActivitySummaryModel", "Activity"),
        QT_TRANSLATE_NOOP("ActivitySummaryModel", "How it went"),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title if index.column() == 0 else record_text(row.record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}: {record_text(row.record)}"
        return None
