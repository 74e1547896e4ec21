from pathlib import Path

import pytest
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
