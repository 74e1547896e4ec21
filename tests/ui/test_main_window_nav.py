"""Every page of the main window is reachable by keyboard, and the chosen one is plain to see."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.main_window import MainWindow


def texts(day: date) -> tuple[str, str]:
    return ("What went well today?", "3 of the last 7 days")


class Page(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.field = QLabel(name, self)
        self.field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


@pytest.fixture
def window(qtbot: QtBot, repos: Repositories, clock: FixedClock) -> MainWindow:
    shown = MainWindow(QIcon(), "test", repos, clock, texts)
    qtbot.addWidget(shown)
    for title in ("Insights", "Boundaries", "Activities", "Report & export", "Settings"):
        shown.add_page(title, Page(title))
    return shown


def _keys(window: MainWindow) -> list[str]:
    return [window.nav.page_key(row) for row in range(window.nav.count())]


def test_every_page_has_a_row_with_an_icon_and_a_shortcut(window: MainWindow) -> None:
    assert _keys(window) == [
        "Today",
        "Journal",
        "Insights",
        "Boundaries",
        "Activities",
        "Report & export",
        "Settings",
    ]
    shortcuts = {s.key().toString() for s in window.findChildren(QShortcut)}
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        assert not item.icon().isNull(), item.text()
        assert f"Ctrl+{row + 1}" in shortcuts
        assert f"Ctrl+{row + 1}" in item.toolTip()


def test_ctrl_and_a_number_opens_that_page(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for row in (3, 0, 6, 1):
        number = Qt.Key(Qt.Key.Key_1.value + row)
        qtbot.keyClick(window, number, Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentRow() == row
        assert window.pages.currentIndex() == row
    assert window.nav.hasFocus()  # from there, Up and Down go on


def test_up_and_down_in_the_list_move_between_pages(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.nav.setFocus()
    assert window.nav.currentRow() == 0
    for expected in (1, 2, 3):
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        assert window.pages.currentIndex() == expected
    qtbot.keyClick(window.nav, Qt.Key.Key_End)
    assert window.pages.currentWidget().objectName() == "Settings"
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.nav.page_key(window.nav.currentRow()) == "Report & export"


def _tab_chain(window: MainWindow) -> list[QWidget]:
    """The widgets Tab visits from the page list, in order, until it comes back to it."""
    chain: list[QWidget] = []
    widget = window.nav.nextInFocusChain()
    while widget is not window.nav and len(chain) < 500:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(window)
            and widget.isEnabled()
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_tab_goes_from_the_pages_list_to_the_header_and_into_the_page_shown(
    window: MainWindow,
) -> None:
    window.show()
    window.show_page("Insights")
    chain = _tab_chain(window)
    header = [window.mood_button, window.gratitude_button, window.checkin_button]
    assert chain[:4] == [*header, window.help_button]
    shown = window.pages.currentWidget()
    assert isinstance(shown, Page) and shown.field in chain[4:]
    assert all(shown.isAncestorOf(w) or w.window() is not window for w in chain[4:])


def test_pages_are_found_by_their_english_title(window: MainWindow) -> None:
    window.show_page("Report & export")
    assert window.pages.currentWidget().objectName() == "Report & export"
    window.show_page("No such page")  # nothing happens
    assert window.pages.currentWidget().objectName() == "Report & export"


def test_f1_is_still_the_help_key(window: MainWindow) -> None:
    keys = [s.key() for s in window.findChildren(QShortcut)]
    assert QKeySequence("F1") in keys
