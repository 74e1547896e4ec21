"""The Journal shows how days felt: a month calendar coloured by mood, a year in pixels that
opens a day, weekends in the normal text colour, and table headers that fit."""

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from pytestqt.qtbot import QtBot

from tests.conftest import CET
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.journal_page import JournalPage
from wellbeing_app.ui.mood_palette import mood_palette


def _count(image: QImage, colour: str) -> int:
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).name() == colour
    )


def _page(qtbot: QtBot, repos: Repositories, clock: FixedClock) -> JournalPage:
    for day, scores in ((date(2026, 11, 10), (2, 5)), (date(2026, 11, 12), (1,))):
        for hour, score in zip((9, 19), scores, strict=False):
            repos.moods.add(
                new_mood_entry(datetime(day.year, day.month, day.day, hour, tzinfo=CET), score)
            )
    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def test_weekends_use_the_normal_text_colour(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = _page(qtbot, repos, clock)
    text = page.calendar.palette().color(QPalette.ColorRole.Text)
    for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        assert page.calendar.weekdayTextFormat(weekday).foreground().color() == text


def test_month_days_are_filled_with_their_average_mood(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = _page(qtbot, repos, clock)
    colours = mood_palette(page.palette())
    assert page.calendar.mood_on(date(2026, 11, 10)) == 4  # (2 + 5) / 2 = 3.5, rounded up
    assert page.calendar.mood_on(date(2026, 11, 12)) == 1
    assert page.calendar.mood_on(date(2026, 11, 11)) is None
    image = page.calendar.grab().toImage()
    assert _count(image, colours.fill(4).name()) > 20
    assert _count(image, colours.fill(1).name()) > 20
    assert _count(image, colours.fill(5).name()) == 0


def test_a_logged_mood_colours_its_day_at_once(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = _page(qtbot, repos, clock)
    assert page.calendar.mood_on(date(2026, 11, 21)) is None
    repos.moods.add(new_mood_entry(clock.now() - timedelta(hours=1), 5))
    page.reload()
    assert page.calendar.mood_on(date(2026, 11, 21)) == 5


def test_the_feelings_and_tags_header_is_not_clipped(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = _page(qtbot, repos, clock)
    header = page.table.horizontalHeader()
    for column in range(page.moods.columnCount()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column


def test_the_year_view_opens_a_day_in_the_month_view(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = _page(qtbot, repos, clock)
    page.year_button.click()
    assert page.views.currentWidget() is page.year_page
    assert page.year_view.mood_on(date(2026, 11, 10)) == 4
    assert page.year_label.text() == "2026"
    page.previous_year_button.click()
    assert page.year_view.year() == 2025
    assert page.year_view.mood_on(date(2026, 11, 10)) is None
    page.next_year_button.click()

    target = page.year_view.cell_rect(date(2026, 11, 12)).center()
    qtbot.mouseClick(page.year_view, Qt.MouseButton.LeftButton, pos=target)

    assert page.views.currentWidget() is page.month_page
    assert page.month_button.isChecked()
    assert page.selected_day() == date(2026, 11, 12)
    assert page.moods.rowCount() == 1
    assert page.moods.entry(0).score == 1
