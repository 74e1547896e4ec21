"""Table models for the Activities page, each over an immutable snapshot, and its filter.

The Ideas table and its filter are in ``activity_table``, the words about an activity in
``activity_text``; here are the people and the history of outcomes. Every name stays importable
from this module.
"""

from __future__ import annotations

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
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from wellbeing_app.core.activities import Person
from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.suggestions import ActivityHistory, ActivityRecord, Outcome
from wellbeing_app.ui.activity_table import (
    SORT_ROLE,
    ActivityFilter,
    ActivityFilterModel,
    ActivityRow,
    ActivityTableModel,
    star_icon,
)
from wellbeing_app.ui.activity_text import (
    OUTDOORS_TEXT,
    SOCIAL_TEXT,
    activity_description,
    activity_title,
    suggestion_title,
    theme_text,
)
from wellbeing_app.ui.faces import face_pixmap
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_datetime, shown_number, translate_core
from wellbeing_app.ui.rows_model import RowsModel

_Index = QModelIndex | QPersistentModelIndex


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


__all__ = [
    "OUTDOORS_TEXT",
    "SOCIAL_TEXT",
    "SORT_ROLE",
    "ActivityFilter",
    "ActivityFilterModel",
    "ActivityRow",
    "ActivitySummaryModel",
    "ActivityTableModel",
    "HistoryRow",
    "OutcomeHistoryModel",
    "PeopleModel",
    "SummaryRow",
    "activity_description",
    "activity_title",
    "mood_change_icon",
    "mood_change_pixmap",
    "record_text",
    "star_icon",
    "suggestion_title",
    "summary_rows",
    "theme_text",
]
