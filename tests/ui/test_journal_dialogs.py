from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.core.models import GratitudeItem
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.gratitude_dialog import GratitudeDialog
from wellbeing_app.ui.journal_page import JournalPage
from wellbeing_app.ui.mood_dialog import MoodDialog


def test_mood_dialog_needs_a_face_then_returns_a_full_entry(
    qtbot: QtBot, clock: FixedClock
) -> None:
    dialog = MoodDialog(clock.now())
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.faces.button(4).click()
    assert dialog.save_button.isEnabled()
    dialog.energy.button(2).click()
    dialog.energy.button(3).click()  # one energy at most
    dialog.emotion_buttons["calm"].click()
    dialog.tags.setText("Family, walk")
    dialog.note.setPlainText("Dinner with my sister")
    dialog.save_button.click()
    entry = dialog.entry()
    assert entry is not None
    assert (entry.score, entry.energy) == (4, 3)
    assert entry.tags == ("calm", "family", "walk")
    assert entry.note == "Dinner with my sister"
    assert entry.at == clock.now()


def test_mood_dialog_edits_keep_the_id_and_time(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    saved = repos.moods.add(
        new_mood_entry(clock.now() - timedelta(hours=3), 2, None, ["tired", "work"], "meh")
    )
    dialog = MoodDialog(clock.now(), saved)
    qtbot.addWidget(dialog)
    assert dialog.faces.checkedId() == 2
    assert dialog.emotion_buttons["tired"].isChecked()
    assert dialog.tags.text() == "work"
    dialog.faces.button(3).click()
    dialog.save_button.click()
    entry = dialog.entry()
    assert entry is not None
    assert (entry.id, entry.at, entry.score) == (saved.id, saved.at, 3)


def test_gratitude_dialog_saves_one_to_three_items(qtbot: QtBot, clock: FixedClock) -> None:
    day = date(2026, 11, 21)
    dialog = GratitudeDialog(day, clock.now(), "What made you smile?", "2 of the last 7 days")
    qtbot.addWidget(dialog)
    dialog.items[0][0].setText("Coffee with Ana")
    dialog.items[0][1].setText("I asked her")
    dialog.items[2][0].setText("The sunset")
    dialog.accept()
    entry = dialog.entry()
    assert entry is not None
    assert entry.items == (
        GratitudeItem("Coffee with Ana", "I asked her"),
        GratitudeItem("The sunset"),
    )


def test_journal_browses_by_day_deletes_with_undo_and_searches(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    now = clock.now()
    repos.moods.add(new_mood_entry(now - timedelta(hours=2), 4, note="Walk by the river"))
    repos.moods.add(new_mood_entry(now - timedelta(days=1), 2, note="Scrolled too late"))
    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    assert page.moods.rowCount() == 1
    page.go_to(date(2026, 11, 20))
    assert page.moods.entry(0).note == "Scrolled too late"

    page.table.selectRow(0)
    with qtbot.waitSignal(page.undo_offered) as offered:
        page.delete_selected()
    assert page.moods.rowCount() == 0
    _, undo = offered.args
    undo()
    assert page.moods.rowCount() == 1

    qtbot.keyClicks(page.search, "river")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [page.moods.entry(r).note for r in range(page.moods.rowCount())] == ["Walk by the river"]
    page.search.clear()
    assert page.moods.entry(0).note == "Scrolled too late"


def test_journal_buttons_ask_for_dialogs(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    repos.moods.add(new_mood_entry(clock.now(), 5))
    page = JournalPage(repos, clock)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.log_mood_requested) as new:
        page.log_button.click()
    assert new.args == [None]
    page.table.selectRow(0)
    with qtbot.waitSignal(page.log_mood_requested) as edit:
        page.edit_button.click()
    assert edit.args[0].score == 5
    with qtbot.waitSignal(page.gratitude_requested) as gratitude:
        page.gratitude_button.click()
    assert gratitude.args == [date(2026, 11, 21)]
