"""The Today page says which apps' time is approximate, how much, and that it does not enforce."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from wellbeing_app.core.models import AppTotal
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.ui.today_page import TodayPage


def snapshot(approximate: tuple[AppTotal, ...]) -> TodaySnapshot:
    apps = (AppTotal("Slack", "chat", 7500.0), AppTotal("Reddit", "forum", 600.0))
    return TodaySnapshot(date(2026, 11, 21), apps, (), 9000.0, (), (), approximate)


def test_the_label_names_the_approximate_apps_and_their_time(qtbot: QtBot) -> None:
    page = TodayPage()
    qtbot.addWidget(page)

    page.show_snapshot(snapshot((AppTotal("Slack", "chat", 7500.0),)))

    label = page.approximate_label
    assert not label.isHidden()
    assert "Slack 2 h 05 min" in label.text()
    assert "Reddit" not in label.text()
    assert "not counted toward limits or breaks" in label.text()

    page.show_snapshot(snapshot(()))
    assert label.isHidden()
