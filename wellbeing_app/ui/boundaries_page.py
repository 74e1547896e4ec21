"""Boundaries: daily limits with today's standing, break timings, quiet hours and prompt rules.

The page puts the parts together and stores what is edited: the limits' words and table model
live in ``boundaries_limits``, quiet hours (their words, list and picker) in
``boundaries_quiet_hours``; their public names are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import Settings, spec_for
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.boundaries_limits import (
    DailyLimitsSection,
    LimitRow,
    LimitTableModel,
    limit_text,
    target_text,
)
from wellbeing_app.ui.boundaries_quiet_hours import (
    QuietHoursModel,
    QuietHoursSection,
    quiet_hours_summary,
    quiet_hours_text,
)
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, translate_core
from wellbeing_app.ui.limit_dialog import error_label, show_error

# English sources, translated where shown (context "BoundariesPage").
STRICT_MODE_TEXT = QT_TRANSLATE_NOOP(
    "BoundariesPage", "Strict mode hides Skip and 5 more minutes until the break has passed."
)
HOLD_PROMPTS_TEXT = QT_TRANSLATE_NOOP(
    "BoundariesPage",
    "Break prompts wait while a fullscreen window or a call app is in front, and come when it "
    "ends.",
)


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
        self._give_limits_room(self.daily_limits.limits.rowCount() > 0)  # the section has loaded

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
        self.daily_limits = DailyLimitsSection(self._repos, self._app_names, self._clock)
        self.daily_limits.changed.connect(self._on_daily_limits_changed)
        self.daily_limits.undo_offered.connect(self.undo_offered)
        layout.addWidget(self.daily_limits, 1)
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
        self.quiet = QuietHoursSection()
        self.quiet_hours = self.quiet.quiet_hours  # the windows shown, for callers and tests
        self.quiet.windows_chosen.connect(self._on_quiet_windows_chosen)
        layout.addWidget(self.quiet, 1)
        return box

    # ----------------------------------------------------------------------------- showing

    def refresh(self) -> None:
        """Reloads the limits and today's standing (call when usage or limits changed)."""
        self._give_limits_room(self.daily_limits.refresh())

    def _give_limits_room(self, any_limit: bool) -> None:
        """The limits table takes the page's spare height; its empty note does not."""
        self._content_layout.setStretchFactor(self._limits_section, 1 if any_limit else 0)

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
        self.quiet.show_windows(settings.quiet_hours)

    def _on_daily_limits_changed(self) -> None:
        self._give_limits_room(self.daily_limits.limits.rowCount() > 0)
        self.changed.emit()

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

    def _on_quiet_windows_chosen(self, windows: tuple[str, ...]) -> None:
        self._write_setting("quiet_hours", windows, self.quiet.quiet_error)


__all__ = [
    "HOLD_PROMPTS_TEXT",
    "STRICT_MODE_TEXT",
    "BoundariesPage",
    "DailyLimitsSection",
    "LimitRow",
    "LimitTableModel",
    "QuietHoursModel",
    "QuietHoursSection",
    "limit_text",
    "quiet_hours_summary",
    "quiet_hours_text",
    "target_text",
]
