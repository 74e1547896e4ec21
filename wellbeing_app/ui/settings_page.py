"""The Settings page: every setting, applied as soon as it changes, grouped in tabs.

Controls come from the settings registry (``core/settings.py``): a setting added there shows up
here with a spin box, check box, choice or list, without new UI code. The settings that deserve
more (window titles, reminders, crisis lines) have hand-made controls, and what counts as a
community (catalog apps, own rules) has its own panels. Nothing is saved with a button: each
change goes through ``SettingsService``, and a refused value is explained in one sentence beside
the control, storing nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.classifier import Catalog
from wellbeing_app.core.crisis import country_names
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import SETTINGS, Settings, SettingSpec
from wellbeing_app.platform.autostart import Autostart
from wellbeing_app.platform.logs import LOG_FILE, log_folder
from wellbeing_app.platform.sessions import TrackingAdvice
from wellbeing_app.resources import read_text
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.storage.tracking_store import PauseStore
from wellbeing_app.ui.rule_editor import CountedAppsPanel, RulesPanel
from wellbeing_app.ui.settings_widgets import (
    CheckControl,
    ChoiceControl,
    NumberControl,
    OptionalTimeControl,
    RadioChoiceControl,
    SettingControl,
    TextListControl,
    TimeListControl,
    check_pattern,
    control_for,
    note_label,
    problem_label,
    text_label,
)
from wellbeing_app.ui.tracking_status import TrackingStatusPanel

# Labels in the person's words; a setting without one gets a label made from its name.
LABELS: dict[str, str] = {
    "day_start_hour": "A new day starts at",
    "poll_interval_seconds": "Look at the window in front every",
    "idle_threshold_seconds": "Count me as away after",
    "commit_interval_seconds": "Write to disk every",
    "window_titles": "Window titles",
    "exclude_patterns": "Never record windows matching",
    "track_all_apps": "Also record time in apps that are not communities",
    "mood_reminder_times": "Mood reminders",
    "gratitude_reminder_time": "Gratitude reminder",
    "who5_interval_days": "WHO-5 check-in every",
    "clinical_questionnaires": "Offer the PHQ-9 (mood) and GAD-7 (anxiety) questionnaires",
    "crisis_country": "Country",
    "crisis_lines": "Your own crisis contacts",
    "backup_every_hours": "Back up every",
    "backups_to_keep": "Backups to keep",
    "start_hidden": "At login, start hidden in the tray",
    "appearance": "Light or dark",
}
# Number settings whose 0 means "none" say "Off" there.
ZERO_IS_OFF = ("heads_up_percent", "backup_every_hours")

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

WINDOW_TITLE_CHOICES = (
    (
        "reduced",
        "Only the program's name (recommended)",
        "Time is counted per community; of the window, only the program's name (like "
        "'firefox' or 'Discord') is kept, never what the page or chat was about.",
    ),
    (
        "drop",
        "Nothing",
        "Only which community and for how long; not even the program's name.",
    ),
    (
        "keep",
        "The full title",
        "Keeps titles like 'r/gardening - Reddit' so you can see which page or channel took "
        "the time. Titles can show what you read and who you talk to.",
    ),
)

PAUSE_CHOICES: tuple[tuple[str, float | None], ...] = (
    ("For 15 minutes", 15.0),
    ("For 1 hour", 60.0),
    ("Until tomorrow", None),
)


def _group(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def _scrolling(*sections: QWidget) -> QScrollArea:
    inner = QWidget()
    layout = QVBoxLayout(inner)
    for section in sections:
        layout.addWidget(section)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll


class SettingsPage(QWidget):
    """Every setting, applied at once.

    Args:
        repos: the open data folder (rules and the pause state are read from it).
        settings: stores changes and announces them to the rest of the app.
        catalog: the community apps that can be counted.
        data_dir_label: where the data lives, as shown to the person.
        data_dir: the folder "Show folder" opens (default: ``data_dir_label`` if it is one).
        autostart: when given, a "start at login" switch using ``start_command``.
        open_url: opens a folder in the file manager (``QDesktopServices.openUrl``).
    """

    pause_requested = Signal(object)  # minutes (float) or None for "until tomorrow"
    resume_requested = Signal()
    rules_changed = Signal()  # own rules or counted apps changed: rebuild the classifier

    def __init__(
        self,
        repos: Repositories,
        settings: SettingsService,
        catalog: Catalog,
        data_dir_label: str,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        autostart: Autostart | None = None,
        start_command: Sequence[str] = (),
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._settings = settings
        self._open_url = open_url
        self._autostart = autostart
        self._start_command = list(start_command)
        if data_dir is None and Path(data_dir_label).is_dir():
            data_dir = Path(data_dir_label)
        self._data_dir = data_dir
        rules = RuleRepository(repos.db)
        self.controls: dict[str, SettingControl] = {}
        self._make_controls()

        self.tracking_status = TrackingStatusPanel()
        self.apps = CountedAppsPanel(catalog, rules)
        self.rules = RulesPanel(rules)
        self.apps.changed.connect(self.rules_changed)
        self.rules.changed.connect(self.rules_changed)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._tracking_tab(), "Tracking")
        self.tabs.addTab(self._privacy_tab(repos), "Privacy")
        self.tabs.addTab(self._reminders_tab(), "Reminders")
        self.tabs.addTab(self._help_tab(), "Check-ins && help")
        self.tabs.addTab(self._form_tab("Appearance"), "Appearance")
        self.tabs.addTab(self._data_tab(data_dir_label), "Data")
        placed = {name for names in TABS.values() for name in names}
        placed |= set(STARTING) | set(ON_BOUNDARIES)
        if more := [spec.name for spec in SETTINGS if spec.name not in placed]:
            self.tabs.addTab(_scrolling(self._form(more)), "More")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._on_settings_changed(settings.settings)
        settings.changed.connect(self._on_settings_changed)

    # -- controls

    def _make_controls(self) -> None:
        for spec in SETTINGS:
            if spec.name in ON_BOUNDARIES:
                continue
            control = self._hand_made(spec, LABELS.get(spec.name, ""))
            control = control or control_for(spec, LABELS.get(spec.name, ""))
            control.edited.connect(self._on_control_edited)
            self.controls[spec.name] = control
        for name in ZERO_IS_OFF:
            control = self.controls.get(name)
            if isinstance(control, NumberControl) and control.box.minimum() == 0:
                control.box.setSpecialValueText("Off")
        day_start = self.controls.get("day_start_hour")
        if isinstance(day_start, NumberControl):
            day_start.box.setSuffix(":00")

    def _hand_made(self, spec: SettingSpec, label: str) -> SettingControl | None:
        if spec.name == "window_titles":
            return RadioChoiceControl(
                spec,
                label,
                WINDOW_TITLE_CHOICES,
                show_help=False,
            )
        if spec.name == "exclude_patterns":
            return TextListControl(
                spec,
                label,
                placeholder="A pattern, e.g. bank|Private Browsing",
                check_item=check_pattern,
                note="A window whose program or title contains a match is never recorded at "
                "all. Patterns are regular expressions and ignore case.",
            )
        if spec.name == "mood_reminder_times":
            return TimeListControl(
                spec, label, note="A gentle reminder to log your mood at each of these times."
            )
        if spec.name == "gratitude_reminder_time":
            return OptionalTimeControl(
                spec, label, on_text="Remind me at", note="An evening nudge to note good things."
            )
        if spec.name == "appearance":
            choices = [("system", "Like my desktop"), ("light", "Light"), ("dark", "Dark")]
            return ChoiceControl(spec, label, choices, note="Applies at once to every window.")
        if spec.name == "clinical_questionnaires":
            return CheckControl(spec, label, show_help=False)
        if spec.name == "crisis_country":
            names = country_names(read_text("crisis_lines.json"))
            countries = sorted(
                ((code, f"{name} ({code})") for code, name in names.items()),
                key=lambda pair: pair[1],
            )
            choices = [("", "International lines only"), *countries]
            return ChoiceControl(
                spec,
                label,
                choices,
                note="Whose crisis lines 'Get help now' shows, after your own contacts.",
            )
        if spec.name == "crisis_lines":
            return TextListControl(
                spec,
                label,
                placeholder="Name: number, e.g. My sister: 07700 900123",
                note="Shown first under 'Get help now'.",
            )
        return None

    def _form(self, names: Sequence[str]) -> QWidget:
        holder = QWidget()
        form = QFormLayout(holder)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            control = self.controls.get(name)
            if control is None:
                continue  # a tab may name a setting this version does not have
            if control.inline_label:
                form.addRow(control)
            else:
                label = QLabel(f"{control.label}:")
                label.setBuddy(control.focus_widget)
                label.setWordWrap(True)
                form.addRow(label, control)
        return holder

    def _form_tab(self, tab: str) -> QScrollArea:
        return _scrolling(self._form(TABS[tab]))

    def _reminders_tab(self) -> QScrollArea:
        self.boundaries_note = note_label(
            "Break timings, strict breaks and quiet hours are set on the Boundaries page, "
            "beside your daily limits."
        )
        return _scrolling(self._form(TABS["Reminders"]), self.boundaries_note)

    def _tracking_tab(self) -> QScrollArea:
        sections: list[QWidget] = []
        if self._autostart is not None:
            self.start_at_login = QCheckBox("Start Wellbeing when I log in")
            self.start_at_login.setAccessibleName("Start Wellbeing when I log in")
            self.start_at_login.setToolTip(
                f"Keeps tracking and reminders going from login on ({self._autostart.location})."
            )
            self.start_at_login.setChecked(self._autostart.enabled())
            self.start_at_login.toggled.connect(self._on_start_at_login_toggled)
            self.autostart_error = problem_label()
            starting = [self.controls[name] for name in STARTING if name in self.controls]
            sections.append(
                _group("Starting", self.start_at_login, *starting, self.autostart_error)
            )
        sections += [
            _group("How Wellbeing sees your desktop", self.tracking_status),
            _group("Community apps that count", self.apps),
            _group("Your own rules", self.rules),
            _group("How time is measured", self._form(TABS["Tracking"])),
        ]
        return _scrolling(*sections)

    def _privacy_tab(self, repos: Repositories) -> QScrollArea:
        self.pause_buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, minutes in PAUSE_CHOICES:
            button = QPushButton(text)
            button.setAccessibleName(f"Pause tracking {text.lower()}")
            button.setToolTip("Nothing is recorded while tracking is paused.")
            button.clicked.connect(lambda _=False, m=minutes: self.pause_requested.emit(m))
            self.pause_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.pause_status = QLabel()
        self.resume_button = QPushButton("Resume now")
        self.resume_button.setAccessibleName("Resume tracking now")
        self.resume_button.clicked.connect(self.resume_requested)
        status = QHBoxLayout()
        status.addWidget(self.pause_status)
        status.addWidget(self.resume_button)
        status.addStretch(1)
        pause = QWidget()
        pause_layout = QVBoxLayout(pause)
        pause_layout.setContentsMargins(0, 0, 0, 0)
        pause_layout.addWidget(note_label("Take a private moment: nothing is recorded meanwhile."))
        pause_layout.addLayout(row)
        pause_layout.addLayout(status)
        until = PauseStore(repos.db).paused_until()
        self.show_paused_until(
            datetime.fromtimestamp(until).astimezone() if until and until > time.time() else None
        )
        return _scrolling(
            _group("What is kept of window titles", self.controls["window_titles"]),
            _group("Never record", self.controls["exclude_patterns"]),
            _group("Pause tracking", pause),
        )

    def _help_tab(self) -> QScrollArea:
        questionnaires = _group(
            "Questionnaires",
            text_label(
                "The WHO-5 well-being check-in is always offered. The PHQ-9 asks about low "
                "mood and the GAD-7 about anxiety over the last two weeks. They are screening "
                "questionnaires, not a diagnosis: a high score is a reason to talk with your "
                "doctor or therapist, and your answers stay on this computer."
            ),
            self.controls["clinical_questionnaires"],
        )
        crisis = _group(
            "Crisis lines under 'Get help now'",
            text_label(
                "Your own contacts come first, then your country's lines and emergency number. "
                "Numbers change: please check the ones for your country once."
            ),
            self._form(("crisis_country", "crisis_lines")),
        )
        return _scrolling(questionnaires, crisis)

    def _data_tab(self, data_dir_label: str) -> QScrollArea:
        self.data_location = QLabel(data_dir_label)
        self.data_location.setWordWrap(True)
        self.data_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_location.setAccessibleName("Where your data is kept")
        self.show_folder_button = QPushButton("Show folder")
        self.show_folder_button.setAccessibleName("Show the data folder in the file manager")
        self.show_folder_button.setToolTip("Opens the folder with wellbeing.db in it.")
        self.show_folder_button.setEnabled(self._data_dir is not None)
        self.show_folder_button.clicked.connect(self._on_show_folder_button_clicked)
        self.folder_error = problem_label()
        row = QHBoxLayout()
        row.addWidget(self.data_location, 1)
        row.addWidget(self.show_folder_button)
        where = QWidget()
        where_layout = QVBoxLayout(where)
        where_layout.setContentsMargins(0, 0, 0, 0)
        where_layout.addLayout(row)
        where_layout.addWidget(self.folder_error)
        self.log_location = note_label(
            f"The app's log (no titles, notes or moods in it): {log_folder() / LOG_FILE}"
        )
        self.log_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where_layout.addWidget(self.log_location)
        privacy = QLabel(
            "<p><b>Nothing leaves this computer.</b> Wellbeing has no account and no cloud, and "
            "it makes no network connections at all. Everything it records is in one file, "
            "<code>wellbeing.db</code>, in the folder above.</p>"
            "<p>Copies, the summary for your therapist, backups and deleting everything all "
            "live on one page: <b>Report &amp; export</b>.</p>"
        )
        privacy.setWordWrap(True)
        sections = [_group("Where your data lives", where), _group("Your data", privacy)]
        if any(name in self.controls for name in TABS["Data"]):
            sections.append(_group("Automatic backups", self._form(TABS["Data"])))
        return _scrolling(*sections)

    # -- reacting

    def show_tracking(self, status: str, advice: TrackingAdvice | None) -> None:
        """How the tracker sees this desktop, and what to do when that is limited."""
        self.tracking_status.show_tracking(status, advice)

    def show_paused_until(self, until: datetime | None) -> None:
        """Shows whether tracking is paused; call it when the tray or this page paused it."""
        self.pause_status.setText(
            f"Paused until {until:%H:%M}." if until is not None else "Tracking is on."
        )
        self.resume_button.setVisible(until is not None)

    def _on_control_edited(self, name: str, value: Any) -> None:
        control = self.controls[name]
        try:
            self._settings.set(name, value)
        except InvalidInput as error:
            control.show_result(str(error))
            return
        control.show_result("")

    def _on_settings_changed(self, settings: Settings) -> None:
        for name, control in self.controls.items():
            control.show_value(getattr(settings, name))

    def _on_show_folder_button_clicked(self) -> None:
        if self._data_dir is None:
            return
        opened = self._open_url(QUrl.fromLocalFile(str(self._data_dir)))
        self.folder_error.setText(
            "" if opened else f"No file manager could open the folder; it is {self._data_dir}."
        )
        self.folder_error.setVisible(not opened)

    def _on_start_at_login_toggled(self, on: bool) -> None:
        assert self._autostart is not None
        try:
            if on:
                self._autostart.enable(self._start_command)
            else:
                self._autostart.disable()
        except (OSError, ValueError) as error:
            self.autostart_error.setText(f"Could not change starting at login: {error}.")
            self.autostart_error.setVisible(True)
            return
        self.autostart_error.setVisible(False)
