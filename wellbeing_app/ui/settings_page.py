"""The Settings page: every setting, applied as soon as it changes, grouped in tabs.

Controls come from the settings registry (``core/settings.py``): a setting added there shows up
here with a spin box, check box, choice or list, without new UI code. The settings that deserve
more (window titles, reminders, crisis lines) have hand-made controls, and what counts as a
community (catalog apps, own rules) has its own panels. Nothing is saved with a button: each
change goes through ``SettingsService``, and a refused value is explained in one sentence beside
the control, storing nothing.

Each tab is a module of its own (``settings_tracking``, ``settings_privacy``, ``settings_help``,
``settings_data``); the controls and their labels are made in ``settings_hand_made``, and where
each setting goes is ``settings_sections.TABS``. Those names stay importable from here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from wellbeing_app.core.classifier import Catalog
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import SETTINGS, Settings
from wellbeing_app.platform.autostart import Autostart
from wellbeing_app.platform.sessions import TrackingAdvice
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.storage.tracking_store import PauseStore
from wellbeing_app.ui import design
from wellbeing_app.ui.rule_editor import CountedAppsPanel, RulesPanel
from wellbeing_app.ui.settings_control import SettingControl
from wellbeing_app.ui.settings_data import DataTab
from wellbeing_app.ui.settings_hand_made import (
    LABELS,
    WINDOW_TITLE_CHOICES,
    ZERO_IS_OFF,
    settings_controls,
)
from wellbeing_app.ui.settings_help import HelpTab, RemindersTab
from wellbeing_app.ui.settings_privacy import PAUSE_CHOICES, PrivacyTab
from wellbeing_app.ui.settings_sections import (
    ON_BOUNDARIES,
    STARTING,
    TABS,
    SettingsTab,
    group,
    setting_form,
)
from wellbeing_app.ui.settings_tracking import TrackingTab
from wellbeing_app.ui.tracking_status import TrackingStatusPanel


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
        if data_dir is None and Path(data_dir_label).is_dir():
            data_dir = Path(data_dir_label)
        rules = RuleRepository(repos.db)
        self.controls: dict[str, SettingControl] = settings_controls()
        for control in self.controls.values():
            control.edited.connect(self._on_control_edited)

        self.tracking_status = TrackingStatusPanel()
        self.apps = CountedAppsPanel(catalog, rules)
        self.rules = RulesPanel(rules)
        self.apps.changed.connect(self.rules_changed)
        self.rules.changed.connect(self.rules_changed)

        tracking = TrackingTab(
            self.controls,
            self.tracking_status,
            self.apps,
            self.rules,
            autostart=autostart,
            start_command=start_command,
        )
        if autostart is not None:
            self.start_at_login = tracking.start_at_login
        until = PauseStore(repos.db).paused_until()
        self.privacy = PrivacyTab(
            self.controls,
            datetime.fromtimestamp(until).astimezone() if until and until > time.time() else None,
        )
        self.privacy.pause_requested.connect(self.pause_requested)
        self.privacy.resume_requested.connect(self.resume_requested)
        self.pause_buttons = self.privacy.pause_buttons
        self.pause_status = self.privacy.pause_status
        self.resume_button = self.privacy.resume_button
        reminders = RemindersTab(self.controls)
        self.boundaries_note = reminders.boundaries_note
        data = DataTab(self.controls, data_dir_label, data_dir, open_url)
        self.data_location = data.data_location
        self.show_folder_button = data.show_folder_button
        self.log_location = data.log_location

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(tracking, self.tr("Tracking"))
        self.tabs.addTab(self.privacy, self.tr("Privacy"))
        self.tabs.addTab(reminders, self.tr("Reminders"))
        self.tabs.addTab(HelpTab(self.controls), self.tr("Check-ins && help"))
        look = self._form_tab(self.tr("How Wellbeing looks"), TABS["Appearance"])
        self.tabs.addTab(look, self.tr("Appearance"))
        self.tabs.addTab(data, self.tr("Data"))
        placed = {name for names in TABS.values() for name in names}
        placed |= set(STARTING) | set(ON_BOUNDARIES)
        if more := [spec.name for spec in SETTINGS if spec.name not in placed]:
            self.tabs.addTab(self._form_tab(self.tr("More settings"), more), self.tr("More"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(design.SPACE_XL, design.SPACE_L, design.SPACE_XL, 0)
        layout.addWidget(self.tabs)

        self._on_settings_changed(settings.settings)
        settings.changed.connect(self._on_settings_changed)

    def _form_tab(self, title: str, names: Sequence[str]) -> SettingsTab:
        tab = SettingsTab()
        tab.set_sections(group(title, setting_form(self.controls, names)))
        return tab

    # -- reacting

    def show_tracking(self, status: str, advice: TrackingAdvice | None) -> None:
        """How the tracker sees this desktop, and what to do when that is limited."""
        self.tracking_status.show_tracking(status, advice)

    def show_paused_until(self, until: datetime | None) -> None:
        """Shows whether tracking is paused; call it when the tray or this page paused it."""
        self.privacy.show_paused_until(until)

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


__all__ = [
    "LABELS",
    "ON_BOUNDARIES",
    "PAUSE_CHOICES",
    "STARTING",
    "TABS",
    "WINDOW_TITLE_CHOICES",
    "ZERO_IS_OFF",
    "SettingsPage",
]
