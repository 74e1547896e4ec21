"""Today as a glance: bars against limits, a timeline of the day, faces that log a mood in
place, and a welcome before there is any time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout
from pytestqt.qtbot import QtBot

from wellbeing_app.core.models import AppTotal, DailyLimit, LimitStanding, MoodEntry
from wellbeing_app.core.today import TodaySnapshot, hour_slots
from wellbeing_app.ui.today_page import TodayPage

CET = timezone(timedelta(hours=1))
DAY = date(2026, 11, 21)


def snapshot(
    apps: tuple[AppTotal, ...] = (),
    standings: tuple[LimitStanding, ...] = (),
    moods: tuple[MoodEntry, ...] = (),
    hours: tuple[float, ...] = (),
    begun: int = 24,
) -> TodaySnapshot:
    return TodaySnapshot(DAY, apps, standings, 4 * 3600.0, moods, (), (), 4, hours, begun)


@pytest.fixture
def page(qtbot: QtBot) -> TodayPage:
    page = TodayPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_bars_fill_to_the_limit_and_say_what_is_left_or_over(page: TodayPage) -> None:
    apps = (
        AppTotal("Discord", "chat", 2 * 3600.0),
        AppTotal("X", "social feed", 50 * 60.0),
        AppTotal("Reddit", "forum", 24 * 60.0),
    )
    standings = (
        LimitStanding(DailyLimit("Reddit", "app", 30), 24 * 60.0),
        LimitStanding(DailyLimit("social feed", "category", 45), 50 * 60.0),
    )

    page.show_snapshot(snapshot(apps, standings))

    discord, x, reddit = page.limits.visible_rows()
    assert reddit.bar.fraction == pytest.approx(0.8)
    assert reddit.bar.filled_width() == pytest.approx(reddit.bar.width() * 0.8)
    assert reddit.status.text().startswith("6 min left · limit 30 min")
    assert reddit.mark.isVisibleTo(page)  # near: a mark, not only a colour
    assert x.bar.fraction == 1.0
    assert x.bar.state == "over"
    assert x.status.text().startswith("over by 5 min · social feed limit 45 min")
    assert discord.bar.fraction == 1.0  # no limit: measured against the largest app
    assert discord.status.text() == "no limit set"
    assert not discord.mark.isVisibleTo(page)
    assert discord.duration.text() == "2 h 00 min"


def test_the_top_five_show_and_the_rest_fold_into_and_n_more(page: TodayPage, qtbot: QtBot) -> None:
    apps = tuple(AppTotal(f"App {n}", "chat", (10 - n) * 600.0) for n in range(8))

    page.show_snapshot(snapshot(apps))

    assert [row.name.text() for row in page.limits.visible_rows()] == [f"App {n}" for n in range(5)]
    assert page.limits.more_button.text() == "and 3 more"
    qtbot.mouseClick(page.limits.more_button, Qt.MouseButton.LeftButton)
    assert len(page.limits.visible_rows()) == 8
    assert page.limits.more_button.text() == "Show fewer"
    page.show_snapshot(snapshot(apps[:2]))
    assert len(page.limits.visible_rows()) == 2
    assert page.limits.more_button.isHidden()


def test_the_timeline_draws_time_in_the_hour_it_happened(page: TodayPage) -> None:
    hours = hour_slots([(13, 1800.0), (4, 3600.0), (1, 900.0)], 4)
    mood = MoodEntry(datetime(2026, 11, 21, 16, 0, tzinfo=CET), 4)

    page.show_snapshot(snapshot((AppTotal("Discord", "chat", 6300.0),), (), (mood,), hours, 23))

    timeline = page.timeline
    strip = timeline.strip_rect()
    width = strip.width() / 24
    one_pm = timeline.hour_rect(9)  # 13:00 is the 10th hour of a day starting at 04:00
    assert one_pm.center().x() == pytest.approx(strip.left() + 9.5 * width)
    assert one_pm.height() == pytest.approx(strip.height() / 2)  # half of that hour
    assert one_pm.bottom() == pytest.approx(strip.bottom())
    assert timeline.hour_rect(0).height() == pytest.approx(strip.height())  # the whole hour
    assert timeline.hour_rect(21).height() == pytest.approx(strip.height() / 4)  # 01:00
    assert timeline.hour_rect(10).height() == 0
    assert timeline.mood_point(mood).x() == pytest.approx(strip.left() + 12 * width)
    assert timeline.mood_point(mood).y() < strip.top()  # the dots sit above the columns
    assert "Most time online at" in timeline.accessibleDescription()
    assert "Mood good at" in timeline.accessibleDescription()


def test_clicking_a_face_asks_to_log_that_mood(page: TodayPage, qtbot: QtBot) -> None:
    page.show_snapshot(snapshot())
    with qtbot.waitSignal(page.mood_chosen) as blocker:
        qtbot.mouseClick(page.mood.faces[2], Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    with qtbot.waitSignal(page.gratitude_requested):
        qtbot.mouseClick(page.good_things.write_button, Qt.MouseButton.LeftButton)


def test_a_day_without_time_shows_a_welcome_and_keeps_the_faces(page: TodayPage) -> None:
    page.show_snapshot(snapshot())

    assert page.empty_state.isVisibleTo(page)
    assert not page.limits_card.isVisibleTo(page)
    assert page.mood.faces[5].isVisibleTo(page)
    assert page.mood.faces[5].isEnabled()

    page.show_snapshot(snapshot((AppTotal("Discord", "chat", 600.0),)))

    assert not page.empty_state.isVisibleTo(page)
    assert page.limits_card.isVisibleTo(page)


def test_the_break_meter_says_time_since_the_last_break(page: TodayPage) -> None:
    page.show_continuous_use(12 * 60, 30)
    assert page.continuous.title.text() == "Time since your last break"
    assert page.continuous.value_label.text() == "12 min"
    assert page.continuous.fraction == pytest.approx(0.4)
    assert "due at 30 min" in page.continuous.caption.text()

    page.show_continuous_use(45 * 60, 30)
    assert page.continuous.fraction == 1.0
    assert page.continuous.caption.text().startswith("Time for a break: 15 min past")


def test_the_page_scrolls_instead_of_clipping_on_a_small_window(
    page: TodayPage, qtbot: QtBot
) -> None:
    apps = tuple(AppTotal(f"App {n}", "chat", (10 - n) * 600.0) for n in range(5))
    page.show_snapshot(snapshot(apps))
    page.show_suggestion("Walk around the block", 15, "It's evening; it helped you.")
    page.resize(560, 400)

    def fits() -> None:
        assert page.columns.direction() == QBoxLayout.Direction.TopToBottom
        assert page.content.width() <= page.scroll_area.viewport().width()  # nothing cut off
        assert page.scroll_area.verticalScrollBar().maximum() > 0  # it scrolls instead

    qtbot.waitUntil(fits)


def test_moving_focus_with_the_keyboard_scrolls_the_focused_control_into_view(
    page: TodayPage, qtbot: QtBot
) -> None:
    page.show_snapshot(snapshot((AppTotal("Discord", "chat", 600.0),)))
    page.resize(560, 300)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().maximum() > 0)
    button = page.good_things.write_button
    page.mood.faces[5].setFocus()
    qtbot.waitUntil(page.mood.faces[5].hasFocus)

    qtbot.keyClick(page.mood.faces[5], Qt.Key.Key_Tab)  # from the last face to the button

    assert button.hasFocus()

    def in_view() -> None:
        viewport = page.scroll_area.viewport()
        top_left = button.mapTo(viewport, button.rect().topLeft())
        bottom = top_left.y() + button.height()
        assert top_left.y() >= 0
        assert bottom <= viewport.height()

    qtbot.waitUntil(in_view)
