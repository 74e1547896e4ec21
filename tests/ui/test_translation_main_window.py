"""The main window's own text (page names, header, banner actions, status line) goes through
Qt's translation: with the pseudo-translation installed, nothing shows without its markers.

The notice's title and message and the data folder are passed in by the desktop app, so they
are exempt here (see ``tests/ui/test_translation.py`` for the rule and the walker).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_translation import (  # noqa: F401 (fixtures)
    RecordingPseudoTranslator,
    assert_translated,
    demo,
    pseudo_translated,
)
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import DemoData
from wellbeing_app.services.notifier import Notice
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.i18n import PSEUDO_CLOSE, PSEUDO_OPEN
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.nav import PAGE_ICONS

DATA_PLACE = "/home/sam/.local/share/wellbeing"
NOTICE = Notice("How are you feeling?", "A moment to check in.", "mood")


def _texts(_day: date) -> tuple[str, str]:
    return ("", "")


def test_main_window_page_names_header_banner_and_status(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811 (a fixture)
    repos: Repositories,
    clock: FixedClock,
    demo: DemoData,  # noqa: F811 (a fixture)
) -> None:
    window = MainWindow(QIcon(), DATA_PLACE, repos, clock, _texts)
    qtbot.addWidget(window)
    for title in PAGE_ICONS:
        if title not in ("Today", "Journal"):
            window.add_page(title, QWidget())
    window.show_page("Journal")
    window.set_tracking_status("")
    window.show_notice(NOTICE)
    window.show()

    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert names and all(
        name.startswith(PSEUDO_OPEN) and name.endswith(PSEUDO_CLOSE) for name in names
    ), names
    assert window.nav.currentItem().text() == f"{PSEUDO_OPEN}Journal{PSEUDO_CLOSE}"
    assert window.banner.isVisible()
    passed_in = {DATA_PLACE, NOTICE.title, NOTICE.message}
    assert_translated("main window", window, demo, extra=passed_in)
    window.journal.undo_offered.emit(f"{PSEUDO_OPEN}Deleted.{PSEUDO_CLOSE}", lambda: None)
    assert window.banner.action.isVisibleTo(window)
    assert_translated("main window (undo)", window, demo, extra=passed_in)
