import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.limits import new_limit
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.boundaries_page import (
    STRICT_MODE_TEXT,
    BoundariesPage,
    LimitTableModel,
    QuietHoursModel,
    quiet_hours_summary,
    quiet_hours_text,
)
from wellbeing_app.ui.limit_dialog import LimitDialog
from wellbeing_app.ui.usage_model import LIMIT_FRACTION_ROLE, bar_fill, bar_rect, bar_state

APPS = ("Discord", "Reddit", "Mastodon")


@pytest.fixture
def service(repos: Repositories) -> SettingsService:
    return SettingsService(repos.settings_store)


@pytest.fixture
def page(
    qtbot: QtBot, repos: Repositories, service: SettingsService, clock: FixedClock
) -> BoundariesPage:
    shown = BoundariesPage(repos, service, APPS, clock)
    qtbot.addWidget(shown)
    return shown


def _open_add_dialog(page: BoundariesPage) -> LimitDialog:
    page.daily_limits.add_limit_button.click()
    dialog = page.daily_limits.limit_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def _select_limit_row(page: BoundariesPage, row: int) -> None:
    page.daily_limits.limits_table.selectRow(row)


def test_adding_a_limit_through_the_dialog_stores_it_and_shows_todays_standing(
    qtbot: QtBot, page: BoundariesPage, repos: Repositories, clock: FixedClock
) -> None:
    # 12 minutes of Reddit this evening.
    start = clock.now().timestamp() - 30 * 60
    repos.usage.add_spans([UsageSpan(start, start + 12 * 60, 3600, "Reddit", "forum")])
    dialog = _open_add_dialog(page)
    dialog.select_target("Reddit")
    dialog.minutes.setValue(30)
    with qtbot.waitSignal(page.changed):
        dialog.save_button.click()
    assert not dialog.isVisible()
    stored = repos.limits.all()
    assert [(s.target, s.kind, s.minutes, s.weekdays) for s in stored] == [
        ("Reddit", "app", 30, frozenset())
    ]
    model = page.daily_limits.limits
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Reddit"
    assert model.index(0, 1).data() == "30 min every day"
    assert model.index(0, 2).data() == "12 of 30 min"
    assert model.index(0, 2).data(LIMIT_FRACTION_ROLE) == pytest.approx(0.4)
    assert page.daily_limits.limits_table.isVisibleTo(page)
    assert not page.daily_limits.limits_empty.isVisibleTo(page)


def test_a_category_limit_for_some_weekdays(page: BoundariesPage, repos: Repositories) -> None:
    dialog = _open_add_dialog(page)
    dialog.select_target("chat")
    dialog.minutes.setValue(45)
    dialog.weekdays.button(5).click()
    dialog.weekdays.button(6).click()
    dialog.save_button.click()
    [limit] = repos.limits.all()
    assert (limit.target, limit.kind, limit.minutes, limit.weekdays) == (
        "chat",
        "category",
        45,
        frozenset({5, 6}),
    )
    assert page.daily_limits.limits.index(0, 0).data() == "All chat apps"
    assert page.daily_limits.limits.index(0, 1).data() == "45 min on weekends"
    # The clock says Saturday, so it is in force today.
    assert page.daily_limits.limits.index(0, 2).data() == "0 of 45 min"


def test_a_limit_for_other_days_is_shown_as_not_in_force_today(
    page: BoundariesPage, repos: Repositories
) -> None:
    repos.limits.set(new_limit("Discord", "app", 60, [0, 1, 2, 3, 4]))
    repos.limits.set(new_limit("Reddit", "app", 60))
    repos.limits.set(new_limit("Reddit", "app", 20, [5]))
    page.refresh()
    model = page.daily_limits.limits
    rows = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    assert rows == [
        ("Discord", "60 min on weekdays", "Not today"),
        ("Reddit", "60 min every day", "Not today (replaced)"),
        ("Reddit", "20 min on Sat", "0 of 20 min"),
    ]
    assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == (
        "A limit for today's weekday replaces this one today."
    )


def test_invalid_minutes_say_why_in_one_sentence_and_store_nothing(
    page: BoundariesPage, repos: Repositories
) -> None:
    dialog = _open_add_dialog(page)
    dialog.select_target("Discord")
    dialog.minutes.setValue(0)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "A daily limit must be 1 to 1440 minutes, not 0."
    assert repos.limits.all() == []
    dialog.minutes.setValue(15)
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert [limit.minutes for limit in repos.limits.all()] == [15]


def test_editing_a_limit_changes_it_in_place(page: BoundariesPage, repos: Repositories) -> None:
    repos.limits.set(new_limit("Reddit", "app", 30))
    repos.limits.set(new_limit("Reddit", "app", 10, [5, 6]))
    page.refresh()
    _select_limit_row(page, 0)  # every day, 30 min
    page.daily_limits.edit_limit_button.click()
    dialog = page.daily_limits.limit_dialog
    assert dialog is not None
    assert (dialog.target.currentData(), dialog.minutes.value()) == ("Reddit", 30)
    dialog.minutes.setValue(40)
    dialog.weekdays.button(0).click()  # now Mondays only
    dialog.save_button.click()
    stored = sorted((limit.minutes, sorted(limit.weekdays)) for limit in repos.limits.all())
    assert stored == [(10, [5, 6]), (40, [0])]


def test_removing_a_limit_keeps_the_targets_other_limits_and_offers_undo(
    qtbot: QtBot, page: BoundariesPage, repos: Repositories
) -> None:
    repos.limits.set(new_limit("Reddit", "app", 30))
    repos.limits.set(new_limit("Reddit", "app", 10, [5, 6]))
    page.refresh()
    assert not page.daily_limits.remove_limit_button.isEnabled()
    _select_limit_row(page, 1)  # weekends, 10 min
    with (
        qtbot.waitSignal(page.changed),
        qtbot.waitSignal(page.undo_offered) as offered,
    ):
        page.daily_limits.remove_limit_button.click()
    assert [(limit.minutes, limit.weekdays) for limit in repos.limits.all()] == [(30, frozenset())]
    assert page.daily_limits.limits.rowCount() == 1
    message, undo = offered.args
    assert message == "Removed the limit for Reddit (10 min on weekends)."
    undo()
    assert len(repos.limits.all()) == 2
    _select_limit_row(page, 0)
    page.daily_limits.remove_limit_button.click()
    page.daily_limits.limits_table.selectRow(0)
    page.daily_limits.remove_limit_button.click()
    assert repos.limits.all() == []
    assert page.daily_limits.limits_empty.isVisibleTo(page)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("continuous_use_minutes", 45),
        ("break_minutes", 10),
        ("heads_up_percent", 0),
        ("snooze_minutes", 15),
    ],
)
def test_each_break_setting_writes_through_the_settings_service(
    qtbot: QtBot, page: BoundariesPage, service: SettingsService, name: str, value: int
) -> None:
    spin = page.setting_spins[name]
    assert spin.value() == getattr(service.settings, name)
    with qtbot.waitSignal(service.changed) as announced, qtbot.waitSignal(page.changed):
        spin.setValue(value)
    assert getattr(announced.args[0], name) == value
    assert getattr(service.settings, name) == value


def test_heads_up_zero_reads_as_none(page: BoundariesPage) -> None:
    spin = page.setting_spins["heads_up_percent"]
    spin.setValue(0)
    assert spin.text() == "No heads-up"


def test_controls_follow_settings_changed_elsewhere(
    page: BoundariesPage, service: SettingsService
) -> None:
    service.set("break_minutes", 12)
    service.set("strict_mode", True)
    service.set("quiet_hours", ["sat 23:00-08:00"])
    assert page.setting_spins["break_minutes"].value() == 12
    assert page.strict_mode.isChecked()
    assert page.quiet_hours.index(0, 0).data() == "Sat nights 23:00–08:00"


def test_strict_mode_and_hold_prompts_toggle_the_settings(
    qtbot: QtBot, page: BoundariesPage, service: SettingsService
) -> None:
    assert not page.strict_mode.isChecked()
    assert page.hold_prompts.isChecked()
    with qtbot.waitSignal(page.changed):
        page.strict_mode.click()
    assert service.settings.strict_mode is True
    page.hold_prompts.click()
    assert service.settings.hold_prompts_when_busy is False
    page.strict_mode.click()
    assert service.settings.strict_mode is False
    explanations = [
        label.text() for label in page.findChildren(type(page.daily_limits.limits_empty))
    ]
    assert STRICT_MODE_TEXT in explanations


def test_quiet_hours_add_and_remove_store_the_text_form(
    qtbot: QtBot, page: BoundariesPage, service: SettingsService
) -> None:
    assert page.quiet.quiet_empty.isVisibleTo(page)
    page.quiet.quiet_start.setTime(QTime(22, 0))
    page.quiet.quiet_end.setTime(QTime(7, 0))
    for day in range(5):
        page.quiet.quiet_days.button(day).click()
    assert page.quiet.quiet_preview.text() == "Adds: Weeknights 22:00–07:00"
    with qtbot.waitSignal(page.changed):
        page.quiet.add_quiet_button.click()
    assert service.settings.quiet_hours == ("mon-fri 22:00-07:00",)

    page.quiet.quiet_days.set_weekdays(())
    page.quiet.quiet_start.setTime(QTime(13, 30))
    page.quiet.quiet_end.setTime(QTime(14, 0))
    page.quiet.add_quiet_button.click()
    assert list(service.settings.quiet_hours) == ["mon-fri 22:00-07:00", "13:30-14:00"]
    assert [page.quiet_hours.index(r, 0).data() for r in range(2)] == [
        "Weeknights 22:00–07:00",
        "Every day 13:30–14:00",
    ]
    assert page.quiet_hours.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == ("mon-fri 22:00-07:00")

    page.quiet.add_quiet_button.click()  # the same window again
    assert page.quiet.quiet_error.text() == "Those quiet hours are already in the list."
    assert len(service.settings.quiet_hours) == 2

    assert not page.quiet.remove_quiet_button.isEnabled()
    page.quiet.quiet_list.setCurrentIndex(page.quiet_hours.index(0, 0))
    page.quiet.remove_quiet_button.click()
    assert service.settings.quiet_hours == ("13:30-14:00",)


@pytest.mark.parametrize(
    ("days", "text", "summary"),
    [
        ((), "22:00-07:00", "Every night 22:00–07:00"),
        ((0, 1, 2, 3, 4), "mon-fri 22:00-07:00", "Weeknights 22:00–07:00"),
        ((4, 5, 6, 0), "fri-mon 22:00-07:00", "Fri–Mon nights 22:00–07:00"),
        ((0, 2, 4), "mon,wed,fri 22:00-07:00", "Mon, Wed, Fri nights 22:00–07:00"),
        ((6, 0, 1, 2, 3), "sun-thu 22:00-07:00", "Sun–Thu nights 22:00–07:00"),
        (range(7), "22:00-07:00", "Every night 22:00–07:00"),
    ],
)
def test_quiet_hours_text_and_summary(days: tuple[int, ...], text: str, summary: str) -> None:
    made = quiet_hours_text(QTime(22, 0), QTime(7, 0), frozenset(days))
    assert made == text
    assert quiet_hours_summary(made) == summary


def test_quiet_hours_summary_by_day_and_for_a_whole_day() -> None:
    assert quiet_hours_summary("sat-sun 10:00-12:00") == "Weekends 10:00–12:00"
    assert quiet_hours_summary("sat-sun 23:00-01:00") == "Sat–Sun nights 23:00–01:00"
    assert quiet_hours_summary("sun 09:00-09:00") == "Sun, 24 hours from 09:00"


def test_setting_errors_show_one_sentence(page: BoundariesPage, service: SettingsService) -> None:
    page._write_setting("break_minutes", 999, page.settings_error)
    assert (
        page.settings_error.text() == "Setting 'break_minutes' must be between 1 and 60, not 999."
    )
    assert page.setting_spins["break_minutes"].value() == service.settings.break_minutes


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester, page: BoundariesPage, repos: Repositories
) -> None:
    repos.limits.set(new_limit("Reddit", "app", 30))
    repos.limits.set(new_limit("chat", "category", 90, [5, 6]))
    page.refresh()
    limits: LimitTableModel = page.daily_limits.limits
    qtmodeltester.check(limits)
    quiet = QuietHoursModel()
    quiet.set_windows(["22:00-07:00", "sat,sun 08:00-10:00"])
    qtmodeltester.check(quiet)


def test_the_limits_table_is_as_tall_as_its_limits(
    page: BoundariesPage, repos: Repositories
) -> None:
    table = page.daily_limits.limits_table
    row = table.verticalHeader().defaultSectionSize()
    for minutes in range(10, 110, 10):  # ten limits: the table stops growing at eight rows
        repos.limits.set(new_limit(f"App {minutes}", "app", minutes))
        page.refresh()
    heights = table.height()
    repos.limits.set(new_limit("One more", "app", 30))
    page.refresh()
    assert table.height() == heights
    assert table.height() >= 8 * row
    for limit in repos.limits.all()[1:]:
        assert limit.id is not None
        repos.limits.remove_limit(limit.id)
    page.refresh()
    assert 3 * row <= table.height() < 4 * row + table.horizontalHeader().sizeHint().height()


def test_breaks_sit_beside_the_prompts_on_a_wide_page_and_above_them_on_a_narrow_one(
    qtbot: QtBot, page: BoundariesPage
) -> None:
    breaks, prompts, quiet = page._sections
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page._wide is True)
    assert breaks.geometry().top() == prompts.geometry().top()
    assert quiet.geometry().top() > breaks.geometry().bottom()
    page.resize(420, 900)
    qtbot.waitUntil(lambda: page._wide is False)
    qtbot.waitUntil(lambda: breaks.geometry().bottom() < prompts.geometry().top())
    assert prompts.geometry().bottom() < quiet.geometry().top()


@pytest.mark.parametrize(
    ("fraction", "state"), [(0.2, "calm"), (0.8, "near"), (0.99, "near"), (1.0, "over")]
)
def test_a_limits_bar_is_near_and_over_where_todays_bars_are(fraction: float, state: str) -> None:
    assert bar_state(fraction) == state


def test_the_limits_bars_line_up_and_read_on_a_selected_row(qtbot: QtBot) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

    view = QTableView()
    qtbot.addWidget(view)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 400, 30)
    short, longer = bar_rect(option, "5 of 45 min"), bar_rect(option, "105 of 120 min")
    assert short is not None and longer is not None
    assert short.left() == longer.left()  # one column of bars
    assert short.right() < 400
    option.rect = QRect(0, 0, 90, 30)
    assert bar_rect(option, "105 of 120 min") is None  # no room: the words say it
    palette = view.palette()
    _track, fill = bar_fill(palette, 0.5, selected=True)
    assert fill == palette.color(QPalette.ColorRole.HighlightedText)
    _track, fill = bar_fill(palette, 0.5, selected=False)
    assert fill == palette.color(QPalette.ColorRole.Highlight)


def test_the_quiet_hours_list_is_as_tall_as_its_windows(
    page: BoundariesPage, service: SettingsService
) -> None:
    view = page.quiet.quiet_list
    heights = []
    for count in range(1, 9):
        service.set("quiet_hours", [f"{hour:02d}:00-{hour:02d}:30" for hour in range(count)])
        heights.append(view.height())
    assert heights[0] == heights[1]  # room for two at least
    assert heights[0] < heights[2] < heights[5]
    assert heights[5] == heights[7]  # six at most, then it scrolls


def test_the_cards_hold_their_controls_on_the_window_colour(
    qtbot: QtBot, page: BoundariesPage
) -> None:
    # On the base colour, check boxes and spin boxes (drawn in it) fade out in dark themes.
    from PySide6.QtGui import QPalette

    page.resize(1000, 900)
    page.show()
    qtbot.waitExposed(page)
    breaks = page._sections[0]
    inside = breaks.grab().toImage().pixelColor(breaks.width() // 2, 4)  # in its top padding
    palette = page.palette()
    assert palette.color(QPalette.ColorRole.Window) != palette.color(QPalette.ColorRole.Base)
    assert inside == palette.color(QPalette.ColorRole.Window)
