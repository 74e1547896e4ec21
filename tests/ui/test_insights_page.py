from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.ui.insights_page import InsightsPage


@pytest.fixture
def demo(clock: FixedClock, tmp_path: Path) -> Repositories:
    fill_demo(tmp_path / "d", clock, days=60)
    return open_repositories(tmp_path / "d")


def test_charts_are_drawn_off_the_gui_thread_and_shown(
    qtbot: QtBot, clock: FixedClock, demo: Repositories
) -> None:
    page = InsightsPage(demo, clock)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    assert page.progress.isHidden()
    assert set(page.images) == {
        "usage",
        "heatmap",
        "mood",
        "usage_mood",
        "usage_mood_next",
        "gratitude",
        "breaks",
    }
    assert all(not label.pixmap().isNull() for label in page.images.values())
    same_day = page.captions["usage_mood"].text()
    assert "association" in same_day and "n = " in same_day
    demo.close()


def test_a_new_period_redraws_and_too_little_data_says_so(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    assert "Not enough days" in page.captions["usage_mood"].text()
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.period.setCurrentText("12 months")
    assert not page.images["usage"].pixmap().isNull()


def test_a_period_with_approximate_time_says_which_apps_and_how_much(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    from wellbeing_app.core.models import UsageSpan

    now = clock.now().timestamp()
    repos.usage.add_spans(
        [
            UsageSpan(now - 3000, now - 1200, 3600, "Slack", "chat", approximate=True),
            UsageSpan(now - 1200, now - 600, 3600, "Reddit", "forum"),
        ]
    )
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    note = page.approximate_note
    assert not note.isHidden()
    assert "Slack 30 min" in note.text()
    assert "Reddit" not in note.text()

    # A period without any approximate time says nothing about it.
    repos.db.execute("DELETE FROM usage_spans WHERE app = 'Slack'")
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.period.setCurrentText("12 months")
    assert note.isHidden()


def test_released_charts_are_let_go_and_drawn_again_on_the_next_show(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    page.hide()
    page.release()  # the window went to the tray
    assert page.images and all(label.pixmap().isNull() for label in page.images.values())
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    assert all(not label.pixmap().isNull() for label in page.images.values())


def test_charts_drawing_when_released_are_not_shown_while_hidden(
    qtbot: QtBot, clock: FixedClock, repos: Repositories
) -> None:
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    shown: list[bool] = []
    page.panels_shown.connect(lambda: shown.append(True))
    page.show()  # starts drawing in the worker
    page.hide()
    page.release()
    page.wait_for_charts()
    QCoreApplication.processEvents()
    assert shown == []
    assert all(label.pixmap().isNull() for label in page.images.values())
