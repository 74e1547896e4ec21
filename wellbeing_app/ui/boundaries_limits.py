"""Boundaries: daily limits with today's standing — a limit in words, the table, the section.

``LimitTableModel`` shows each limit with what it is for, its minutes and days, and today's
standing (a fraction for ``usage_model.LimitBarDelegate`` to draw as a bar); a limit not in
force today says why. ``DailyLimitsSection`` shows the table and adds, changes and removes
limits (with undo) through the limit dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.limits import standings
from wellbeing_app.core.models import DailyLimit
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number, translate_core
from wellbeing_app.ui.limit_dialog import LimitDialog, days_text
from wellbeing_app.ui.rows_model import RowsModel
from wellbeing_app.ui.usage_model import LIMIT_FRACTION_ROLE, LimitBarDelegate

_Index = QModelIndex | QPersistentModelIndex

SHOWN_ROWS = (3, 8)  # the limits table is as tall as this many rows at least and at most


@dataclass(frozen=True, slots=True)
class LimitRow:
    """A limit and the seconds used against it today (``None`` when it is not in force)."""

    limit: DailyLimit
    used_seconds: float | None
    applies_today: bool


def target_text(limit: DailyLimit) -> str:
    if limit.kind == "app":
        return limit.target
    return QCoreApplication.translate("LimitTableModel", "All {category} apps").format(
        category=translate_core(limit.target)
    )


def limit_text(limit: DailyLimit) -> str:
    """``45 min every day``, ``90 min on weekends``, ``20 min on Mon, Wed``."""
    minutes = shown_number(limit.minutes)
    days = limit.weekdays
    if not days or len(days) == 7:
        text = QCoreApplication.translate("LimitTableModel", "{minutes} min every day")
    elif days == frozenset(range(5)):
        text = QCoreApplication.translate("LimitTableModel", "{minutes} min on weekdays")
    elif days == frozenset({5, 6}):
        text = QCoreApplication.translate("LimitTableModel", "{minutes} min on weekends")
    else:
        text = QCoreApplication.translate("LimitTableModel", "{minutes} min on {days}")
    return text.format(minutes=minutes, days=days_text(days))


class LimitTableModel(RowsModel[LimitRow]):
    """Columns: what the limit is for, minutes and days, and today's standing (with a bar)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("LimitTableModel", "Limit for"),
        QT_TRANSLATE_NOOP("LimitTableModel", "Limit"),
        QT_TRANSLATE_NOOP("LimitTableModel", "Today"),
    )
    TARGET, LIMIT, TODAY = range(3)

    def limit(self, row: int) -> DailyLimit:
        return self._rows[row].limit

    def _today_text(self, row: LimitRow) -> str:
        if row.used_seconds is not None:
            return self.tr("{used} of {limit} min").format(
                used=shown_number(row.used_seconds / 60), limit=shown_number(row.limit.minutes)
            )
        return self.tr("Not today (replaced)") if row.applies_today else self.tr("Not today")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        limit = row.limit
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TARGET:
                return target_text(limit)
            if column == self.LIMIT:
                return limit_text(limit)
            if column == self.TODAY:
                return self._today_text(row)
        if role == LIMIT_FRACTION_ROLE and column == self.TODAY and row.used_seconds is not None:
            return row.used_seconds / 60 / limit.minutes
        not_in_force = row.used_seconds is None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.TODAY and not_in_force:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TODAY and not_in_force:
            if row.applies_today:
                return self.tr("A limit for today's weekday replaces this one today.")
            return self.tr("This limit is not for today's weekday.")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{target}, {limit}, today {today}").format(
                target=target_text(limit), limit=limit_text(limit), today=self._today_text(row)
            )
        return None


class DailyLimitsSection(QWidget):
    """The limits with today's standing, and Add / Edit / Remove (with undo) through the limit
    dialog. Emits ``changed`` after any edit; ``undo_offered`` (message, callback) after a
    limit is removed."""

    changed = Signal()
    undo_offered = Signal(str, object)

    def __init__(
        self,
        repos: Repositories,
        app_names: Sequence[str],
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._repos = repos
        self._app_names = tuple(app_names)
        self._clock = clock
        self.limit_dialog: LimitDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addWidget(
            note(
                self.tr(
                    "A daily budget for a community app or a whole kind of app. A limit for "
                    "some days only replaces an every-day limit on those days."
                )
            )
        )
        self.limits = LimitTableModel()
        self.limits_table = QTableView()
        self.limits_table.setAccessibleName(self.tr("Daily limits"))
        self.limits_table.setModel(self.limits)
        self.limits_table.setItemDelegateForColumn(
            LimitTableModel.TODAY, LimitBarDelegate(self.limits_table)
        )
        self.limits_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.limits_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.limits_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.limits_table.verticalHeader().setVisible(False)
        self.limits_table.setShowGrid(False)
        self.limits_table.setAlternatingRowColors(True)
        self.limits_table.setWordWrap(False)
        # As tall as its limits (a few at least, more scroll), in the font's own size.
        rows = self.limits_table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 2 * design.SPACE_S)
        header = self.limits_table.horizontalHeader()
        # The bar takes what room there is; names and limits keep their whole text.
        for column in (LimitTableModel.TARGET, LimitTableModel.LIMIT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LimitTableModel.TODAY, QHeaderView.ResizeMode.Stretch)
        self.limits_table.doubleClicked.connect(self._on_limits_table_double_clicked)
        self.limits_table.selectionModel().selectionChanged.connect(
            self._on_limits_selection_changed
        )
        self.limits_empty = note(self.tr("No daily limits yet."))
        self.add_limit_button = QPushButton(self.tr("Add limit…"))
        self.edit_limit_button = QPushButton(self.tr("Edit…"))
        self.remove_limit_button = QPushButton(self.tr("Remove"))
        self.add_limit_button.clicked.connect(self._on_add_limit_button_clicked)
        self.edit_limit_button.clicked.connect(self._on_edit_limit_button_clicked)
        self.remove_limit_button.clicked.connect(self._on_remove_limit_button_clicked)
        buttons = QHBoxLayout()
        buttons.setSpacing(design.SPACE_S)
        for button in (self.add_limit_button, self.edit_limit_button, self.remove_limit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.limits_table)
        layout.addWidget(self.limits_empty)
        layout.addLayout(buttons)

        self.refresh()

    def refresh(self) -> bool:
        """Reloads the limits and today's standing; ``True`` when there is any limit to show."""
        now = self._clock.now()
        day = day_of_datetime(now, self._repos.settings.day_start_hour)
        limits = self._repos.limits.all()
        in_force = {
            s.limit: s.used_seconds
            for s in standings(limits, self._repos.usage.limit_totals(day, day), day)
        }
        self.limits.set_rows(
            [LimitRow(limit, in_force.get(limit), limit.applies_on(day)) for limit in limits]
        )
        self.limits_table.setVisible(bool(limits))
        self.limits_empty.setVisible(not limits)
        self._fit_table(len(limits))
        self._on_limits_selection_changed()
        return bool(limits)

    def _fit_table(self, rows: int) -> None:
        table = self.limits_table
        shown = min(max(rows, SHOWN_ROWS[0]), SHOWN_ROWS[1])
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + shown * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )

    def selected_limit(self) -> DailyLimit | None:
        rows = self.limits_table.selectionModel().selectedRows()
        return self.limits.limit(rows[0].row()) if rows else None

    def _on_limits_selection_changed(self) -> None:
        selected = self.selected_limit() is not None
        self.edit_limit_button.setEnabled(selected)
        self.remove_limit_button.setEnabled(selected)

    def open_limit_dialog(self, existing: DailyLimit | None) -> LimitDialog:
        """Opens the (window-modal) dialog; the limit is stored when it is saved."""
        dialog = LimitDialog(self._app_names, existing, self)
        dialog.accepted.connect(partial(self._on_limit_dialog_accepted, dialog, existing))
        dialog.finished.connect(partial(self._on_limit_dialog_finished, dialog))
        self.limit_dialog = dialog
        dialog.open()
        return dialog

    def _on_add_limit_button_clicked(self) -> None:
        self.open_limit_dialog(None)

    def _on_edit_limit_button_clicked(self) -> None:
        if (limit := self.selected_limit()) is not None:
            self.open_limit_dialog(limit)

    def _on_limits_table_double_clicked(self, _index: QModelIndex) -> None:
        self._on_edit_limit_button_clicked()

    def _on_limit_dialog_accepted(self, dialog: LimitDialog, old: DailyLimit | None) -> None:
        new = dialog.limit()
        if new is None:
            return
        with self._repos.db.atomic():
            if old is not None and (old.target, old.weekdays) != (new.target, new.weekdays):
                self._remove(old)
            self._repos.limits.set(new)
        self.refresh()
        self.changed.emit()

    def _on_limit_dialog_finished(self, dialog: LimitDialog, _result: int) -> None:
        if self.limit_dialog is dialog:
            self.limit_dialog = None
        dialog.deleteLater()

    def _remove(self, limit: DailyLimit) -> None:
        if limit.id is not None:
            self._repos.limits.remove_limit(limit.id)

    def _on_remove_limit_button_clicked(self) -> None:
        limit = self.selected_limit()
        if limit is None:
            return
        self._remove(limit)
        self.refresh()
        self.changed.emit()

        def undo() -> None:
            self._repos.limits.set(limit)
            self.refresh()
            self.changed.emit()

        self.undo_offered.emit(
            self.tr("Removed the limit for {target} ({limit}).").format(
                target=target_text(limit), limit=limit_text(limit)
            ),
            undo,
        )


def note(text: str) -> QLabel:
    """A wrapped line of explanation."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label
