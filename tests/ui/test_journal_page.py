"""The Journal fits a narrow window: it scrolls, and the month's calendar stacks above the day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QBoxLayout
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import GratitudeEntry, GratitudeItem
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.journal_page import JournalPage
from wellbeing_app.ui.nav import WIDTH as NAV_WIDTH

# 1366x768 at 150 % leaves about 910 logical px for the window, the page list included.
NARROW_WINDOW = 910


def test_the_journal_asks_for_less_than_a_small_screen_at_150_percent(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    assert page.minimumSizeHint().width() + NAV_WIDTH <= NARROW_WINDOW - 40
    page.show_year()
    assert page.minimumSizeHint().width() + NAV_WIDTH <= NARROW_WINDOW - 40


def test_the_calendar_stacks_above_the_day_on_a_narrow_window(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    assert page.month_body.direction() == QBoxLayout.Direction.LeftToRight
    page.resize(600, 600)
    qtbot.waitUntil(lambda: page.month_body.direction() == QBoxLayout.Direction.TopToBottom)
    qtbot.waitUntil(lambda: page.calendar.geometry().bottom() < page.table.geometry().top())
    # Nothing is cut off sideways: what does not fit scrolls.
    assert page.views_scroll.widget() is page.views
    page.resize(1100, 600)
    qtbot.waitUntil(lambda: page.month_body.direction() == QBoxLayout.Direction.LeftToRight)


def test_found_good_things_are_dated_as_the_locale_writes_dates(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    day = date(2026, 11, 3)
    item = GratitudeItem("a long walk by the river", "")
    repos.gratitude.save(GratitudeEntry(day, clock.now(), (item,)))
    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    page.search.setText("river")
    page.run_search()
    shown = QLocale().toString(QLocale().toDate("2026-11-03", "yyyy-MM-dd"), "d MMMM yyyy")
    assert shown in page.gratitude.text()
    assert "2026-11-03" not in page.gratitude.text()
    assert "1 day of good things" in page.heading.text()
