"""Pseudo-translation of the Boundaries page, the rule editor and the break overlay in the states
``test_translation.py`` does not reach: limits and quiet hours listed, a refusal shown, an undo
offered, rules of every kind in the table, a rule being changed, the overlay's windows.

Besides what ``visible_texts`` walks, a spin box's suffix and "special value" text and an item
model's tooltips and accessible text are read to the screen, so they are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTime, QTranslator
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui import test_translation
from tests.ui.test_translation import (
    RecordingPseudoTranslator,
    assert_translated,
    bypasses,
    locale_words,
)
from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import UserRule
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import DemoData
from wellbeing_app.core.limits import new_limit
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.boundaries_page import BoundariesPage
from wellbeing_app.ui.i18n import CORE_CONTEXT

# The fixtures of the main pseudo-translation test: the translator, and 60 days of demo data.
pseudo_translated = test_translation.pseudo_translated
demo = test_translation.demo

QUIET_HOURS = (
    "22:00-07:00",  # every night
    "mon-fri 22:00-07:00",  # weeknights
    "sat,sun 10:00-12:00",  # weekends, by day
    "fri-mon 23:00-06:00",  # named nights
    "sun 09:00-09:00",  # a whole day
    "mon,wed 13:00-14:00",  # named days
)

RULES = (
    UserRule("Chess club", "forum", "", "chess club"),
    UserRule("Team calls", "video community", "zoom", "", always_active=True),
    UserRule("Work Slack", "", "slack", "", counted=False),
    UserRule("Old forum", "forum", "", "old forum", enabled=False),
    UserRule("", "", "", "private notes", counted=False),
)


def spin_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for the words a spin box shows around or instead of its number."""
    for spin in root.findChildren(QAbstractSpinBox):
        if not spin.isVisibleTo(root):
            continue
        if isinstance(spin, QSpinBox):
            for kind, text in (("prefix", spin.prefix()), ("suffix", spin.suffix())):
                yield f"{spin.accessibleName()} [{kind}]", text
        yield f"{spin.accessibleName()} [special value]", spin.specialValueText()


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    """Every display text, tooltip and accessible text of every row of ``model``."""
    parent = parent if parent is not None else QModelIndex()
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
    columns = model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in roles:
                text = index.data(role)
                if isinstance(text, str):
                    yield text
        child = model.index(row, 0, parent)
        if model.rowCount(child):
            yield from model_texts(model, child)


def assert_all_translated(what: str, texts: Iterator[str] | list[str], exempt: set[str]) -> None:
    exempt = exempt | locale_words()
    shown = [text for text in texts if text.strip()]
    assert shown, f"{what}: nothing to check"
    found = [text for text in shown if bypasses(text, exempt)]
    assert not found, f"{what}: {len(found)} text(s) bypass translation: {found}"


# ------------------------------------------------------------------------------ Boundaries


@pytest.fixture
def boundaries(
    qtbot: QtBot, repos: Repositories, clock: FixedClock, demo: DemoData
) -> tuple[BoundariesPage, SettingsService]:
    service = SettingsService(repos.settings_store)
    service.set("quiet_hours", QUIET_HOURS)
    repos.limits.set(new_limit("chat", "category", 90, [0, 2]))  # not in force on Saturday
    apps = sorted({span.app for span in demo.spans})
    page = BoundariesPage(repos, service, apps, clock)
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    return page, service


def test_boundaries_with_limits_and_every_kind_of_quiet_hours(
    pseudo_translated: RecordingPseudoTranslator,
    boundaries: tuple[BoundariesPage, SettingsService],
    demo: DemoData,
) -> None:
    page, _service = boundaries
    assert page.daily_limits.limits.rowCount() >= 2
    assert page.quiet_hours.rowCount() == len(QUIET_HOURS)
    assert_translated("boundaries page (filled)", page, demo)
    assert_all_translated("spin boxes", (text for _, text in spin_texts(page)), set())
    limits = page.daily_limits.limits
    people = {limits.row(row).limit.target for row in range(limits.rowCount())}
    assert_all_translated("limits table", model_texts(page.daily_limits.limits), people)
    # A window's tooltip is its settings form (``mon-fri 22:00-07:00``), the same in every
    # language; what it shows and what a screen reader says are words.
    shown = [
        page.quiet_hours.index(row, 0).data(role)
        for row in range(page.quiet_hours.rowCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
    ]
    assert_all_translated("quiet hours", shown, set())


def test_the_heads_up_off_reads_in_words(
    pseudo_translated: RecordingPseudoTranslator,
    boundaries: tuple[BoundariesPage, SettingsService],
) -> None:
    page, service = boundaries
    service.set("heads_up_percent", 0)
    spin = page.setting_spins["heads_up_percent"]
    assert spin.value() == spin.minimum()
    assert_all_translated("heads-up", [spin.text(), spin.specialValueText()], set())


def test_boundaries_refusals_previews_and_undo(
    pseudo_translated: RecordingPseudoTranslator,
    boundaries: tuple[BoundariesPage, SettingsService],
    demo: DemoData,
) -> None:
    page, _service = boundaries
    quiet = page.quiet
    quiet.quiet_start.setTime(QTime(22, 0))
    quiet.quiet_end.setTime(QTime(7, 0))
    quiet.add_quiet_button.click()  # already in the list: refused in one sentence
    assert quiet.quiet_error.isVisibleTo(page)
    for day in (4, 5, 6):
        quiet.quiet_days.button(day).click()  # the preview in words: "Fri–Sun nights …"
    assert_translated("boundaries page (refusal, preview)", page, demo)

    offered: list[str] = []
    page.undo_offered.connect(lambda message, _undo: offered.append(message))
    page.daily_limits.limits_table.selectRow(0)
    page.daily_limits.remove_limit_button.click()
    people = {limit.target for limit in demo.limits}
    assert_all_translated("undo offer", offered, people)
    assert offered


def test_the_limit_dialog_for_a_category_limit_on_some_days(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    boundaries: tuple[BoundariesPage, SettingsService],
    demo: DemoData,
) -> None:
    page, _service = boundaries
    limits = page.daily_limits.limits
    row = next(r for r in range(limits.rowCount()) if limits.limit(r).kind == "category")
    page.daily_limits.limits_table.selectRow(row)
    page.daily_limits.edit_limit_button.click()
    dialog = page.daily_limits.limit_dialog
    assert dialog is not None
    assert_translated("limit dialog (a category, some days)", dialog, demo)


# ------------------------------------------------------------------------------ the rules


@pytest.fixture
def rules(repos: Repositories) -> RuleRepository:
    stored = RuleRepository(repos.db)
    for rule in RULES:
        stored.add(rule)
    return stored


def _rule_words() -> set[str]:
    """The person's own words in ``RULES``: names and patterns."""
    return {text for rule in RULES for text in (rule.name, rule.app_pattern, rule.title_pattern)}


def test_the_rules_table_with_every_kind_of_rule(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, rules: RuleRepository
) -> None:
    from wellbeing_app.ui.rule_editor import RulesPanel

    panel = RulesPanel(rules)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.model.rowCount() == len(RULES)
    assert_all_translated("rules table", model_texts(panel.model), _rule_words())
    off = next(row for row in range(len(RULES)) if not panel.model.rule(row).enabled)
    panel.select_row(off)  # "Turn on"
    assert_translated("rules panel (a rule that is off)", panel, extra=_rule_words())
    panel.remove_button.click()  # "Undo: put … back"
    assert panel.undo_button.isVisible()
    assert_translated("rules panel (undo)", panel, extra=_rule_words())
    nameless = next(row for row in range(panel.model.rowCount()) if not panel.model.rule(row).name)
    panel.select_row(nameless)
    panel.remove_button.click()  # a rule without a name is put back as "rule"
    assert_translated("rules panel (undo, no name)", panel, extra=_rule_words())


@pytest.mark.parametrize("rule", RULES[:3], ids=["counted", "even when idle", "never counted"])
def test_the_rule_editor_changing_a_rule(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, rule: UserRule
) -> None:
    from wellbeing_app.ui.rule_editor import RuleEditorDialog

    dialog = RuleEditorDialog(rule)
    qtbot.addWidget(dialog)
    assert_translated("rule editor (change)", dialog, extra=_rule_words())


def test_the_rule_editor_refusing_a_rule(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator
) -> None:
    from wellbeing_app.ui.rule_editor import RuleEditorDialog

    dialog = RuleEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Chess club")
    dialog.accept()  # no pattern: refused, and the dialog stays open
    assert dialog.isVisible() and dialog.error.isVisible()
    # The refusal is written by core (``validate_rule``), still English (see ui/i18n.py).
    assert_translated("rule editor (refused)", dialog, extra={dialog.error.text()})


def test_the_counted_apps_filtered_and_their_tooltips(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, repos: Repositories
) -> None:
    from wellbeing_app.ui.rule_editor import CountedAppsPanel

    catalog = load_catalog()
    panel = CountedAppsPanel(catalog, RuleRepository(repos.db))
    qtbot.addWidget(panel)
    apps = {app.name for app in catalog.apps}
    panel.filter.setText("chat")  # a category's word: the whole category stays
    assert panel.proxy.rowCount() > 0
    assert_translated("counted apps (filtered)", panel, extra=apps)
    assert_all_translated("counted apps model", model_texts(panel.model), apps)


class GermanCategories(QTranslator):
    """Two of the catalogue's kinds of app in German, whose nouns keep their capitals."""

    WORDS: ClassVar[dict[str, str]] = {
        "social feed": "Soziale Netzwerke",
        "video community": "Video-Community",
    }

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == CORE_CONTEXT:
            return self.WORDS.get(source_text, source_text)
        return source_text

    def isEmpty(self) -> bool:
        return False


def test_a_category_starts_with_a_capital_and_keeps_the_translations_own(
    qtbot: QtBot, qapp: QApplication, repos: Repositories
) -> None:
    from wellbeing_app.ui.rule_editor import CountedAppsPanel, RuleEditorDialog

    german = GermanCategories()
    qapp.installTranslator(german)
    try:
        dialog = RuleEditorDialog()
        qtbot.addWidget(dialog)
        items = [dialog.category.itemText(i) for i in range(dialog.category.count())]
        assert {"Soziale Netzwerke", "Video-Community", "Chat", "Forum"} <= set(items)
        panel = CountedAppsPanel(load_catalog(), RuleRepository(repos.db))
        qtbot.addWidget(panel)
        model = panel.model
        groups = [model.index(row, 0).data() for row in range(model.rowCount())]
        assert any(group.startswith("Soziale Netzwerke (") for group in groups), groups
    finally:
        qapp.removeTranslator(german)


class GermanRanges(QTranslator):
    """A run of days written as a German would: "Fr bis Mo"."""

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if (context, source_text) == ("BoundariesPage", "{first}–{last}"):
            return "{first} bis {last}"
        return source_text

    def isEmpty(self) -> bool:
        return False


def test_a_run_of_days_in_quiet_hours_is_written_by_the_translation(qapp: QApplication) -> None:
    from wellbeing_app.ui.boundaries_page import quiet_hours_summary

    german = GermanRanges()
    qapp.installTranslator(german)
    try:
        assert quiet_hours_summary("fri-mon 23:00-06:00").startswith("Fri bis Mon")
    finally:
        qapp.removeTranslator(german)


# ------------------------------------------------------------------------------ the overlay


def test_the_break_overlay_windows(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, clock: FixedClock
) -> None:
    from tests.ui.test_break_prompt import SUGGESTIONS, continuous
    from wellbeing_app.ui.break_prompt import BreakScreens

    screens = BreakScreens()
    try:
        screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
        extra = {"Discord"} | {
            text for s in SUGGESTIONS for text in (s.activity.title, s.why, s.activity.category)
        }
        for window in screens.overlay.windows:
            assert_translated("break overlay window", window, extra=extra)
    finally:
        screens.shutdown()
