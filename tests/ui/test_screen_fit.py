"""Windows fit their screen, and come back where they were when that still fits."""

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.screen_fit import (
    WINDOW_FRAME_ALLOWANCE,
    fit_to_screen,
    fitted_size,
    restore_geometry,
    saved_geometry,
)


def test_a_preferred_size_larger_than_the_screen_is_made_to_fit() -> None:
    # 1366x768 at 150 %: Qt's logical screen is 910x512 (less a panel).
    assert fitted_size(1000, 660, 910, 512) == (910 - WINDOW_FRAME_ALLOWANCE // 2, 472)
    assert fitted_size(1000, 660, 1920, 1040) == (1000, 660)


def test_fit_to_screen_uses_the_widgets_screen(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    available = widget.screen().availableGeometry()
    fit_to_screen(widget, available.width() * 2, available.height() * 2)
    assert widget.width() <= available.width()
    assert widget.height() <= available.height() - WINDOW_FRAME_ALLOWANCE


def test_a_saved_place_comes_back(qtbot: QtBot, repos: Repositories) -> None:
    first = QWidget()
    qtbot.addWidget(first)
    first.setGeometry(40, 50, 500, 300)
    state = AppState(repos.db)
    state.set_value("main_window", saved_geometry(first))

    again = QWidget()
    qtbot.addWidget(again)
    assert restore_geometry(again, state.value("main_window"), 1000, 660)
    assert (again.width(), again.height()) == (500, 300)


def test_a_saved_place_that_no_longer_fits_is_fitted_again(qtbot: QtBot) -> None:
    big = QWidget()
    qtbot.addWidget(big)
    available = big.screen().availableGeometry()
    big.setGeometry(0, 0, available.width() + 600, available.height() + 600)  # another screen
    saved = saved_geometry(big)

    again = QWidget()
    qtbot.addWidget(again)
    restore_geometry(again, saved, 1000, 660)  # Qt may shrink it itself, or we fit it
    assert again.width() <= available.width() and again.height() <= available.height()
    assert not restore_geometry(again, None, 1000, 660)  # nothing saved: the fitted default
    assert not restore_geometry(again, "not base64 geometry", 1000, 660)


def test_app_state_values_are_kept_apart_from_flags(repos: Repositories) -> None:
    state = AppState(repos.db)
    assert state.value("main_window") is None
    state.set_value("main_window", "abc")
    state.set_value("main_window", "def")
    assert state.value("main_window") == "def"
    assert not state.flag("main_window")
