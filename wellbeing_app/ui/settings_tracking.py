"""The Settings page's Tracking tab: starting at login, how Wellbeing sees this desktop, which
community apps count, your own rules, and how time is measured."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QCheckBox, QWidget

from wellbeing_app.platform.autostart import Autostart
from wellbeing_app.ui.rule_editor import CountedAppsPanel, RulesPanel
from wellbeing_app.ui.settings_control import SettingControl, problem_label
from wellbeing_app.ui.settings_sections import STARTING, TABS, SettingsTab, group, setting_form
from wellbeing_app.ui.tracking_status import TrackingStatusPanel


class TrackingTab(SettingsTab):
    """With ``autostart``, a "start at login" switch that starts ``start_command``."""

    def __init__(
        self,
        controls: Mapping[str, SettingControl],
        status: TrackingStatusPanel,
        apps: CountedAppsPanel,
        rules: RulesPanel,
        *,
        autostart: Autostart | None = None,
        start_command: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._autostart = autostart
        self._start_command = list(start_command)
        sections: list[QWidget] = []
        if autostart is not None:
            self.start_at_login = QCheckBox(self.tr("Start Wellbeing when I log in"))
            self.start_at_login.setAccessibleName(self.tr("Start Wellbeing when I log in"))
            self.start_at_login.setToolTip(
                self.tr("Keeps tracking and reminders going from login on ({place}).").format(
                    place=autostart.location
                )
            )
            self.start_at_login.setChecked(autostart.enabled())
            self.start_at_login.toggled.connect(self._on_start_at_login_toggled)
            self.autostart_error = problem_label()
            starting = [controls[name] for name in STARTING if name in controls]
            sections.append(
                group(self.tr("Starting"), self.start_at_login, *starting, self.autostart_error)
            )
        sections += [
            group(self.tr("How Wellbeing sees your desktop"), status),
            group(self.tr("Community apps that count"), apps),
            group(self.tr("Your own rules"), rules),
            group(self.tr("How time is measured"), setting_form(controls, TABS["Tracking"])),
        ]
        self.set_sections(*sections)

    def _on_start_at_login_toggled(self, on: bool) -> None:
        assert self._autostart is not None
        try:
            if on:
                self._autostart.enable(self._start_command)
            else:
                self._autostart.disable()
        except (OSError, ValueError) as error:
            self.autostart_error.setText(
                self.tr("Could not change starting at login: {error}.").format(error=error)
            )
            self.autostart_error.setVisible(True)
            return
        self.autostart_error.setVisible(False)
