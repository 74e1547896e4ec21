"""Add or edit a daily limit: what it is for, how many minutes, and (optionally) on which days."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limits import CATEGORIES, MAX_LIMIT_MINUTES, new_limit, resolve_target
from wellbeing_app.core.models import DailyLimit
from wellbeing_app.ui.settings_control import problem_label


def weekday_name(day: int, short: bool = False) -> str:
    """Monday (0) to Sunday (6) in the locale's language: ``Monday`` or ``Mon``."""
    kind = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().dayName(day + 1, kind)


# Checked toggles filled with the highlight colour: the style's own pressed look is too faint
# to tell which days are on.
TOGGLE_STYLE = """
QToolButton {
    border: 1px solid palette(mid); border-radius: 4px; padding: 3px 8px;
    background-color: palette(button); color: palette(button-text);
}
QToolButton:checked {
    border-color: palette(highlight);
    background-color: palette(highlight); color: palette(highlighted-text);
}
QToolButton:focus { border: 2px solid palette(highlight); }
"""


def toggle_button(text: str, accessible_name: str) -> QToolButton:
    """A checkable button that shows plainly whether it is on."""
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setAccessibleName(accessible_name)
    button.setStyleSheet(TOGGLE_STYLE)
    return button


class WeekdayPicker(QWidget):
    """Seven checkable buttons, Mon to Sun; none checked means every day."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for day in range(7):
            name = weekday_name(day)
            # Tool buttons size to their text, so seven fit in a narrow window.
            button = toggle_button(weekday_name(day, short=True), name)
            widest = max(
                button.fontMetrics().horizontalAdvance(weekday_name(d, True)) for d in range(7)
            )
            button.setMinimumWidth(widest + 20)
            button.setToolTip(name)
            self.group.addButton(button, day)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idToggled.connect(self._on_group_id_toggled)

    def button(self, day: int) -> QToolButton:
        found = self.group.button(day)
        assert isinstance(found, QToolButton)
        return found

    def weekdays(self) -> frozenset[int]:
        return frozenset(self.group.id(b) for b in self.group.buttons() if b.isChecked())

    def set_weekdays(self, days: Iterable[int]) -> None:
        wanted = set(days)
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) in wanted)

    def _on_group_id_toggled(self, _day: int, _checked: bool) -> None:
        self.changed.emit()


def error_label() -> QLabel:
    """A label for one sentence saying what is wrong; hidden until there is something to say.
    The settings' problem line: its red follows a change between light and dark."""
    return problem_label()


def show_error(label: QLabel, error: InvalidInput | None) -> None:
    label.setText("" if error is None else str(error))
    label.setVisible(error is not None)


def days_text(weekdays: frozenset[int]) -> str:
    """``Every day``, ``Weekdays``, ``Weekends`` or ``Mon, Wed, Fri``."""
    if not weekdays or len(weekdays) == 7:
        return QCoreApplication.translate("LimitDialog", "Every day")
    if weekdays == frozenset(range(5)):
        return QCoreApplication.translate("LimitDialog", "Weekdays")
    if weekdays == frozenset({5, 6}):
        return QCoreApplication.translate("LimitDialog", "Weekends")
    return ", ".join(weekday_name(day, short=True) for day in sorted(weekdays))


class LimitDialog(QDialog):
    """Returns the limit through ``limit()`` once saved; problems show as one sentence."""

    def __init__(
        self,
        app_names: Sequence[str],
        existing: DailyLimit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit daily limit") if existing else self.tr("New daily limit"))
        self._app_names = list(app_names)
        self._limit: DailyLimit | None = None

        self.target = QComboBox()
        self.target.setAccessibleName(self.tr("Limit for"))
        for category in CATEGORIES:
            self.target.addItem(self.tr("All {category} apps").format(category=category), category)
        self.target.insertSeparator(self.target.count())
        names = sorted(self._app_names, key=str.casefold)
        if existing is not None and existing.kind == "app" and existing.target not in names:
            names.insert(0, existing.target)
            self._app_names.append(existing.target)
        for name in names:
            self.target.addItem(name, name)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName(self.tr("Minutes a day"))
        # 0 is allowed in the box so that "none at all" gets a sentence, not a silent clamp.
        self.minutes.setRange(0, MAX_LIMIT_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(30)
        self.weekdays = WeekdayPicker()
        days_hint = QLabel(self.tr("Leave all days off for a limit that applies every day."))
        days_hint.setWordWrap(True)
        self.error = error_label()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        form = QFormLayout()
        form.addRow(self.tr("Limit for:"), self.target)
        form.addRow(self.tr("Minutes a day:"), self.minutes)
        form.addRow(self.tr("Only on:"), self.weekdays)
        form.addRow("", days_hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if existing is not None:
            self.select_target(existing.target)
            self.minutes.setValue(existing.minutes)
            self.weekdays.set_weekdays(existing.weekdays)

    def select_target(self, target: str) -> None:
        index = self.target.findData(target)
        if index >= 0:
            self.target.setCurrentIndex(index)

    def accept(self) -> None:
        try:
            target, kind = resolve_target(str(self.target.currentData() or ""), self._app_names)
            limit = new_limit(target, kind, self.minutes.value(), self.weekdays.weekdays())
        except InvalidInput as error:
            show_error(self.error, error)
            return
        show_error(self.error, None)
        self._limit = limit
        super().accept()

    def limit(self) -> DailyLimit | None:
        return self._limit
