"""Every user-visible string goes through Qt's translation: with a pseudo-translation installed,
text that shows without its ``⟦…⟧`` markers bypassed it.

Exempt (see ``wellbeing_app/ui/i18n.py``): the person's own data (app names, notes, tags, words
they typed), numbers, times and dates written by ``QLocale``, questionnaire wording and the
summaries core writes from it (validated translations must be the published ones, never free
ones), crisis lines (a country's services and numbers), and text a caller outside the converted
modules passes in (listed per screen below).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from wellbeing_app.app import crisis_help, crisis_lines, load_activities, load_catalog
from wellbeing_app.core import questionnaires
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import DemoData, generate
from wellbeing_app.core.journal import EMOTIONS
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.core.settings import SETTINGS
from wellbeing_app.resources import read_text
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui import i18n
from wellbeing_app.ui.checkin_dialog import WHO5_QUESTION
from wellbeing_app.ui.i18n import (
    CORE_CONTEXT,
    PSEUDO_CLOSE,
    PSEUDO_ENV,
    PSEUDO_OPEN,
    PseudoTranslator,
    core_catalogue,
    install_app_translations,
    install_translators,
    pseudo,
    remove_translators,
)

_WRAPPED = re.compile(f"{PSEUDO_OPEN}[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*{PSEUDO_CLOSE}")
_TAG = re.compile(r"<[^>]*>")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Offender:
    where: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.where} [{self.kind}]: {self.text!r}"


class RecordingPseudoTranslator(PseudoTranslator):
    """The pseudo-translation, remembering what was asked in context "core"."""

    def __init__(self) -> None:
        super().__init__()
        self.core: set[str] = set()

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == CORE_CONTEXT:
            self.core.add(source_text)
        return super().translate(context, source_text, disambiguation, n)


@pytest.fixture
def pseudo_translated(qapp: QApplication) -> Iterator[RecordingPseudoTranslator]:
    translator = RecordingPseudoTranslator()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
    # Catalogue text translated at the UI boundary must be listed for lupdate.
    assert translator.core <= set(core_catalogue()), "missing from i18n.core_catalogue()"


@pytest.fixture
def demo(repos: Repositories, clock: FixedClock) -> DemoData:
    data = generate(clock.now(), days=60)
    write_demo(repos, data)
    return data


def _strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)


def locale_words() -> set[str]:
    """Month and day names and AM/PM as QLocale writes them in dates."""
    locale = QLocale()
    words = {locale.amText(), locale.pmText()}
    for kind in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        words |= {locale.monthName(m, kind) for m in range(1, 13)}
        words |= {locale.standaloneMonthName(m, kind) for m in range(1, 13)}
        words |= {locale.dayName(d, kind) for d in range(1, 8)}
        words |= {locale.standaloneDayName(d, kind) for d in range(1, 8)}
    return {word for word in words if word}


def questionnaire_words() -> set[str]:
    """Questionnaire wording: exempt, as its translations must be the published ones."""
    words: set[str] = set()
    for form in (questionnaires.WHO5, questionnaires.PHQ9, questionnaires.GAD7):
        words |= {form.name, form.title, form.period, form.follow_up, form.topic}
        words |= set(form.items) | set(form.answers) | set(form.follow_up_answers)
        for band in form.bands:
            words |= set(_strings_in([getattr(band, f) for f in band.__slots__]))
    words |= set(_strings_in(list(vars(questionnaires).values())))
    words.add(WHO5_QUESTION)
    return {word for word in words if word}


def crisis_words() -> set[str]:
    """A country's crisis services: names, numbers, notes as the catalogue holds them."""
    return set(_strings_in(json.loads(read_text("crisis_lines.json"))))


def person_words(data: DemoData | None) -> set[str]:
    words: set[str] = set()
    if data is None:
        return words
    words |= {span.app for span in data.spans}
    for mood in data.moods:  # the app's own feeling words are not the person's: translated
        words |= {mood.note, *(tag for tag in mood.tags if tag not in EMOTIONS)}
    words |= {text for entry in data.gratitude for text in _strings_in(list(entry.items))}
    words |= {limit.target for limit in data.limits}
    return {word for word in words if word}


def visible_texts(root: QWidget) -> Iterator[tuple[QWidget, str, str]]:
    """(widget, kind, text) for every user-visible text of ``root`` and its visible children."""
    yield root, "windowTitle", root.windowTitle()
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        yield widget, "toolTip", widget.toolTip()
        yield widget, "accessibleName", widget.accessibleName()
        if isinstance(widget, QLabel):
            yield widget, "text", html.unescape(_TAG.sub("", widget.text()))
        elif isinstance(widget, QAbstractButton):
            yield widget, "text", widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget, "title", widget.title()
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            yield widget, "placeholderText", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield widget, f"item {index}", widget.itemText(index)
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield widget, f"tab {index}", widget.tabText(index)
        if isinstance(widget, QWizard):
            page = widget.currentPage()
            if page is not None:
                yield widget, "page title", page.title()
                yield widget, "page subTitle", _TAG.sub("", page.subTitle())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(_columns(model)):
                header = model.headerData(
                    column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
                )
                if isinstance(header, str):
                    yield widget, f"header {column}", header
                for row in range(min(model.rowCount(), 3)):  # a few cells: units, words
                    cell = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                    if isinstance(cell, str):
                        yield widget, f"cell {row},{column}", cell


def _columns(model: QAbstractItemModel) -> int:
    try:
        return model.columnCount()
    except TypeError:  # list models take no default parent in PySide6
        try:
            return model.columnCount(QModelIndex())
        except TypeError:  # a private override (a completer's model): not the view's header
            return 0


def bypasses(text: str, exempt: Iterable[str]) -> bool:
    """True when ``text`` holds words outside the pseudo markers that are not exempt."""
    rest = text
    while True:
        shorter = _WRAPPED.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    for word in sorted(exempt, key=len, reverse=True):
        if word in rest:
            rest = rest.replace(word, " ")
    return _LETTER.search(rest) is not None


def _name(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    parent = widget.parentWidget()
    return f"{type(parent).__name__}>{name}" if parent is not None else name


def offenders(
    screen: str, root: QWidget, data: DemoData | None, extra: Iterable[str] = ()
) -> list[Offender]:
    exempt = (
        locale_words() | questionnaire_words() | crisis_words() | person_words(data) | set(extra)
    )
    found = []
    seen = set()
    for widget, kind, shown in visible_texts(root):
        text = shown.strip()
        if text and bypasses(text, exempt) and (id(widget), kind) not in seen:
            seen.add((id(widget), kind))
            found.append(Offender(f"{screen}: {_name(widget)}", kind, text))
    return found


def assert_translated(
    screen: str, root: QWidget, data: DemoData | None = None, extra: Iterable[str] = ()
) -> None:
    found = offenders(screen, root, data, extra)
    assert not found, f"{len(found)} text(s) bypass translation:\n" + "\n".join(map(str, found))


# --------------------------------------------------------------------------- the tools


def test_the_pseudo_translator_wraps_and_keeps_placeholders(
    pseudo_translated: RecordingPseudoTranslator,
) -> None:
    assert QCoreApplication.translate("Test", "Hello") == "⟦Hello⟧"
    assert QCoreApplication.translate("Test", "%n mood check-ins", None, 3) == "⟦3 mood check-ins⟧"
    assert QCoreApplication.translate("Test", "Hello, {}").format("Sam") == "⟦Hello, Sam⟧"
    assert pseudo("<b>Hello</b>") == "<b>⟦Hello⟧</b>"


def test_the_walker_finds_text_that_bypasses_translation(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator
) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLabel(QCoreApplication.translate("Test", "Translated"), root).setObjectName("good")
    QLabel("Plain English", root).setObjectName("bad")
    QLabel("12:30 — 42", root)
    QLabel("Discord", root)
    found = offenders("test", root, None, extra={"Discord"})
    assert [str(item) for item in found] == ["test: QWidget>bad [text]: 'Plain English'"]


# --------------------------------------------------------------------------- the screens


def test_banner(qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator) -> None:
    from wellbeing_app.ui.banner import Banner

    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message(QCoreApplication.translate("Test", "Saved."))
    assert_translated("banner", banner)


def test_tracking_status(qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator) -> None:
    from wellbeing_app.ui.tracking_status import TrackingStatusPanel

    panel = TrackingStatusPanel()
    qtbot.addWidget(panel)
    assert_translated("tracking status", panel)


def test_mood_dialog(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, clock: FixedClock
) -> None:
    from wellbeing_app.ui.mood_dialog import MoodDialog

    fresh = MoodDialog(clock.now())
    qtbot.addWidget(fresh)
    assert_translated("mood dialog", fresh)
    saved = MoodEntry(clock.now(), 4, 3, ("garden",), "slept well")
    edited = MoodDialog(clock.now(), saved)
    qtbot.addWidget(edited)
    assert_translated("mood dialog (edit)", edited, extra={"slept well", "garden"})


def test_gratitude_dialog(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, clock: FixedClock
) -> None:
    from wellbeing_app.ui.gratitude_dialog import GratitudeDialog

    prompt = "What made you smile?"  # the prompt and streak come from the caller (Today)
    dialog = GratitudeDialog(date(2026, 11, 21), clock.now(), prompt, "2 of the last 7 days")
    qtbot.addWidget(dialog)
    assert_translated("gratitude dialog", dialog, extra={prompt, "2 of the last 7 days"})


def test_help_dialog(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, repos: Repositories
) -> None:
    from wellbeing_app.ui.help_dialog import HelpDialog

    dialog = HelpDialog(crisis_help(repos))
    qtbot.addWidget(dialog)
    assert_translated("help dialog", dialog)


@pytest.mark.parametrize("form", ["WHO-5", "PHQ-9", "GAD-7"])
def test_checkin_dialog_questions_and_result(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
    form: str,
) -> None:
    from wellbeing_app.ui.checkin_dialog import CheckInDialog

    questionnaire = questionnaires.questionnaire_named(form)
    shown_help: list[bool] = []
    dialog = CheckInDialog(
        questionnaire,
        clock.now(),
        None,
        crisis_lines(repos)[0],
        repos.checkins.add,
        lambda: shown_help.append(True),
    )
    qtbot.addWidget(dialog)
    assert_translated(f"{form} questions", dialog)
    for group in dialog.groups:
        group.button(1).click()
    dialog.submit.click()
    saved = repos.checkins.latest(form)
    assert saved is not None
    core_text = {questionnaires.summary(saved)}  # written by core from the published bands
    assert_translated(f"{form} result", dialog, extra=core_text)


def test_outcome_dialog(qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator) -> None:
    from wellbeing_app.ui.outcome_dialog import OutcomeDialog

    dialog = OutcomeDialog("Walk around the block")  # the title comes translated from the caller
    qtbot.addWidget(dialog)
    assert_translated("outcome dialog", dialog, extra={"Walk around the block"})


def test_activities_page_and_dialog(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
    demo: DemoData,
) -> None:
    from wellbeing_app.ui.activities_page import ActivitiesPage
    from wellbeing_app.ui.activity_dialog import ActivityDialog

    catalogue = load_activities()
    log = ActivityRepository(repos.db)
    now = clock.now()
    log.log_outcome(now - timedelta(days=2), catalogue[0].id, True, 2, 4, True)
    log.log_outcome(now - timedelta(days=1), catalogue[0].id, True, 3, None, None)
    log.log_outcome(now - timedelta(hours=5), catalogue[1].id, False, 3)
    page = ActivitiesPage(repos, catalogue, clock)
    qtbot.addWidget(page)
    assert page.history.rowCount() == 3
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert_translated(f"activities page, tab {tab}", page, demo)
    dialog = ActivityDialog(())
    qtbot.addWidget(dialog)
    assert_translated("activity dialog", dialog)


def test_boundaries_page_and_limit_dialog(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
    demo: DemoData,
) -> None:
    from wellbeing_app.ui.boundaries_page import BoundariesPage
    from wellbeing_app.ui.limit_dialog import LimitDialog

    apps = sorted({span.app for span in demo.spans})
    page = BoundariesPage(repos, SettingsService(repos.settings_store), apps, clock)
    qtbot.addWidget(page)
    assert_translated("boundaries page", page, demo)
    dialog = LimitDialog(apps)
    qtbot.addWidget(dialog)
    assert_translated("limit dialog", dialog, demo)
    edit = LimitDialog(apps, demo.limits[0])
    qtbot.addWidget(edit)
    assert_translated("limit dialog (edit)", edit, demo)


def test_rules_and_counted_apps(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, repos: Repositories
) -> None:
    from wellbeing_app.ui.rule_editor import CountedAppsPanel, RuleEditorDialog, RulesPanel

    catalog = load_catalog()
    rules = RuleRepository(repos.db)
    apps = {app.name for app in catalog.apps}
    for name, widget in (
        ("rules panel", RulesPanel(rules)),
        ("counted apps", CountedAppsPanel(catalog, rules)),
        ("rule editor", RuleEditorDialog()),
    ):
        qtbot.addWidget(widget)
        assert_translated(name, widget, extra=apps)


def test_setting_controls(qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator) -> None:
    from wellbeing_app.ui.settings_widgets import control_for

    for spec in SETTINGS:
        control = control_for(spec)
        qtbot.addWidget(control)
        assert_translated(f"setting {spec.name}", control)


def test_data_section(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
    demo: DemoData,
    tmp_path: Path,
) -> None:
    from wellbeing_app.ui.data_section import DataSection

    section = DataSection(repos, clock, tmp_path / "data")
    qtbot.addWidget(section)
    formats = {"csv", "json"}  # file formats: the same word in every language
    assert_translated("data section", section, demo, extra={str(tmp_path / "data")} | formats)


def test_daylio_mood_mapping(qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator) -> None:
    from wellbeing_app.ui.daylio_import import MoodMappingDialog

    dialog = MoodMappingDialog(["superb", "so-so"])  # the person's own Daylio moods
    qtbot.addWidget(dialog)
    assert_translated("Daylio moods", dialog, extra={"superb", "so-so"})


def test_journal_page(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
    demo: DemoData,
) -> None:
    from wellbeing_app.ui.journal_page import JournalPage

    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    assert_translated("journal page", page, demo)
    tagged = max((m for m in demo.moods if m.tags), key=lambda m: m.at)
    page.go_to(tagged.at.date())  # a day with entries, feelings and a questionnaire or not
    assert page.moods.rowCount() > 0
    assert_translated("journal page (a day with entries)", page, demo)
    page.search.setText(tagged.note.split()[0] if tagged.note else "a")
    page.run_search()
    assert_translated("journal page (search)", page, demo)


def test_year_view(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, clock: FixedClock
) -> None:
    from wellbeing_app.ui.year_view import YearView

    view = YearView(clock.now().date())
    qtbot.addWidget(view)
    assert_translated("year view", view)


def test_onboarding_every_page(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, repos: Repositories, tmp_path: Path
) -> None:
    from wellbeing_app.platform.autostart import Autostart
    from wellbeing_app.ui.onboarding import OnboardingDialog

    catalog = load_catalog()
    wizard = OnboardingDialog(
        catalog,
        SettingsService(repos.settings_store),
        RuleRepository(repos.db),
        Autostart("linux", environ={}, home=tmp_path),
        command=["/usr/bin/wellbeing", "gui"],
        locale=QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    )
    qtbot.addWidget(wizard)
    wizard.show()
    apps = {app.name for app in catalog.apps}
    seen = set()
    while wizard.currentId() not in seen:
        seen.add(wizard.currentId())
        assert_translated(f"welcome page {wizard.currentId()}", wizard, extra=apps)
        wizard.next()
    assert len(seen) > 3


def test_break_screens_every_stage(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, clock: FixedClock
) -> None:
    from tests.ui.test_break_prompt import SUGGESTIONS, continuous
    from wellbeing_app.core.breaks import BreakDue
    from wellbeing_app.ui.break_prompt import BreakScreens

    # Suggestions (their titles and reasons) come from core through the caller.
    extra = {"Discord", "Reddit"} | {
        text for s in SUGGESTIONS for text in (s.activity.title, s.why, s.activity.category)
    }
    screens = BreakScreens()
    try:
        card = screens.card
        screens.show_prompt(continuous(clock.now()), SUGGESTIONS, used_minutes=30)
        assert_translated("break prompt", card, extra=extra)
        card.skip_button.click()
        assert_translated("break skip reasons", card, extra=extra)
        screens.shutdown()
        screens = BreakScreens()
        card = screens.card
        limit = BreakDue(clock.now(), "daily_limit", "Reddit", 5, limit_minutes=30)
        screens.show_prompt(limit, SUGGESTIONS)
        assert_translated("limit prompt", card, extra=extra)
        card.take_break_button.click()
        assert_translated("break countdown", card, extra=extra | {"5:00"})
        for _ in range(5 * 60):
            card.break_page._on_timer_timeout()
        assert_translated("break over", card, extra=extra)
    finally:
        screens.shutdown()


# --------------------------------------------------------------------------- installing


def test_the_pseudo_translation_is_installed_by_the_environment_and_removed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PSEUDO_ENV, "1")
    installed = install_translators(qapp)
    try:
        assert any(isinstance(t, PseudoTranslator) for t in installed)
        assert QCoreApplication.translate("Banner", "Dismiss") == "⟦Dismiss⟧"
    finally:
        remove_translators(qapp, installed)
    assert QCoreApplication.translate("Banner", "Dismiss") == "Dismiss"


def test_the_app_owner_gets_a_stop_that_removes_what_was_installed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PSEUDO_ENV, "1")
    stop = install_app_translations(qapp)
    assert QCoreApplication.translate("Banner", "Dismiss") == "⟦Dismiss⟧"
    stop()
    assert QCoreApplication.translate("Banner", "Dismiss") == "Dismiss"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it ships with PySide6's tools)")
    return found


def test_our_translation_for_the_locale_is_loaded(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "wellbeing_de.ts"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">'
        "<context><name>Banner</name><message><source>Dismiss</source>"
        "<translation>Ausblenden</translation></message></context></TS>",
        encoding="utf-8",
    )
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(source)], check=True)
    monkeypatch.delenv(PSEUDO_ENV, raising=False)
    monkeypatch.setattr(i18n, "_translations_dir", lambda: str(tmp_path))
    installed = install_translators(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert QCoreApplication.translate("Banner", "Dismiss") == "Ausblenden"
    finally:
        remove_translators(qapp, installed)
    assert QCoreApplication.translate("Banner", "Dismiss") == "Dismiss"


# --------------------------------------------------------------------------- the template

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "wellbeing.ts"


def _sources(ts: Path) -> dict[str, set[str]]:
    """Source texts by context in a Qt .ts file."""
    found: dict[str, set[str]] = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        found.setdefault(name, set()).update(
            message.findtext("source", "") for message in context.iter("message")
        )
    return found


def test_the_template_holds_ui_and_catalogue_strings_but_no_questionnaire() -> None:
    sources = _sources(TEMPLATE)
    assert "Dismiss this message" in sources["Banner"]
    assert "Showing {shown} of {total} activities" in sources["ActivitiesPage"]
    assert {"%n time", "%n times"} <= sources["ActivitySummaryModel"]
    assert "Not listed / international" in sources["HelpDialog"]  # a marked constant
    assert {"awful", "Walk around the block", "mood check-ins"} <= sources["core"]
    everything = set().union(*sources.values())
    assert not set(questionnaires.WHO5.items) & everything
    assert not set(questionnaires.PHQ9.items) & everything


def test_lupdate_extracts_tr_calls_and_marked_constants(tmp_path: Path) -> None:
    lupdate = _tool("pyside6-lupdate")
    ui = Path(__file__).resolve().parents[2] / "wellbeing_app" / "ui"
    out = tmp_path / "t.ts"
    files = [str(ui / "help_dialog.py"), str(ui / "activity_models.py")]
    subprocess.run([lupdate, "-silent", *files, "-ts", str(out)], check=True)
    sources = _sources(out)
    assert "Get help now" in sources["HelpDialog"]  # self.tr
    assert "as listed by {source} on {day}" in sources["HelpDialog"]  # module-level translate
    assert "Not listed / international" in sources["HelpDialog"]  # QT_TRANSLATE_NOOP
    assert "Mood before → after" in sources["OutcomeHistoryModel"]  # a table header
