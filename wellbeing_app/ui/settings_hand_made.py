"""The Settings page's controls: labels in the person's words, and hand-made controls for the
settings that deserve more than the registry's generated one (window titles, reminders,
appearance, crisis lines)."""

from __future__ import annotations

from wellbeing_app.core.crisis import country_names
from wellbeing_app.core.settings import SETTINGS, SettingSpec
from wellbeing_app.resources import read_text
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


def settings_controls() -> dict[str, SettingControl]:
    """A control for every setting the Settings page shows (not those of the Boundaries page)."""
    controls: dict[str, SettingControl] = {}
    for spec in SETTINGS:
        if spec.name in ON_BOUNDARIES:
            continue
        label = LABELS.get(spec.name, "")
        controls[spec.name] = hand_made(spec, label) or control_for(spec, label)
    for name in ZERO_IS_OFF:
        control = controls.get(name)
        if isinstance(control, NumberControl) and control.box.minimum() == 0:
            control.box.setSpecialValueText("Off")
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
