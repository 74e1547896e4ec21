from pathlib import Path

from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.services.today import TodayService
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.ui.main_window import MainWindow


def test_today_page_lists_each_community_app_with_its_time(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    fill_demo(tmp_path / "d", clock, days=7)
    repos = open_repositories(tmp_path / "d")
    window = MainWindow(QIcon(), "test")
    qtbot.addWidget(window)
    service = TodayService(repos, clock)
    service.snapshot_changed.connect(window.show_snapshot)
    service.start()
    model = window.today.model
    snapshot = service.snapshot
    assert model.rowCount() == len(snapshot.apps) > 0
    shown = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert shown == {a.app for a in snapshot.apps}
    reddit_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Reddit")
    assert "of 45 min" in model.index(reddit_row, 3).data()
    repos.close()


def test_empty_day_says_so(qtbot: QtBot, clock: FixedClock, repos: Repositories) -> None:
    window = MainWindow(QIcon(), "test")
    qtbot.addWidget(window)
    service = TodayService(repos, clock)
    service.snapshot_changed.connect(window.show_snapshot)
    service.start()
    assert window.today.model.rowCount() == 0
    assert not window.today.table.isVisibleTo(window)
    assert window.today._empty.isVisibleTo(window)


def test_closing_keeps_the_app_in_the_tray_when_asked(qtbot: QtBot) -> None:
    window = MainWindow(QIcon(), "test")
    qtbot.addWidget(window)
    window.show()
    window.keep_in_tray = True
    window.close()
    assert not window.isVisible()
