"""The Settings page's controls: labels in the person's words, and hand-made controls for the
settings that deserve more than the registry's generated one (window titles, reminders,
appearance, crisis lines)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from wellbeing_app.core.crisis import country_names
from wellbeing_app.core.settings import SETTINGS, SettingSpec
from wellbeing_app.resources import read_text
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP
from wellbeing_app.ui.settings_control import SettingControl
from wellbeing_app.ui.settings_sections import ON_BOUNDARIES
from wellbeing_app.ui.settings_widgets import (
    CheckControl,
    ChoiceControl,
    NumberControl,
    OptionalTimeControl,
    RadioChoiceControl,
    TextListControl,
    TimeListControl,
    check_pattern,
    control_for,
)

# Labels in the person's words (English sources, translated where shown, context
# "SettingsPage"); a setting without one gets a label made from its name.
LABELS: dict[str, str] = {
    "day_start_hour": QT_TRANSLATE_NOOP("SettingsPage", "A new day starts at"),
    "poll_interval_seconds": QT_TRANSLATE_NOOP("SettingsPage", "Look at the window in front every"),
    "idle_threshold_seconds": QT_TRANSLATE_NOOP("SettingsPage", "Count me as away after"),
    "commit_interval_seconds": QT_TRANSLATE_NOOP("SettingsPage", "Write to disk every"),
    "window_titles": QT_TRANSLATE_NOOP("SettingsPage", "Window titles"),
    "exclude_patterns": QT_TRANSLATE_NOOP("SettingsPage", "Never record windows matching"),
    "track_all_apps": QT_TRANSLATE_NOOP(
        "SettingsPage", "Also record time in apps that are not communities"
    ),
    "mood_reminder_times": QT_TRANSLATE_NOOP("SettingsPage", "Mood reminders"),
    "gratitude_reminder_time": QT_TRANSLATE_NOOP("SettingsPage", "Gratitude reminder"),
    "who5_interval_days": QT_TRANSLATE_NOOP("SettingsPage", "WHO-5 check-in every"),
    "clinical_questionnaires": QT_TRANSLATE_NOOP(
        "SettingsPage", "Offer the PHQ-9 (mood) and GAD-7 (anxiety) questionnaires"
    ),
    "crisis_country": QT_TRANSLATE_NOOP("SettingsPage", "Country"),
    "crisis_lines": QT_TRANSLATE_NOOP("SettingsPage", "Your own crisis contacts"),
    "backup_every_hours": QT_TRANSLATE_NOOP("SettingsPage", "Back up every"),
    "backups_to_keep": QT_TRANSLATE_NOOP("SettingsPage", "Backups to keep"),
    "start_hidden": QT_TRANSLATE_NOOP("SettingsPage", "At login, start hidden in the tray"),
    "appearance": QT_TRANSLATE_NOOP("SettingsPage", "Light or dark"),
}
# Number settings whose 0 means "none" say "Off" there.
ZERO_IS_OFF = ("heads_up_percent", "backup_every_hours")

# What is kept of window titles: value, choice and what it means (English sources, translated
# where shown, context "SettingsPage").
WINDOW_TITLE_CHOICES = (
    (
        "reduced",
        QT_TRANSLATE_NOOP("SettingsPage", "Only the program's name (recommended)"),
        QT_TRANSLATE_NOOP(
            "SettingsPage",
            "Time is counted per community; of the window, only the program's name (like "
            "'firefox' or 'Discord') is kept, never what the page or chat was about.",
        ),
    ),
    (
        "drop",
        QT_TRANSLATE_NOOP("SettingsPage", "Nothing"),
        QT_TRANSLATE_NOOP(
            "SettingsPage", "Only which community and for how long; not even the program's name."
        ),
    ),
    (
        "keep",
        QT_TRANSLATE_NOOP("SettingsPage", "The full title"),
        QT_TRANSLATE_NOOP(
            "SettingsPage",
            "Keeps titles like 'r/gardening - Reddit' so you can see which page or channel "
            "took the time. Titles can show what you read and who you talk to.",
        ),
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsPage", text)


def settings_controls() -> dict[str, SettingControl]:
    """A control for every setting the Settings page shows (not those of the Boundaries page)."""
    controls: dict[str, SettingControl] = {}
    for spec in SETTINGS:
        if spec.name in ON_BOUNDARIES:
            continue
        label = _tr(LABELS[spec.name]) if spec.name in LABELS else ""
        controls[spec.name] = hand_made(spec, label) or control_for(spec, label)
    for name in ZERO_IS_OFF:
        control = controls.get(name)
        if isinstance(control, NumberControl) and control.box.minimum() == 0:
            control.box.setSpecialValueText(QCoreApplication.translate("SettingsPage", "Off"))
    day_start = controls.get("day_start_hour")
    if isinstance(day_start, NumberControl):
        day_start.box.setSuffix(":00")
    return controls


def hand_made(spec: SettingSpec, label: str) -> SettingControl | None:
    """The hand-made control for ``spec``, or ``None`` when the generated one will do."""
    if spec.name == "window_titles":
        return RadioChoiceControl(
            spec,
            label,
            [(value, _tr(text), _tr(why)) for value, text, why in WINDOW_TITLE_CHOICES],
            show_help=False,
        )
    if spec.name == "exclude_patterns":
        return TextListControl(
            spec,
            label,
            placeholder=QCoreApplication.translate(
                "SettingsPage", "A pattern, e.g. bank|Private Browsing"
            ),
            check_item=check_pattern,
            note=QCoreApplication.translate(
                "SettingsPage",
                "A window whose program or title contains a match is never recorded at "
                "all. Patterns are regular expressions and ignore case.",
            ),
        )
    if spec.name == "mood_reminder_times":
        return TimeListControl(
            spec,
            label,
            note=QCoreApplication.translate(
                "SettingsPage", "A gentle reminder to log your mood at each of these times."
            ),
        )
    if spec.name == "gratitude_reminder_time":
        return OptionalTimeControl(
            spec,
            label,
            on_text=QCoreApplication.translate("SettingsPage", "Remind me at"),
            note=QCoreApplication.translate(
                "SettingsPage", "An evening nudge to note good things."
            ),
        )
    if spec.name == "appearance":
        choices = [
            ("system", QCoreApplication.translate("SettingsPage", "Like my desktop")),
            ("light", QCoreApplication.translate("SettingsPage", "Light")),
            ("dark", QCoreApplication.translate("SettingsPage", "Dark")),
        ]
        return ChoiceControl(
            spec,
            label,
            choices,
            note=QCoreApplication.translate("SettingsPage", "Applies at once to every window."),
        )
    if spec.name == "clinical_questionnaires":
        return CheckControl(spec, label, show_help=False)
    if spec.name == "crisis_country":
        names = country_names(read_text("crisis_lines.json"))
        # A country's name as the crisis catalogue holds it (not translated, see i18n.py).
        country = QCoreApplication.translate("SettingsPage", "{country} ({code})")
        countries = sorted(
            ((code, country.format(country=name, code=code)) for code, name in names.items()),
            key=lambda pair: pair[1],
        )
        choices = [
            ("", QCoreApplication.translate("SettingsPage", "International lines only")),
            *countries,
        ]
        return ChoiceControl(
            spec,
            label,
            choices,
            note=QCoreApplication.translate(
                "SettingsPage", "Whose crisis lines 'Get help now' shows, after your own contacts."
            ),
        )
    if spec.name == "crisis_lines":
        return TextListControl(
            spec,
            label,
            placeholder=QCoreApplication.translate(
                "SettingsPage", "Name: number, e.g. My sister: 07700 900123"
            ),
            note=QCoreApplication.translate("SettingsPage", "Shown first under 'Get help now'."),
        )
    return None
