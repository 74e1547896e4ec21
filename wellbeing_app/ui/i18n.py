"""Translations: Qt's own and ours installed at start, and a pseudo-translation for finding
strings that bypass them.

Rule for text that reaches the screen:

- Text written in ``ui/`` goes through ``self.tr()`` in a QObject subclass, or
  ``QCoreApplication.translate("Context", ...)`` elsewhere; a module-level constant keeps its
  English source, marked with ``QT_TRANSLATE_NOOP("Context", ...)``, and is translated where it
  is shown (never at import, before a translator is installed). Counts and dates shown to people
  go through QLocale (``shown_number``, ``shown_date``, ``shown_datetime``; date formats pass
  through ``tr()`` so a language can reorder them). Plurals use ``%n`` with the English singular
  and plural as two sources (``"%n time"`` / ``"%n times"``), so English reads right without a
  compiled catalogue and each language fills in all its plural forms.
- Fixed catalogue text that lives in ``core/`` (no Qt there) or ``storage/`` — mood, energy and
  feeling words, activity titles, themes and descriptions, app kinds, settings help, the export's
  nouns — is translated at the UI boundary with ``translate_core(text)`` (context ``"core"``);
  ``core_catalogue()`` lists it for ``lupdate`` (``packaging/update-translations.sh``), and the
  pseudo-translation test fails if a screen asks for one that is not listed.
- Not translated, and exempt in ``tests/ui/test_translation.py`` with the reason:
  questionnaire wording and the summaries core writes from it (WHO-5, PHQ-9, GAD-7: a validated
  questionnaire must use its published translation, never a free one), and crisis lines (a
  country's services, numbers and notes as the catalogue holds them).
- A person's own data (notes, tags, app names, custom activities, people) is never translated.
- Gratitude prompts (``resources/gratitude_prompts.json``) are catalogue text too.
- Still English, composed in ``core/``/``services/``/``platform/`` with data inside (not
  converted yet): suggestion reasons (``core.suggestions.explain``), error sentences
  (``InvalidInput``), the tracker's status and per-desktop advice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from wellbeing_app.resources import resource_path

PSEUDO_ENV = "WELLBEING_PSEUDO_TRANSLATE"
PSEUDO_OPEN = "⟦"
PSEUDO_CLOSE = "⟧"
CORE_CONTEXT = "core"

_TAGS = re.compile(r"^(\s*(?:<[^>]+>\s*)*)(.*?)((?:\s*<[^>]+>)*\s*)$", re.DOTALL)


class PseudoTranslator(QTranslator):
    """Translates every string to itself wrapped in ``⟦…⟧``, so text that bypasses Qt's
    translation shows up unwrapped. Placeholders (``%n``, ``%1``, ``{}``) are kept as they are;
    leading and trailing HTML tags stay outside the markers so rich text still renders."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        return pseudo(source_text)

    def isEmpty(self) -> bool:
        return False


def pseudo(text: str) -> str:
    """``text`` wrapped in the pseudo markers (tags at either end left outside them)."""
    if not text:
        return text
    match = _TAGS.match(text)
    if match is None or not match.group(2):
        return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}"
    head, body, tail = match.groups()
    return f"{head}{PSEUDO_OPEN}{body}{PSEUDO_CLOSE}{tail}"


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Installs Qt's own translations and ours for ``locale`` (the system's by default).

    Returns the installed translators (parented to ``app``) so the owner can remove them with
    ``app.removeTranslator``. With ``WELLBEING_PSEUDO_TRANSLATE=1`` in the environment the
    pseudo-translation is installed instead of ours, to see strings that bypass translation.
    """
    locale = QLocale() if locale is None else locale
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        installed.append(qt)
    if os.environ.get(PSEUDO_ENV) == "1":
        installed.append(PseudoTranslator(app))
    else:
        ours = QTranslator(app)
        if ours.load(locale, "wellbeing", "_", str(_translations_dir())):
            installed.append(ours)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def install_app_translations(app: QCoreApplication) -> Callable[[], None]:
    """``install_translators`` for the system's language; returns the stop that removes them
    (for the desktop app's owner to run at shutdown)."""
    return partial(remove_translators, app, install_translators(app))


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def translate_core(text: str) -> str:
    """Fixed catalogue text from ``core/`` (no Qt there), translated at the UI boundary."""
    return QCoreApplication.translate(CORE_CONTEXT, text) if text else text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for ``lupdate`` under ``context`` and returns it untranslated, for constants
    that are translated where they are shown (PySide6's own version is typed ``object``)."""
    return text


def shown_date(day: date, fmt: str) -> str:
    """``day`` written by QLocale with a Qt date format (``"dddd d MMMM yyyy"``), in the
    language of the locale; pass the format through ``tr()`` so a language can reorder it."""
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def shown_datetime(at: datetime, fmt: str) -> str:
    """``at`` as its own wall-clock time (not the system zone's) written by QLocale."""
    moment = QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute, at.second))
    return QLocale().toString(moment, fmt)


def shown_number(value: float, decimals: int = 0) -> str:
    """A count or amount shown to people, grouped and with the locale's decimal point."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def core_catalogue() -> list[str]:
    """Every fixed catalogue string from ``core/`` (and the export's nouns) that the UI passes
    through ``translate_core``, for ``lupdate`` (see ``packaging/update-translations.sh``).

    Questionnaire wording and crisis lines are deliberately absent (see the module docstring).
    """
    from wellbeing_app.core.activities import (
        CATEGORIES,
        CATEGORY_LABELS,
        TIMES_OF_DAY,
        parse_activities,
    )
    from wellbeing_app.core.classifier import CATEGORIES as APP_KINDS
    from wellbeing_app.core.gratitude import load_prompts
    from wellbeing_app.core.journal import EMOTIONS
    from wellbeing_app.core.models import ENERGY_LABELS, MOOD_LABELS
    from wellbeing_app.core.settings import SETTINGS
    from wellbeing_app.resources import read_text
    from wellbeing_app.storage.export import TITLES
    from wellbeing_app.ui.settings_widgets import english_label_for

    found: list[str] = [*MOOD_LABELS.values(), *ENERGY_LABELS.values(), *EMOTIONS]
    found += [CATEGORY_LABELS.get(c, c) for c in CATEGORIES]
    found += [*TIMES_OF_DAY, *APP_KINDS]
    for activity in parse_activities(read_text("activities.json")):
        found += [activity.title, activity.person_title or "", activity.description]
    found += load_prompts(read_text("gratitude_prompts.json"))
    for spec in SETTINGS:
        found += [spec.help, english_label_for(spec), *spec.choices]
    for one, many in TITLES.values():
        found += [one, many]
    return list(dict.fromkeys(text for text in found if text))


def write_core_catalogue(path: str) -> None:
    """Writes ``core_catalogue()`` as Python that ``lupdate`` reads (context ``"core"``)."""
    lines = ["# Generated by packaging/update-translations.sh for lupdate; not imported.\n"]
    lines += [f"QT_TRANSLATE_NOOP({CORE_CONTEXT!r}, {text!r})\n" for text in core_catalogue()]
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(lines)


def _translations_dir() -> str:
    try:
        return str(resource_path("translations"))
    except FileNotFoundError:
        return ""


__all__ = [
    "PSEUDO_ENV",
    "QT_TRANSLATE_NOOP",
    "PseudoTranslator",
    "install_app_translations",
    "install_translators",
    "pseudo",
    "remove_translators",
    "shown_date",
    "shown_datetime",
    "shown_number",
    "translate_core",
]
