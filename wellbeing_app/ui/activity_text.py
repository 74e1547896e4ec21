"""What the Activities screens write about an activity: its title, theme, description and the
words for with whom and where, translated where they come from the catalogue and kept as the
person wrote them where they are their own."""

from __future__ import annotations

from collections.abc import Mapping

from wellbeing_app.core.activities import CATEGORY_LABELS, PERSON_FIELD, Activity
from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, translate_core

# English sources, translated where shown (context "ActivityTableModel").
SOCIAL_TEXT: Mapping[str, str] = {
    "solo": QT_TRANSLATE_NOOP("ActivityTableModel", "On your own"),
    "social": QT_TRANSLATE_NOOP("ActivityTableModel", "With others"),
    "either": QT_TRANSLATE_NOOP("ActivityTableModel", "Either"),
}
OUTDOORS_TEXT: Mapping[str, str] = {
    "indoors": QT_TRANSLATE_NOOP("ActivityTableModel", "Indoors"),
    "outdoors": QT_TRANSLATE_NOOP("ActivityTableModel", "Outdoors"),
    "either": QT_TRANSLATE_NOOP("ActivityTableModel", "Either"),
}


def theme_text(category: str) -> str:
    """A theme's name from the catalogue, translated (a person's own theme word is kept)."""
    label = translate_core(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category
    return label[:1].upper() + label[1:]


def activity_title(activity: Activity) -> str:
    """A catalogue activity's title translated; a person's own activity as they wrote it."""
    return activity.title if activity.custom else translate_core(activity.title)


def suggestion_title(suggestion: Suggestion) -> str:
    """The title to show, translated (``Message Sam``), as ``Suggestion.title`` builds it."""
    activity = suggestion.activity
    if activity.custom:
        return suggestion.title
    name = suggestion.person.name if suggestion.person else None
    if name and activity.person_title:
        return translate_core(activity.person_title).replace(PERSON_FIELD, name)
    return translate_core(activity.title)


def activity_description(activity: Activity) -> str:
    if activity.custom or not activity.description:
        return activity.description
    return translate_core(activity.description)
