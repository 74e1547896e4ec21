"""The Insights page's layout: it fills the height it is given and scrolls its charts inside,
and the charts sit under the page's title rather than floating in a wide window (#14)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.insights_page import InsightsPage


def test_in_a_scrolling_window_the_page_fills_the_height_without_scrolling(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    """The app's window holds its pages in a scroll area (at 150 % on 1366x768 the page has
    about 720x350); the charts scroll inside the page, the page does not scroll as a whole."""
    window = QScrollArea()
    window.setWidgetResizable(True)
    qtbot.addWidget(window)
    page = InsightsPage(repos, clock)
    window.setWidget(page)
    window.resize(720, 350)
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        window.show()
    QCoreApplication.processEvents()
    assert window.verticalScrollBar().maximum() == 0
    assert page.height() == window.viewport().height()


def test_the_charts_line_up_with_the_title(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    page.resize(1300, 700)  # wider than a chart
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    QCoreApplication.processEvents()
    title = page.findChild(type(page.note), "insightsTitle")
    assert title is not None
    chart = page.images["usage"]
    left = chart.mapTo(page, chart.rect().topLeft()).x()
    assert abs(left - title.mapTo(page, title.rect().topLeft()).x()) <= 2


def test_charts_narrower_than_drawn_fit_the_page(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    """At 150 % on 1366x768 the page is about 650 px wide, narrower than a chart is drawn
    (770 px): the charts shrink to fit rather than scroll sideways, and grow back."""
    page = InsightsPage(repos, clock)
    qtbot.addWidget(page)
    page.resize(650, 500)
    with qtbot.waitSignal(page.panels_shown, timeout=30_000):
        page.show()
    QCoreApplication.processEvents()
    chart = page.images["usage"].pixmap()
    shown_width = chart.width() / chart.devicePixelRatio()
    assert shown_width <= page.chart_scroll.viewport().width()
    assert page.chart_scroll.horizontalScrollBar().maximum() == 0
    page.resize(1300, 700)
    QCoreApplication.processEvents()
    wide = page.images["usage"].pixmap()
    assert wide.width() / wide.devicePixelRatio() > shown_width
