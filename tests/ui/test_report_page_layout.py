"""The report page's layout: the preview takes the height the page has left, whatever else
the page holds ("Maximised, the report preview shows three lines", #14)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import generate
from wellbeing_app.report_input import PresetStore
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.data_section import DataSection
from wellbeing_app.ui.report_page import ReportPage
from wellbeing_app.ui.report_preview import ReportPreview
from wellbeing_app.ui.theme import dark_palette


@pytest.fixture
def page(
    qtbot: QtBot, repos: Repositories, clock: FixedClock, tmp_path: Path
) -> Iterator[ReportPage]:
    write_demo(repos, generate(clock.now(), days=30, day_start_hour=4))
    shown = ReportPage(repos, clock, PresetStore(repos.db))
    qtbot.addWidget(shown)
    shown.add_section(DataSection(repos, clock, tmp_path / "data"))  # as the app does
    yield shown
    shown.shutdown()


def height_at(page: ReportPage, width: int, height: int) -> int:
    page.resize(width, height)
    QCoreApplication.processEvents()
    return page.preview.height()


def test_the_preview_grows_with_the_page(qtbot: QtBot, page: ReportPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    short = height_at(page, 1000, 450)
    tall = height_at(page, 1000, 900)
    # Nearly all of the extra height goes to the preview, not to the areas around it.
    assert tall - short >= 0.95 * (900 - 450)


@pytest.mark.parametrize(("width", "height"), [(1000, 450), (1190, 690), (740, 400)])
def test_the_preview_takes_most_of_the_page(
    qtbot: QtBot, page: ReportPage, width: int, height: int
) -> None:
    """From a small window to 1366x768 maximised (and 150 % of it, 910x512 logical), the
    preview is most of the page's height: a good part of the report, not three lines."""
    page.show()
    qtbot.waitExposed(page)
    assert height_at(page, width, height) >= 0.65 * height


def test_the_other_areas_are_a_tab_away(qtbot: QtBot, page: ReportPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    data = page.findChild(DataSection)
    assert data is not None and not data.isVisible()
    page.tabs.setCurrentIndex(1)
    assert data.isVisible() and not page.preview.isVisible()


def test_a_tall_area_beside_the_report_does_not_raise_the_pages_minimum(
    qtbot: QtBot, page: ReportPage, repos: Repositories, clock: FixedClock
) -> None:
    """The app's window scrolls a page taller than it: "Your data" must not make the report's
    tab taller than the report needs (at 150 % on 1366x768 the page has about 350 px)."""
    bare = ReportPage(repos, clock, PresetStore(repos.db))
    qtbot.addWidget(bare)
    tab_bar = page.tabs.tabBar().sizeHint().height()
    assert page.minimumSizeHint().height() <= bare.minimumSizeHint().height() + tab_bar
    bare.shutdown()


def test_in_a_scrolling_window_the_page_fills_the_height_without_scrolling(
    qtbot: QtBot, page: ReportPage
) -> None:
    """The app's window holds its pages in a scroll area; the report page scrolls inside
    (choices, preview), so at 150 % on 1366x768 (about 720x350 for the page) the window does
    not scroll it as a whole, whatever its wrapped labels would like."""
    window = QScrollArea()
    window.setWidgetResizable(True)
    qtbot.addWidget(window)
    window.setWidget(page)
    window.resize(720, 350)
    window.show()
    qtbot.waitExposed(window)
    QCoreApplication.processEvents()
    try:
        assert window.verticalScrollBar().maximum() == 0
        assert page.preview.height() >= 0.5 * 350
    finally:
        window.takeWidget()  # the fixture shuts the page down


def test_the_preview_is_paper_in_a_dark_look(qtbot: QtBot, qapp: QApplication) -> None:
    """The report's HTML is written for white paper: on a dark base its headings and greys
    could not be read, so the preview stays white with dark text whatever the look."""
    before = qapp.palette()
    made_before = ReportPreview()  # the look changes while the app runs
    qtbot.addWidget(made_before)
    qapp.setPalette(dark_palette())
    try:
        made_after = ReportPreview()
        qtbot.addWidget(made_after)
        for preview in (made_before, made_after):
            palette = preview.preview.palette()
            assert palette.color(QPalette.ColorRole.Base).lightness() > 240
            assert palette.color(QPalette.ColorRole.Text).lightness() < 60
    finally:
        qapp.setPalette(before)
