"""Where each setting is shown, and the pieces every Settings tab is built of: named groups,
a form of setting controls, and a tab that scrolls rather than clip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.ui import design
from wellbeing_app.ui.settings_control import SettingControl

# Settings shown beside the "start at login" switch (when there is one) on the Tracking tab.
STARTING = ("start_hidden",)
# Settings whose one place is the Boundaries page (break timings, strictness, quiet hours):
# they are set there, beside the limits they go with, and nowhere else.
ON_BOUNDARIES = (
    "continuous_use_minutes",
    "break_minutes",
    "heads_up_percent",
    "snooze_minutes",
    "quiet_hours",
    "strict_mode",
    "hold_prompts_when_busy",
)
# Tab of every setting; a setting missing here (or in STARTING, or ON_BOUNDARIES) lands on a
# "More" tab.
TABS: dict[str, tuple[str, ...]] = {
    "Tracking": (
        "idle_threshold_seconds",
        "poll_interval_seconds",
        "track_all_apps",
        "day_start_hour",
        "commit_interval_seconds",
    ),
    "Privacy": ("window_titles", "exclude_patterns"),
    "Reminders": ("mood_reminder_times", "gratitude_reminder_time", "who5_interval_days"),
    "Check-ins & help": ("clinical_questionnaires", "crisis_country", "crisis_lines"),
    "Appearance": ("appearance",),
    "Data": ("backup_every_hours", "backups_to_keep"),
}


def group(title: str, *widgets: QWidget) -> QGroupBox:
    """A named group of widgets, one under the other; its name in the label step."""
    box = QGroupBox(title)
    body = box.font()
    box.setFont(design.font(design.LABEL, body))  # the title's font; the contents keep body
    layout = QVBoxLayout(box)
    layout.setContentsMargins(design.SPACE_L, design.SPACE_M, design.SPACE_L, design.SPACE_L)
    layout.setSpacing(design.SPACE_M)
    for widget in widgets:
        widget.setFont(design.font(design.BODY, body))
        layout.addWidget(widget)
    return box


def setting_form(controls: Mapping[str, SettingControl], names: Sequence[str]) -> QWidget:
    """The controls of ``names`` as a form, each with its label (a check box is its own)."""
    holder = QWidget()
    form = QFormLayout(holder)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(design.SPACE_M)
    form.setVerticalSpacing(design.SPACE_M)
    for name in names:
        control = controls.get(name)
        if control is None:
            continue  # a tab may name a setting this version does not have
        if control.inline_label:
            form.addRow(control)
        else:
            label = QLabel(
                QCoreApplication.translate("SettingsPage", "{label}:").format(label=control.label)
            )
            label.setBuddy(control.focus_widget)
            label.setWordWrap(True)
            form.addRow(label, control)
    return holder


class SettingsTab(QScrollArea):
    """A tab of sections one under the other, scrolling when the window is too short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def set_sections(self, *sections: QWidget) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, design.SPACE_L, design.SPACE_S, design.SPACE_L)
        layout.setSpacing(design.SPACE_XL)
        for section in sections:
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(inner)
