"""Boundaries: daily limits with today's standing, break timings, quiet hours and prompt rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
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
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limits import standings
from wellbeing_app.core.models import DailyLimit
from wellbeing_app.core.quiet_hours import WEEKDAYS, parse_quiet_hours
from wellbeing_app.core.settings import Settings, spec_for
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number, translate_core
from wellbeing_app.ui.limit_dialog import (
    LimitDialog,
    WeekdayPicker,
    days_text,
    error_label,
    show_error,
    weekday_name,
)
from wellbeing_app.ui.rows_model import RowsModel
from wellbeing_app.ui.today_page import LimitBarDelegate
from wellbeing_app.ui.usage_model import LIMIT_FRACTION_ROLE

_Index = QModelIndex | QPersistentModelIndex

# English sources, translated where shown (context "BoundariesPage").
STRICT_MODE_TEXT = QT_TRANSLATE_NOOP(
    "BoundariesPage", "Strict mode hides Skip and 5 more minutes until the break has passed."
)
HOLD_PROMPTS_TEXT = QT_TRANSLATE_NOOP(
    "BoundariesPage",
    "Break prompts wait while a fullscreen window or a call app is in front, and come when it "
    "ends.",
)


# ------------------------------------------------------------------------------ quiet hours


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
            else f"{weekday_name(first, short=True)}–{weekday_name(last, short=True)}"
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


# ----------------------------------------------------------------------------- daily limits


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


# ------------------------------------------------------------------------------------- page


def _section(title: str) -> tuple[QWidget, QVBoxLayout]:
    """A titled part of the page: a heading over its contents."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(title)
    heading.setAccessibleName(title)
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    heading.setFont(font)
    layout.addWidget(heading)
    return box, layout


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class BoundariesPage(QWidget):
    """Daily limits, break timings, quiet hours and prompt rules. Emits ``changed`` after any
    edit; ``undo_offered`` (message, callback) after a limit is removed."""

    changed = Signal()
    undo_offered = Signal(str, object)

    # (setting, label, suffix)
    BREAK_SETTINGS: tuple[tuple[str, str, str], ...] = (
        (
            "continuous_use_minutes",
            QT_TRANSLATE_NOOP("BoundariesPage", "Suggest a break after"),
            QT_TRANSLATE_NOOP("BoundariesPage", " min of continuous use"),
        ),
        (
            "break_minutes",
            QT_TRANSLATE_NOOP("BoundariesPage", "A break lasts"),
            QT_TRANSLATE_NOOP("BoundariesPage", " min"),
        ),
        (
            "heads_up_percent",
            QT_TRANSLATE_NOOP("BoundariesPage", "Heads-up at"),
            QT_TRANSLATE_NOOP("BoundariesPage", " % of a daily limit"),
        ),
        (
            "snooze_minutes",
            QT_TRANSLATE_NOOP("BoundariesPage", "“5 more minutes” waits"),
            QT_TRANSLATE_NOOP("BoundariesPage", " min"),
        ),
    )

    def __init__(
        self,
        repos: Repositories,
        settings: SettingsService,
        app_names: Sequence[str],
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("boundariesPage")
        self._repos = repos
        self._settings = settings
        self._app_names = tuple(app_names)
        self._clock = clock
        self.limit_dialog: LimitDialog | None = None

        content = QWidget()
        layout = self._content_layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        self._limits_section = self._build_limits()
        layout.addWidget(self._limits_section, 1)
        self._sections = (self._build_breaks(), self._build_prompts(), self._build_quiet_hours())
        self._lower = QGridLayout()
        self._lower.setHorizontalSpacing(32)
        self._lower.setVerticalSpacing(14)
        self._wide: bool | None = None
        self._arrange(wide=True)
        layout.addLayout(self._lower)
        layout.addStretch(0)  # takes up the slack only while there is no limits table
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        settings.changed.connect(self._on_settings_changed)
        self._show_settings(settings.settings)
        self.refresh()

    # ---------------------------------------------------------------------------- building

    def _arrange(self, *, wide: bool) -> None:
        """Breaks and prompts beside quiet hours when there is room, all in one column if not."""
        if wide == self._wide:
            return
        self._wide = wide
        breaks, prompts, quiet = self._sections
        for section in self._sections:
            self._lower.removeWidget(section)
        self._lower.addWidget(breaks, 0, 0, Qt.AlignmentFlag.AlignTop)
        self._lower.addWidget(prompts, 1, 0, Qt.AlignmentFlag.AlignTop)
        if wide:
            self._lower.addWidget(quiet, 0, 1, 3, 1)
        else:
            self._lower.addWidget(quiet, 2, 0)
        self._lower.setColumnStretch(0, 1)
        self._lower.setColumnStretch(1, 1 if wide else 0)
        self._lower.setRowStretch(2, 1 if wide else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        breaks, prompts, quiet = self._sections
        needed = (
            max(breaks.minimumSizeHint().width(), prompts.minimumSizeHint().width())
            + quiet.minimumSizeHint().width()
            + self._lower.horizontalSpacing()
            + 48  # the page's side margins
            + 20  # room for a vertical scroll bar
        )
        self._arrange(wide=event.size().width() >= needed)
        super().resizeEvent(event)

    def _build_limits(self) -> QWidget:
        box, layout = _section(self.tr("Daily limits"))
        layout.addWidget(
            _note(
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
        self.limits_table.setMinimumHeight(140)
        header = self.limits_table.horizontalHeader()
        # The bar takes what room there is; names and limits keep their whole text.
        for column in (LimitTableModel.TARGET, LimitTableModel.LIMIT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LimitTableModel.TODAY, QHeaderView.ResizeMode.Stretch)
        self.limits_table.doubleClicked.connect(self._on_limits_table_double_clicked)
        self.limits_table.selectionModel().selectionChanged.connect(
            self._on_limits_selection_changed
        )
        self.limits_empty = _note(self.tr("No daily limits yet."))
        self.add_limit_button = QPushButton(self.tr("Add limit…"))
        self.edit_limit_button = QPushButton(self.tr("Edit…"))
        self.remove_limit_button = QPushButton(self.tr("Remove"))
        self.add_limit_button.clicked.connect(self._on_add_limit_button_clicked)
        self.edit_limit_button.clicked.connect(self._on_edit_limit_button_clicked)
        self.remove_limit_button.clicked.connect(self._on_remove_limit_button_clicked)
        buttons = QHBoxLayout()
        for button in (self.add_limit_button, self.edit_limit_button, self.remove_limit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.limits_table, 1)
        layout.addWidget(self.limits_empty)
        layout.addLayout(buttons)
        return box

    def _build_breaks(self) -> QWidget:
        box, layout = _section(self.tr("Breaks"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.setting_spins: dict[str, QSpinBox] = {}
        for name, english_label, english_suffix in self.BREAK_SETTINGS:
            label, suffix = self.tr(english_label), self.tr(english_suffix)
            spec = spec_for(name)
            spin = QSpinBox()
            spin.setRange(int(spec.minimum or 0), int(spec.maximum or 0))
            spin.setSuffix(suffix)
            spin.setToolTip(translate_core(spec.help))
            spin.setAccessibleName(f"{label}{suffix}")
            # Write once the person has finished typing, not at every keystroke.
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(partial(self._on_setting_spin_value_changed, name))
            self.setting_spins[name] = spin
            form.addRow(self.tr("{label}:").format(label=label), spin)
        self.setting_spins["heads_up_percent"].setSpecialValueText(self.tr("No heads-up"))
        layout.addLayout(form)
        self.settings_error = error_label()
        layout.addWidget(self.settings_error)
        return box

    def _build_prompts(self) -> QWidget:
        box, layout = _section(self.tr("Break prompts"))
        self.strict_mode = QCheckBox(self.tr("Strict mode"))
        self.hold_prompts = QCheckBox(self.tr("Hold prompts during fullscreen and calls"))
        for checkbox, name, text in (
            (self.strict_mode, "strict_mode", self.tr(STRICT_MODE_TEXT)),
            (self.hold_prompts, "hold_prompts_when_busy", self.tr(HOLD_PROMPTS_TEXT)),
        ):
            checkbox.setToolTip(text)
            checkbox.toggled.connect(partial(self._on_setting_checkbox_toggled, name))
            layout.addWidget(checkbox)
            explanation = _note(text)
            explanation.setContentsMargins(24, 0, 0, 6)
            layout.addWidget(explanation)
        return box

    def _build_quiet_hours(self) -> QWidget:
        box, layout = _section(self.tr("Quiet hours"))
        layout.addWidget(
            _note(self.tr("Opening a community app in these hours brings a gentle nudge to stop."))
        )
        self.quiet_hours = QuietHoursModel()
        self.quiet_list = QListView()
        self.quiet_list.setAccessibleName(self.tr("Quiet hours"))
        self.quiet_list.setModel(self.quiet_hours)
        self.quiet_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quiet_list.setMinimumHeight(90)
        self.quiet_list.selectionModel().selectionChanged.connect(self._on_quiet_selection_changed)
        self.quiet_empty = _note(self.tr("No quiet hours yet."))
        self.quiet_start = QTimeEdit(QTime(22, 0))
        self.quiet_end = QTimeEdit(QTime(7, 0))
        for edit, name in (
            (self.quiet_start, self.tr("Quiet from")),
            (self.quiet_end, self.tr("Quiet until")),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        self.quiet_days = WeekdayPicker()
        self.quiet_preview = _note("")
        self.add_quiet_button = QPushButton(self.tr("Add"))
        self.remove_quiet_button = QPushButton(self.tr("Remove"))
        self.add_quiet_button.setAccessibleName(self.tr("Add quiet hours"))
        self.remove_quiet_button.setAccessibleName(self.tr("Remove the selected quiet hours"))
        self.add_quiet_button.clicked.connect(self._on_add_quiet_button_clicked)
        self.remove_quiet_button.clicked.connect(self._on_remove_quiet_button_clicked)
        self.quiet_start.timeChanged.connect(self._on_quiet_picker_changed)
        self.quiet_end.timeChanged.connect(self._on_quiet_picker_changed)
        self.quiet_days.changed.connect(self._on_quiet_picker_changed)
        self.quiet_error = error_label()

        times = QHBoxLayout()
        times.addWidget(QLabel(self.tr("From")))
        times.addWidget(self.quiet_start)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.quiet_end)
        times.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.add_quiet_button, self.remove_quiet_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.quiet_list, 1)
        layout.addWidget(self.quiet_empty)
        layout.addLayout(times)
        layout.addWidget(self.quiet_days)
        layout.addWidget(self.quiet_preview)
        layout.addLayout(buttons)
        layout.addWidget(self.quiet_error)
        layout.addStretch(0)  # takes up the slack only while the list is hidden
        self._on_quiet_picker_changed()
        return box

    # ----------------------------------------------------------------------------- showing

    def refresh(self) -> None:
        """Reloads the limits and today's standing (call when usage or limits changed)."""
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
        self._content_layout.setStretchFactor(self._limits_section, 1 if limits else 0)
        self._on_limits_selection_changed()

    def _show_settings(self, settings: Settings) -> None:
        for name, spin in self.setting_spins.items():
            spin.blockSignals(True)
            spin.setValue(int(getattr(settings, name)))
            spin.blockSignals(False)
        for checkbox, value in (
            (self.strict_mode, settings.strict_mode),
            (self.hold_prompts, settings.hold_prompts_when_busy),
        ):
            checkbox.blockSignals(True)
            checkbox.setChecked(value)
            checkbox.blockSignals(False)
        self.quiet_hours.set_windows(settings.quiet_hours)
        self.quiet_list.setVisible(bool(settings.quiet_hours))
        self.quiet_empty.setVisible(not settings.quiet_hours)
        self._on_quiet_selection_changed()

    def _on_settings_changed(self, settings: Settings) -> None:
        self._show_settings(settings)

    # ---------------------------------------------------------------------------- settings

    def _write_setting(self, name: str, value: object, error_to: QLabel) -> bool:
        before = self._settings.settings
        try:
            after = self._settings.set(name, value)
        except InvalidInput as error:
            show_error(error_to, error)
            self._show_settings(self._settings.settings)
            return False
        show_error(error_to, None)
        if after != before:
            self.changed.emit()
        return True

    def _on_setting_spin_value_changed(self, name: str, value: int) -> None:
        self._write_setting(name, value, self.settings_error)

    def _on_setting_checkbox_toggled(self, name: str, checked: bool) -> None:
        self._write_setting(name, checked, self.settings_error)

    # ------------------------------------------------------------------------- quiet hours

    def _picked_quiet_hours(self) -> str:
        return quiet_hours_text(
            self.quiet_start.time(), self.quiet_end.time(), self.quiet_days.weekdays()
        )

    def _on_quiet_picker_changed(self) -> None:
        self.quiet_preview.setText(
            self.tr("Adds: {hours}").format(hours=quiet_hours_summary(self._picked_quiet_hours()))
        )

    def _on_add_quiet_button_clicked(self) -> None:
        text = self._picked_quiet_hours()
        windows = self._settings.settings.quiet_hours
        if text in windows:
            show_error(
                self.quiet_error,
                InvalidInput(self.tr("Those quiet hours are already in the list.")),
            )
            return
        self._write_setting("quiet_hours", (*windows, text), self.quiet_error)

    def _on_remove_quiet_button_clicked(self) -> None:
        rows = self.quiet_list.selectionModel().selectedRows()
        if not rows:
            return
        gone = self.quiet_hours.window(rows[0].row())
        windows = tuple(w for w in self._settings.settings.quiet_hours if w != gone)
        self._write_setting("quiet_hours", windows, self.quiet_error)

    def _on_quiet_selection_changed(self) -> None:
        self.remove_quiet_button.setEnabled(bool(self.quiet_list.selectionModel().selectedRows()))

    # ------------------------------------------------------------------------------ limits

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
