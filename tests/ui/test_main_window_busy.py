"""Hiding or closing the window while another program holds the database: the window's place
is not remembered this time, and nothing else is lost (it went to the tray: what it released
is released; it closed: the app's shutdown goes on)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import open_current_repositories
from wellbeing_app.ui.main_window import MainWindow


def test_a_busy_database_does_not_keep_the_window_on_screen(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    fill_demo(tmp_path / "data", clock, days=1)
    repos = open_current_repositories(tmp_path / "data")
    repos.db.conn.execute("PRAGMA busy_timeout = 50")
    window = MainWindow(QIcon(), "test", repos, clock, lambda day: ("", ""))
    qtbot.addWidget(window)
    seen: list[bool] = []
    window.visibility_changed.connect(seen.append)
    window.show()
    qtbot.waitExposed(window)
    other = sqlite3.connect(str(tmp_path / "data" / "wellbeing.db"))
    other.execute("BEGIN IMMEDIATE")
    try:
        window.hide()  # raised DatabaseBusy before: nothing was released
    finally:
        other.rollback()
        other.close()
    assert seen == [True, False]
    assert not window.on_screen and not window.isVisible()
    repos.close()
