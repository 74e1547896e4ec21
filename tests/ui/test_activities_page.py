from datetime import timedelta

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wellbeing_app.core.activities import (
    Activity,
    new_custom_activity,
    new_person,
    parse_activities,
)
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.suggestions import ActivityRecord
from wellbeing_app.resources import read_text
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.activities_page import ActivitiesPage
from wellbeing_app.ui.activity_models import ActivityTableModel, OutcomeHistoryModel, record_text

CATALOG = (
    Activity("walk-around-the-block", "Walk around the block", "movement", 15, "solo", "outdoors"),
    Activity("call-a-friend", "Call a friend", "friends-family", 20, "social", "either"),
    Activity("stretch", "Stretch for five minutes", "movement", 5, "solo", "indoors"),
    Activity("board-game-night", "Board game night", "clubs-hobbies", 120, "social", "indoors"),
    Activity(
        "park-bench",
        "Sit on a park bench",
        "nature",
        30,
        "either",
        "outdoors",
        description="Watch the pigeons for a while.",
    ),
)


@pytest.fixture
def repository(repos: Repositories) -> ActivityRepository:
    return ActivityRepository(repos.db)


@pytest.fixture
def page(qtbot: QtBot, repos: Repositories, clock: FixedClock) -> ActivitiesPage:
    shown = ActivitiesPage(repos, CATALOG, clock)
    qtbot.addWidget(shown)
    return shown


def shown_titles(page: ActivitiesPage) -> set[str]:
    proxy = page.ideas.proxy
    return {proxy.index(row, ActivityTableModel.TITLE).data() for row in range(proxy.rowCount())}


def select(page: ActivitiesPage, activity_id: str) -> None:
    assert page.select_activity(activity_id)


def test_the_table_lists_the_catalog_with_favourites_first(
    page: ActivitiesPage, repository: ActivityRepository
) -> None:
    assert page.ideas.proxy.rowCount() == len(CATALOG)
    assert page.ideas.shown_count.text() == "Showing 5 of 5 activities"
    repository.set_favourite("stretch")
    page.refresh()
    first = page.ideas.proxy.index(0, ActivityTableModel.TITLE)
    assert first.data() == "Stretch for five minutes"
    theme = page.ideas.proxy.index(0, ActivityTableModel.THEME).data()
    assert theme == "Movement"


def test_filters_narrow_the_table(page: ActivitiesPage) -> None:
    page.ideas.theme_filter.setCurrentIndex(page.ideas.theme_filter.findData("movement"))
    assert shown_titles(page) == {"Walk around the block", "Stretch for five minutes"}
    page.ideas.length_filter.setCurrentIndex(page.ideas.length_filter.findData(5))
    assert shown_titles(page) == {"Stretch for five minutes"}
    assert page.ideas.shown_count.text() == "Showing 1 of 5 activities"
    page.ideas.theme_filter.setCurrentIndex(0)
    page.ideas.length_filter.setCurrentIndex(0)

    page.ideas.company_filter.setCurrentIndex(page.ideas.company_filter.findData("social"))
    # "either" fits both ways.
    assert shown_titles(page) == {"Call a friend", "Board game night", "Sit on a park bench"}
    page.ideas.place_filter.setCurrentIndex(page.ideas.place_filter.findData("outdoors"))
    assert shown_titles(page) == {"Call a friend", "Sit on a park bench"}
    page.ideas.company_filter.setCurrentIndex(0)
    page.ideas.place_filter.setCurrentIndex(page.ideas.place_filter.findData("indoors"))
    assert shown_titles(page) == {"Call a friend", "Stretch for five minutes", "Board game night"}
    page.ideas.place_filter.setCurrentIndex(0)

    page.ideas.search.setText("PIGEONS")  # descriptions count too
    assert shown_titles(page) == {"Sit on a park bench"}
    page.ideas.search.setText("walk block")
    assert shown_titles(page) == {"Walk around the block"}
    page.ideas.search.clear()
    assert page.ideas.proxy.rowCount() == 5


def test_favourites_write_through_the_repository(
    qtbot: QtBot, page: ActivitiesPage, repository: ActivityRepository
) -> None:
    select(page, "call-a-friend")
    assert page.ideas.favourite_button.text() == "Add to favourites"
    with qtbot.waitSignal(page.changed):
        page.ideas.favourite_button.click()
    assert repository.preferences().favourites == {"call-a-friend"}
    assert page.selected_activity() == CATALOG[1]  # the selection follows the row
    assert page.ideas.favourite_button.text() == "Remove from favourites"
    star = page.ideas.proxy.index(0, ActivityTableModel.STAR)
    assert star.data(Qt.ItemDataRole.ToolTipRole) == "Remove from favourites"
    # Clicking the star toggles it back.
    rect = page.ideas.table.visualRect(star)
    qtbot.mouseClick(page.ideas.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert repository.preferences().favourites == frozenset()


def test_hidden_activities_are_greyed_under_show_hidden_and_can_come_back(
    page: ActivitiesPage, repository: ActivityRepository
) -> None:
    select(page, "board-game-night")
    page.ideas.hide_button.click()
    assert repository.preferences().hidden == {"board-game-night"}
    assert "Board game night" not in shown_titles(page)
    assert page.selected_activity() is None
    page.ideas.show_hidden.setChecked(True)
    assert "Board game night (hidden)" in shown_titles(page)
    select(page, "board-game-night")
    row = page.ideas.proxy.mapFromSource(
        page.ideas.model.index(page.ideas.model.row_of("board-game-night"), 1)
    )
    assert row.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.ideas.hide_button.text() == "Unhide"
    page.ideas.hide_button.click()
    assert repository.preferences().hidden == frozenset()
    assert "Board game night" in shown_titles(page)


def test_own_activities_can_be_added_edited_and_removed(
    qtbot: QtBot, page: ActivitiesPage, repository: ActivityRepository
) -> None:
    page.ideas.length_filter.setCurrentIndex(page.ideas.length_filter.findData(5))
    page.ideas.add_button.click()
    dialog = page.activity_dialog
    assert dialog is not None
    dialog.save_button.click()
    assert dialog.error.text() == "An activity needs a title."
    assert repository.custom() == []

    dialog.title.setText("Water the plants")
    dialog.theme.setCurrentIndex(dialog.theme.findData("nature"))
    dialog.minutes.setValue(10)
    dialog.social.setCurrentIndex(dialog.social.findData("solo"))
    dialog.outdoors.setCurrentIndex(dialog.outdoors.findData("indoors"))
    dialog.times.button(3).click()  # not at night
    with qtbot.waitSignal(page.changed):
        dialog.save_button.click()
    [plants] = repository.custom()
    assert (plants.id, plants.title, plants.category, plants.minutes) == (
        "my-water-the-plants",
        "Water the plants",
        "nature",
        10,
    )
    assert (plants.social, plants.outdoors, plants.times) == (
        "solo",
        "indoors",
        ("morning", "afternoon", "evening"),
    )
    # The filter stood in the way, so it was cleared to show the new activity, selected.
    assert page.ideas.length_filter.currentIndex() == 0
    assert page.selected_activity() == plants
    selected = page.ideas.table.selectionModel().selectedRows()[0]
    title = page.ideas.proxy.index(selected.row(), ActivityTableModel.TITLE)
    assert title.data(Qt.ItemDataRole.ToolTipRole) == "Water the plants\nOne of your own."
    page.ideas.theme_filter.setCurrentIndex(page.ideas.theme_filter.count() - 1)
    assert page.ideas.theme_filter.currentText() == "Your own activities"
    assert shown_titles(page) == {"Water the plants"}
    page.ideas.theme_filter.setCurrentIndex(0)

    page.ideas.edit_button.click()
    dialog = page.activity_dialog
    assert dialog is not None
    assert dialog.title.text() == "Water the plants"
    dialog.minutes.setValue(12)
    dialog.save_button.click()
    [edited] = repository.custom()
    assert (edited.id, edited.minutes) == ("my-water-the-plants", 12)

    with qtbot.waitSignal(page.undo_offered) as offered:
        page.ideas.remove_button.click()
    assert repository.custom() == []
    assert page.ideas.model.rowCount() == len(CATALOG)
    message, undo = offered.args
    assert message == "Removed “Water the plants”."
    undo()
    assert [a.id for a in repository.custom()] == ["my-water-the-plants"]


def test_catalog_activities_cannot_be_edited_or_removed(page: ActivitiesPage) -> None:
    select(page, "stretch")
    assert not page.ideas.edit_button.isEnabled()
    assert not page.ideas.remove_button.isEnabled()
    assert page.ideas.favourite_button.isEnabled()


def test_people_can_be_added_and_removed(
    qtbot: QtBot, page: ActivitiesPage, repository: ActivityRepository
) -> None:
    assert not page.people_tab.people_empty.isHidden()
    page.people_tab.add_person_button.click()
    assert page.people_tab.person_error.text() == "A person needs a name."
    assert repository.people() == []
    page.people_tab.person_name.setText("  Sam  ")
    page.people_tab.person_note.setText("Ask about the new job")
    with qtbot.waitSignal(page.changed):
        page.people_tab.add_person_button.click()
    page.people_tab.person_name.setText("Ana")
    page.people_tab.add_person_button.click()
    assert [(p.name, p.note) for p in repository.people()] == [
        ("Ana", ""),
        ("Sam", "Ask about the new job"),
    ]
    assert [page.people_tab.people.index(r, 0).data() for r in range(2)] == [
        "Ana",
        "Sam — Ask about the new job",
    ]
    assert page.people_tab.person_name.text() == ""
    assert page.people_tab.person_error.isHidden()
    assert not page.people_tab.remove_person_button.isEnabled()
    page.people_tab.people_list.setCurrentIndex(page.people_tab.people.index(1, 0))
    with qtbot.waitSignal(page.undo_offered):
        page.people_tab.remove_person_button.click()
    assert [p.name for p in repository.people()] == ["Ana"]


def test_history_shows_logged_outcomes_newest_first_with_moods(
    repos: Repositories, repository: ActivityRepository, clock: FixedClock, qtbot: QtBot
) -> None:
    now = clock.now()
    repository.log_outcome(now - timedelta(days=2), "walk-around-the-block", True, 2, 4, True)
    repository.log_outcome(now - timedelta(days=1), "walk-around-the-block", True, 3, 3, False)
    repository.log_outcome(now - timedelta(hours=5), "call-a-friend", False, 3)
    repository.log_outcome(now - timedelta(hours=1), "walk-around-the-block", True, 2, 3)
    repository.record_shown(now, ["stretch"], mood=3)  # shown, not an outcome
    page = ActivitiesPage(repos, CATALOG, clock)
    qtbot.addWidget(page)
    history = page.history
    assert history.rowCount() == 4

    def cells(row: int) -> list[str]:
        return [history.index(row, c).data() for c in range(1, history.columnCount())]

    assert cells(0) == ["Walk around the block", "Done", "bad → okay", "—"]
    assert cells(1) == ["Call a friend", "Not this time", "okay → —", "—"]
    assert cells(2) == ["Walk around the block", "Done", "okay → okay", "No"]
    assert cells(3) == ["Walk around the block", "Done", "bad → good", "Yes"]
    assert history.index(0, OutcomeHistoryModel.MOOD).data(Qt.ItemDataRole.DecorationRole)
    summary = page.history_tab.summary
    assert [
        (summary.index(r, 0).data(), summary.index(r, 1).data()) for r in range(summary.rowCount())
    ] == [
        ("Walk around the block", "helped 2 of 3 times"),
        ("Call a friend", "not done 1 time"),
    ]
    assert page.history_tab.history_empty.isHidden()


def test_history_of_a_removed_own_activity_keeps_its_rows(
    repos: Repositories, repository: ActivityRepository, clock: FixedClock, qtbot: QtBot
) -> None:
    repository.add_custom(new_custom_activity("Feed the ducks", "nature", 20))
    repository.log_outcome(clock.now(), "my-feed-the-ducks", True, 3, 4, True)
    page = ActivitiesPage(repos, CATALOG, clock)
    qtbot.addWidget(page)
    assert page.history.index(0, OutcomeHistoryModel.TITLE).data() == "Feed the ducks"
    select(page, "my-feed-the-ducks")
    page.ideas.remove_button.click()
    assert page.history.index(0, OutcomeHistoryModel.TITLE).data() == (
        "my-feed-the-ducks (removed)"
    )


def test_empty_history_says_what_will_show(page: ActivitiesPage) -> None:
    assert page.history.rowCount() == 0
    assert not page.history_tab.history_empty.isHidden()


def test_record_text_reads_naturally() -> None:
    assert record_text(ActivityRecord(helped=3, not_helped=1)) == "helped 3 of 4 times"
    assert record_text(ActivityRecord(helped=1)) == "helped 1 of 1 time"
    assert (
        record_text(ActivityRecord(helped=1, skipped=2)) == "helped 1 of 1 time; not done 2 times"
    )


def test_record_text_counts_times_done_without_a_verdict() -> None:
    # Done ten times, how it went said four times: "helped 3 of 4 times" alone would read as
    # four times done in all.
    record = ActivityRecord(helped=3, not_helped=1, unknown=6)
    assert record_text(record) == "done 10 times; helped 3 of the 4 times you said how it went"
    assert record_text(ActivityRecord(unknown=1)) == "done 1 time; you didn't say how it went"
    assert record_text(ActivityRecord(not_helped=1, unknown=1)) == (
        "done 2 times; didn't help the one time you said how it went"
    )
    assert record_text(ActivityRecord(not_helped=2, unknown=1, skipped=1)) == (
        "done 3 times; helped 0 of the 2 times you said how it went; not done 1 time"
    )


def test_summary_lists_activities_done_without_a_verdict(
    repos: Repositories, repository: ActivityRepository, clock: FixedClock, qtbot: QtBot
) -> None:
    now = clock.now()
    repository.log_outcome(now - timedelta(days=3), "walk-around-the-block", True, 2, 4, True)
    for days in (2, 1):  # done, but no mood afterwards and no word on whether it helped
        repository.log_outcome(now - timedelta(days=days), "walk-around-the-block", True, 3)
    repository.log_outcome(now - timedelta(hours=2), "stretch", True)
    page = ActivitiesPage(repos, CATALOG, clock)
    qtbot.addWidget(page)
    summary = page.history_tab.summary
    assert [
        (summary.index(r, 0).data(), summary.index(r, 1).data()) for r in range(summary.rowCount())
    ] == [
        ("Walk around the block", "done 3 times; helped the one time you said how it went"),
        ("Stretch for five minutes", "done 1 time; you didn't say how it went"),
    ]


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester,
    repos: Repositories,
    repository: ActivityRepository,
    clock: FixedClock,
    qtbot: QtBot,
) -> None:
    catalog = parse_activities(read_text("activities.json"))
    repository.add_custom(new_custom_activity("Feed the ducks", "nature", 20))
    repository.add_person(new_person("Sam"))
    repository.hide(catalog[0].id)
    repository.set_favourite(catalog[1].id)
    repository.log_outcome(clock.now(), catalog[1].id, True, 2, 4, True)
    page = ActivitiesPage(repos, catalog, clock)
    qtbot.addWidget(page)
    for model in (page.ideas.model, page.people_tab.people, page.history, page.history_tab.summary):
        qtmodeltester.check(model)
    page.ideas.show_hidden.setChecked(True)
    page.ideas.theme_filter.setCurrentIndex(page.ideas.theme_filter.findData("nature"))
    proxy: QSortFilterProxyModel = page.ideas.proxy
    qtmodeltester.check(proxy)


def test_empty_people_and_history_show_an_icon_and_what_will_come(
    page: ActivitiesPage, repository: ActivityRepository
) -> None:
    from wellbeing_app.ui.activity_empty import EmptyState

    people = page.people_tab
    assert isinstance(people.people_empty, EmptyState)
    assert not people.people_empty.isHidden()
    assert people.remove_person_button.isHidden()  # nothing to remove yet
    assert not people.people_empty.icon.pixmap().isNull()
    assert isinstance(page.history_tab.history_empty, EmptyState)
    repository.add_person(new_person("Sam"))
    page.refresh()
    assert people.people_empty.isHidden()
    assert not people.remove_person_button.isHidden()


def test_in_a_narrow_window_the_title_and_the_theme_give_way_together(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    from wellbeing_app.app import load_activities

    page = ActivitiesPage(repos, load_activities(), clock)
    qtbot.addWidget(page)
    page.resize(1400, 600)
    page.show()
    qtbot.waitExposed(page)
    table, header = page.ideas.table, page.ideas.table.horizontalHeader()
    title, theme = ActivityTableModel.TITLE, ActivityTableModel.THEME
    wide_theme = header.sectionSize(theme)
    needed = table.sizeHintForColumn(title)
    assert header.sectionSize(title) >= needed  # wide enough: every title whole
    page.resize(page.width() - (header.sectionSize(title) - needed) - wide_theme // 2, 600)
    qtbot.wait(0)
    kept_title = header.sectionSize(title) / needed
    kept_theme = header.sectionSize(theme) / wide_theme
    assert kept_title < 1 and kept_theme < 1  # neither column alone pays for the room
    assert abs(kept_title - kept_theme) < 0.02
