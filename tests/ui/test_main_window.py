from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.services.notifier import Notice
from wellbeing_app.services.today import TodayService
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.ui.main_window import MainWindow


def texts(day: date) -> tuple[str, str]:
    return ("What went well today?", "3 of the last 7 days")


@pytest.fixture
def window(qtbot: QtBot, repos: Repositories, clock: FixedClock) -> MainWindow:
    shown = MainWindow(QIcon(), "test", repos, clock, texts)
    qtbot.addWidget(shown)
    return shown


def test_today_page_lists_each_community_app_with_its_time(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    fill_demo(tmp_path / "d", clock, days=7)
    repos = open_repositories(tmp_path / "d")
    window = MainWindow(QIcon(), "test", repos, clock, texts)
    qtbot.addWidget(window)
    service = TodayService(repos, clock)
    service.snapshot_changed.connect(window.show_snapshot)
    service.start()
    rows = window.today.limits.rows
    snapshot = service.snapshot
    assert len(window.today.limits.bars) == len(snapshot.apps) > 0
    shown = {row.name.text() for row in rows[: len(snapshot.apps)]}
    assert shown == {a.app for a in snapshot.apps}
    reddit = next(row for row in rows if row.name.text() == "Reddit")
    assert "limit 45 min" in reddit.status.text()
    repos.close()


def test_empty_day_says_so(window: MainWindow, repos: Repositories, clock: FixedClock) -> None:
    service = TodayService(repos, clock)
    service.snapshot_changed.connect(window.show_snapshot)
    service.start()
    assert window.today.limits.bars == ()
    assert not window.today.limits_card.isVisibleTo(window)
    assert window.today.empty_state.isVisibleTo(window)


def test_closing_hides_to_the_tray_and_says_so_once(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.keep_in_tray = True
    with qtbot.waitSignal(window.hidden_to_tray):
        window.close()
    assert not window.isVisible()
    window.show()
    with qtbot.assertNotEmitted(window.hidden_to_tray):
        window.close()


def test_help_is_one_click_or_f1_from_every_page(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.help_button.isVisible()
        with qtbot.waitSignal(window.help_requested):
            qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)
    (shortcut,) = [s for s in window.findChildren(QShortcut) if s.key() == QKeySequence("F1")]
    with qtbot.waitSignal(window.help_requested):
        shortcut.activated.emit()


def test_a_banner_notice_offers_its_action(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(window, "open_mood_dialog", opened.append)
    window.show()
    window.show_notice(Notice("How are you feeling?", "Log your mood.", "mood"))
    assert window.banner.isVisible()
    assert window.banner.action.text() == "Log mood…"
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)
    assert opened == [None]
    assert not window.banner.isVisible()


def test_today_shows_the_continuous_use_meter_and_an_idea(window: MainWindow) -> None:
    window.today.show_continuous_use(12 * 60, 30)
    assert window.today.continuous.value_label.text() == "12 min"
    assert window.today.continuous.fraction == 0.4
    window.today.show_continuous_use(45 * 60, 30)  # past the break: the bar stays full
    assert window.today.continuous.fraction == 1.0
    window.today.show_suggestion("Walk around the block", 15, "It's evening; it helped you.")
    assert window.today.suggestion.idea.text() == "Walk around the block"
    assert window.today.suggestion.isVisibleTo(window)
