"""The Settings page's Reminders and Check-ins & help tabs: when to be reminded, which
questionnaires are offered, and the crisis lines under "Get help now"."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from wellbeing_app.ui.settings_control import SettingControl, note_label, text_label
from wellbeing_app.ui.settings_sections import TABS, SettingsTab, group, setting_form


class RemindersTab(SettingsTab):
    def __init__(
        self, controls: Mapping[str, SettingControl], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.boundaries_note = note_label(
            self.tr(
                "Break timings, strict breaks and quiet hours are set on the Boundaries page, "
                "beside your daily limits."
            )
        )
        self.set_sections(
            group(self.tr("When Wellbeing reminds you"), setting_form(controls, TABS["Reminders"])),
            self.boundaries_note,
        )


class HelpTab(SettingsTab):
    def __init__(
        self, controls: Mapping[str, SettingControl], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        questionnaires = group(
            self.tr("Questionnaires"),
            text_label(
                self.tr(
                    "The WHO-5 well-being check-in is always offered. The PHQ-9 asks about low "
                    "mood and the GAD-7 about anxiety over the last two weeks. They are "
                    "screening questionnaires, not a diagnosis: a high score is a reason to talk "
                    "with your doctor or therapist, and your answers stay on this computer."
                )
            ),
            controls["clinical_questionnaires"],
        )
        crisis = group(
            self.tr("Crisis lines under 'Get help now'"),
            text_label(
                self.tr(
                    "Your own contacts come first, then your country's lines and emergency "
                    "number. Numbers change: please check the ones for your country once."
                )
            ),
            setting_form(controls, ("crisis_country", "crisis_lines")),
        )
        self.set_sections(questionnaires, crisis)
