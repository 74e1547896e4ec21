"""Boundaries: daily limits with today's standing, break timings, quiet hours and prompt rules.

Each part is a card named by its icon, as on Today. The page lays the cards out (breaks beside
the prompts when there is room) and stores the settings they edit. The limits (their words,
table and section) live in ``boundaries_limits``, quiet hours (their words, list and picker) in
``boundaries_quiet_hours``; their public names are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import Settings, spec_for
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import design
from wellbeing_app.ui.boundaries_limits import (
    DailyLimitsSection,
    LimitRow,
    LimitTableModel,
    limit_text,
    note,
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
from wellbeing_app.ui.today_style import PALETTE_CHANGES, Card, page_style, secondary, type_font

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


CARDS_ON_WINDOW = "QFrame#todayCard { background-color: palette(window); }"


def _section(title: str, icon_name: str) -> tuple[Card, QVBoxLayout]:
    """A part of the page: a card named by its icon and title, as on Today."""
    card = Card(title, icon_name)
    card.title.setAccessibleName(title)
    return card, card.body


def _check_box_text_indent(checkbox: QCheckBox) -> int:
    """How far a check box's text starts from its left edge."""
    style = checkbox.style()
    return style.pixelMetric(
        QStyle.PixelMetric.PM_IndicatorWidth, None, checkbox
    ) + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, checkbox)


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

        content = self._content = QWidget()
        content.setObjectName("boundariesContent")
        layout = self._content_layout = QVBoxLayout(content)
        layout.setContentsMargins(design.SPACE_XL, design.SPACE_L, design.SPACE_XL, design.SPACE_XL)
        layout.setSpacing(design.SPACE_L)
        self._limits_section = self._build_limits()
        layout.addWidget(self._limits_section)
        self._sections = (self._build_breaks(), self._build_prompts(), self._build_quiet_hours())
        self._lower = QGridLayout()
        self._lower.setHorizontalSpacing(design.SPACE_L)
        self._lower.setVerticalSpacing(design.SPACE_L)
        self._wide: bool | None = None
        self._arrange(wide=True)
        layout.addLayout(self._lower)
        layout.addStretch(1)  # the cards keep their height on a tall window
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        settings.changed.connect(self._on_settings_changed)
        self._show_settings(settings.settings)
        self._restyle()

    # ---------------------------------------------------------------------------- building

    def _arrange(self, *, wide: bool) -> None:
        """Breaks beside prompts when there is room (one column if not); quiet hours below."""
        if wide == self._wide:
            return
        self._wide = wide
        breaks, prompts, quiet = self._sections
        for section in self._sections:
            self._lower.removeWidget(section)
        if wide:
            self._lower.addWidget(breaks, 0, 0)
            self._lower.addWidget(prompts, 0, 1)
            self._lower.addWidget(quiet, 1, 0, 1, 2)
        else:
            self._lower.addWidget(breaks, 0, 0)
            self._lower.addWidget(prompts, 1, 0)
            self._lower.addWidget(quiet, 2, 0)
        # The spin boxes' words are longer than the prompts' lines wrap to.
        self._lower.setColumnStretch(0, 3)
        self._lower.setColumnStretch(1, 2 if wide else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        breaks, prompts, _quiet = self._sections
        needed = (
            breaks.minimumSizeHint().width()
            + prompts.minimumSizeHint().width()
            + self._lower.horizontalSpacing()
            + 2 * design.SPACE_XL  # the page's side margins
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )
        self._arrange(wide=event.size().width() >= needed)
        super().resizeEvent(event)

    def _restyle(self) -> None:
        # The cards and quiet text as on Today, but on the window's colour: check boxes, spin
        # boxes and lists are drawn for it and fade into a card filled with the base colour.
        sheet = page_style(self.palette()) + CARDS_ON_WINDOW
        if self._content.styleSheet() != sheet:
            self._content.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in PALETTE_CHANGES:
            self._restyle()

    def _build_limits(self) -> QWidget:
        box, layout = _section(self.tr("Daily limits"), "boundaries")
        self.daily_limits = DailyLimitsSection(self._repos, self._app_names, self._clock)
        self.daily_limits.changed.connect(self.changed)
        self.daily_limits.undo_offered.connect(self.undo_offered)
        layout.addWidget(self.daily_limits, 1)
        return box

    def _build_breaks(self) -> QWidget:
        box, layout = _section(self.tr("Breaks"), "timer")
        # Each label over its field, close to it and apart from the next: the card fits
        # beside the prompts at any scale, and no row is ragged.
        rows = QVBoxLayout()
        rows.setSpacing(design.SPACE_M)
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
            caption = QLabel(self.tr("{label}:").format(label=label))
            caption.setBuddy(spin)
            row = QVBoxLayout()
            row.setSpacing(design.SPACE_XS)
            row.addWidget(caption)
            row.addWidget(spin, 0, Qt.AlignmentFlag.AlignLeft)
            rows.addLayout(row)
        self.setting_spins["heads_up_percent"].setSpecialValueText(self.tr("No heads-up"))
        layout.addLayout(rows)
        self.settings_error = error_label()
        layout.addWidget(self.settings_error)
        layout.addStretch(1)  # beside a taller card, the rows stay at the top
        return box

    def _build_prompts(self) -> QWidget:
        box, layout = _section(self.tr("Break prompts"), "break")
        self.strict_mode = QCheckBox(self.tr("Strict mode"))
        self.hold_prompts = QCheckBox(self.tr("Hold prompts during fullscreen and calls"))
        for checkbox, name, text in (
            (self.strict_mode, "strict_mode", self.tr(STRICT_MODE_TEXT)),
            (self.hold_prompts, "hold_prompts_when_busy", self.tr(HOLD_PROMPTS_TEXT)),
        ):
            checkbox.setToolTip(text)
            checkbox.toggled.connect(partial(self._on_setting_checkbox_toggled, name))
            layout.addWidget(checkbox)
            explanation = secondary(note(text))
            explanation.setFont(type_font(design.CAPTION, explanation))
            # Under the check box's text, not under its box.
            explanation.setContentsMargins(_check_box_text_indent(checkbox), 0, 0, design.SPACE_S)
            layout.addWidget(explanation)
        layout.addStretch(1)
        return box

    def _build_quiet_hours(self) -> QWidget:
        box, layout = _section(self.tr("Quiet hours"), "calendar")
        layout.addWidget(
            note(self.tr("Opening a community app in these hours brings a gentle nudge to stop."))
        )
        self.quiet = QuietHoursSection()
        self.quiet_hours = self.quiet.quiet_hours  # the windows shown, for callers and tests
        self.quiet.windows_chosen.connect(self._on_quiet_windows_chosen)
        layout.addWidget(self.quiet, 1)
        return box

    # ----------------------------------------------------------------------------- showing

    def refresh(self) -> None:
        """Reloads the limits and today's standing (call when usage or limits changed)."""
        self.daily_limits.refresh()

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
