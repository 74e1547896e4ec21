"""Boundaries: quiet hours — the settings text of a window and its plain words, the list of
windows, and the section that adds and removes them.

A window is stored in the settings form (``mon-fri 22:00-07:00``) and shown in plain words
(``Weeknights 22:00–07:00``). The section only edits the list it shows: it emits the new list
in ``windows_chosen`` and the page stores it (showing a refusal in ``quiet_error``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.quiet_hours import WEEKDAYS, parse_quiet_hours
from wellbeing_app.ui import design
from wellbeing_app.ui.limit_dialog import WeekdayPicker, error_label, show_error, weekday_name

_Index = QModelIndex | QPersistentModelIndex

SHOWN_ROWS = (2, 6)  # the list of windows is as tall as this many at least and at most


def _day_runs(weekdays: frozenset[int]) -> list[tuple[int, int]]:
    """Runs of consecutive days as (first, last), wrapping past Sunday (``fri-mon``)."""
    runs = []
    for day in range(7):
        if day in weekdays and (day - 1) % 7 not in weekdays:
            last = day
            while (last + 1) % 7 in weekdays:
                last = (last + 1) % 7
            runs.append((day, last))
    return runs


def quiet_hours_text(start: QTime, end: QTime, weekdays: frozenset[int]) -> str:
    """The settings form of a window: ``22:00-07:00`` or ``mon-fri 22:00-07:00``."""
    times = f"{start.toString('HH:mm')}-{end.toString('HH:mm')}"
    if not weekdays or len(weekdays) == 7:
        return times
    days = ",".join(
        WEEKDAYS[first] if first == last else f"{WEEKDAYS[first]}-{WEEKDAYS[last]}"
        for first, last in _day_runs(weekdays)
    )
    return f"{days} {times}"


def _clock_text(seconds: int) -> str:
    return QLocale().toString(QTime(seconds // 3600, seconds % 3600 // 60), "HH:mm")


def quiet_hours_summary(text: str) -> str:
    """Plain words for a window: ``Weeknights 22:00–07:00``, ``Weekends 13:00–15:00``."""
    try:
        window = parse_quiet_hours(text)
    except InvalidInput:
        return text
    overnight = window.start > window.end
    days = window.weekdays
    if not days or len(days) == 7:
        if overnight:
            who = QCoreApplication.translate("BoundariesPage", "Every night")
        else:
            who = QCoreApplication.translate("BoundariesPage", "Every day")
    elif days == frozenset(range(5)):
        if overnight:
            who = QCoreApplication.translate("BoundariesPage", "Weeknights")
        else:
            who = QCoreApplication.translate("BoundariesPage", "Weekdays")
    elif days == frozenset({5, 6}) and not overnight:
        who = QCoreApplication.translate("BoundariesPage", "Weekends")
    else:
        names = ", ".join(
            weekday_name(first, short=True)
            if first == last
            else QCoreApplication.translate("BoundariesPage", "{first}–{last}").format(
                first=weekday_name(first, short=True), last=weekday_name(last, short=True)
            )
            for first, last in _day_runs(days)
        )
        if overnight:
            who = QCoreApplication.translate("BoundariesPage", "{days} nights").format(days=names)
        else:
            who = names
    start, end = _clock_text(window.start), _clock_text(window.end)
    if window.start == window.end:
        return QCoreApplication.translate("BoundariesPage", "{days}, 24 hours from {start}").format(
            days=who, start=start
        )
    return QCoreApplication.translate("BoundariesPage", "{days} {start}–{end}").format(
        days=who, start=start, end=end
    )


class QuietHoursModel(QAbstractListModel):
    """The quiet-hours windows in plain words; the settings text is the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._windows: tuple[str, ...] = ()

    def set_windows(self, windows: Sequence[str]) -> None:
        self.beginResetModel()
        self._windows = tuple(windows)
        self.endResetModel()

    def window(self, row: int) -> str:
        return self._windows[row]

    def windows(self) -> tuple[str, ...]:
        return self._windows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._windows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._windows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return quiet_hours_summary(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        return None


class QuietHoursSection(QWidget):
    """The windows in plain words, and a picker (from, to, days) to add one or remove one.

    ``windows_chosen`` carries the whole new list (settings form) after Add or Remove.
    """

    windows_chosen = Signal(object)  # tuple[str, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(design.SPACE_S)
        self.quiet_hours = QuietHoursModel()
        self.quiet_list = QListView()
        self.quiet_list.setAccessibleName(
            QCoreApplication.translate("BoundariesPage", "Quiet hours")
        )
        self.quiet_list.setModel(self.quiet_hours)
        self.quiet_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quiet_list.setSpacing(design.SPACE_XS)
        self.quiet_list.selectionModel().selectionChanged.connect(self._on_quiet_selection_changed)
        self.quiet_empty = _note(
            QCoreApplication.translate("BoundariesPage", "No quiet hours yet.")
        )
        self.quiet_start = QTimeEdit(QTime(22, 0))
        self.quiet_end = QTimeEdit(QTime(7, 0))
        for edit, name in (
            (self.quiet_start, QCoreApplication.translate("BoundariesPage", "Quiet from")),
            (self.quiet_end, QCoreApplication.translate("BoundariesPage", "Quiet until")),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        self.quiet_days = WeekdayPicker()
        self.quiet_preview = _note("")
        self.add_quiet_button = QPushButton(QCoreApplication.translate("BoundariesPage", "Add"))
        self.remove_quiet_button = QPushButton(
            QCoreApplication.translate("BoundariesPage", "Remove")
        )
        self.add_quiet_button.setAccessibleName(
            QCoreApplication.translate("BoundariesPage", "Add quiet hours")
        )
        self.remove_quiet_button.setAccessibleName(
            QCoreApplication.translate("BoundariesPage", "Remove the selected quiet hours")
        )
        self.add_quiet_button.clicked.connect(self._on_add_quiet_button_clicked)
        self.remove_quiet_button.clicked.connect(self._on_remove_quiet_button_clicked)
        self.quiet_start.timeChanged.connect(self._on_quiet_picker_changed)
        self.quiet_end.timeChanged.connect(self._on_quiet_picker_changed)
        self.quiet_days.changed.connect(self._on_quiet_picker_changed)
        self.quiet_error = error_label()

        times = QHBoxLayout()
        times.setSpacing(design.SPACE_S)
        times.addWidget(QLabel(QCoreApplication.translate("BoundariesPage", "From")))
        times.addWidget(self.quiet_start)
        times.addWidget(QLabel(QCoreApplication.translate("BoundariesPage", "to")))
        times.addWidget(self.quiet_end)
        times.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(design.SPACE_S)
        for button in (self.add_quiet_button, self.remove_quiet_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.quiet_list)
        layout.addWidget(self.quiet_empty)
        layout.addLayout(times)
        layout.addWidget(self.quiet_days)
        layout.addWidget(self.quiet_preview)
        layout.addLayout(buttons)
        layout.addWidget(self.quiet_error)
        layout.addStretch(0)  # takes up the slack only while the list is hidden
        self._on_quiet_picker_changed()

    def show_windows(self, windows: Sequence[str]) -> None:
        """Shows the stored windows (the list, or a note when there are none)."""
        self.quiet_hours.set_windows(windows)
        self.quiet_list.setVisible(bool(windows))
        # As tall as the windows (a few at least, more scroll).
        shown = min(max(len(windows), SHOWN_ROWS[0]), SHOWN_ROWS[1])
        row = self.fontMetrics().height() + 2 * self.quiet_list.spacing()
        self.quiet_list.setFixedHeight(shown * row + 2 * self.quiet_list.frameWidth())
        self.quiet_empty.setVisible(not windows)
        self._on_quiet_selection_changed()

    def picked(self) -> str:
        """The window the picker describes now, in the settings form."""
        return quiet_hours_text(
            self.quiet_start.time(), self.quiet_end.time(), self.quiet_days.weekdays()
        )

    def _on_quiet_picker_changed(self) -> None:
        self.quiet_preview.setText(
            QCoreApplication.translate("BoundariesPage", "Adds: {hours}").format(
                hours=quiet_hours_summary(self.picked())
            )
        )

    def _on_add_quiet_button_clicked(self) -> None:
        text = self.picked()
        windows = self.quiet_hours.windows()
        if text in windows:
            show_error(
                self.quiet_error,
                InvalidInput(
                    QCoreApplication.translate(
                        "BoundariesPage", "Those quiet hours are already in the list."
                    )
                ),
            )
            return
        self.windows_chosen.emit((*windows, text))

    def _on_remove_quiet_button_clicked(self) -> None:
        rows = self.quiet_list.selectionModel().selectedRows()
        if not rows:
            return
        gone = self.quiet_hours.window(rows[0].row())
        self.windows_chosen.emit(tuple(w for w in self.quiet_hours.windows() if w != gone))

    def _on_quiet_selection_changed(self) -> None:
        self.remove_quiet_button.setEnabled(bool(self.quiet_list.selectionModel().selectedRows()))


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
