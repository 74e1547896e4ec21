"""Pseudo-translation of the Report & export page and the Insights page, with demo data: the
report's choices, its status lines (what was left out, a preset saved), the tabs; the charts'
names and captions, the approximate-time note and the periods.

Not checked here, and why: the preview's own text and the charts' drawn text come from
``reporting`` (the report is written in English, like the PDF); the association sentences under
two charts are composed in ``core.stats`` with their numbers inside (still English, as
``ui/i18n.py`` says) and are exempted below by name.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.ui import test_translation
from tests.ui.test_translation import RecordingPseudoTranslator, assert_translated, offenders
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import DemoData
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.report_input import PresetStore
from wellbeing_app.reporting.insights import PERIODS, InsightsInput, build_panels
from wellbeing_app.reporting.report import DEFAULT_SECTIONS, SECTION_TITLES, SECTIONS, ReportOptions
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.i18n import PSEUDO_OPEN
from wellbeing_app.ui.insights_page import PANEL_TITLES, PERIOD_LABELS, InsightsPage
from wellbeing_app.ui.report_options import SECTION_LABELS
from wellbeing_app.ui.report_page import LEFT_OUT_WORDS, ReportPage

# The fixtures of the main pseudo-translation test: the translator, and 60 days of demo data.
pseudo_translated = test_translation.pseudo_translated
demo = test_translation.demo

BUILD_TIMEOUT_MS = 30_000
# Captions written by core.stats with the numbers inside (r, CI, n): still English.
ASSOCIATION_KEYS = ("usage_mood", "usage_mood_next", "gratitude")


@pytest.fixture
def report_page(qtbot: QtBot, repos: Repositories, clock: FixedClock) -> Iterator[ReportPage]:
    page = ReportPage(repos, clock, PresetStore(repos.db))
    qtbot.addWidget(page)
    page.add_section(QLabel("another area"))  # as the app adds "Your data": the tabs show
    page.show()
    yield page
    page.shutdown()


def wait_for_preview(qtbot: QtBot, page: ReportPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy, timeout=BUILD_TIMEOUT_MS)


def test_report_page(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    report_page: ReportPage,
    demo: DemoData,
) -> None:
    page = report_page
    wait_for_preview(qtbot, page)
    assert page.report is not None and page.status.text()
    page.tabs.tabBar().show()  # walked with the tab names
    assert_translated("report page", page, demo, extra={"another area"})


def test_report_page_with_everything_left_out_and_a_preset(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    report_page: ReportPage,
    demo: DemoData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = report_page
    wait_for_preview(qtbot, page)
    for key, check in page.section_boxes.items():
        check.setChecked(key == "cover")
    page.categories_radio.setChecked(True)
    page.days_only_radio.setChecked(True)
    wait_for_preview(qtbot, page)
    assert page.report is not None and len(page.report.left_out) > 4
    assert_translated("report page (everything left out)", page, demo, extra={"another area"})

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("My therapist", True))
    )
    page.save_preset_button.click()
    assert "My therapist" in page.status.text()
    assert_translated("report page (a preset)", page, demo, extra={"another area", "My therapist"})


def test_the_walker_sees_the_report_status_line(
    qtbot: QtBot, pseudo_translated: RecordingPseudoTranslator, report_page: ReportPage
) -> None:
    """The check above can fail: an English status line is found."""
    wait_for_preview(qtbot, report_page)
    report_page.status.setText("9 sections. Everything is included.")
    assert [o.kind for o in offenders("report", report_page, None, {"another area"})] == ["text"]


def test_the_section_labels_are_the_reports_section_titles() -> None:
    assert SECTION_LABELS == SECTION_TITLES
    assert tuple(SECTION_LABELS) == SECTIONS


def test_every_word_a_report_leaves_out_has_a_translation() -> None:
    seen = set()
    for notes, gratitude, names, times in itertools.product((False, True), repeat=4):
        for dropped in (frozenset(), DEFAULT_SECTIONS):
            options = ReportOptions(
                first=date(2026, 11, 1),
                last=date(2026, 11, 21),
                sections=frozenset(SECTIONS) - dropped,
                include_notes=notes,
                include_gratitude_text=gratitude,
                app_names=names,
                exact_times=times,
            )
            seen |= set(options.left_out())
    assert seen <= set(LEFT_OUT_WORDS), seen - set(LEFT_OUT_WORDS)


# --------------------------------------------------------------------------- insights


def show_insights(qtbot: QtBot, repos: Repositories, clock: FixedClock) -> InsightsPage:
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.panels_shown, timeout=BUILD_TIMEOUT_MS):
        page.show()
    return page


def association_sentences(page: InsightsPage) -> set[str]:
    """The captions core.stats wrote (the fixed "not enough days" one is ours, translated)."""
    texts = {page.captions[key].text() for key in ASSOCIATION_KEYS}
    return {text for text in texts if not text.startswith(PSEUDO_OPEN)}


def test_insights_page(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
    demo: DemoData,
) -> None:
    now = clock.now().timestamp()
    repos.usage.add_spans(
        [UsageSpan(now - 3000, now - 1200, 3600, "Slack", "chat", approximate=True)]
    )
    page = show_insights(qtbot, repos, clock)
    assert not page.approximate_note.isHidden()
    assert association_sentences(page)  # 60 days: there is something to say
    extra = association_sentences(page) | {"Slack"}
    assert_translated("insights page", page, demo, extra=extra)
    with qtbot.waitSignal(page.panels_shown, timeout=BUILD_TIMEOUT_MS):
        page.period.setCurrentIndex(2)
    extra = association_sentences(page) | {"Slack"}
    assert_translated("insights page (12 months)", page, demo, extra=extra)


def test_insights_page_without_data(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,
    repos: Repositories,
    clock: FixedClock,
) -> None:
    page = show_insights(qtbot, repos, clock)
    assert association_sentences(page) == set()  # "not enough days", translated
    assert_translated("insights page (no data)", page)


def test_the_insights_names_match_what_reporting_draws(clock: FixedClock) -> None:
    assert set(PERIOD_LABELS) == set(PERIODS)
    day = clock.now().date()
    empty = InsightsInput(day, day, (), (), (), (), (), (), 4)
    panels = build_panels(empty)
    assert {panel.key: panel.title for panel in panels} == PANEL_TITLES
